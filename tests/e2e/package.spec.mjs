// dist/ as a package: its package.json, Custom Elements Manifest and TypeScript
// declarations describe the elements as the bundle defines and renders them;
// theming through the documented tokens, light and dark; axe-core finds no
// WCAG 2.1 A/AA violation in the widgets' states, in both themes and languages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect, TOKENS } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** `{ InterfaceName: [field, …] }` from the declarations' `export interface`s. */
function interfaceFields(declarations) {
  const fields = {};
  for (const match of declarations.matchAll(/^export interface (\w+)(?: extends \w+)? \{\n([\s\S]*?)^\}/gm)) {
    fields[match[1]] = [...match[2].matchAll(/^ {2}(\w+)\??:/gm)].map((field) => field[1]);
  }
  return fields;
}

/** The back office with an inquiry open whose buyer is a customer, and a quote started from it. */
async function openEverything(page, api) {
  const { items } = await api(TOKENS.rep, '/inquiries?limit=50');
  // Among the first rows, in view without scrolling.
  const linked = items.slice(0, 5).find((item) => item.customer_id);
  expect(linked, 'a recent inquiry of the rep whose buyer is a customer').toBeTruthy();
  await page.goto('/');
  await page.locator(`crm-inquiry-inbox [data-test="inquiry-row"][data-id="${linked.id}"]`).click();
  await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-detail"]')).toHaveAttribute('data-inquiry', linked.id);
  await expect(page.locator('crm-customer-card [part="header"]')).toBeVisible();
  await page.locator('crm-inquiry-inbox [data-test="create-quote"]').click();
  await expect(page.locator('crm-quote-builder [data-test="quote-lines"] tbody')).not.toHaveCount(0);
  return linked;
}

test('dist/ is a package: package.json names its entry, manifest and types, and every file it lists is there', async ({ request, baseURL }) => {
  const response = await request.get(`${baseURL}/dist/package.json`);
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest.type).toBe('module');
  expect(manifest.exports['.']).toEqual({ types: './crm-widgets.d.ts', default: './crm-widgets.js' });
  expect(manifest.customElements).toBe('custom-elements.json');
  for (const file of manifest.files) {
    const fileResponse = await request.get(`${baseURL}/dist/${file}`);
    expect(fileResponse.ok(), `dist/${file}`).toBe(true);
  }
});

test('the manifest and the declarations match the elements: tags, attributes, properties, parts, custom properties, events', async ({ page, api, request, baseURL }) => {
  const cem = await (await request.get(`${baseURL}/dist/custom-elements.json`)).json();
  const declarations = await (await request.get(`${baseURL}/dist/crm-widgets.d.ts`)).text();
  const interfaces = interfaceFields(declarations);
  const module = cem.modules[0];
  const elements = module.declarations.filter((declaration) => declaration.customElement);
  expect(elements.map((element) => element.tagName).sort())
    .toEqual(['crm-customer-card', 'crm-inquiry-inbox', 'crm-quote-builder']);

  // Every crm-* event any element dispatches during the flow, with its detail's keys.
  await page.addInitScript(() => {
    window.crmEvents = [];
    const original = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function dispatch(event) {
      if (event.type.startsWith('crm-') && this instanceof HTMLElement) {
        window.crmEvents.push({ tag: this.localName, name: event.type, keys: Object.keys(event.detail ?? {}) });
      }
      return original.call(this, event);
    };
  });
  await openEverything(page, api);
  await page.locator('crm-quote-builder [data-test="line-price"]').first().fill('9.99');

  for (const element of elements) {
    const tag = element.tagName;
    const live = await page.evaluate((name) => {
      const Class = customElements.get(name);
      const probe = document.createElement(name);
      const reflected = {};
      for (const attribute of Class.observedAttributes) {
        const field = attribute.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
        if (field === 'lang') continue;
        probe[field] = 'probe-value';
        reflected[attribute] = probe.getAttribute(attribute) === 'probe-value';
      }
      const rendered = document.querySelector(name);
      const parts = [...rendered.shadowRoot.querySelectorAll('[part]')]
        .flatMap((node) => node.getAttribute('part').split(/\s+/));
      const css = [...rendered.shadowRoot.adoptedStyleSheets]
        .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
      return { observed: Class.observedAttributes, reflected, parts, css };
    }, tag);

    // Attributes: exactly those observed, each reflected by its documented field.
    expect(element.attributes.map((attribute) => attribute.name).sort(), tag).toEqual([...live.observed].sort());
    for (const attribute of element.attributes) {
      if (attribute.name !== 'lang') expect(live.reflected[attribute.name], `${tag} ${attribute.fieldName}`).toBe(true);
    }
    const fields = element.members.map((member) => member.name);
    const declared = interfaces[`${element.name}Element`];
    expect(declared, `${element.name}Element in the declarations`).toBeTruthy();
    expect([...declared, 'lang'].sort(), tag).toEqual([...fields].sort());
    for (const field of fields) {
      expect(await page.$eval(tag, (node, name) => name in node, field), `${tag}.${field}`).toBe(true);
    }

    // Parts: each documented one is rendered, and nothing undocumented is.
    expect([...new Set(live.parts)].sort(), tag).toEqual(element.cssParts.map((part) => part.name).sort());

    // Custom properties: each documented one is read by the element's stylesheet.
    for (const property of element.cssProperties) {
      expect(live.css, `${tag} reads ${property.name}`).toContain(`var(${property.name}`);
    }
  }

  // Events: each one seen was dispatched by the element the manifest names, with
  // exactly the detail its declared interface has.
  const seen = await page.evaluate(() => window.crmEvents);
  expect(seen.map((event) => event.name)).toEqual(expect.arrayContaining(
    ['crm-inquiry-select', 'crm-quote-request', 'crm-quote-change'],
  ));
  for (const event of seen) {
    const owner = elements.find((element) => element.tagName === event.tag);
    const documented = owner.events.find((candidate) => candidate.name === event.name);
    expect(documented, `${event.tag} documents ${event.name}`).toBeTruthy();
    const detail = documented.type.text.match(/^CustomEvent<(\w+)>$/)[1];
    expect([...event.keys].sort(), `${event.name} detail`).toEqual([...interfaces[detail]].sort());
  }
});

