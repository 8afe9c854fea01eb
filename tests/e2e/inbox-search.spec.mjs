// The inbox's search box: every word must match (buyer, company, subject,
// message preview, product, tags, country code), case-insensitively, on the
// cached inquiries; Escape and "Show all inquiries" clear it; "/" reaches it
// from the keyboard. Expected results computed from the API's own lists.
import { test, expect, TOKENS } from './fixtures.mjs';

const inbox = (page) => page.locator('crm-inquiry-inbox');
const rows = (page) => page.locator('crm-inquiry-inbox [data-test="inquiry-row"]');
const search = (page) => page.locator('crm-inquiry-inbox [data-test="inbox-search"]');
const total = (page) => page.locator('crm-inquiry-inbox [data-test="inquiry-total"]');
const counted = (count) => `${count.toLocaleString('en')} ${count === 1 ? 'inquiry' : 'inquiries'}`;

/** Every inquiry the manager sees, through the API. */
async function everything(api) {
  const items = [];
  let cursor = null;
  do {
    const page = await api(TOKENS.manager, `/inquiries?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

/** The inquiries matching every word of `query`, as the inbox promises. */
function matching(items, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    const text = [item.buyer.name, item.buyer.company, item.subject, item.preview, item.product_name ?? '',
      item.buyer.country, ...item.tags].join('\n').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

async function signIn(page) {
  await page.addInitScript((token) => localStorage.setItem('crm-demo-user', token), TOKENS.manager);
  await page.goto('/');
  await expect(page.locator('crm-inquiry-inbox [data-test="status-line"]')).toContainText('Up to date');
}

test('search narrows the inbox to inquiries matching every word; Escape clears it', async ({ page, api }) => {
  const items = await everything(api);
  await signIn(page);
  await expect(total(page)).toHaveText(counted(items.length));

  // A word of a buyer's company, in other case, plus part of a word of its subject.
  const sample = items.find((item) => item.buyer.company.split(/\s+/)[0].length >= 4);
  const company = sample.buyer.company.split(/\s+/)[0].toUpperCase();
  const subjectPart = sample.subject.split(/\s+/).find((word) => word.length >= 4).slice(0, 3);
  const query = `${company}  ${subjectPart}`;
  const expected = matching(items, query);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(items.length);

  await search(page).fill(query);
  await expect(total(page)).toHaveText(counted(expected.length));
  const shown = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
  expect(shown).toEqual(expected.slice(0, 50).map((item) => item.id));

  await search(page).press('Escape');
  await expect(search(page)).toHaveValue('');
  await expect(total(page)).toHaveText(counted(items.length));
});

test('a search that matches nothing says so and "Show all inquiries" clears it', async ({ page, api }) => {
  const items = await everything(api);
  await signIn(page);
  await search(page).fill('no-such-buyer-anywhere');
  const empty = page.locator('crm-inquiry-inbox [data-test="notice"]');
  await expect(empty).toContainText('No inquiries match these filters');
  await page.locator('crm-inquiry-inbox [data-test="show-all"]').click();
  await expect(search(page)).toHaveValue('');
  await expect(total(page)).toHaveText(counted(items.length));
});

test('"/" takes the keyboard to the search box from anywhere in the inbox', async ({ page }) => {
  await signIn(page);
  await page.locator('crm-inquiry-inbox [data-test="status-tab"][data-status="new"]').focus();
  await page.keyboard.press('/');
  expect(await inbox(page).evaluate((element) => element.shadowRoot.activeElement?.dataset.test)).toBe('inbox-search');
  // Typed into the box, "/" is just a character.
  await page.keyboard.type('a/b');
  await expect(search(page)).toHaveValue('a/b');
});
