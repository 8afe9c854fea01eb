// The inbox as a rep or manager works it: filters and orders that list exactly
// what the API lists, counts per status, the virtual list, the detail pane
// (thread, reply, assignment, status flow with reasons), bulk actions, the
// keyboard, and buyer text that stays text. Outcomes are checked through the API.
import { expect } from './fixtures.mjs';
import { TOKENS } from './fixtures.mjs';
import { call, inquiry, inbox, open, rows, row, statusLine, test } from './data-helpers.mjs';

const shown = (page) => rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
const control = (page, name) => page.locator(`crm-inquiry-inbox [data-test="${name}"]`);
const total = (page) => control(page, 'inquiry-total');
const count = (n) => `${n.toLocaleString('en')} ${n === 1 ? 'inquiry' : 'inquiries'}`;

/** The inbox lists what `GET /inquiries?query` lists: same total, same order. */
async function expectListed(page, request, server, token, query) {
  const { body } = await call(request, server, token, 'GET', `/inquiries?limit=50&${query}`);
  await expect(total(page), query).toHaveText(count(body.total));
  if (body.total === 0) return body;
  await expect(rows(page).first()).toHaveAttribute('data-id', body.items[0].id);
  const ids = await shown(page);
  expect(ids, query).toEqual(body.items.slice(0, ids.length).map((item) => item.id));
  return body;
}

test('filters, search and orders list exactly what the API lists, with counts per status', async ({ page, request, own }) => {
  await open(page, own, TOKENS.manager);
  const users = (await call(request, own, TOKENS.manager, 'GET', '/users')).body.items;
  const wangFang = users.find((user) => user.name === 'Wang Fang');

  // Tabs count every status under the other filters, as the API's status_counts do.
  const all = await expectListed(page, request, own, TOKENS.manager, '');
  for (const { status, count: n } of all.status_counts) {
    await expect(control(page, 'status-tab').and(page.locator(`[data-status="${status}"]`)).locator('[data-test="status-count"]')).toHaveText(n.toLocaleString('en'));
  }

  await control(page, 'filter-assignee').selectOption(wangFang.id);
  await expect(inbox(page)).toHaveAttribute('assignee', wangFang.id);
  await expectListed(page, request, own, TOKENS.manager, `assignee=${wangFang.id}`);

  await control(page, 'filter-unread').check();
  await expectListed(page, request, own, TOKENS.manager, `assignee=${wangFang.id}&unread=true`);

  await control(page, 'clear-filters').click();
  await expect(inbox(page)).not.toHaveAttribute('assignee');
  await control(page, 'filter-score').selectOption('60');
  await control(page, 'filter-country').selectOption('DE');
  const germany = await expectListed(page, request, own, TOKENS.manager, 'score_min=60&country=DE');
  expect(germany.total).toBeGreaterThan(0);

  for (const sort of ['score_desc', 'due_asc', 'received_asc']) {
    await control(page, 'sort').selectOption(sort);
    await expectListed(page, request, own, TOKENS.manager, `score_min=60&country=DE&sort=${sort}`);
  }

  await control(page, 'clear-filters').click();
  await control(page, 'sort').selectOption('received_desc');
  await control(page, 'filter-tag').selectOption('OEM');
  await control(page, 'status-tab').and(page.locator('[data-status="open"]')).click();
  const oem = await expectListed(page, request, own, TOKENS.manager, 'tag=OEM&status=open');
  for (const { status, count: n } of oem.status_counts) {
    await expect(control(page, 'status-tab').and(page.locator(`[data-status="${status}"]`)).locator('[data-test="status-count"]')).toHaveText(n.toLocaleString('en'));
  }

  // A date range: whole days, the last one included.
  await control(page, 'clear-filters').click();
  await control(page, 'status-tab').and(page.locator('[data-status=""]')).click();
  const middle = all.items[25].received_at.slice(0, 10);
  await control(page, 'filter-from').fill(middle);
  await control(page, 'filter-to').fill(middle);
  const next = new Date(Date.parse(`${middle}T00:00:00Z`) + 86_400_000).toISOString().replace('.000', '');
  const day = await expectListed(page, request, own, TOKENS.manager, `received_from=${middle}T00:00:00Z&received_to=${next}`);
  expect(day.total).toBeGreaterThan(0);
});

