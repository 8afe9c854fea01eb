// The quote builder through host-demo, checked through the API: a quote built
// from an inquiry (catalog price breaks, discounts, a sample and freight, in
// EUR), validated field by field, reordered, sent, revised, compared and
// printed; kept across a closed tab while offline.
import { test, open, call, row } from './data-helpers.mjs';
import { expect, TOKENS } from './fixtures.mjs';

const builder = (page) => page.locator('crm-quote-builder');
const lines = (page) => builder(page).locator('[data-test="quote-line"]');
const lineField = (page, index, name) => lines(page).nth(index).locator(`[data-test="${name}"]`);

/** A EUR catalog product with quantity breaks, and a buyer's inquiry for 2,000 of it. */
async function productAndInquiry(request, own, tag) {
  const product = await call(request, own, TOKENS.owner, 'POST', '/products', {
    sku: `E2E-PANEL-${tag}`,
    name: `LED Panel 600×600 40W EU ${tag}`,
    description: 'Flat panel, 4000 lm, UGR < 19',
    category: 'LED panels',
    unit: 'piece',
    moq: '500',
    currency: 'EUR',
    price_breaks: [
      { min_quantity: '500', unit_price: '12.40' },
      { min_quantity: '1000', unit_price: '11.80' },
    ],
    hs_code: '9405.42',
    origin: 'CN',
    lead_time_days: 25,
    active: true,
  }, { 'Idempotency-Key': `product-${tag}-${Date.now()}`, 'Content-Type': 'application/json' });
  expect(product.status, JSON.stringify(product.body)).toBe(201);
  const me = await call(request, own, TOKENS.rep, 'GET', '/me');
  const ingest = await call(request, own, 'demo-portal-service-token', 'POST', '/ingest/inquiries', {
    member_id: me.body.member.id,
    portal_inquiry_id: `QUOTE-${tag}-${Date.now()}`,
    kind: 'product',
    buyer: {
      name: 'Klaus Müller',
      company: `Müller Handels GmbH ${tag}`,
      email: `k.mueller.${tag.toLowerCase()}@mueller-handels.example`,
      country: 'DE',
      city: 'Hamburg',
      language: 'de',
      verified: true,
    },
    product: { name: product.body.name },
    subject: `Quote request: ${product.body.name}`,
    message: 'Please quote FOB Ningbo for 2,000 pcs, with a sample first.',
    requirement: {
      quantity: { value: '2000', unit: 'piece' },
      destination: { country: 'DE', place: 'Hamburg' },
      sample_wanted: true,
      oem: false,
    },
  }, { 'Idempotency-Key': `ingest-${tag}-${Date.now()}`, 'Content-Type': 'application/json' });
  expect(ingest.status, JSON.stringify(ingest.body)).toBe(201);
  return { product: product.body, inquiryId: ingest.body.inquiry_id };
}

/** The quotes (every revision) answering `inquiryId`, fetched whole. */
async function quotesOf(request, own, inquiryId) {
  const { body } = await call(request, own, TOKENS.rep, 'GET', '/quotes?limit=100');
  const mine = body.items.filter((quote) => quote.inquiry_id === inquiryId);
  return Promise.all(mine.map(async (quote) => (await call(request, own, TOKENS.rep, 'GET', `/quotes/${quote.id}`)).body));
}

/** Opens host-demo as the rep, selects the inquiry and asks for a quote. */
async function startQuote(page, own, inquiryId) {
  await open(page, own, TOKENS.rep);
  await row(page, inquiryId).click();
  await page.locator('crm-inquiry-inbox [data-test="create-quote"]').click();
  await expect(lines(page)).toHaveCount(1);
}

