// The custom-element runtime: style isolation, double loading, the lifecycle
// without leaks, configuration before and after the elements exist.
import { test, expect } from './fixtures.mjs';

test('a hostile global stylesheet does not reach inside, and the widgets\' styles do not reach out', async ({ page }) => {
  await page.goto('/test-pages/hostile.html');
  const row = page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first();
  await expect(row).toBeVisible();

  const inside = await row.evaluate((element) => {
    const style = getComputedStyle(element);
    const title = getComputedStyle(element.getRootNode().querySelector('h2'));
    return {
      color: style.color,
      fontSize: style.fontSize,
      letterSpacing: style.letterSpacing,
      textTransform: style.textTransform,
      visibility: style.visibility,
      display: style.display,
      borderStyle: style.borderTopStyle,
      boxSizing: style.boxSizing,
      titleColor: title.color,
      titleSize: title.fontSize,
    };
  });
  expect(inside).toEqual({
    color: 'rgb(31, 35, 40)',
    fontSize: '14px',
    letterSpacing: 'normal',
    textTransform: 'none',
    visibility: 'visible',
    display: 'grid',
    borderStyle: 'none',
    boxSizing: 'border-box',
    titleColor: 'rgb(31, 35, 40)',
    titleSize: '16.1px',
  });

  // The host's own elements with the widgets' class names keep the host's styles only.
  const outside = await page.evaluate(() => {
    const row = getComputedStyle(document.getElementById('host-row'));
    const badge = getComputedStyle(document.getElementById('host-badge'));
    return { rowDisplay: row.display, rowBorder: row.borderTopStyle, badgeRadius: badge.borderTopLeftRadius, badgeColor: badge.color };
  });
  expect(outside).toEqual({ rowDisplay: 'inline', rowBorder: 'dashed', badgeRadius: '0px', badgeColor: 'rgb(255, 0, 0)' });
});

test('loading the bundle twice throws nothing and the element still works', async ({ page }) => {
  const console = [];
  page.on('console', (message) => { if (message.type() === 'error') console.push(message.text()); });
  await page.goto('/test-pages/double-load.html');
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();
  // Both module instances ran (two URLs), and the tag was defined once.
  const instances = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((entry) => entry.name.includes('crm-widgets.js')).length);
  expect(instances).toBe(2);
  expect(console).toEqual([]);
});

test('before the host signs in the widgets say so, and load as soon as it does', async ({ page }) => {
  await page.goto('/test-pages/not-signed-in.html');
  const notice = page.locator('crm-inquiry-inbox [data-test="error-notice"]');
  await expect(notice).toContainText('Not signed in');
  await expect(notice).toHaveAttribute('role', 'status');
  await page.evaluate(async () => {
    const { configure } = await import('/dist/crm-widgets.js');
    configure({ getToken: () => Promise.resolve('demo-brightway-rep') });
  });
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();
});

