// The rendering benchmark, as `cargo xtask bench` runs it:
//   node tests/bench/rows.mjs <dist-dir> [runs]
// where <dist-dir> holds a bundle built with the widgets' `bench-rows` feature.
// Opens tests/bench/rows.html in headless Chromium and times the
// js-framework-benchmark operations on the inbox's rows, ours (the real
// InquiryRow in a keyed <For>) and the plain-JavaScript floor in turns, each
// from the call to the end of the next frame (script, style, layout, paint), after
// a garbage collection, with only the measured side holding rows, each sample on a
// new list (the previous one unmounted). Prints one JSON object: per operation,
// each side's times in ms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const [dist, runsArgument = '10'] = process.argv.slice(2);
if (!dist) {
  console.error('usage: rows.mjs <dist-dir> [runs]');
  process.exit(2);
}
const runs = Number(runsArgument);
const origin = 'http://rows.bench.invalid';
const browser = await chromium.launch({
  executablePath: process.env.CRM_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
await page.route(`${origin}/**`, (route) => {
  const name = new URL(route.request().url()).pathname;
  const file = name.startsWith('/dist/')
    ? path.join(dist, name.slice('/dist/'.length))
    : new URL(`.${name}`, import.meta.url);
  route.fulfill({ body: readFileSync(file), contentType: types[path.extname(String(file))] });
});
const errors = [];
page.on('pageerror', (error) => errors.push(error));
await page.goto(`${origin}/rows.html`);
await page.waitForFunction(() => window.__ready === true, null, { timeout: 60_000 });

// Each operation: what to do first (not timed), and what is timed. The 10,000
// rows are fewer runs: each takes seconds.
const OPERATIONS = [
  { name: 'create 1,000 rows', setup: [], op: ['create', 1000] },
  { name: 'replace all 1,000 rows', setup: [['create', 1000]], op: ['create', 1000] },
  { name: 'update every 10th row', setup: [['create', 1000]], op: ['update_every_10th'] },
  { name: 'select a row', setup: [['create', 1000]], op: ['select', 1] },
  { name: 'swap two rows', setup: [['create', 1000]], op: ['swap'] },
  { name: 'remove a row', setup: [['create', 1000]], op: ['remove', 1] },
  { name: 'create 10,000 rows', setup: [], op: ['create', 10000], runs: Math.max(3, Math.ceil(runs / 2)) },
  { name: 'clear 1,000 rows', setup: [['create', 1000]], op: ['clear'] },
  // Not an operation of js-framework-benchmark: whether rows replaced earlier
  // still cost anything (a select runs nothing of the rows no longer shown).
  { name: 'select, 10 lists later', setup: Array(10).fill(['create', 1000]), op: ['select', 1], runs: 3, extra: true },
];

const timed = (side, setup, op) => page.evaluate(async ({ side, setup, op }) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  }));
  const rows = window.__fresh(side);
  for (const [method, ...args] of setup) {
    rows[method](...args);
    await frame();
  }
  window.gc();
  await frame();
  const start = performance.now();
  rows[op[0]](...op.slice(1));
  await frame();
  const elapsed = performance.now() - start;
  rows.clear();
  await frame();
  return elapsed;
}, { side, setup, op });

// Warm up both sides (the JIT, the allocator) before anything counts.
for (const side of ['ours', 'floor']) {
  for (let round = 0; round < 3; round += 1) await timed(side, [], ['create', 1000]);
}
const results = [];
for (const operation of OPERATIONS) {
  const times = { ours: [], floor: [] };
  for (let run = 0; run < (operation.runs ?? runs); run += 1) {
    for (const side of ['ours', 'floor']) times[side].push(await timed(side, operation.setup, operation.op));
  }
  results.push({ name: operation.name, extra: Boolean(operation.extra), ...times });
}
// The two sides rendered the same rows: the same buyers, subjects and ids.
const same = await page.evaluate(() => {
  const text = (side) => [...document.getElementById(side).shadowRoot.querySelectorAll('[data-test="inquiry-row"]')]
    .map((row) => `${row.dataset.id} ${row.querySelector('.buyer').textContent} ${row.querySelector('.subject').textContent}`).join('\n');
  window.__fresh('ours').create(50);
  window.__fresh('floor').create(50);
  return new Promise((resolve) => requestAnimationFrame(() => resolve({ ours: text('ours'), floor: text('floor') })));
});
await browser.close();
if (errors.length) throw new Error(`errors in the page: ${errors.join('\n')}`);
if (!same.ours || same.ours !== same.floor) {
  throw new Error(`the two sides render different rows:\nours:\n${same.ours.slice(0, 400)}\nfloor:\n${same.floor.slice(0, 400)}`);
}
console.log(JSON.stringify({ runs, operations: results }));
