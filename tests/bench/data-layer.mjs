// The widgets' data layer in headless Chromium, as `cargo xtask bench` runs it:
//   node tests/bench/data-layer.mjs <base-url> <token> [cold-runs] [warm-runs]
// against host-demo served by api-stub on a seeded database. Prints one JSON
// object: times in milliseconds from navigation start (the page's own clock),
// medians with min and max, and the main-thread tasks over 50 ms (long tasks).
//
// cold   a new browser profile: first inbox rows, then "Up to date" (the first
//        full sync into IndexedDB)
// warm   a reload with the cache filled: first rows from the cache, up to date
// delta  ten inquiries changed elsewhere while the page was closed: reopened,
//        first rows and up to date again
// search keystroke to updated count in the inbox's search box, for a first
//        search (search text made) and then word by word
// inbox  the inbox against its floor (tests/bench/inbox-floor.html: the same rows
//        from the same IndexedDB cache in plain JavaScript, same browser run):
//        first rows from the cache, search and score-filter keystroke to update,
//        the work of one scroll step and the frame intervals while scrolling
// quote  the quote builder on a 300-line quote (tests/bench/quote-300.html): a
//        line's quantity typed, to the new total on screen (recomputation by the
//        contract's arithmetic and re-render)
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [base, token, coldRuns = '3', warmRuns = '5'] = process.argv.slice(2);
if (!base || !token) {
  console.error('usage: data-layer.mjs <base-url> <token> [cold-runs] [warm-runs]');
  process.exit(2);
}
const executablePath = process.env.CRM_CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// Marks taken in the page on every animation frame: when the first row and
// "Up to date" show, and every long task.
function instrument(chosen) {
  if (location.pathname.startsWith('/bench/')) return;
  localStorage.setItem('crm-demo-user', chosen);
  window.__bench = { long: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.long.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const poll = () => {
    const root = document.querySelector('crm-inquiry-inbox')?.shadowRoot;
    const marks = window.__bench;
    if (root && marks.rows === undefined && root.querySelector('[data-test=inquiry-row]')) marks.rows = performance.now();
    const line = root?.querySelector('[data-test=status-line]')?.textContent || '';
    if (/Up to date/.test(line)) {
      marks.upToDate = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function visit(page, navigate) {
  await navigate();
  await page.waitForFunction(() => window.__bench && window.__bench.upToDate !== undefined, null, { timeout: 30 * 60_000, polling: 100 });
  return page.evaluate(() => window.__bench);
}

const cold = [];
const warm = [];
const delta = [];
const search = [];
const inbox = {};
let inquiries = 0;
for (let run = 0; run < Number(coldRuns); run += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument, token);
  cold.push(await visit(page, () => page.goto(`${base}/`)));
  if (run === 0) {
    inquiries = await page.locator('crm-inquiry-inbox').evaluate(async () => {
      const names = (await indexedDB.databases()).map((database) => database.name).filter((name) => name.startsWith('crm-widgets:'));
      return new Promise((resolve) => {
        const opening = indexedDB.open(names[0]);
        opening.onsuccess = () => {
          const count = opening.result.transaction('inquiries').objectStore('inquiries').count();
          count.onsuccess = () => { opening.result.close(); resolve(count.result); };
        };
      });
    });
    for (let again = 0; again < Number(warmRuns); again += 1) {
      warm.push(await visit(page, () => page.reload()));
    }
    search.push(...await searchTimes(page));
    inbox.widget = await listTimes(page, 'widget');
    inbox.floor = await floorTimes(page, Number(warmRuns));
    await page.goto(`${base}/`);
    for (let again = 0; again < Number(warmRuns); again += 1) {
      await page.goto('about:blank');
      await changeTen(run * 100 + again);
      delta.push(await visit(page, () => page.goto(`${base}/`)));
    }
  }
  await context.close();
}
const quoteContext = await browser.newContext();
const quote = await quoteTimes(await quoteContext.newPage(), 40);
await quoteContext.close();
await browser.close();

/**
 * Keystroke-to-update times of the inbox search: each query typed as one input
 * event, timed in the page until the widget's reactive updates (which run in
 * microtasks) are done and the next task may run: the main-thread work a
 * keystroke costs, before the browser paints. The first also makes every
 * inquiry's search text.
 */
async function searchTimes(page) {
  return page.locator('crm-inquiry-inbox').evaluate(async (inbox) => {
    const root = inbox.shadowRoot;
    const input = root.querySelector('[data-test=inbox-search]');
    const total = root.querySelector('[data-test=inquiry-total]');
    const times = [];
    for (const query of ['led', 'led panel', 'led panel 600', 'sample', 'zzzz-nothing', '']) {
      const start = performance.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(null);
      });
      times.push({ query, ms: performance.now() - start, shown: total.textContent });
    }
    return times;
  });
}

/**
 * The inbox's list work, the same for the widget and its floor: search and
 * filter keystroke to update (as in `searchTimes`), the work of one scroll step
 * (250 px: the scroll handler and the updates it causes, before the next task),
 * and the intervals between animation frames while scrolling 250 px per frame.
 */
async function listTimes(page, kind) {
  return page.evaluate(async (kind) => {
    const root = kind === 'widget' ? document.querySelector('crm-inquiry-inbox').shadowRoot : document;
    const pick = (widget, floor) => root.querySelector(kind === 'widget' ? widget : floor);
    const input = pick('[data-test=inbox-search]', '#search');
    const score = pick('[data-test=filter-score]', '#score');
    const settle = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(null);
    });
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const time = async (act) => {
      await frame();
      const start = performance.now();
      act();
      await settle();
      return performance.now() - start;
    };
    const type = (element, value, event) => () => {
      element.value = value;
      element.dispatchEvent(new Event(event, { bubbles: true, composed: true }));
    };
    const searches = [];
    for (const query of ['led', 'led panel', 'led panel 600', 'sample', 'zzzz-nothing', '']) {
      searches.push(await time(type(input, query, 'input')));
    }
    const filters = [];
    for (const value of ['60', '', '60', '']) filters.push(await time(type(score, value, 'change')));
    // Looked up now: the widget's list is made anew after a search found nothing.
    const viewport = pick('[data-test=inquiry-viewport]', '#viewport');
    const steps = [];
    for (let step = 0; step < 60; step += 1) {
      steps.push(await time(() => {
        viewport.scrollTop += 250;
        viewport.dispatchEvent(new Event('scroll'));
      }));
    }
    viewport.scrollTop = 0;
    const frames = [];
    let last = await frame();
    for (let step = 0; step < 120; step += 1) {
      viewport.scrollTop += 250;
      const now = await frame();
      frames.push(now - last);
      last = now;
    }
    viewport.scrollTop = 0;
    return { searches: searches.slice(1), filters, steps, frames };
  }, kind);
}

