// <crm-customer-card> as a seller uses it: it follows the inbox on host-demo
// (`for="inbox"`), the profile, contacts, notes and reminders are edited in
// place with field messages for bad input, everything reaches the server
// (checked through the API) also after an offline period across a closed tab,
// untrusted text stays text, and the customer exports as CSV and JSON.
import { readFile, writeFile } from 'node:fs/promises';

import { expect, TOKENS } from './fixtures.mjs';
import { test, row, statusLine, call, open } from './data-helpers.mjs';

const card = (page) => page.locator('crm-customer-card');

async function customer(request, server, token, id) {
  const { status, body } = await call(request, server, token, 'GET', `/customers/${id}`);
  expect(status, `GET customer ${id}`).toBe(200);
  return body;
}

async function timeline(request, server, token, id) {
  const { status, body } = await call(request, server, token, 'GET', `/customers/${id}/timeline?kind=activity&limit=200`);
  expect(status).toBe(200);
  return body.items.map((entry) => entry.item);
}

async function reminders(request, server, token, id) {
  const { status, body } = await call(request, server, token, 'GET', `/reminders?customer_id=${id}&limit=200`);
  expect(status).toBe(200);
  return body.items;
}

/** Opens the first inquiry of a known customer in the inbox; the card follows it. */
async function openCustomer(page, request, server, token) {
  const { body } = await call(request, server, token, 'GET', '/inquiries?limit=50');
  const withCustomer = body.items.find((item) => item.customer_id);
  await row(page, withCustomer.id).click();
  const current = await customer(request, server, token, withCustomer.customer_id);
  await expect(card(page).locator('[data-test="customer-name"]')).toHaveText(current.name);
  return { inquiryId: withCustomer.id, customer: current };
}

/** A day `days` after today, as `YYYY-MM-DD` in the browser's time zone. */
async function dayFromToday(page, days) {
  return page.evaluate((offset) => {
    const day = new Date();
    day.setDate(day.getDate() + offset);
    const pad = (n) => String(n).padStart(2, '0');
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  }, days);
}

async function openSection(page, name) {
  const section = card(page).locator(`[data-test="customer-${name}-section"]`);
  if (!(await section.evaluate((details) => details.open))) await section.locator('summary').click();
  return section;
}