test('theme tokens set on an ancestor reach inside, and the widgets follow the page into dark', async ({ page, api }) => {
  await openEverything(page, api);
  const styles = () => page.evaluate(() => {
    const inbox = document.querySelector('crm-inquiry-inbox').shadowRoot;
    const quote = document.querySelector('crm-quote-builder').shadowRoot;
    const base = getComputedStyle(inbox.querySelector('[part="base"]'));
    const primary = getComputedStyle(inbox.querySelector('[data-test="create-quote"]'));
    const mount = getComputedStyle(quote.querySelector('.mount'));
    return {
      surface: base.backgroundColor,
      radius: base.borderTopLeftRadius,
      primary: primary.backgroundColor,
      text: mount.color,
      font: mount.fontFamily,
    };
  });
  const light = await styles();
  expect(light.surface).toBe('rgb(255, 255, 255)');
  expect(light.text).toBe('rgb(31, 35, 40)');
  // The host page's font is inherited.
  expect(light.font).toBe(await page.evaluate(() => getComputedStyle(document.body).fontFamily));

  // Tokens on <body>, an ancestor of every widget (set through the CSSOM: the page's CSP allows no inline style).
  await page.evaluate(() => {
    document.body.style.setProperty('--crm-color-accent', 'rgb(200, 0, 100)');
    document.body.style.setProperty('--crm-radius', '0px');
    document.body.style.setProperty('--crm-font-family', 'serif');
  });
  const themed = await styles();
  expect(themed.primary).toBe('rgb(200, 0, 100)');
  expect(themed.radius).toBe('0px');
  expect(themed.font).toBe('serif');

  // The host page's theme switch sets color-scheme: dark on <html>.
  await page.click('[data-test="theme-dark"]');
  const dark = await styles();
  expect(dark.surface).toBe('rgb(13, 17, 23)');
  expect(dark.text).toBe('rgb(230, 237, 243)');
  // A token the host set still wins over the dark default.
  expect(dark.primary).toBe('rgb(200, 0, 100)');
  await page.click('[data-test="theme-light"]');
  expect((await styles()).surface).toBe('rgb(255, 255, 255)');
});