test('configure() rejects bad options with a TypeError naming the option', async ({ page }) => {
  await page.goto('/test-pages/not-signed-in.html');
  const messages = await page.evaluate(async () => {
    const { configure } = await import('/dist/crm-widgets.js');
    const attempts = [undefined, { token: 42 }, { getToken: 'x' }, { token: 'a', getToken: () => 'b' }, { apiBase: '' }];
    return attempts.map((options) => {
      try {
        configure(options);
        return 'accepted';
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    });
  });
  expect(messages).toEqual([
    'TypeError: crm-widgets configure(): expected an options object',
    'TypeError: crm-widgets configure(): `token` must be a non-empty string',
    'TypeError: crm-widgets configure(): `getToken` must be a function',
    'TypeError: crm-widgets configure(): give either `token` or `getToken`, not both',
    'TypeError: crm-widgets configure(): `apiBase` must be a non-empty string',
  ]);
});

test('a property set before the bundle defines the tag is not lost', async ({ page }) => {
  await page.goto('/test-pages/early-property.html');
  const lines = page.locator('crm-quote-builder [data-test="quote-line"]');
  await expect(lines).toHaveCount(1);
  await expect(lines.locator('[data-test="line-name"]')).toHaveValue('LED panel 600×600 40 W');
  await expect(page.locator('crm-quote-builder [data-test="quote-total"]')).toHaveText('€23,600.00');
  await expect(page.locator('crm-quote-builder [data-test="quote-named-place"]')).toHaveValue('Hamburg');
  // The getter returns what the host set.
  expect(await page.locator('crm-quote-builder').evaluate((element) => element.draft.namedPlace)).toBe('Hamburg');
});

test('an internal error shows a readable message in every widget and the host page keeps working', async ({ page }) => {
  const logged = [];
  page.on('console', (message) => { if (message.type() === 'error') logged.push(message.text()); });
  await page.goto('/test-pages/crash.html');
  await expect(page.locator('#inbox [data-test="inquiry-row"]').first()).toBeVisible();
  // Simulate a bug: the Rust side of the next element to connect fails.
  await page.evaluate(async () => {
    const { ElementHandle } = await import('/dist/crm-widgets.js');
    ElementHandle.prototype.connected = () => { throw new Error('simulated internal error'); };
    document.getElementById('later').append(document.createElement('crm-quote-builder'));
  });
  const crash = (id) => page.locator(`${id} [part="crash"]`);
  await expect(page.locator('#later crm-quote-builder [part="crash"]')).toHaveText('This panel stopped because of an internal error. Reload the page to try again.');
  await expect(crash('#inbox')).toHaveAttribute('role', 'alert');
  await expect(crash('#card')).toHaveText('此面板因内部错误已停止运行，请刷新页面后重试。');
  expect(logged.some((text) => text.includes('simulated internal error'))).toBe(true);
  // The host's own code is untouched.
  await page.click('#host-button');
  await expect(page.locator('#host-output')).toHaveText('host still works');
});

test('widgets connected together mount one per task, in order, and one removed before its turn never mounts', async ({ page }) => {
  await page.goto('/test-pages/churn.html');
  // The page's own three have mounted: nothing is waiting.
  await page.waitForFunction(() => ['inbox', 'card', 'quote']
    .every((id) => document.getElementById(id).shadowRoot?.querySelector('.mount')?.firstElementChild));
  const report = await page.evaluate(async () => {
    const mounted = (element) => element.shadowRoot.querySelector('.mount').firstElementChild !== null;
    const whenMounted = (element) => new Promise((resolve) => {
      if (mounted(element)) return resolve();
      const observer = new MutationObserver(() => {
        if (mounted(element)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(element.shadowRoot, { childList: true, subtree: true });
    });
    // A task posted now runs after every task already queued before it.
    const laterTask = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(null);
    });
    const box = document.createElement('div');
    document.body.append(box);
    const [first, second, third] = ['crm-customer-card', 'crm-quote-builder', 'crm-customer-card']
      .map((tag) => document.createElement(tag));
    box.append(first, second, third);
    const atOnce = [first, second, third].map(mounted);
    third.remove();
    await whenMounted(second);
    const secondAlone = mounted(second) && !mounted(third);
    await laterTask();
    await laterTask();
    const removedNeverMounted = !mounted(third);
    box.append(third);
    const readdedMounts = mounted(third);
    return { atOnce, secondAlone, removedNeverMounted, readdedMounts };
  });
  // The first mounts at once, the others wait for tasks of their own.
  expect(report.atOnce).toEqual([true, false, false]);
  expect(report.secondAlone).toBe(true);
  expect(report.removedNeverMounted).toBe(true);
  // Added again later, alone in its task, it mounts at once.
  expect(report.readdedMounts).toBe(true);
});

test('removing and re-adding the widgets 1,000 times leaks nothing', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/test-pages/churn.html');
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();

  const report = await page.evaluate(async () => {
    const { debugCounters } = await import('/dist/crm-widgets.js');
    const holder = document.getElementById('holder');
    const parent = holder.parentNode;
    const inbox = document.getElementById('inbox');
    const widgets = [...holder.children];
    // Resolves when all three are mounted (they mount one per task) and the inbox
    // has fetched and rendered its rows, so that every cycle goes through the
    // whole life: mount, load, render, unmount.
    const rowsRendered = () => new Promise((resolve) => {
      const done = () => inbox.shadowRoot.querySelector('[data-test="inquiry-row"]') !== null
        && widgets.every((widget) => widget.shadowRoot.querySelector('.mount').firstElementChild !== null);
      if (done()) return resolve();
      const observer = new MutationObserver(() => {
        if (done()) {
          observer.disconnect();
          resolve();
        }
      });
      for (const widget of widgets) observer.observe(widget.shadowRoot, { childList: true, subtree: true });
    });
    const cycle = async (times) => {
      for (let i = 0; i < times; i += 1) {
        holder.remove();
        parent.append(holder);
        await rowsRendered();
      }
    };
    const measure = () => {
      gc();
      return { heap: performance.memory.usedJSHeapSize, ...debugCounters() };
    };
    await cycle(100); // warm-up: caches, formatter instances, allocator pools
    const before = measure();
    await cycle(1_000);
    const after = measure();
    return { before, after };
  });
  console.log(`leak check: JS heap ${report.before.heap} → ${report.after.heap} bytes, wasm memory ${report.before.wasmMemoryBytes} → ${report.after.wasmMemoryBytes} bytes, mounted views ${report.after.mountedViews}, live handles ${report.after.liveHandles}`);
  expect(report.after.mountedViews).toBe(3);
  expect(report.after.liveHandles).toBe(3);
  // A leaked view (nodes, closures, signals) costs kilobytes, so 1,000 of them would
  // cost megabytes. Wasm memory grows in 64 KiB pages; allow four for allocator
  // fragmentation, so even a 300-byte-per-cycle leak fails.
  expect(report.after.heap - report.before.heap).toBeLessThan(1_000_000);
  expect(report.after.wasmMemoryBytes - report.before.wasmMemoryBytes).toBeLessThanOrEqual(4 * 65_536);
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first()).toBeVisible();
});