test('profile, contacts, notes and reminders are edited in place, checked first, and reach the server', async ({ page, request, own }) => {
  await page.addInitScript(() => {
    window.__changes = [];
    document.addEventListener('crm-customer-change', (event) => window.__changes.push(event.detail));
  });
  await open(page, own, TOKENS.rep);
  const { customer: before } = await openCustomer(page, request, own, TOKENS.rep);

  // Profile: a bad website is refused next to the field, nothing is sent, and
  // nothing typed is lost; fixed, only the changed fields go.
  await card(page).locator('[data-test="edit-profile"]').click();
  const form = card(page).locator('[data-test="profile-form"]');
  await form.locator('[data-test="profile-website"]').fill('not a website');
  await form.locator('[data-test="profile-industry"]').fill('Lighting wholesale');
  await form.locator('[data-test="profile-tags"]').fill([...before.tags, 'fair-2026'].join(', '));
  await form.locator('[data-test="profile-save"]').click();
  await expect(form.locator('[data-test="field-error"]')).toHaveText('Enter a web address such as https://example.com.');
  await expect(form.locator('[data-test="profile-website"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[data-test="profile-industry"]')).toHaveValue('Lighting wholesale');
  expect((await customer(request, own, TOKENS.rep, before.id)).version, 'nothing sent').toBe(before.version);
  await form.locator('[data-test="profile-website"]').fill('https://buyer.example.com');
  await form.locator('[data-test="profile-save"]').click();
  await expect(form).toHaveCount(0);
  await expect(card(page).locator('[data-test="customer-industry"]')).toHaveText('Lighting wholesale');
  await expect(card(page).locator('[data-test="customer-tags"] li', { hasText: 'fair-2026' })).toHaveCount(1);
  await expect.poll(async () => (await customer(request, own, TOKENS.rep, before.id)).industry).toBe('Lighting wholesale');
  const profile = await customer(request, own, TOKENS.rep, before.id);
  expect(profile.website).toBe('https://buyer.example.com');
  expect([...profile.tags].sort()).toEqual([...before.tags, 'fair-2026'].sort());
  expect(profile.name, 'untouched fields stay').toBe(before.name);
  expect(profile.version).toBe(before.version + 1);

  // A contact: each bad field says why; saved, it appears at once and on the server.
  const contacts = await openSection(page, 'contacts');
  // Escape closes a form, as Cancel does.
  await contacts.locator('[data-test="add-contact"]').click();
  await contacts.locator('[data-test="contact-name-input"]').press('Escape');
  await expect(contacts.locator('[data-test="contact-form"]')).toHaveCount(0);
  await contacts.locator('[data-test="add-contact"]').click();
  const contactForm = contacts.locator('[data-test="contact-form"]');
  await contactForm.locator('[data-test="contact-emails"]').fill('sofia at buyer');
  await contactForm.locator('[data-test="contact-save"]').click();
  await expect(contactForm.locator('[data-test="field-error"]')).toHaveText(['Fill this in.', 'Enter e-mail addresses such as name@company.com.']);
  await contactForm.locator('[data-test="contact-name-input"]').fill('Sofía Márquez <img src=x onerror="window.__pwned=1">');
  await contactForm.locator('[data-test="contact-emails"]').fill('sofia@buyer.example.com, purchasing@buyer.example.com');
  await contactForm.locator('[data-test="contact-phones"]').fill('+1 713 555 0100');
  await contactForm.locator('[data-test="contact-role"]').selectOption('decision_maker');
  await contactForm.locator('[data-test="contact-channel"]').selectOption('email');
  await contactForm.locator('[data-test="contact-save"]').click();
  const added = contacts.locator('[data-test="contact"]', { hasText: 'Sofía Márquez' });
  await expect(added.locator('[data-test="contact-name"]')).toHaveText('Sofía Márquez <img src=x onerror="window.__pwned=1">');
  await expect(added.locator('[data-test="contact-email"]')).toHaveText(['sofia@buyer.example.com', 'purchasing@buyer.example.com']);
  await expect.poll(async () => (await customer(request, own, TOKENS.rep, before.id)).contacts.length).toBe(before.contacts.length + 1);
  const created = (await customer(request, own, TOKENS.rep, before.id)).contacts.find((contact) => contact.name.startsWith('Sofía'));
  expect(created).toMatchObject({ buying_role: 'decision_maker', emails: ['sofia@buyer.example.com', 'purchasing@buyer.example.com'], phones: ['+1 713 555 0100'], preferred_channel: 'email' });

  // Edited once saved.
  await expect(added.locator('[data-test="contact-pending"]')).toHaveCount(0);
  await added.locator('[data-test="edit-contact"]').click();
  const editForm = contacts.locator('[data-test="contact-form"]');
  await expect(editForm.locator('[data-test="contact-emails"]')).toHaveValue('sofia@buyer.example.com, purchasing@buyer.example.com');
  await editForm.locator('[data-test="contact-title-input"]').fill('Head of Purchasing');
  await editForm.locator('[data-test="contact-save"]').click();
  await expect(added.locator('[data-test="contact-title"]')).toHaveText('Head of Purchasing');
  await expect.poll(async () => (await customer(request, own, TOKENS.rep, before.id)).contacts.find((contact) => contact.id === created.id).title).toBe('Head of Purchasing');

  // A note of a call, shown at once at the top of the timeline, then saved.
  const stream = await openSection(page, 'timeline');
  await stream.locator('[data-test="add-activity"]').click();
  const activityForm = stream.locator('[data-test="activity-form"]');
  await activityForm.locator('[data-test="activity-save"]').click();
  await expect(activityForm.locator('[data-test="field-error"]')).toHaveText('Fill this in.');
  await activityForm.locator('[data-test="activity-kind"]').selectOption('call');
  await activityForm.locator('[data-test="activity-body-input"]').fill('Called Sofía: <b>wants</b> the DLC report\nand a sample by Friday.');
  await activityForm.locator('[data-test="activity-save"]').click();
  const first = stream.locator('[data-test="timeline-entry"]').first();
  await expect(first.locator('[data-test="activity-body"]')).toHaveText('Called Sofía: <b>wants</b> the DLC report\nand a sample by Friday.');
  await expect.poll(async () => (await timeline(request, own, TOKENS.rep, before.id)).filter((item) => item.body?.startsWith('Called Sofía')).length).toBe(1);
  await expect(stream.locator('[data-pending="true"]')).toHaveCount(0);
  await stream.locator('[data-test="timeline-quotes"]').click();
  await expect(stream.locator('[data-test="timeline-entry"][data-kind="activity"]')).toHaveCount(0);
  await stream.locator('[data-test="timeline-activities"]').click();
  await expect(stream.locator('[data-test="timeline-entry"][data-kind="inquiry"]')).toHaveCount(0);
  await expect(stream.locator('[data-test="timeline-entry"]').first()).toContainText('Called Sofía');

  // A reminder: a day in the past is refused; set for later, then done.
  const due = await openSection(page, 'reminders');
  await due.locator('[data-test="add-reminder"]').click();
  const reminderForm = due.locator('[data-test="reminder-form"]');
  await reminderForm.locator('[data-test="reminder-title-input"]').fill('Send the DLC report');
  await reminderForm.locator('[data-test="reminder-date"]').fill(await dayFromToday(page, -1));
  await reminderForm.locator('[data-test="reminder-save"]').click();
  await expect(reminderForm.locator('[data-test="field-error"]')).toHaveText('Choose today or a later day.');
  const later = await dayFromToday(page, 3);
  await reminderForm.locator('[data-test="reminder-date"]').fill(later);
  await reminderForm.locator('[data-test="reminder-save"]').click();
  const reminder = due.locator('[data-test="reminder"]', { hasText: 'Send the DLC report' });
  await expect(reminder).toHaveAttribute('data-due', 'later');
  await expect.poll(async () => (await reminders(request, own, TOKENS.rep, before.id)).filter((item) => item.title === 'Send the DLC report').map((item) => item.due_on)).toEqual([later]);
  await expect(reminder.locator('[data-test="reminder-pending"]')).toHaveCount(0);
  await reminder.locator('[data-test="reminder-done"]').check();
  await expect(reminder).toHaveAttribute('data-due', 'done');
  await expect.poll(async () => (await reminders(request, own, TOKENS.rep, before.id)).find((item) => item.title === 'Send the DLC report').done_at).not.toBeNull();

  // A stage change shows in the timeline's status changes, once the server has it.
  const stage = profile.stage === 'sampling' ? 'customer' : 'sampling';
  await card(page).locator('[data-test="customer-stage-select"]').selectOption(stage);
  await stream.locator('[data-test="timeline-changes"]').click();
  const stageNames = { lead: 'Lead', prospect: 'Prospect', sampling: 'Sampling', customer: 'Customer', repeat: 'Repeat customer' };
  await expect(stream.locator('[data-test="timeline-entry"][data-kind="status_change"]').first())
    .toContainText(`Lifecycle stage${stageNames[profile.stage]} → ${stageNames[stage]}`);
  await stream.locator('[data-test="timeline-all"]').click();

  // Nothing the buyer or the user typed became markup; the host heard each edit.
  const shadow = await card(page).evaluate((element) => ({
    images: element.shadowRoot.querySelectorAll('img').length,
    bold: element.shadowRoot.querySelectorAll('b').length,
  }));
  expect(shadow).toEqual({ images: 0, bold: 0 });
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  const changes = await page.evaluate(() => window.__changes.map((change) => [change.customerId, change.change]));
  expect(changes).toEqual([
    [before.id, 'profile'], [before.id, 'contact'], [before.id, 'contact'],
    [before.id, 'activity'], [before.id, 'reminder'], [before.id, 'reminder'], [before.id, 'profile'],
  ]);
});