test('the list is virtual: a few dozen rows exist however many match, and scrolling and the keyboard reach the end', async ({ page, request, own }) => {
  await open(page, own, TOKENS.manager);
  const { body: newest } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1');
  const { body: oldest } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1&sort=received_asc');
  expect(newest.total).toBeGreaterThan(200);
  await expect(total(page)).toHaveText(count(newest.total));
  expect((await shown(page)).length).toBeLessThan(40);

  // Scrolled to the bottom, the last rows are there and the first are gone.
  await control(page, 'inquiry-viewport').evaluate((viewport) => { viewport.scrollTop = viewport.scrollHeight; });
  await expect(row(page, oldest.items[0].id)).toBeVisible();
  await expect(row(page, newest.items[0].id)).toHaveCount(0);
  expect((await shown(page)).length).toBeLessThan(40);
  const last = await page.locator('crm-inquiry-inbox .row-item').last().getAttribute('aria-posinset');
  expect(Number(last)).toBe(newest.total);

  // Home and End move the keyboard's row, scrolling it into view.
  await row(page, oldest.items[0].id).focus();
  await page.keyboard.press('Home');
  await expect(row(page, newest.items[0].id)).toBeFocused();
  await page.keyboard.press('End');
  await expect(row(page, oldest.items[0].id)).toBeFocused();
});