test('a quote from an inquiry: breaks, discounts, sample, freight in EUR; sent, revised, compared, printed', async ({ page, request, own }, testInfo) => {
  const { inquiryId } = await productAndInquiry(request, own, 'A');
  await page.addInitScript(() => {
    window.__quoteEvents = [];
    for (const name of ['crm-quote-change', 'crm-quote-sent']) {
      document.addEventListener(name, (event) => window.__quoteEvents.push({ name, detail: event.detail }));
    }
  });
  await startQuote(page, own, inquiryId);

  // The catalog product, priced by its break for 2,000 in its own currency.
  await expect(builder(page).locator('[data-test="quote-currency"]')).toHaveValue('EUR');
  await expect(lineField(page, 0, 'line-price')).toHaveValue('11.80');
  await expect(lineField(page, 0, 'line-hs-code')).toHaveValue('9405.42');
  await expect(builder(page).locator('[data-test="line-note"]')).toContainText('Price break 1,000+ applied · MOQ 500 pcs ✓');

  // Field-level problems keep what was typed; below the MOQ is a warning.
  await lineField(page, 0, 'line-quantity').fill('-5');
  await expect(lineField(page, 0, 'line-error')).toHaveText('Enter more than zero.');
  await expect(lineField(page, 0, 'line-quantity')).toHaveAttribute('aria-invalid', 'true');
  await lineField(page, 0, 'line-quantity').fill('300');
  await expect(builder(page).locator('[data-test="line-note"]')).toContainText('Below the minimum order quantity of 500 pcs');
  await expect(lineField(page, 0, 'line-price')).toHaveValue('12.40');
  await lineField(page, 0, 'line-quantity').fill('2000');
  await expect(lineField(page, 0, 'line-price')).toHaveValue('11.80');
  await lineField(page, 0, 'line-price').fill('11.805');
  await expect(lineField(page, 0, 'line-error')).toHaveText('Use at most 2 decimals in EUR.');
  await expect(lineField(page, 0, 'line-price')).toHaveValue('11.805');
  await expect(builder(page).locator('[data-test="quote-total"]')).toHaveText('—');
  await lineField(page, 0, 'line-price').fill('11.80');
  const validUntil = builder(page).locator('[data-test="quote-valid-until"]');
  const wanted = await validUntil.inputValue();
  await validUntil.fill('2020-01-31');
  await expect(builder(page).locator('[data-test="field-error"]')).toHaveText('Choose today or a later day.');
  await validUntil.fill(wanted);

  // A missing Incoterm place is named when sending, and focused.
  await builder(page).locator('[data-test="quote-send"]').click();
  const place = builder(page).locator('[data-test="quote-named-place"]');
  await expect(place).toHaveAttribute('aria-invalid', 'true');
  await expect(builder(page).locator('[data-test="field-error"]')).toHaveText('Fill this in.');
  await expect(place).toBeFocused();
  await place.fill('Ningbo');

  // 3 % off the panels, a free sample, €350 freight: the UX brief's quote.
  await lineField(page, 0, 'line-discount').fill('3');
  await builder(page).locator('[data-test="add-freight"]').click();
  await lineField(page, 1, 'line-name').fill('Freight to Ningbo port');
  await lineField(page, 1, 'line-price').fill('350');
  await builder(page).locator('[data-test="add-sample"]').click();
  await lineField(page, 2, 'line-name').fill('Sample: LED panel 600×600');
  await builder(page).locator('[data-test="quote-internal-notes"]').fill('Floor price 11.20, cost 9.10');
  await builder(page).locator('[data-test="quote-buyer-notes"]').fill('Free sample by DHL within 5 days.');
  await expect(lineField(page, 0, 'line-amount')).toHaveText('€22,892.00');
  await expect(lineField(page, 2, 'line-amount')).toHaveText('€0.00');
  await expect(builder(page).locator('[data-test="quote-line-discounts"]')).toHaveText('€708.00');
  await expect(builder(page).locator('[data-test="quote-total"]')).toHaveText('€23,242.00');

  // The sample goes before the freight, by keyboard on its handle.
  await lineField(page, 2, 'line-handle').focus();
  await page.keyboard.press('ArrowUp');
  await expect(lineField(page, 1, 'line-name')).toHaveValue('Sample: LED panel 600×600');
  await expect(lineField(page, 1, 'line-handle')).toBeFocused();

  // Saved through the outbox; the server computes the same figures.
  await expect(builder(page).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => {
    const [quote] = await quotesOf(request, own, inquiryId);
    return quote && quote.lines.map((line) => `${line.kind} ${line.name}`).join(' | ');
  }).toBe('product LED Panel 600×600 40W EU A | sample Sample: LED panel 600×600 | freight Freight to Ningbo port');
  let [quote] = await quotesOf(request, own, inquiryId);
  expect(quote.totals).toMatchObject({ subtotal: '23242.00', line_discounts: '708.00', total: '23242.00' });
  expect(quote.terms).toMatchObject({ currency: 'EUR', incoterm: 'FOB', named_place: 'Ningbo', internal_notes: 'Floor price 11.20, cost 9.10' });

  // Send revision 1: the inquiry becomes quoted; the host hears it.
  await builder(page).locator('[data-test="quote-send"]').click();
  await expect(builder(page).locator('[data-test="quote-title"]')).toContainText('rev. 1 · Sent');
  await expect.poll(async () => (await quotesOf(request, own, inquiryId))[0].status).toBe('sent');
  expect((await call(request, own, TOKENS.rep, 'GET', `/inquiries/${inquiryId}`)).body.status).toBe('quoted');
  const sent = await page.evaluate(() => window.__quoteEvents.filter((event) => event.name === 'crm-quote-sent'));
  expect(sent).toHaveLength(1);
  expect(sent[0].detail).toMatchObject({ quoteId: quote.id, revision: 1, currency: 'EUR', total: '23242.00', inquiryId });
  expect(await page.evaluate(() => window.__quoteEvents.some((event) => event.name === 'crm-quote-change' && event.detail.total === '23242.00'))).toBe(true);
  // A sent revision is frozen.
  await expect(lineField(page, 0, 'line-price')).toBeDisabled();

  // The buyer asks for a better price: revision 2.
  await builder(page).locator('[data-test="quote-revise"]').click();
  await expect(builder(page).locator('[data-test="quote-title"]')).toContainText('rev. 2 · Draft');
  await lineField(page, 0, 'line-price').fill('11.40');
  await expect(builder(page).locator('[data-test="quote-total"]')).toHaveText('€22,466.00');
  await expect(builder(page).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'saved');
  await builder(page).locator('[data-test="quote-send"]').click();
  await expect(builder(page).locator('[data-test="quote-title"]')).toContainText('rev. 2 · Sent');
  await expect.poll(async () => (await quotesOf(request, own, inquiryId)).map((each) => `${each.revision}:${each.status}`).sort().join(' ')).toBe('1:superseded 2:sent');

  // The difference the buyer sees, rev. 1 to rev. 2; internal notes never show.
  const difference = builder(page).locator('[data-test="quote-difference"]');
  await expect(difference).toContainText('What the buyer sees changed from rev. 1 to rev. 2');
  await expect(difference.locator('[data-test="difference-line"]')).toHaveText(/Unit price: €11\.80 → €11\.40/);
  await expect(difference.locator('[data-test="difference-total"]')).toContainText('Total: €23,242.00 → €22,466.00 (−€776.00)');
  await expect(difference).not.toContainText('cost 9.10');

  // The printable quote, in the buyer's terms; printed alone through a frame.
  await builder(page).locator('[data-test="quote-preview"]').click();
  const sheet = builder(page).locator('[data-test="print-sheet"]');
  await expect(sheet).toContainText('Quotation');
  await expect(sheet.locator('[data-test="print-total"]')).toHaveText('€22,466.00');
  await expect(sheet).toContainText('FOB Ningbo (Incoterms® 2020)');
  await expect(sheet).toContainText('Free sample by DHL within 5 days.');
  await expect(sheet).not.toContainText('cost 9.10');
  await page.emulateMedia({ media: 'print' });
  await sheet.screenshot({ path: testInfo.outputPath('quote-print.png') });
  await page.emulateMedia({ media: 'screen' });
  await builder(page).locator('[data-test="print-language"]').selectOption('zh-Hans');
  await expect(sheet).toContainText('报价单');
  await expect(sheet.locator('[data-test="print-total"]')).toHaveText('€22,466.00');
  await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
  await builder(page).locator('[data-test="quote-print"]').click();
  const frame = page.frameLocator('iframe[data-crm-print]');
  await expect(frame.locator('.print-sheet')).toContainText('报价单');
  await expect(frame.locator('[data-test="print-total"]')).toHaveText('€22,466.00');
  quote = (await quotesOf(request, own, inquiryId)).find((each) => each.revision === 2);
  expect(quote.totals.total).toBe('22466.00');
});

