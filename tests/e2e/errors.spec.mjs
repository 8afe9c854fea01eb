// Bad input anywhere gets a readable message inside the widget that met it; the
// host page and the other widgets go on working.
import { test, expect } from './fixtures.mjs';

test('each widget explains its own problem and the healthy one still works', async ({ page }) => {
  await page.goto('/test-pages/errors.html');
  await expect(page.locator('#healthy [data-test="inquiry-row"]').first()).toBeVisible();

  await expect(page.locator('#wrong-base [data-test="error-notice"]')).toContainText('This record does not exist or is not yours');
  await expect(page.locator('#wrong-base [data-test="error-notice"]')).toHaveAttribute('role', 'alert');

  const badStatus = page.locator('#bad-status [data-test="notice"]');
  await expect(badStatus).toContainText('This panel is not set up correctly');
  await expect(badStatus).toContainText('“pending”');
  await expect(badStatus).toContainText('expected one of new, open, quoted, won, lost, spam, archived');
  // The user can still get out of it: "All" clears the bad filter.
  await page.locator('#bad-status [data-test="status-tab"][data-status=""]').click();
  await expect(page.locator('#bad-status [data-test="inquiry-row"]').first()).toBeVisible();

  await expect(page.locator('#bad-id [data-test="notice"]')).toContainText('“42”');
  await expect(page.locator('#unknown-customer [data-test="error-notice"]')).toContainText('This record does not exist or is not yours');
  await expect(page.locator('#bad-currency [data-test="notice"]')).toContainText('“dollars”');
});

test('an unreachable server is reported with a retry that recovers', async ({ page }) => {
  let failing = true;
  await page.route('**/api/v1/inquiries?**', (route) => (failing ? route.abort('connectionrefused') : route.continue()));
  await page.goto('/test-pages/basic.html');
  const notice = page.locator('crm-inquiry-inbox [data-test="error-notice"]');
  await expect(notice).toContainText('Cannot reach the server');
  failing = false;
  await notice.getByRole('button').click();
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();
});

test('a server answer that breaks the contract is reported, not rendered half-way', async ({ page }) => {
  await page.route('**/api/v1/inquiries?**', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ items: [{ id: 'not-a-uuid' }], next_cursor: null, total: 1 }),
  }));
  await page.goto('/test-pages/basic.html');
  await expect(page.locator('crm-inquiry-inbox [data-test="error-notice"]')).toContainText('The server sent data this panel cannot read');
});

test('a 5xx without a problem document still gets a readable message', async ({ page }) => {
  await page.route('**/api/v1/inquiries?**', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }));
  await page.goto('/test-pages/basic.html');
  const notice = page.locator('crm-inquiry-inbox [data-test="error-notice"]');
  await expect(notice).toContainText('The server had a problem');
  await expect(notice.getByRole('button')).toBeVisible();
});

test('buyer text is shown as text, never as markup', async ({ page, api }) => {
  const hostile = '<img src=x onerror="window.__pwned = true">';
  await page.route('**/api/v1/inquiries?**', async (route) => {
    const response = await route.fetch();
    const page = await response.json();
    page.items[0].buyer.company = hostile;
    page.items[0].subject = '<b>bold?</b>';
    page.items[0].preview = '<script>window.__pwned = true</script> مرحبا 👋';
    await route.fulfill({ response, json: page });
  });
  await page.goto('/test-pages/basic.html');
  const row = page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first();
  await expect(row).toContainText(hostile);
  await expect(row).toContainText('<b>bold?</b>');
  await expect(row).toContainText('مرحبا 👋');
  expect(await row.locator('img, b, script').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