test('a contact, a note and a reminder made offline survive the closed tab and reach the server once', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.rep);
  const { inquiryId, customer: before } = await openCustomer(page, request, own, TOKENS.rep);
  const notesBefore = (await timeline(request, own, TOKENS.rep, before.id)).length;
  const remindersBefore = (await reminders(request, own, TOKENS.rep, before.id)).length;
  // Opening the inquiry read it: that edit is delivered before going offline.
  await expect.poll(async () => (await call(request, own, TOKENS.rep, 'GET', `/inquiries/${inquiryId}`)).body.unread).toBe(false);
  await expect(statusLine(page)).not.toContainText(/Saving|waiting/);

  await context.setOffline(true);
  const contacts = await openSection(page, 'contacts');
  await contacts.locator('[data-test="add-contact"]').click();
  await contacts.locator('[data-test="contact-name-input"]').fill('Offline Person');
  await contacts.locator('[data-test="contact-save"]').click();
  await expect(contacts.locator('[data-test="contact"]', { hasText: 'Offline Person' }).locator('[data-test="contact-pending"]')).toHaveText('Not yet saved');
  const stream = await openSection(page, 'timeline');
  await stream.locator('[data-test="add-activity"]').click();
  await stream.locator('[data-test="activity-body-input"]').fill('Written on the plane');
  await stream.locator('[data-test="activity-save"]').click();
  await expect(stream.locator('[data-pending="true"]')).toContainText('Written on the plane');
  const due = await openSection(page, 'reminders');
  await due.locator('[data-test="add-reminder"]').click();
  await due.locator('[data-test="reminder-title-input"]').fill('Call after the fair');
  await due.locator('[data-test="reminder-date"]').fill(await dayFromToday(page, 7));
  await due.locator('[data-test="reminder-save"]').click();
  await expect(due.locator('[data-test="reminder"]', { hasText: 'Call after the fair' }).locator('[data-test="reminder-pending"]')).toBeVisible();
  await expect(statusLine(page)).toContainText('3 changes waiting to be sent');
  await page.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${own.url}/`);
  await expect(statusLine(again)).toContainText('Up to date');
  await row(again, inquiryId).click();
  await expect(card(again).locator('[data-test="contact-name"]', { hasText: 'Offline Person' })).toHaveCount(1);
  const after = await customer(request, own, TOKENS.rep, before.id);
  expect(after.contacts.filter((contact) => contact.name === 'Offline Person')).toHaveLength(1);
  const notes = await timeline(request, own, TOKENS.rep, before.id);
  expect(notes).toHaveLength(notesBefore + 1);
  expect(notes.filter((item) => item.body === 'Written on the plane')).toHaveLength(1);
  const set = await reminders(request, own, TOKENS.rep, before.id);
  expect(set).toHaveLength(remindersBefore + 1);
  expect(set.filter((item) => item.title === 'Call after the fair')).toHaveLength(1);
  const stream2 = await openSection(again, 'timeline');
  await expect(stream2.locator('[data-test="timeline-entry"]', { hasText: 'Written on the plane' })).toHaveCount(1);
});

test('the customer exports as CSV and JSON with what the card shows', async ({ page, request, own }) => {
  await open(page, own, TOKENS.rep);
  const { customer: shown } = await openCustomer(page, request, own, TOKENS.rep);

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    card(page).locator('[data-test="export-csv"]').click(),
  ]);
  // Leading and trailing dots are dropped from the name ("Inc." → "Inc.csv").
  expect(csvDownload.suggestedFilename()).toBe(`${shown.name.replace(/^\.+|\.+$/g, '')}.csv`);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('customer_id,name,country,website,industry,size,business_type,tier,stage,source,owner,tags,contact_name,contact_title,contact_role,contact_emails,contact_phones,contact_language,contact_preferred_channel');
  expect(lines).toHaveLength(1 + Math.max(1, shown.contacts.length));
  for (const [index, contact] of shown.contacts.entries()) {
    expect(lines[index + 1].startsWith(`${shown.id},`)).toBe(true);
    expect(lines[index + 1]).toContain(contact.emails[0]);
  }

  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    card(page).locator('[data-test="export-json"]').click(),
  ]);
  const exported = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
  expect(exported.id).toBe(shown.id);
  expect(exported.contacts.map((contact) => contact.id)).toEqual(shown.contacts.map((contact) => contact.id));
  expect(exported.metrics.inquiry_count).toBe(shown.metrics.inquiry_count);
});

test('layouts, a due reminder announced once, and a card that names no inbox', async ({ page, request, own }) => {
  await page.addInitScript(() => {
    window.__due = [];
    document.addEventListener('crm-reminder-due', (event) => window.__due.push(event.detail));
  });
  await open(page, own, TOKENS.rep);
  // The rep's reminders due by tomorrow: each customer's card announces them.
  const tomorrow = await dayFromToday(page, 1);
  const { body } = await call(request, own, TOKENS.rep, 'GET', `/reminders?open=true&due_before=${tomorrow}&limit=200`);
  expect(body.items.length, 'the seed has reminders due').toBeGreaterThan(0);
  const dueOne = body.items[0];
  // The host-demo card is compact: sections folded. An explicit id wins over `for`.
  expect(await card(page).getAttribute('layout')).toBe('compact');
  await card(page).evaluate((element, id) => element.setAttribute('customer-id', id), dueOne.customer_id);
  const section = card(page).locator('[data-test="customer-reminders-section"]');
  await expect(section).not.toHaveAttribute('open', '');
  await expect(section.locator('summary')).toContainText('due');
  await expect.poll(() => page.evaluate(() => window.__due.map((detail) => detail.reminderId))).toContain(dueOne.id);

  // A full page of the same customer: every section open.
  await page.evaluate((id) => {
    const full = document.createElement('crm-customer-card');
    full.id = 'full-card';
    full.setAttribute('customer-id', id);
    document.body.append(full);
  }, dueOne.customer_id);
  const full = page.locator('#full-card');
  await expect(full.locator('[data-test="customer-reminders-section"]')).toHaveAttribute('open', '');
  await expect(full.locator('[data-test="customer-timeline-section"]')).toHaveAttribute('open', '');
  await expect(full.locator('[data-test="reminder"][data-due="today"], [data-test="reminder"][data-due="overdue"]').first()).toBeVisible();
  const announced = await page.evaluate((id) => window.__due.filter((detail) => detail.reminderId === id).length, dueOne.id);
  expect(announced, 'once per card').toBe(2);

  // The inbox shows the buyer's due reminders while the rep answers them.
  const { body: inbox } = await call(request, own, TOKENS.rep, 'GET', '/inquiries?limit=50');
  const withCustomer = inbox.items.find((item) => item.customer_id);
  const today = await dayFromToday(page, 0);
  const set = await call(request, own, TOKENS.rep, 'POST', `/customers/${withCustomer.customer_id}/reminders`,
    { kind: 'follow_up', title: 'Send the catalogue <i>today</i>', due_on: today },
    { 'Content-Type': 'application/json', 'Idempotency-Key': 'due-today' });
  expect(set.status, JSON.stringify(set.body)).toBe(201);
  await row(page, withCustomer.id).click();
  await expect(page.locator('crm-inquiry-inbox [data-test="detail-reminder"]', { hasText: 'Send the catalogue' }))
    .toContainText('Send the catalogue <i>today</i> · Due today');

  // host-demo's customer page: the same card as a full page, two columns when wide.
  await page.locator('[data-test="customer-page-link"]').click();
  await expect(page).toHaveURL(new RegExp(`/customer\\.html\\?id=${withCustomer.customer_id}$`));
  const pageCard = page.locator('crm-customer-card');
  await expect(pageCard.locator('[data-test="customer-contacts-section"]')).toHaveAttribute('open', '');
  const [contactsBox, remindersBox] = await Promise.all([
    pageCard.locator('[data-test="customer-contacts-section"]').boundingBox(),
    pageCard.locator('[data-test="customer-reminders-section"]').boundingBox(),
  ]);
  expect(remindersBox.x, 'side by side').toBeGreaterThan(contactsBox.x + contactsBox.width - 1);
  expect(remindersBox.y).toBeCloseTo(contactsBox.y, 0);
  await page.goBack();
  await page.evaluate((id) => {
    const card = document.createElement('crm-customer-card');
    card.id = 'full-card';
    card.setAttribute('customer-id', id);
    document.body.append(card);
  }, dueOne.customer_id);

  // Bad attributes say what is wrong instead of failing silently.
  await full.evaluate((element) => element.setAttribute('layout', 'tiny'));
  await expect(full.locator('[data-test="notice"]')).toContainText('layout');
  await full.evaluate((element) => {
    element.removeAttribute('layout');
    element.removeAttribute('customer-id');
    element.setAttribute('for', 'no-such-inbox');
  });
  await expect(full.locator('[data-test="notice"]')).toContainText('there is no element with this id on the page');
});

test('all customers export as CSV, and a CSV import is previewed with its problems and imported all at once', async ({ page, request, own }, testInfo) => {
  await open(page, own, TOKENS.owner);
  const before = (await call(request, own, TOKENS.owner, 'GET', '/customers?limit=200')).body;
  // Available with no customer shown.
  const section = card(page).locator('[data-test="customer-transfer-section"]');
  await section.locator('summary').click();

  // Export everything, then import it again: nothing new.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.locator('[data-test="export-all-csv"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe('customers.csv');
  const exported = await readFile(await download.path(), 'utf8');
  for (const item of before.items) expect(exported).toContain(item.id);
  await section.locator('[data-test="import-file"]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(exported) });
  await expect(section.locator('[data-test="import-summary"]')).toHaveText('Ready: 0 new customers.');
  await expect(section.locator('[data-test="import-row"]')).toHaveCount(before.items.length);
  await expect(section.locator('[data-test="import-confirm"]')).toBeDisabled();

  // A file with mistakes: each named by line and column, nothing imported.
  const bad = 'name,country,tier,contact_name,contact_emails\n'
    + 'Nordic Lights AB,SE,partnership,Erik Lund,erik@nordiclights.se\n'
    + 'Casa Luz <b>S.A.</b>,Mexico,gold,Ana,ana-at-casaluz\n';
  const badPath = testInfo.outputPath('bad.csv');
  await writeFile(badPath, bad);
  await section.locator('[data-test="import-file"]').setInputFiles(badPath);
  await expect(section.locator('[data-test="import-summary"]')).toHaveText('3 problems: fix them in the file and choose it again. Nothing has been imported.');
  await expect(section.locator('[data-test="import-error"]')).toHaveText([
    'Line 3, contact_emails: Enter e-mail addresses such as name@company.com.',
    'Line 3, country: Enter a two-letter country code such as DE.',
    'Line 3, tier: Use one of: transactional, partnership.',
  ]);
  await expect(section.locator('[data-test="import-row"]').nth(1)).toContainText('Casa Luz <b>S.A.</b>');
  await expect(section.locator('[data-test="import-confirm"]')).toBeDisabled();
  expect((await call(request, own, TOKENS.owner, 'GET', '/customers?limit=200')).body.total).toBe(before.total);

  // Fixed: imported in one go, and the new customers are there.
  const good = bad.replace('Mexico,gold,Ana,ana-at-casaluz', 'MX,transactional,Ana,ana@casaluz.mx');
  await section.locator('[data-test="import-file"]').setInputFiles({ name: 'fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(section.locator('[data-test="import-summary"]')).toHaveText('Ready: 2 new customers.');
  await section.locator('[data-test="import-confirm"]').click();
  await expect(section.locator('[data-test="import-done"]')).toHaveText('Imported 2 customers.');
  const after = (await call(request, own, TOKENS.owner, 'GET', '/customers?limit=200&q=casa%20luz')).body;
  expect(after.items.map((item) => item.name)).toEqual(['Casa Luz <b>S.A.</b>']);
  expect((await call(request, own, TOKENS.owner, 'GET', '/customers?limit=200')).body.total).toBe(before.total + 2);
  expect(await card(page).evaluate((element) => element.shadowRoot.querySelectorAll('b').length)).toBe(0);
});

test('a look-alike customer is offered for merging, merged through the outbox, or set aside for good', async ({ page, request, own }) => {
  await page.addInitScript(() => {
    window.__changes = [];
    document.addEventListener('crm-customer-change', (event) => window.__changes.push(event.detail));
  });
  await open(page, own, TOKENS.owner);
  const { body: firstPage } = await call(request, own, TOKENS.owner, 'GET', '/inquiries?limit=50');
  const withCustomer = firstPage.items.find((item) => item.customer_id);
  const survivor = await customer(request, own, TOKENS.owner, withCustomer.customer_id);
  const domain = survivor.contacts.flatMap((contact) => contact.emails)[0].split('@')[1];
  const create = async (body) => {
    const { status, body: created } = await call(request, own, TOKENS.owner, 'POST', '/customers', {
      country: survivor.country, business_type: 'importer', tier: 'transactional', stage: 'lead', source: 'trade_show', ...body,
    }, { 'Content-Type': 'application/json', 'Idempotency-Key': `k-${body.name}` });
    expect(status, JSON.stringify(created)).toBe(201);
    return created;
  };
  const lookAlike = await create({
    name: survivor.name.toUpperCase(),
    contacts: [{ name: 'Trade Fair Contact', buying_role: 'technical', emails: [`fair@${domain}`] }],
  });
  const other = await create({ name: 'Another Branch Of Them', contacts: [{ name: 'Branch', buying_role: 'other', emails: [`branch@${domain}`] }] });

  await row(page, withCustomer.id).click();
  const offers = card(page).locator('[data-test="duplicate"]');
  await expect(offers).toHaveCount(2);
  await expect(offers.first()).toContainText(`Looks like the same buyer as “${lookAlike.name}”`);
  await expect(offers.first()).toContainText(`same e-mail domain ${domain} · same name apart from spelling and legal form`);
  await expect(offers.nth(1)).toContainText(`same e-mail domain ${domain}`);

  // "Not the same company" is remembered.
  await card(page).locator(`[data-test="duplicate"][data-id="${other.id}"] [data-test="not-duplicate"]`).click();
  await expect(offers).toHaveCount(1);

  // Merged: the look-alike is gone on the server, its contact joined.
  await offers.first().locator('[data-test="merge"]').click();
  await expect(offers).toHaveCount(0);
  await expect.poll(async () => (await call(request, own, TOKENS.owner, 'GET', `/customers/${lookAlike.id}`)).status).toBe(404);
  const merged = await customer(request, own, TOKENS.owner, survivor.id);
  expect(merged.contacts.map((contact) => contact.name)).toContain('Trade Fair Contact');
  expect(merged.name).toBe(survivor.name);
  await openSection(page, 'contacts');
  await expect(card(page).locator('[data-test="contact-name"]', { hasText: 'Trade Fair Contact' })).toHaveCount(1);
  expect(await page.evaluate(() => window.__changes.map((change) => change.change))).toEqual(['merge']);

  await page.reload();
  await row(page, withCustomer.id).click();
  await expect(card(page).locator('[data-test="customer-name"]')).toHaveText(survivor.name);
  await expect(card(page).locator('[data-test="customer-metrics"]')).toBeVisible();
  await expect(offers).toHaveCount(0);
});