test('an empty quote and an unpriced line are named before anything is sent', async ({ page, own, request }) => {
  const { body: customers } = await call(request, own, TOKENS.rep, 'GET', '/customers?limit=1');
  const quotesOfCustomer = async () => (await call(request, own, TOKENS.rep, 'GET', '/quotes?limit=100')).body.items
    .filter((quote) => quote.customer_id === customers.items[0].id).length;
  const before = await quotesOfCustomer();
  await open(page, own, TOKENS.rep);
  await builder(page).evaluate((element, id) => element.setAttribute('customer-id', id), customers.items[0].id);
  await expect(builder(page).locator('[data-test="quote-buyer"]')).toContainText(customers.items[0].name);
  await builder(page).locator('[data-test="quote-send"]').click();
  await expect(builder(page).locator('[data-test="lines-error"]')).toHaveText('Add at least one line.');
  await builder(page).locator('[data-test="add-product"]').click();
  await builder(page).locator('[data-test="quote-send"]').click();
  await expect(lineField(page, 0, 'line-error')).toHaveText(['Fill this in.', 'Fill this in.']);
  await expect(builder(page).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'local');
  expect(await quotesOfCustomer()).toBe(before);
});

test('a draft typed offline survives the closed tab and reaches the server once', async ({ page, context, request, own }) => {
  const { inquiryId } = await productAndInquiry(request, own, 'B');
  await startQuote(page, own, inquiryId);
  await builder(page).locator('[data-test="quote-named-place"]').fill('Shanghai');
  await expect(builder(page).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => (await quotesOf(request, own, inquiryId)).length).toBe(1);

  await context.setOffline(true);
  await lineField(page, 0, 'line-discount').fill('5');
  await expect(builder(page).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'offline');
  // Half-typed and not yet valid: kept as typed all the same.
  await builder(page).locator('[data-test="quote-lead-time"]').fill('25 days');
  await expect(builder(page).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'local');
  await page.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await startQuote(again, own, inquiryId);
  await expect(builder(again).locator('[data-test="quote-lead-time"]')).toHaveValue('25 days');
  await expect(lineField(again, 0, 'line-discount')).toHaveValue('5');
  await builder(again).locator('[data-test="quote-lead-time"]').fill('25');
  await expect(builder(again).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => {
    const quotes = await quotesOf(request, own, inquiryId);
    return quotes.map((quote) => `${quote.terms.lead_time_days} ${JSON.stringify(quote.lines[0].discount)} ${quote.totals.total}`).join();
  }).toBe('25 {"percent":"5"} 22420.00');
});

