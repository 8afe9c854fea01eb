// What the suite costs the page that embeds it, as `cargo xtask bench` runs it:
//   node tests/bench/host-impact.mjs <base-url> <token> [runs] [cycles]
// against host-demo's origin served by api-stub on a seeded database. Prints one
// JSON object.
//
// impact  tests/bench/host-page.html, a portal page of its own (navigation, an
//         order table, text), loaded with and without the three widgets (with
//         their heights reserved as the README says, and without), each in
//         a new browser profile (cold: the widgets' first full sync runs) and
//         then again with their cache filled (warm). Per visit, from navigation
//         until the widgets show their data (the bare page: its load event), then
//         one more second for work left behind, the same for both pages:
//         - main-thread time (Chromium's TaskDuration, through the DevTools
//           protocol), the figure portals judge third-party embeds by;
//         - Total Blocking Time: the sum over tasks of their time beyond 50 ms;
//         - every task over 50 ms and the longest;
//         - layout shift (the sum of `layout-shift` entries' values).
// memory  the three widgets mounted and unmounted `cycles` times (default 1,000)
//         on one page; after a garbage collection: JavaScript heap, the wasm
//         module's linear memory, DOM nodes and event listeners, before the
//         cycles, after a tenth of them and at the end. Before the cycles the
//         inbox is mounted once until it is up to date, then removed: the
//         member's records it loads stay in memory while the page lives (they
//         are the cache every later mount opens from), so loading them during
//         the cycles would read as growth.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [base, token, runsArgument = '3', cyclesArgument = '1000'] = process.argv.slice(2);
if (!base || !token) {
  console.error('usage: host-impact.mjs <base-url> <token> [runs] [cycles]');
  process.exit(2);
}
const runs = Number(runsArgument);
const cycles = Number(cyclesArgument);
const browser = await chromium.launch({
  executablePath: process.env.CRM_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
});
const html = readFileSync(new URL('./host-page.html', import.meta.url), 'utf8');
// What the page shows: the user's latest inquiry from a known buyer, in the quote
// builder, and that buyer in the card.
const latest = await (await fetch(`${base}/api/v1/inquiries?limit=50`, { headers: { Authorization: `Bearer ${token}` } })).json();
const inquiry = latest.items?.find((item) => item.customer_id);
if (!inquiry) throw new Error(`no inquiry from a known buyer for ${token}: ${JSON.stringify(latest).slice(0, 500)}`);
const shown = `inquiry=${inquiry.id}&customer=${inquiry.customer_id}&token=${encodeURIComponent(token)}`;