/** The floor page on the widget's origin and cache: first rows, then `listTimes`. */
async function floorTimes(page, runs) {
  const html = readFileSync(new URL('./inbox-floor.html', import.meta.url), 'utf8');
  await page.route(`${base}/bench/inbox-floor.html*`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const name = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name).find((name) => name.startsWith('crm-widgets:')));
  const firstRows = [];
  for (let run = 0; run < runs; run += 1) {
    await page.goto(`${base}/bench/inbox-floor.html?db=${encodeURIComponent(name)}`);
    await page.waitForFunction(() => window.__floor && window.__floor.all !== undefined, null, { timeout: 10 * 60_000, polling: 100 });
    firstRows.push(await page.evaluate(() => window.__floor.rows));
  }
  return { firstRows, ...await listTimes(page, 'floor') };
}

/** Ten of the user's inquiries changed through the API, as a colleague would. */
async function quoteTimes(page, runs) {
  const html = readFileSync(new URL('./quote-300.html', import.meta.url), 'utf8');
  await page.route(`${base}/bench/quote-300.html*`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${base}/bench/quote-300.html?token=${encodeURIComponent(token)}`);
  await page.waitForFunction(() => document.querySelector('crm-quote-builder')?.shadowRoot
    ?.querySelectorAll('[data-test=quote-line]').length === 300, null, { timeout: 120_000, polling: 100 });
  return page.evaluate(async (count) => {
    const root = document.querySelector('crm-quote-builder').shadowRoot;
    const total = root.querySelector('[data-test=quote-total]');
    const inputs = root.querySelectorAll('[data-test=line-quantity]');
    const times = [];
    for (let run = 0; run < count; run += 1) {
      const input = inputs[(run * 37) % inputs.length];
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
        observer.observe(total, { childList: true, characterData: true, subtree: true });
      });
      const start = performance.now();
      input.value = String(Number(input.value) + 1);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      times.push((await changed) - start);
      // Let the frame render before the next edit.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    return times;
  }, runs);
}

async function changeTen(round) {
  const headers = { Authorization: `Bearer ${token}` };
  const list = await (await fetch(`${base}/api/v1/inquiries?limit=10`, { headers })).json();
  for (const item of list.items) {
    const response = await fetch(`${base}/api/v1/inquiries/${item.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': `"${item.version}"`, 'Idempotency-Key': `bench-${round}-${item.id}` },
      body: JSON.stringify({ tags: [...item.tags.filter((tag) => !tag.startsWith('bench-')), `bench-${round}`] }),
    });
    if (!response.ok) throw new Error(`PATCH ${item.id}: ${response.status} ${await response.text()}`);
  }
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { median: Math.round(median), min: Math.round(sorted[0]), max: Math.round(sorted[sorted.length - 1]), runs: sorted.length };
}

function report(visits) {
  const long = visits.flatMap((marks) => marks.long);
  return {
    firstRows: summary(visits.map((marks) => marks.rows)),
    upToDate: summary(visits.map((marks) => marks.upToDate)),
    longTasksPerVisit: summary(visits.map((marks) => marks.long.length)),
    longestTask: Math.round(Math.max(0, ...long)),
    longTaskTotalPerVisit: summary(visits.map((marks) => marks.long.reduce((sum, duration) => sum + duration, 0))),
  };
}

function percentile(values, share) {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] * 10) / 10;
}

function listReport(times) {
  const exact = (values) => ({ median: percentile(values, 0.5), p95: percentile(values, 0.95), max: percentile(values, 1) });
  return { search: exact(times.searches), filter: exact(times.filters), scrollStep: exact(times.steps), frame: exact(times.frames) };
}

console.log(JSON.stringify({
  inquiries,
  quote: { lines: 300, editToTotal: { median: percentile(quote, 0.5), p95: percentile(quote, 0.95), max: percentile(quote, 1), runs: quote.length } },
  inbox: {
    widget: { firstRows: summary(warm.map((marks) => marks.rows)), ...listReport(inbox.widget) },
    floor: { firstRows: summary(inbox.floor.firstRows), ...listReport(inbox.floor) },
  },
  cold: report(cold),
  warm: report(warm),
  delta: report(delta),
  search: {
    first: Math.round(search[0].ms),
    next: summary(search.slice(1).map((time) => time.ms)),
    queries: search.map((time) => [time.query, Math.round(time.ms), time.shown]),
  },
}));
