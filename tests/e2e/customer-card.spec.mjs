// <crm-customer-card> on the data layer: tier and lifecycle stage changed in
// place, saved through the outbox (also offline, across a closed tab), and a
// conflict with a colleague's change shown for the user to decide. Checked
// through the API.
import { expect, TOKENS } from './fixtures.mjs';
import { test, row, statusLine, call, open } from './data-helpers.mjs';

const card = (page) => page.locator('crm-customer-card');

async function customer(request, server, token, id) {
  const { status, body, headers } = await call(request, server, token, 'GET', `/customers/${id}`);
  expect(status, `GET customer ${id}`).toBe(200);
  return { ...body, etag: headers.etag };
}

/** Opens an inquiry of a known customer; returns the customer as the API has it. */
async function openCustomer(page, request, server, token) {
  const { body } = await call(request, server, token, 'GET', '/inquiries?limit=50');
  const withCustomer = body.items.find((item) => item.customer_id);
  expect(withCustomer, 'the seed links inquiries to customers').toBeTruthy();
  await row(page, withCustomer.id).click();
  const current = await customer(request, server, token, withCustomer.customer_id);
  await expect(card(page).locator('[data-test="customer-name"]')).toHaveText(current.name);
  return { inquiryId: withCustomer.id, customer: current };
}

test('tier and stage change in place and reach the server, also from offline across a closed tab', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.rep);
  const { inquiryId, customer: before } = await openCustomer(page, request, own, TOKENS.rep);

  const tier = before.tier === 'partnership' ? 'transactional' : 'partnership';
  await card(page).locator('[data-test="customer-tier-select"]').selectOption(tier);
  await expect(card(page).locator('[data-test="customer-tier"]')).toHaveText(tier === 'partnership' ? 'Partnership' : 'Transactional');
  await expect.poll(async () => (await customer(request, own, TOKENS.rep, before.id)).tier).toBe(tier);
  await expect(card(page).locator('[data-test="customer-pending"]')).toHaveCount(0);
  // The server's answer replaces the edit shown meanwhile, and says the same.
  await expect(card(page).locator('[data-test="customer-tier-select"]')).toHaveValue(tier);

  // Offline: the change shows at once, waits, and survives the tab.
  const stage = before.stage === 'sampling' ? 'customer' : 'sampling';
  await context.setOffline(true);
  await card(page).locator('[data-test="customer-stage-select"]').selectOption(stage);
  await expect(card(page).locator('[data-test="customer-pending"]')).toHaveText('Not yet saved');
  await expect(card(page).locator('[data-test="customer-stage-select"]')).toHaveValue(stage);
  await expect(statusLine(page)).toContainText('1 change waiting to be sent');
  await page.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${own.url}/`);
  await expect(statusLine(again)).toContainText('Up to date');
  await row(again, inquiryId).click();
  await expect(card(again).locator('[data-test="customer-stage-select"]')).toHaveValue(stage);
  await expect(card(again).locator('[data-test="customer-pending"]')).toHaveCount(0);
  const after = await customer(request, own, TOKENS.rep, before.id);
  expect(after.stage).toBe(stage);
  expect(after.tier).toBe(tier);
  expect(after.version, 'each edit applied once').toBe(before.version + 2);
});

test('a colleague changed the customer first: the user sees both and chooses', async ({ page, context, request, own }) => {
  await open(page, own, TOKENS.manager);
  const { customer: before } = await openCustomer(page, request, own, TOKENS.manager);
  const mine = before.stage === 'sampling' ? 'customer' : 'sampling';
  const theirs = before.tier === 'partnership' ? 'transactional' : 'partnership';

  await context.setOffline(true);
  await card(page).locator('[data-test="customer-stage-select"]').selectOption(mine);
  const changed = await call(request, own, TOKENS.owner, 'PATCH', `/customers/${before.id}`, { tier: theirs },
    { 'If-Match': before.etag, 'Content-Type': 'application/json' });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  await context.setOffline(false);

  const decision = page.locator('crm-inquiry-inbox [data-test="decision"][data-kind="conflict"]');
  await expect(decision).toContainText(`Someone changed “${before.name}”`);
  const stageName = mine === 'sampling' ? 'Sampling' : 'Customer';
  await expect(decision.locator('[data-test="decision-yours"]')).toHaveText(`Your change: stage ${stageName}`);
  await expect(decision.locator('[data-test="decision-theirs"]')).toContainText(theirs === 'partnership' ? 'Partnership' : 'Transactional');
  expect((await customer(request, own, TOKENS.owner, before.id)).stage, 'nothing applied before the user chose').toBe(before.stage);

  await decision.locator('[data-test="keep-mine"]').click();
  await expect(decision).toHaveCount(0);
  await expect.poll(async () => (await customer(request, own, TOKENS.owner, before.id)).stage).toBe(mine);
  const after = await customer(request, own, TOKENS.owner, before.id);
  expect(after.tier, "the colleague's change stays").toBe(theirs);
  await expect(card(page).locator('[data-test="customer-stage-select"]')).toHaveValue(mine);
});