// In the page before anything else: long tasks and layout shifts as they come.
function observe() {
  window.__impact = { long: [], shift: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__impact.long.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__impact.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

async function visit(context, suite, reserve = true) {
  const page = await context.newPage();
  await page.route(`${base}/bench/host-page.html*`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.addInitScript(observe);
  const devtools = await context.newCDPSession(page);
  await devtools.send('Performance.enable');
  await page.goto(`${base}/bench/host-page.html?${suite ? `suite=1&${shown}` : ''}${reserve ? '' : '&reserve=0'}`);
  if (suite) {
    await page.waitForFunction(() => {
      const inbox = document.querySelector('crm-inquiry-inbox')?.shadowRoot;
      const card = document.querySelector('crm-customer-card')?.shadowRoot;
      const quote = document.querySelector('crm-quote-builder')?.shadowRoot;
      return /Up to date/.test(inbox?.querySelector('[data-test=status-line]')?.textContent || '')
        && card?.querySelector('[data-test=customer-name]')
        && quote?.querySelector('[data-test=quote-total]');
    }, null, { timeout: 30 * 60_000, polling: 50 }).catch(async (error) => {
      // Say what each widget shows instead, then fail.
      console.error(await page.evaluate(() => ['crm-inquiry-inbox', 'crm-customer-card', 'crm-quote-builder']
        .map((tag) => `${tag}: ${document.querySelector(tag)?.shadowRoot?.textContent?.slice(0, 300)}`).join('\n')));
      throw error;
    });
  } else {
    await page.waitForLoadState('load');
  }
  // The same second for both pages: work a widget leaves behind counts too.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  const { metrics } = await devtools.send('Performance.getMetrics');
  const marks = await page.evaluate(() => window.__impact);
  await page.close();
  const metric = (name) => metrics.find((entry) => entry.name === name)?.value ?? 0;
  return {
    mainThread: Math.round(metric('TaskDuration') * 1000),
    script: Math.round(metric('ScriptDuration') * 1000),
    blocking: marks.long.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
    long: marks.long,
    shift: Math.round(marks.shift * 1000) / 1000,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summary(visits) {
  const field = (name) => {
    const values = visits.map((entry) => entry[name]);
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  const long = visits.flatMap((entry) => entry.long);
  return {
    runs: visits.length,
    mainThread: field('mainThread'),
    script: field('script'),
    blocking: field('blocking'),
    shift: field('shift'),
    longTasks: long.length,
    longest: Math.max(0, ...long),
  };
}

// The page alone; with the suite, the tags' heights reserved as the README
// says; and with the suite on a page that reserves nothing.
const impact = {};
for (const [name, suite, reserve] of [['bare', false, true], ['suite', true, true], ['unreserved', true, false]]) {
  const cold = [];
  const warm = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext();
    cold.push(await visit(context, suite, reserve));
    warm.push(await visit(context, suite, reserve));
    await context.close();
  }
  impact[name] = { cold: summary(cold), warm: summary(warm) };
}

// Mounting and unmounting: the page with the bundle loaded and signed in.
const context = await browser.newContext();
const page = await context.newPage();
await page.route(`${base}/bench/host-page.html*`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
await page.goto(`${base}/bench/host-page.html?suite=1&mount=none&${shown}`);
await page.waitForFunction(() => window.__suiteReady === true, null, { timeout: 120_000 });
const devtools = await context.newCDPSession(page);
async function measureMemory() {
  await devtools.send('HeapProfiler.collectGarbage');
  const heap = await devtools.send('Runtime.getHeapUsage');
  const counters = await devtools.send('Memory.getDOMCounters');
  const wasm = await page.evaluate(async () => {
    const exports = await (await import('/dist/crm-widgets.js')).default();
    return exports.memory.buffer.byteLength;
  });
  return { jsHeap: heap.usedSize, wasm, nodes: counters.nodes, listeners: counters.jsEventListeners };
}
const mount = (count) => page.evaluate(async (count) => {
  const inquiry = window.__firstInquiry;
  for (let cycle = 0; cycle < count; cycle += 1) {
    const holder = document.getElementById('mount');
    const inbox = document.createElement('crm-inquiry-inbox');
    const card = document.createElement('crm-customer-card');
    card.setAttribute('inquiry-id', inquiry);
    const quote = document.createElement('crm-quote-builder');
    quote.setAttribute('inquiry-id', inquiry);
    holder.append(inbox, card, quote);
    // Let the widgets start their work (cache reads, fetches) before leaving.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    holder.replaceChildren();
  }
}, count);
// The member's records, loaded once and kept for the page's life.
await page.evaluate(() => document.getElementById('mount').append(document.createElement('crm-inquiry-inbox')));
await page.locator('#mount crm-inquiry-inbox [data-test="status-line"]', { hasText: 'Up to date' })
  .waitFor({ timeout: 300_000 });
await page.evaluate(() => document.getElementById('mount').replaceChildren());
// Before the cycles, after the first tenth of them (caches filled, the allocator
// grown), and at the end: growth between the last two is a leak.
const before = await measureMemory();
const tenth = Math.max(1, Math.floor(cycles / 10));
await mount(tenth);
const early = await measureMemory();
await mount(cycles - tenth);
const after = await measureMemory();
await browser.close();

console.log(JSON.stringify({ impact, memory: { cycles, tenth, before, early, after } }));
