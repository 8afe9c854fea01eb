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

test('a page that reserves the widgets\' heights never moves: no layout shift as they load, and each fills its place and scrolls inside', async ({ page, api }) => {
  const { items } = await api(TOKENS.rep, '/inquiries?limit=20');
  const linked = items.find((item) => item.customer_id);
  // From the first paint: every layout shift, and where the host's own content sits.
  await page.addInitScript(() => {
    window.__shifts = [];
    window.__shiftObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(entry.value);
    });
    window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('DOMContentLoaded', () => {
      window.__contentTop = document.getElementById('host-content').getBoundingClientRect().top;
    });
  });
  await page.goto(`/test-pages/still.html?customer=${linked.customer_id}&inquiry=${linked.id}`);
  await expect(page.locator('crm-inquiry-inbox [data-test="status-line"]')).toContainText('Up to date');
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();
  await expect(page.locator('crm-customer-card [data-test="customer-name"]')).toBeVisible();
  await expect(page.locator('crm-quote-builder [data-test="quote-total"]')).toBeVisible();

  const seen = await page.evaluate(() => {
    for (const entry of window.__shiftObserver.takeRecords()) window.__shifts.push(entry.value);
    return {
      shift: window.__shifts.reduce((sum, value) => sum + value, 0),
      contentMoved: document.getElementById('host-content').getBoundingClientRect().top - window.__contentTop,
    };
  });
  expect(seen.contentMoved, 'the host content below the widgets moved').toBe(0);
  // The tab counts growing from one digit to three is all that may move (0.001).
  expect(seen.shift, 'layout shift inside the widgets').toBeLessThan(0.01);

  // Each widget is as tall as its place and scrolls inside; the inbox's list
  // gives way, so its header, tabs and filters stay in view.
  for (const tag of TAGS) {
    const fit = await page.locator(tag).evaluate((element) => {
      const host = element.getBoundingClientRect();
      const base = element.shadowRoot.querySelector('[part~="base"]').getBoundingClientRect();
      return { host: host.height, bottom: base.bottom - host.bottom };
    });
    expect(fit.bottom, `${tag} ends inside its place`).toBeLessThanOrEqual(0.5);
  }
  const card = await page.locator('crm-customer-card').evaluate((element) => {
    const base = element.shadowRoot.querySelector('[part~="base"]');
    return { scrolls: base.scrollHeight > base.clientHeight, height: base.getBoundingClientRect().height, host: element.getBoundingClientRect().height };
  });
  expect(card.scrolls, 'the card scrolls inside its place').toBe(true);
  expect(Math.abs(card.height - card.host)).toBeLessThanOrEqual(0.5);
  const inbox = await page.locator('crm-inquiry-inbox').evaluate((element) => {
    const base = element.shadowRoot.querySelector('[part~="base"]');
    const list = element.shadowRoot.querySelector('[data-test="inquiry-viewport"]');
    return { scrolls: base.scrollHeight > base.clientHeight + 1, list: list.getBoundingClientRect().height };
  });
  expect(inbox.scrolls, 'the inbox itself does not scroll: its list gives way').toBe(false);
  expect(inbox.list).toBeGreaterThan(100);
});
