// The widgets' data layer in a real browser: the IndexedDB cache, the offline
// outbox, conflicts and refusals, several tabs, and no IndexedDB at all. Each
// test gets its own api-stub (these tests change data) and checks the outcome
// through the API.
import { expect, TOKENS } from './fixtures.mjs';
import { test, inbox, rows, row, statusLine, call, inquiry, open } from './data-helpers.mjs';

test('the inbox opens from the cache when the server cannot be reached, and says so', async ({ page, own }) => {
  await open(page, own, TOKENS.rep);
  const ids = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
  expect(ids.length).toBeGreaterThan(0);

  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(statusLine(page)).toContainText('Offline: showing saved data');
  await expect(rows(page)).toHaveCount(ids.length);
  expect(await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id))).toEqual(ids);
});

test('a cached record that no longer reads is dropped and loaded again from the server', async ({ page, request, own }) => {
  await open(page, own, TOKENS.rep);
  const id = await rows(page).first().getAttribute('data-id');
  const expected = await inquiry(request, own, TOKENS.rep, id);
  // Damage the cached copy, as a bug in an older version or a tampering
  // extension could.
  await page.evaluate(async (damaged) => {
    const [{ name }] = (await indexedDB.databases()).filter((database) => database.name.startsWith('crm-widgets:'));
    const database = await new Promise((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    await new Promise((resolve, reject) => {
      const transaction = database.transaction('inquiries', 'readwrite');
      transaction.objectStore('inquiries').put({ id: damaged, status: 'no such status', buyer: 42 });
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
    });
    database.close();
  }, id);
  await page.reload();
  await expect(statusLine(page)).toContainText('Up to date');
  await expect(row(page, id)).toContainText(expected.subject);
  await expect(row(page, id).locator('[data-test="inquiry-status"]')).toHaveText(/\S/);
});

test('edits made offline are kept across a closed tab and reach the server exactly once', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.rep);
  const unread = page.locator('crm-inquiry-inbox [data-test="inquiry-row"].unread').first();
  const id = await unread.getAttribute('data-id');
  const before = await inquiry(request, own, TOKENS.rep, id);
  expect(before.unread).toBe(true);
  expect(before.status).toBe('new');

  await context.setOffline(true);
  await unread.click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('open');
  await expect(row(page, id).locator('[data-test="inquiry-status"]')).toHaveText('Open');
  await expect(row(page, id).locator('[data-test="inquiry-pending"]')).toHaveText('Not yet saved');
  await expect(statusLine(page)).toContainText('2 changes waiting to be sent');
  await page.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${own.url}/`);
  await expect(row(again, id).locator('[data-test="inquiry-status"]')).toHaveText('Open');
  await expect(statusLine(again)).toContainText('Up to date');
  await expect(statusLine(again)).not.toContainText('waiting');
  await expect(row(again, id).locator('[data-test="inquiry-pending"]')).toHaveCount(0);

  const after = await inquiry(request, own, TOKENS.rep, id);
  expect(after.status).toBe('open');
  expect(after.unread).toBe(false);
  expect(after.version, 'each edit applied once').toBe(before.version + 2);
});

test('edits reach a faulty server exactly once: a lost answer, a 500, a slow answer', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.manager);
  const read = page.locator('crm-inquiry-inbox [data-test="inquiry-row"]:not(.unread)');
  const ids = (await read.evaluateAll((elements) => elements.map((element) => element.dataset.id))).slice(0, 4);
  expect(ids.length).toBe(4);
  const before = await Promise.all(ids.map((id) => inquiry(request, own, TOKENS.manager, id)));

  await context.setOffline(true);
  for (const id of ids) {
    await row(page, id).click();
    await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  }
  await expect(statusLine(page)).toContainText('4 changes waiting to be sent');

  // The first request is applied but its answer lost, the second meets a 500,
  // the third a slow answer; the rest pass.
  let sent = 0;
  await page.route('**/api/v1/inquiries/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    sent += 1;
    if (sent === 1) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    if (sent === 2) {
      return route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'urn:crm:problem:internal', title: 'Internal error', status: 500 }),
      });
    }
    if (sent === 3) {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return route.fulfill({ response });
    }
    return route.continue();
  });
  await context.setOffline(false);

  for (const [index, id] of ids.entries()) {
    await expect.poll(async () => (await inquiry(request, own, TOKENS.manager, id)).status, { timeout: 30_000 }).toBe('archived');
    const after = await inquiry(request, own, TOKENS.manager, id);
    expect(after.version, `inquiry ${index + 1} changed exactly once`).toBe(before[index].version + 1);
  }
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-pending"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(statusLine(page)).not.toContainText('waiting');
  expect(sent, 'the lost and the failed requests were sent again').toBeGreaterThanOrEqual(6);
});

test('a conflict is never resolved silently: the user sees both and chooses', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.manager);
  await inbox(page).evaluate((element) => element.setAttribute('status', 'new'));
  const first = rows(page).first();
  const id = await first.getAttribute('data-id');
  await first.click();
  // Opening it marked it read; wait until that is saved (first that the edit is
  // made at all: before it, "not saving" holds trivially).
  await expect(row(page, id)).not.toHaveClass(/\bunread\b/);
  await expect(statusLine(page)).not.toContainText('Saving');
  await expect(row(page, id).locator('[data-test="inquiry-pending"]')).toHaveCount(0);

  await context.setOffline(true);
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('open');
  // Meanwhile the owner archives it.
  const current = await inquiry(request, own, TOKENS.owner, id);
  const archived = await call(request, own, TOKENS.owner, 'PATCH', `/inquiries/${id}`, { status: 'archived' },
    { 'If-Match': `"${current.version}"`, 'Content-Type': 'application/json' });
  expect(archived.status).toBe(200);
  await context.setOffline(false);

  const decision = page.locator('crm-inquiry-inbox [data-test="decision"][data-kind="conflict"]');
  await expect(decision).toBeVisible();
  await expect(decision).toContainText('Someone changed');
  await expect(decision.locator('[data-test="decision-yours"]')).toHaveText('Your change: status Open');
  await expect(decision.locator('[data-test="decision-theirs"]')).toHaveText('Now: Archived');
  await expect(statusLine(page)).toContainText('1 conflict to resolve');
  expect((await inquiry(request, own, TOKENS.owner, id)).status, 'nothing applied before the user chose').toBe('archived');

  await decision.locator('[data-test="keep-mine"]').click();
  await expect(decision).toHaveCount(0);
  await expect.poll(async () => (await inquiry(request, own, TOKENS.owner, id)).status).toBe('open');
  await expect(statusLine(page)).not.toContainText('conflict');
});

test('an edit the server refuses is shown with its reason and does not hold up the others', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.rep);
  const all = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
  const [lost, kept] = all;
  await context.setOffline(true);
  await row(page, lost).click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  await row(page, kept).click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  // Meanwhile the owner gives the first inquiry to someone else: the rep may no
  // longer change it.
  const users = await call(request, own, TOKENS.owner, 'GET', '/users');
  const me = await call(request, own, TOKENS.rep, 'GET', '/me');
  const other = users.body.items.find((user) => user.role === 'rep' && user.id !== me.body.user.id);
  const current = await inquiry(request, own, TOKENS.owner, lost);
  const moved = await call(request, own, TOKENS.owner, 'PATCH', `/inquiries/${lost}`, { assignee_id: other.id },
    { 'If-Match': `"${current.version}"`, 'Content-Type': 'application/json' });
  expect(moved.status).toBe(200);
  await context.setOffline(false);

  // Both of the rep's edits of it (opening it marked it read) are refused.
  const refused = page.locator('crm-inquiry-inbox [data-test="decision"][data-kind="rejected"]');
  await expect(refused.first()).toContainText('was refused');
  await expect(refused.first()).toContainText('does not exist or is not yours');
  await expect.poll(async () => (await inquiry(request, own, TOKENS.rep, kept)).status).toBe('archived');
  expect((await inquiry(request, own, TOKENS.owner, lost)).status).not.toBe('archived');
  if (process.env.CRM_SCREENSHOTS) await page.screenshot({ path: `${process.env.CRM_SCREENSHOTS}/refused.png` });
  const count = await refused.count();
  for (let left = count; left > 0; left -= 1) {
    await refused.first().locator('[data-test="discard"]').click();
    await expect(refused).toHaveCount(left - 1);
  }
  await expect(statusLine(page)).not.toContainText('refused');
});

test('with two tabs open, a change in one shows in the other without reloading', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.manager);
  const other = await context.newPage();
  await other.goto(`${own.url}/`);
  await expect(rows(other).first()).toBeVisible();

  const id = await rows(page).first().getAttribute('data-id');
  await rows(page).first().click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  await expect(row(other, id).locator('[data-test="inquiry-status"]')).toHaveText('Archived');

  // A buyer's new inquiry, posted through the portal, reaches both tabs live.
  const me = await call(request, own, TOKENS.manager, 'GET', '/me');
  const subject = `Live inquiry ${Date.now()}`;
  const ingest = await call(request, own, 'demo-portal-service-token', 'POST', '/ingest/inquiries', {
    member_id: me.body.member.id,
    portal_inquiry_id: `LIVE-${Date.now()}`,
    kind: 'product',
    buyer: { name: 'Pat Quinn', company: 'Quinn Facility Supplies', email: 'pat@quinn-facility.example', country: 'US', verified: false },
    product: { name: 'LED Panel Light 600×600 40W' },
    subject,
    message: 'Please quote 500 panels, FOB Ningbo.',
    requirement: { quantity: { value: '500', unit: 'piece' }, sample_wanted: false, oem: false },
  }, { 'Idempotency-Key': `live-${Date.now()}`, 'Content-Type': 'application/json' });
  expect(ingest.status, JSON.stringify(ingest.body)).toBe(201);
  for (const tab of [page, other]) {
    await expect(rows(tab).first()).toContainText(subject);
  }
});

test('a panel that could not load while offline loads by itself when the connection returns', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.rep);
  const { body: page1 } = await call(request, own, TOKENS.rep, 'GET', '/inquiries?limit=50');
  const withCustomer = page1.items.find((item) => item.customer_id);
  expect(withCustomer, 'the seed links inquiries to customers').toBeTruthy();
  const { body: customer } = await call(request, own, TOKENS.rep, 'GET', `/customers/${withCustomer.customer_id}`);

  await context.setOffline(true);
  await row(page, withCustomer.id).click();
  const card = page.locator('crm-customer-card');
  await expect(card.locator('[data-test="error-notice"]')).toContainText('Cannot reach the server');
  await context.setOffline(false);
  await expect(card.locator('[data-test="customer-name"]')).toHaveText(customer.name);
});

test('without IndexedDB the inbox works online from memory and says offline use is off', async ({ page, own }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.addInitScript((chosen) => localStorage.setItem('crm-demo-user', chosen), TOKENS.rep);
  await page.goto(`${own.url}/`);
  await expect(rows(page).first()).toBeVisible();
  await expect(statusLine(page)).toContainText('Offline use is off');
  // Edits still go through.
  const id = await rows(page).first().getAttribute('data-id');
  await rows(page).first().click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  await expect(row(page, id).locator('[data-test="inquiry-status"]')).toHaveText('Archived');
});

test('each user has their own cache: another user on the same browser never sees it', async ({ page, own }) => {
  await open(page, own, TOKENS.rep);
  const repIds = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
  await page.selectOption('[data-test="demo-user"]', TOKENS.otherMember);
  await expect(statusLine(page)).toContainText('Up to date');
  await expect(rows(page).first()).toBeVisible();
  const otherIds = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
  expect(otherIds.filter((id) => repIds.includes(id))).toEqual([]);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  expect(names.filter((name) => name.startsWith('crm-widgets:')).length).toBe(2);
});
