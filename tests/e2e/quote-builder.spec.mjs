// The quote builder's first view: a line from the inquiry, exact amounts in the
// currency's minor units, field-level validation that keeps what was typed.
import { test, expect, TOKENS } from './fixtures.mjs';

test('a quote started from an inquiry prices its line exactly and validates the price', async ({ page, api }) => {
  const { items } = await api(TOKENS.rep, '/inquiries?limit=100');
  const { items: quotes } = await api(TOKENS.rep, '/quotes?limit=200');
  const quoted = new Set(quotes.map((quote) => quote.inquiry_id));
  const inquiry = items.find((item) => item.product_name && item.quantity && !quoted.has(item.id));
  expect(inquiry, 'the seed has unquoted inquiries with product and quantity').toBeTruthy();

  await page.goto('/');
  // Signed in by the page (its glue runs once the bundle has loaded).
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();
  const builder = page.locator('crm-quote-builder');
  await builder.evaluate((element, id) => element.setAttribute('inquiry-id', id), inquiry.id);
  await expect(builder.locator('[data-test="line-name"]')).toHaveValue(inquiry.product_name);

  const changes = [];
  await page.exposeFunction('recordQuoteChange', (detail) => changes.push(detail));
  await page.evaluate(() => document.addEventListener('crm-quote-change', (event) => window.recordQuoteChange(event.detail)));

  const price = builder.locator('[data-test="line-price"]');
  await price.fill('11.805');
  await expect(builder.locator('[data-test="line-error"]')).toHaveText('Use at most 2 decimals in USD.');
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  await expect(price).toHaveValue('11.805');
  await expect(builder.locator('[data-test="quote-total"]')).toHaveText('—');

  await price.fill('11.80');
  await expect(builder.locator('[data-test="line-error"]')).toHaveCount(0);
  const quantity = Number(inquiry.quantity.value);
  const expectedAmount = (Math.round(quantity * 1180) / 100).toLocaleString('en', { style: 'currency', currency: 'USD' });
  await expect(builder.locator('[data-test="line-amount"]')).toHaveText(expectedAmount);
  await expect(builder.locator('[data-test="quote-total"]')).toHaveText(expectedAmount);

  // JPY has no minor unit: the same price is now invalid, and the text stays.
  await builder.locator('[data-test="quote-currency"]').selectOption('JPY');
  await expect(builder.locator('[data-test="line-error"]')).toHaveText('Use at most 0 decimals in JPY.');
  await expect(price).toHaveValue('11.80');

  await expect.poll(() => changes.at(-1)?.currency).toBe('JPY');
  expect(changes.some((detail) => detail.total !== null && detail.lines[0].unitPrice === '11.80')).toBe(true);
});

test('a draft property that breaks the documented shape is explained, nothing else changes', async ({ page }) => {
  await page.goto('/test-pages/early-property.html');
  await expect(page.locator('crm-quote-builder [data-test="quote-total"]')).toHaveText('€23,600.00');
  await page.locator('crm-quote-builder').evaluate((element) => {
    element.draft = { currency: 'EUR', lines: [{ name: 'x', quantity: '5', unit: 'bananas' }] };
  });
  const notice = page.locator('crm-quote-builder [data-test="notice"]');
  await expect(notice).toContainText('“draft”');
  await expect(notice).toContainText('bananas');
  await expect(page.locator('crm-quote-builder [data-test="quote-total"]')).toHaveText('€23,600.00');
});

test('quote-id opens that revision: a sent one is read-only with its next steps; a bad id is explained', async ({ page, api }) => {
  const { items } = await api(TOKENS.rep, '/quotes?limit=200&status=sent');
  expect(items.length, 'the seed has sent quotes').toBeGreaterThan(0);
  const [sent] = items;
  const whole = await api(TOKENS.rep, `/quotes/${sent.id}`);

  await page.goto('/');
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();
  const builder = page.locator('crm-quote-builder');
  await builder.evaluate((element, id) => element.setAttribute('quote-id', id), sent.id);
  await expect(builder.locator('[data-test="quote-title"]')).toHaveText(`Quote ${sent.number} · rev. ${sent.revision} · Sent`);
  await expect(builder.locator('[data-test="quote-line"]')).toHaveCount(whole.lines.length);
  await expect(builder.locator('[data-test="line-price"]').first()).toBeDisabled();
  await expect(builder.locator('[data-test="quote-send"]')).toHaveCount(0);
  await expect(builder.locator('[data-test="quote-accept"]')).toBeVisible();
  await expect(builder.locator('[data-test="quote-reject"]')).toBeVisible();
  const total = Number(whole.totals.total).toLocaleString('en', { style: 'currency', currency: whole.terms.currency });
  await expect(builder.locator('[data-test="quote-total"]')).toHaveText(total);

  await builder.evaluate((element) => element.setAttribute('quote-id', 'not-a-quote'));
  await expect(builder.locator('[data-test="notice"]')).toContainText('“quote-id”');
});