test('a quote for a known buyer: addressed to who wrote, sections, dragged lines, accepted', async ({ page, request, own }) => {
  const { body: inquiries } = await call(request, own, TOKENS.rep, 'GET', '/inquiries?limit=200');
  const { body: quotes } = await call(request, own, TOKENS.rep, 'GET', '/quotes?limit=200');
  const quoted = new Set(quotes.items.map((quote) => quote.inquiry_id));
  let chosen;
  for (const inquiry of inquiries.items.filter((item) => item.customer_id && item.product_name && !quoted.has(item.id))) {
    const { body: customer } = await call(request, own, TOKENS.rep, 'GET', `/customers/${inquiry.customer_id}`);
    const writer = customer.contacts.find((contact) => contact.name === inquiry.buyer.name);
    if (writer) {
      chosen = { inquiry, writer };
      break;
    }
  }
  expect(chosen, 'the seed has an unquoted inquiry from a known contact').toBeTruthy();
  await startQuote(page, own, chosen.inquiry.id);
  await expect(builder(page).locator('[data-test="quote-contact"]')).toHaveValue(chosen.writer.id);
  await builder(page).locator('[data-test="quote-named-place"]').fill('Ningbo');

  // A catalog product found by its SKU, added with Enter, lands last.
  const { body: products } = await call(request, own, TOKENS.rep, 'GET', '/products?limit=50');
  const other = products.items.find((product) => product.name !== chosen.inquiry.product_name);
  await builder(page).locator('[data-test="catalog-search"]').fill(other.sku);
  await expect(builder(page).locator('[data-test="catalog-product"]')).toHaveCount(1);
  await builder(page).locator('[data-test="catalog-search"]').press('Enter');
  await expect(lines(page)).toHaveCount(2);
  await expect(lineField(page, 1, 'line-name')).toHaveValue(other.name);
  await expect(lineField(page, 1, 'line-quantity')).toHaveValue(String(Number(other.moq)));

  // Grouped under a section, then dragged first.
  await lineField(page, 1, 'line-more').click();
  await lineField(page, 1, 'line-section').fill('Accessories');
  await expect(builder(page).locator('[data-test="quote-section"]')).toHaveText('Accessories');
  await lineField(page, 1, 'line-handle').dragTo(lines(page).nth(0).locator('[data-test="line-name"]'));
  await expect(lineField(page, 0, 'line-name')).toHaveValue(other.name);

  await expect(builder(page).locator('[data-test="quote-save-state"]')).toHaveAttribute('data-state', 'saved');
  await builder(page).locator('[data-test="quote-send"]').click();
  await expect(builder(page).locator('[data-test="quote-title"]')).toContainText('rev. 1 · Sent');
  await builder(page).locator('[data-test="quote-accept"]').click();
  await expect(builder(page).locator('[data-test="quote-title"]')).toContainText('rev. 1 · Accepted');
  await expect.poll(async () => {
    const [quote] = await quotesOf(request, own, chosen.inquiry.id);
    return quote && `${quote.status} ${quote.contact_id} ${quote.lines.map((line) => line.section ?? '-').join(',')}`;
  }).toBe(`accepted ${chosen.writer.id} Accessories,-`);
  await builder(page).locator('[data-test="quote-preview"]').click();
  await expect(builder(page).locator('[data-test="print-contact"]')).toHaveText(chosen.writer.name);
});
