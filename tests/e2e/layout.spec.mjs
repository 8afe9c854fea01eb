// The layout survives a right-to-left page and strings 30 % longer than
// English (as German or Russian translations run): nothing leaves its widget's
// frame, no frame scrolls sideways, and right-to-left mirrors the inbox.
import { test, expect, TOKENS } from './fixtures.mjs';

const TAGS = ['crm-inquiry-inbox', 'crm-customer-card', 'crm-quote-builder'];

/** Widens every letter inside the widgets by `em`, through a sheet adopted by each shadow root. */
async function widenText(page, em) {
  await page.evaluate((spacing) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`.mount * { letter-spacing: ${spacing}em; }`);
    for (const element of document.querySelectorAll('crm-inquiry-inbox, crm-customer-card, crm-quote-builder')) {
      element.shadowRoot.adoptedStyleSheets = [...element.shadowRoot.adoptedStyleSheets, sheet];
    }
  }, em);
}

/** What sticks out: elements outside their widget's frame, except inside a strip that scrolls sideways on purpose (the status tabs) or the virtual list. */
function overflows(page) {
  return page.evaluate((tags) => {
    const found = [];
    for (const tag of tags) {
      for (const element of document.querySelectorAll(tag)) {
        const base = element.shadowRoot.querySelector('[part~="base"]');
        if (base.scrollWidth > base.clientWidth + 1) found.push(`${tag} scrolls sideways: ${base.scrollWidth} > ${base.clientWidth}`);
        const frame = base.getBoundingClientRect();
        for (const node of element.shadowRoot.querySelectorAll('*')) {
          const box = node.getBoundingClientRect();
          if (box.width === 0 || node.closest('[data-test="inquiry-list"]')) continue;
          let scroller = node.parentElement;
          while (scroller && scroller !== base && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) {
            scroller = scroller.parentElement;
          }
          if (scroller && scroller !== base) continue;
          if (box.left < frame.left - 1 || box.right > frame.right + 1) {
            found.push(`${tag} ${node.tagName.toLowerCase()}.${node.className} at ${Math.round(box.left)}–${Math.round(box.right)}, frame ${Math.round(frame.left)}–${Math.round(frame.right)}`);
          }
        }
      }
    }
    return found;
  }, TAGS);
}

test('right to left and 30 % longer strings: nothing leaves its frame, and the inbox mirrors', async ({ page, api }) => {
  const { items } = await api(TOKENS.rep, '/inquiries?limit=10');
  const linked = items.find((item) => item.customer_id);
  await page.goto('/');
  await page.locator(`crm-inquiry-inbox [data-test="inquiry-row"][data-id="${linked.id}"]`).click();
  await expect(page.locator('crm-customer-card [part="header"]')).toBeVisible();
  await page.locator('crm-inquiry-inbox [data-test="create-quote"]').click();
  await expect(page.locator('crm-quote-builder [data-test="quote-line"]').first()).toBeVisible();
  expect(await overflows(page), 'left to right, English').toEqual([]);

  const list = page.locator('crm-inquiry-inbox [data-test="inquiry-list"]');
  const detail = page.locator('crm-inquiry-inbox [data-test="inquiry-detail"]');
  const title = page.locator('crm-inquiry-inbox h2');
  const ltr = { list: await list.boundingBox(), detail: await detail.boundingBox(), title: await title.boundingBox() };
  expect(ltr.list.x).toBeLessThan(ltr.detail.x);

  await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
  await expect.poll(async () => (await list.boundingBox()).x).toBeGreaterThan((await detail.boundingBox()).x);
  expect(await page.locator('crm-inquiry-inbox [part="base"]').evaluate((base) => getComputedStyle(base).direction)).toBe('rtl');
  expect(await overflows(page), 'right to left').toEqual([]);

  // Strings 30 % longer: letter spacing that widens the inbox's title by at least that much.
  const before = ltr.title.width;
  await widenText(page, 0.2);
  const after = (await title.boundingBox()).width;
  expect(after / before).toBeGreaterThanOrEqual(1.3);
  expect(await overflows(page), 'right to left, 30 % longer').toEqual([]);
  await page.evaluate(() => { document.documentElement.dir = 'ltr'; });
  expect(await overflows(page), 'left to right, 30 % longer').toEqual([]);

  // The narrow layout too: the detail pane takes the list's place.
  await page.setViewportSize({ width: 700, height: 900 });
  expect(await overflows(page), 'narrow, 30 % longer').toEqual([]);
});