for (const { theme, lang } of [
  { theme: 'light', lang: 'en' },
  { theme: 'dark', lang: 'en' },
  { theme: 'light', lang: 'zh-Hans' },
]) {
  test(`axe-core finds no WCAG 2.1 A or AA violation: ${theme}, ${lang}`, async ({ page, api }) => {
    const linked = await openEverything(page, api);
    await page.click(`[data-test="theme-${theme}"]`);
    if (lang !== 'en') {
      await page.click('[data-test="lang-zh"]');
      await expect(page.locator('crm-quote-builder [part="totals"]')).toHaveAttribute('aria-label', /[\u4e00-\u9fff]/);
    }
    // axe-core loads as a script of the page's own origin: its CSP allows no other.
    await page.route('**/axe-core.js', (route) => route.fulfill({ body: AXE_SOURCE, contentType: 'text/javascript' }));
    await page.addScriptTag({ url: '/axe-core.js' });
    const audit = async (label) => {
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return result.violations.map((violation) => ({
          rule: violation.id,
          help: violation.help,
          nodes: violation.nodes.map((node) => `${JSON.stringify(node.target)}: ${node.failureSummary}`),
        }));
      });
      expect(violations, `${label} (${theme}, ${lang})`).toEqual([]);
    };
    await audit('inbox with an inquiry open, customer card, quote with a line');

    // Other states: the inbox's shortcut help, a filtered empty list, the card's sections open.
    await page.locator('crm-inquiry-inbox [data-test="inquiry-row"]').first().focus();
    await page.keyboard.press('?');
    await expect(page.locator('crm-inquiry-inbox [data-test="keyboard-help"]')).toBeVisible();
    await audit('keyboard shortcuts shown');
    await page.keyboard.press('?');
    await page.locator('crm-inquiry-inbox [data-test="inbox-search"]').fill('no inquiry says this zzqx');
    await expect(page.locator('crm-inquiry-inbox [data-test="inquiry-row"]')).toHaveCount(0);
    await page.locator('crm-customer-card details').evaluateAll((sections) => {
      for (const section of sections) section.open = true;
    });
    await audit('empty search, every card section open');

    await page.locator('crm-quote-builder [data-test="quote-named-place"]').fill('Ningbo');
    await page.locator('crm-quote-builder [data-test="quote-preview"]').click();
    await expect(page.locator('crm-quote-builder [data-test="print-sheet"]')).toBeVisible();
    await audit('quote print preview');

    // The card alone on the customer's page: the full layout, sections open.
    await page.goto(`/customer.html?id=${linked.customer_id}`);
    await expect(page.locator('crm-customer-card [part="metrics"]')).toBeVisible();
    await page.addScriptTag({ url: '/axe-core.js' });
    await audit('customer page, full layout');
  });
}

/** UI strings (not data) in the widgets with three or more Latin letters and no Chinese character. */
function untranslated(page) {
  return page.evaluate(() => {
    const found = new Set();
    const chrome = 'button, label, th, summary, h2, h4, legend, dt, .section-title';
    for (const element of document.querySelectorAll('crm-inquiry-inbox, crm-customer-card, crm-quote-builder')) {
      const root = element.shadowRoot;
      const texts = [];
      // The customer's name heads the card: data, not UI.
      for (const node of root.querySelectorAll(chrome)) {
        if (node.matches('[data-test="customer-name"]')) continue;
        // The element's own text, not its children's (a button may hold a buyer's name in a span).
        texts.push([...node.childNodes].filter((child) => child.nodeType === Node.TEXT_NODE).map((child) => child.textContent).join(' '));
      }
      for (const node of root.querySelectorAll('[placeholder], [aria-label], [title]')) {
        for (const name of ['placeholder', 'aria-label', 'title']) texts.push(node.getAttribute(name) ?? '');
      }
      for (const text of texts) {
        if (/[A-Za-z]{3,}/.test(text) && !/[\u4e00-\u9fff]/.test(text)) found.add(`${element.localName}: ${text.trim()}`);
      }
    }
    return [...found];
  });
}

test('in Chinese no UI string is left in English: buttons, labels, headings, placeholders, accessible names, tooltips', async ({ page, api }) => {
  const linked = await openEverything(page, api);
  // English as the control: the same check finds English strings there.
  expect((await untranslated(page)).length).toBeGreaterThan(10);
  await page.click('[data-test="lang-zh"]');
  await expect(page.locator('crm-inquiry-inbox h2')).toHaveText('询盘');
  await page.locator('crm-customer-card details').evaluateAll((sections) => {
    for (const section of sections) section.open = true;
  });
  expect(await untranslated(page), 'back office').toEqual([]);

  await page.goto(`/customer.html?id=${linked.customer_id}`);
  await page.evaluate(() => { document.documentElement.lang = 'zh-Hans'; });
  await expect(page.locator('crm-customer-card [part="metrics"]')).toBeVisible();
  await expect(page.locator('crm-customer-card [data-test="notice"], crm-customer-card summary').first()).toHaveText(/[\u4e00-\u9fff]/);
  expect(await untranslated(page), 'customer page').toEqual([]);
});