test('keyboard only: move, open, reply, assign, archive, help', async ({ page, request, own }) => {
  await open(page, own, TOKENS.manager);
  const { body: list } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=5&status=new');
  const [first, second] = list.items;
  await control(page, 'status-tab').and(page.locator('[data-status="new"]')).click();
  await expect(rows(page).first()).toHaveAttribute('data-id', first.id);

  // From the list, j moves down, k up; Enter opens.
  await row(page, first.id).focus();
  await page.keyboard.press('j');
  await expect(row(page, second.id)).toBeFocused();
  await page.keyboard.press('k');
  await expect(row(page, first.id)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(inbox(page)).toHaveAttribute('selected', first.id);
  await expect(control(page, 'inquiry-detail')).toHaveAttribute('data-inquiry', first.id);
  const before = await inquiry(request, own, TOKENS.manager, first.id);
  await expect(control(page, 'thread').locator('[data-test="message"]')).toHaveCount(before.messages.length);

  // r: the reply box; Ctrl+Enter sends; the reply joins the thread on the server.
  await row(page, first.id).focus();
  await page.keyboard.press('r');
  await expect(control(page, 'reply-body')).toBeFocused();
  const reply = `Thank you, we will quote today (${Date.now()}).`;
  await page.keyboard.type(reply);
  await page.keyboard.press('Control+Enter');
  await expect(control(page, 'reply-body')).toHaveValue('');
  await expect(control(page, 'announcement')).toContainText('reply');
  await expect(control(page, 'thread')).toContainText(reply);
  await expect.poll(async () => (await inquiry(request, own, TOKENS.manager, first.id)).messages.map((message) => message.body)).toContain(reply);
  const replied = await inquiry(request, own, TOKENS.manager, first.id);
  expect(replied.status, 'a reply opens a new inquiry').toBe('open');
  expect(replied.first_response_at).not.toBeNull();

  // a: the assignee select (the reply made the inquiry open: it left the New tab,
  // and shortcuts act on the open inquiry from anywhere in the inbox).
  await control(page, 'toggle-read').focus();
  await page.keyboard.press('a');
  await expect(control(page, 'assign-select')).toBeFocused();
  const users = (await call(request, own, TOKENS.manager, 'GET', '/users')).body.items;
  const wangFang = users.find((user) => user.name === 'Wang Fang');
  await control(page, 'assign-select').selectOption(wangFang.id);
  await expect.poll(async () => (await inquiry(request, own, TOKENS.manager, first.id)).assignee?.id).toBe(wangFang.id);

  // e archives the open inquiry.
  await control(page, 'toggle-read').focus();
  await page.keyboard.press('e');
  await expect(control(page, 'announcement')).toContainText('Archived');
  await expect.poll(async () => (await inquiry(request, own, TOKENS.manager, first.id)).status).toBe('archived');

  // Archiving the focused row from the New tab: it leaves the list, and the
  // next row takes its place and the focus.
  await inbox(page).evaluate((element) => element.removeAttribute('selected'));
  await control(page, 'status-tab').and(page.locator('[data-status="new"]')).click();
  const { body: news } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=2&status=new');
  await row(page, news.items[0].id).focus();
  await page.keyboard.press('e');
  await expect(row(page, news.items[1].id)).toBeFocused();
  await expect(row(page, news.items[0].id)).toHaveCount(0);

  // x ticks the keyboard's row for bulk actions; ? shows the shortcuts.
  await control(page, 'status-tab').and(page.locator('[data-status="new"]')).click();
  await rows(page).first().focus();
  await page.keyboard.press('x');
  await expect(control(page, 'bulk-count')).toHaveText('1 selected');
  await page.keyboard.press('?');
  await expect(control(page, 'keyboard-help')).toBeVisible();
  await page.keyboard.press('?');
  await expect(control(page, 'keyboard-help')).toHaveCount(0);
});

test('the status flow asks why an inquiry was lost or is spam, and a reply draft survives a reload', async ({ page, request, own }) => {
  await open(page, own, TOKENS.manager);
  const { body: quoted } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1&status=quoted');
  const { body: fresh } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1&status=new');
  const changes = page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('crm-inquiry-change', (event) => resolve(event.detail), { once: true });
  }));

  await control(page, 'inbox-search').fill(quoted.items[0].subject);
  await row(page, quoted.items[0].id).click();
  await control(page, 'status-select').selectOption('lost');
  await control(page, 'lost-reason').selectOption('lead_time');
  await control(page, 'confirm-status').click();
  expect(await changes).toEqual({ inquiryIds: [quoted.items[0].id], change: { status: 'lost', lost_reason: 'lead_time' } });
  await expect.poll(async () => {
    const { status, lost_reason: reason } = await inquiry(request, own, TOKENS.manager, quoted.items[0].id);
    return [status, reason];
  }).toEqual(['lost', 'lead_time']);
  await expect(control(page, 'inquiry-detail')).toContainText('Lost: Lead time too long');

  await control(page, 'inbox-search').fill(fresh.items[0].subject);
  await row(page, fresh.items[0].id).click();
  await control(page, 'status-select').selectOption('spam');
  await expect(control(page, 'spam-reason')).toHaveValue('Not a genuine inquiry');
  await control(page, 'spam-reason').fill('Sells crypto, not a buyer');
  await control(page, 'confirm-status').click();
  await expect.poll(async () => {
    const { status, spam_reason: reason } = await inquiry(request, own, TOKENS.manager, fresh.items[0].id);
    return [status, reason];
  }).toEqual(['spam', 'Sells crypto, not a buyer']);

  // What the user types in the reply box is kept across a reload.
  await control(page, 'reply-body').fill('Half-written reply');
  await page.reload();
  await control(page, 'inbox-search').fill(fresh.items[0].subject);
  await row(page, fresh.items[0].id).click();
  await expect(control(page, 'reply-body')).toHaveValue('Half-written reply');
});

test('a reply written offline waits in the outbox, shows as sending, and reaches the buyer once', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.manager);
  const { body } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1&status=open');
  const target = body.items[0];
  const before = await inquiry(request, own, TOKENS.manager, target.id);
  await control(page, 'inbox-search').fill(target.subject);
  await row(page, target.id).click();
  await expect(control(page, 'thread').locator('[data-test="message"]')).toHaveCount(before.messages.length);

  await context.setOffline(true);
  const reply = `Written offline ${Date.now()}`;
  await control(page, 'reply-body').fill(reply);
  await control(page, 'send-reply').click();
  await expect(control(page, 'thread').locator('[data-test="pending-reply"]')).toContainText(reply);
  await expect(statusLine(page)).toContainText('waiting to be sent');
  await context.setOffline(false);
  await expect(control(page, 'thread').locator('[data-test="pending-reply"]')).toHaveCount(0);
  await expect(control(page, 'thread').locator('[data-test="message"]').last()).toContainText(reply);
  const after = await inquiry(request, own, TOKENS.manager, target.id);
  expect(after.messages.filter((message) => message.body === reply)).toHaveLength(1);
  expect(after.messages).toHaveLength(before.messages.length + 1);
});

test('bulk actions change every ticked inquiry the workflow allows and say how many were skipped', async ({ page, request, own }) => {
  await open(page, own, TOKENS.manager);
  const users = (await call(request, own, TOKENS.manager, 'GET', '/users')).body.items;
  const liWei = users.find((user) => user.name === 'Li Wei');
  const { body: fresh } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=3&status=new');
  const { body: archivedOnes } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1&status=archived');
  const list = { items: [...fresh.items, ...archivedOnes.items] };
  expect(list.items).toHaveLength(4);
  await control(page, 'inbox-search').fill('');
  for (const item of list.items) {
    await control(page, 'status-tab').and(page.locator(`[data-status="${item.status}"]`)).click();
    await control(page, 'inbox-search').fill(item.subject);
    await row(page, item.id).locator('xpath=..').locator('[data-test="row-check"]').check();
  }
  await control(page, 'inbox-search').fill('');
  await expect(control(page, 'bulk-count')).toHaveText(`${list.items.length} selected`);

  await control(page, 'bulk-assign').selectOption(liWei.id);
  await expect(control(page, 'announcement')).toHaveText(`${list.items.length} inquiries changed`);
  for (const item of list.items) {
    await expect.poll(async () => (await inquiry(request, own, TOKENS.manager, item.id)).assignee?.id).toBe(liWei.id);
  }

  // Spam is only reachable from new or open: archived ones are skipped.
  for (const item of list.items) {
    await control(page, 'status-tab').and(page.locator(`[data-status="${item.status}"]`)).click();
    await control(page, 'inbox-search').fill(item.subject);
    await row(page, item.id).locator('xpath=..').locator('[data-test="row-check"]').check();
  }
  const archived = list.items.filter((item) => item.status === 'archived').length;
  await control(page, 'bulk-spam').click();
  await expect(control(page, 'announcement')).toHaveText(
    `${list.items.length - archived} ${list.items.length - archived === 1 ? 'inquiry' : 'inquiries'} changed · ${archived} skipped: their status does not allow it`,
  );
  for (const item of list.items) {
    await expect.poll(async () => (await inquiry(request, own, TOKENS.manager, item.id)).status).toBe(item.status === 'archived' ? 'archived' : 'spam');
  }
  await expect(control(page, 'bulk-count')).toHaveCount(0);
});

test('hostile buyer text arriving live stays text in the list and the detail pane', async ({ page, request, own }) => {
  await open(page, own, TOKENS.manager);
  const me = await call(request, own, TOKENS.manager, 'GET', '/me');
  const hostile = (field) => `<img src=x onerror="window.__pwned='${field}'"><script>window.__pwned='${field}'</script>`;
  const ingest = await call(request, own, 'demo-portal-service-token', 'POST', '/ingest/inquiries', {
    member_id: me.body.member.id,
    portal_inquiry_id: `XSS-${Date.now()}`,
    kind: 'product',
    buyer: {
      name: hostile('name'),
      company: `${hostile('company')} شركة 👋`,
      email: 'x@hostile.example',
      country: 'EG',
      city: hostile('city'),
      language: 'ar',
      verified: false,
    },
    product: { name: hostile('product') },
    subject: hostile('subject'),
    message: `${hostile('message')}\nمرحبا، نريد عرض سعر`,
    requirement: {
      quantity: { value: '10', unit: 'piece' },
      destination: { country: 'EG', place: hostile('place') },
      sample_wanted: true,
      oem: false,
    },
  }, { 'Idempotency-Key': `xss-${Date.now()}`, 'Content-Type': 'application/json' });
  expect(ingest.status, JSON.stringify(ingest.body)).toBe(201);
  const id = ingest.body.inquiry_id;

  // It arrives without a reload.
  await expect(rows(page).first()).toHaveAttribute('data-id', id);
  await expect(rows(page).first()).toContainText(hostile('company'));
  await rows(page).first().click();
  const detail = control(page, 'inquiry-detail');
  await expect(detail.locator('[data-test="thread"]')).toContainText(hostile('message'));
  await expect(detail).toContainText(hostile('city'));
  await expect(detail.locator('[data-test="requirement"]')).toContainText(hostile('place'));
  await expect(control(page, 'buyer-language')).toContainText('Arabic');
  await control(page, 'reply-template').selectOption({ index: 1 });
  await expect(control(page, 'reply-body')).toHaveValue(new RegExp(`Dear ${hostile('name').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const markup = await page.locator('crm-inquiry-inbox').evaluate((element) => element.shadowRoot.querySelectorAll('img, script, b').length);
  expect(markup).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('in a narrow inbox the detail pane takes the list\'s place; its buttons act and reach the host', async ({ page, request, own }) => {
  await page.setViewportSize({ width: 700, height: 900 });
  await open(page, own, TOKENS.manager);
  const me = (await call(request, own, TOKENS.manager, 'GET', '/me')).body.user;
  const { body: fresh } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1&status=new');
  const waiting = fresh.items[0];
  expect(waiting.response_due_at, 'new inquiries have a response target').not.toBeNull();
  const { body: unassigned } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=1&assignee=unassigned');
  const target = unassigned.items[0];

  // A row waiting for its first reply shows the response clock.
  await control(page, 'inbox-search').fill(waiting.subject);
  await expect(row(page, waiting.id).locator('[data-test="response-clock"]')).toHaveText(/^Reply (due|overdue)/);

  // Opened, the pane replaces the list; "Assign to me" reaches the server.
  await control(page, 'inbox-search').fill(target.subject);
  await row(page, target.id).click();
  await expect(control(page, 'inquiry-detail')).toBeVisible();
  await expect(control(page, 'inquiry-viewport')).toBeHidden();
  await control(page, 'assign-me').click();
  await expect.poll(async () => (await inquiry(request, own, TOKENS.manager, target.id)).assignee?.id).toBe(me.id);
  await expect(control(page, 'assign-me')).toHaveCount(0);

  // "Back to the list" closes the pane and gives the list back.
  await control(page, 'detail-back').click();
  await expect(inbox(page)).not.toHaveAttribute('selected');
  await expect(control(page, 'inquiry-viewport')).toBeVisible();

  // The help button shows the shortcuts, its close button hides them.
  await control(page, 'help-button').click();
  await expect(control(page, 'keyboard-help')).toContainText('Archive');
  await control(page, 'help-close').click();
  await expect(control(page, 'keyboard-help')).toHaveCount(0);

  // "Open customer card" tells the host, whose glue shows the card.
  const { body: list } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=50');
  const withCustomer = list.items.find((item) => item.customer_id);
  const { body: customer } = await call(request, own, TOKENS.manager, 'GET', `/customers/${withCustomer.customer_id}`);
  await control(page, 'inbox-search').fill(withCustomer.subject);
  await row(page, withCustomer.id).click();
  await page.locator('crm-customer-card').evaluate((card) => card.removeAttribute('customer-id'));
  const opened = page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('crm-customer-open', (event) => resolve(event.detail), { once: true });
  }));
  await control(page, 'open-customer').click();
  expect(await opened).toEqual({ customerId: withCustomer.customer_id });
  await expect(page.locator('crm-customer-card [data-test="customer-name"]')).toHaveText(customer.name);
});

test('while its first sync is on the way the inbox gives no count (never "0 inquiries"), then the count', async ({ page }) => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/v1/**', async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.locator('crm-inquiry-inbox .skeleton').first()).toBeVisible();
  await expect(total(page)).toHaveText('');
  release();
  await expect(total(page)).toHaveText(/^\d[\d,]* inquir/);
});
