// The IndexedDB cache in a real browser: every kind of record cached, the card
// and the quote builder working offline from it, live changes reaching an open
// card, and the schema's life: an upgrade that keeps unsent edits, another tab
// with a newer schema, an open that stays blocked.
import { expect, TOKENS } from './fixtures.mjs';
import { test, rows, row, statusLine, call, open, cacheName, inquiry } from './data-helpers.mjs';

const card = (page) => page.locator('crm-customer-card');
const quote = (page) => page.locator('crm-quote-builder');

/** Every item of a paged list of the API. */
async function listAll(request, server, token, path) {
  const items = [];
  let cursor = null;
  do {
    const query = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await call(request, server, token, 'GET', `${path}?${query}`);
    expect(status, `GET ${path}`).toBe(200);
    items.push(...body.items);
    cursor = body.next_cursor;
  } while (cursor);
  return items;
}

/** The ids in each object store of the cache `name`, and its version and indexes. */
async function readCache(page, name) {
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = async () => {
      const db = request.result;
      const result = { version: db.version, stores: {}, indexes: {} };
      for (const store of ['inquiries', 'customers', 'quotes', 'products', 'users', 'reminders']) {
        const transaction = db.transaction(store);
        result.indexes[store] = [...transaction.objectStore(store).indexNames].sort();
        result.stores[store] = await new Promise((done) => {
          const keys = transaction.objectStore(store).getAllKeys();
          keys.onsuccess = () => done(keys.result.sort());
        });
      }
      db.close();
      resolve(result);
    };
  }), name);
}

test('every kind of record is cached, and card and quote builder open from the cache offline', async ({ page, request, own }) => {
  await open(page, own, TOKENS.rep);
  const name = await cacheName(page);
  const expected = {};
  for (const [store, path] of [['inquiries', '/inquiries'], ['customers', '/customers'], ['quotes', '/quotes'], ['products', '/products'], ['reminders', '/reminders']]) {
    expected[store] = (await listAll(request, own, TOKENS.rep, path)).map((item) => item.id).sort();
  }
  expected.users = (await call(request, own, TOKENS.rep, 'GET', '/users')).body.items.map((user) => user.id).sort();
  for (const store of Object.keys(expected)) {
    expect(expected[store].length, `the seed has ${store}`).toBeGreaterThan(0);
  }
  const cached = await readCache(page, name);
  expect(cached.version).toBe(2);
  expect(cached.stores).toEqual(expected);
  expect(cached.indexes.inquiries).toEqual(['customer_id', 'received_at']);

  // Open an inquiry with a customer once online, so the card's profile is cached.
  const { body: firstPage } = await call(request, own, TOKENS.rep, 'GET', '/inquiries?limit=50');
  const withCustomer = firstPage.items.find((item) => item.customer_id);
  const { body: customer } = await call(request, own, TOKENS.rep, 'GET', `/customers/${withCustomer.customer_id}`);
  await row(page, withCustomer.id).click();
  await expect(card(page).locator('[data-test="customer-name"]')).toHaveText(customer.name);
  // …and its timeline's first page, once shown.
  const { body: stream } = await call(request, own, TOKENS.rep, 'GET', `/customers/${customer.id}/timeline`);
  await card(page).locator('[data-test="customer-timeline-section"] summary').click();
  await expect(card(page).locator('[data-test="timeline-entry"]')).toHaveCount(stream.items.length);

  // Offline: the inbox, the card and the quote builder all come from the cache.
  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(statusLine(page)).toContainText('Offline: showing saved data');
  await row(page, withCustomer.id).click();
  await expect(card(page).locator('[data-test="customer-name"]')).toHaveText(customer.name);
  await expect(card(page).locator('[data-test="customer-contacts"] [data-test="contact"]')).toHaveCount(customer.contacts.length);
  // The timeline's first page too.
  await card(page).locator('[data-test="customer-timeline-section"] summary').click();
  await expect(card(page).locator('[data-test="timeline-entry"]')).toHaveCount(stream.items.length);
  await page.locator('crm-inquiry-inbox [data-test="create-quote"]').click();
  await expect(quote(page).locator('[data-test="quote-buyer"]')).toContainText(withCustomer.buyer.company || withCustomer.buyer.name);
});

test('a customer changed elsewhere updates the open card without a reload', async ({ page, request, own }) => {
  await open(page, own, TOKENS.manager);
  const { body: firstPage } = await call(request, own, TOKENS.manager, 'GET', '/inquiries?limit=50');
  const withCustomer = firstPage.items.find((item) => item.customer_id);
  await row(page, withCustomer.id).click();
  const tier = card(page).locator('[data-test="customer-tier"]');
  await expect(tier).toBeVisible();

  const { body: customer, headers } = await call(request, own, TOKENS.manager, 'GET', `/customers/${withCustomer.customer_id}`);
  const other = customer.tier === 'partnership' ? 'transactional' : 'partnership';
  const renamed = `${customer.name} (renamed elsewhere)`;
  const patch = await call(request, own, TOKENS.manager, 'PATCH', `/customers/${customer.id}`, { tier: other, name: renamed }, {
    'If-Match': headers.etag, 'Content-Type': 'application/json',
  });
  expect(patch.status, JSON.stringify(patch.body)).toBe(200);
  await expect(card(page).locator('[data-test="customer-name"]')).toHaveText(renamed);
  await expect(tier).toHaveText(other === 'partnership' ? 'Partnership' : 'Transactional');
});

test('a cache of an older schema is upgraded: unsent edits survive, records are loaded again', async ({ page, request, own }) => {
  await open(page, own, TOKENS.rep);
  const name = await cacheName(page);
  const id = await rows(page).first().getAttribute('data-id');

  // An edit made offline waits in the outbox.
  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(statusLine(page)).toContainText('Offline');
  await row(page, id).click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  // Opening it may have marked it read too: one or two edits wait.
  await expect(statusLine(page)).toContainText(/[12] changes? waiting/);
  const waiting = Number((await statusLine(page).textContent()).match(/(\d) changes? waiting/)[1]);

  // Rebuild the cache as the first schema had it, with that outbox and a record.
  await page.goto(`${own.url}/test-pages/blank.html`);
  const rebuilt = await page.evaluate(async (name) => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    let db = await request(indexedDB.open(name));
    const outbox = await request(db.transaction('outbox').objectStore('outbox').getAll());
    const [inquiry] = await request(db.transaction('inquiries').objectStore('inquiries').getAll(null, 1));
    db.close();
    await request(indexedDB.deleteDatabase(name));
    const opening = indexedDB.open(name, 1);
    opening.onupgradeneeded = () => {
      const old = opening.result;
      for (const store of ['inquiries', 'customers', 'quotes', 'products', 'users', 'reminders']) {
        old.createObjectStore(store, { keyPath: 'id' });
      }
      old.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      old.createObjectStore('meta');
    };
    db = await request(opening);
    const transaction = db.transaction(['outbox', 'inquiries', 'meta'], 'readwrite');
    for (const entry of outbox) transaction.objectStore('outbox').put(entry);
    transaction.objectStore('inquiries').put({ ...inquiry, subject: 'Only in the old cache' });
    transaction.objectStore('meta').put('an-old-cursor', 'cursor');
    await new Promise((resolve) => { transaction.oncomplete = resolve; });
    db.close();
    return outbox.length;
  }, name);
  expect(rebuilt).toBe(waiting);

  await page.unroute('**/api/v1/**');
  await page.goto(`${own.url}/`);
  await expect(statusLine(page)).toContainText('Up to date');
  await expect.poll(async () => (await call(request, own, TOKENS.rep, 'GET', `/inquiries/${id}`)).body.status).toBe('archived');
  await expect(page.locator('crm-inquiry-inbox')).not.toContainText('Only in the old cache');
  const cached = await readCache(page, name);
  expect(cached.version).toBe(2);
  expect(cached.indexes.inquiries).toEqual(['customer_id', 'received_at']);
  expect(cached.stores.inquiries.length).toBeGreaterThan(0);
});

test('the outbox and the tabs keep their shapes: edits stored and messages posted by an earlier release are read', async ({ page, request, own }) => {
  await open(page, own, TOKENS.rep);
  const name = await cacheName(page);
  const [first, second] = await rows(page).evaluateAll((elements) => elements.slice(0, 2).map((element) => element.dataset.id));
  const other = await inquiry(request, own, TOKENS.rep, second);
  const outbox = () => page.evaluate((name) => new Promise((resolve, reject) => {
    const opening = indexedDB.open(name);
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const all = opening.result.transaction('outbox').objectStore('outbox').getAll();
      all.onsuccess = () => { opening.result.close(); resolve(all.result); };
    };
  }), name);
  // Another tab of the origin, on the widgets' channel.
  await page.evaluate((name) => {
    window.heard = [];
    window.tab = new BroadcastChannel(name);
    window.tab.onmessage = (event) => window.heard.push(event.data);
  }, name);

  // An edit made offline is stored tagged, as every release stored it.
  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await row(page, first).click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  await expect.poll(async () => (await outbox()).find((entry) => entry.op.patch?.status === 'archived')?.state?.state).toBe('waiting');
  const archive = (await outbox()).find((entry) => entry.op.patch?.status === 'archived');
  expect(archive).toMatchObject({ resource: `inquiry/${first}`, op: { kind: 'update_inquiry', id: first }, state: { state: 'waiting' } });
  expect(typeof archive.state.attempts).toBe('number');
  expect(typeof archive.key).toBe('string');
  // Tabs are told in the same shape.
  await expect.poll(() => page.evaluate(() => window.heard.map((message) => message.kind))).toContain('outbox');
  for (const message of await page.evaluate(() => window.heard)) {
    expect(typeof message.kind, JSON.stringify(message)).toBe('string');
  }
  await expect(statusLine(page)).toContainText(/\d changes? waiting/);
  const waiting = Number((await statusLine(page).textContent()).match(/(\d) changes? waiting/)[1]);

  // An edit as an earlier release stored it, announced as it announced one.
  await page.evaluate(({ name, entry }) => new Promise((resolve, reject) => {
    const opening = indexedDB.open(name);
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const transaction = opening.result.transaction('outbox', 'readwrite');
      transaction.objectStore('outbox').add(entry);
      transaction.oncomplete = () => { opening.result.close(); resolve(); };
      transaction.onerror = () => reject(transaction.error);
    };
  }), {
    name,
    entry: {
      resource: `inquiry/${second}`,
      if_match: other.version,
      key: '2b4f6a0e-9c1d-4e8a-b5f3-7d2c8e1a9b60',
      op: { kind: 'update_inquiry', id: second, patch: { tags: [...other.tags, 'stored-earlier'] }, about: other.buyer.name },
      state: { state: 'waiting', attempts: 0, not_before: 0 },
    },
  });
  await page.evaluate(() => window.tab.postMessage({ kind: 'outbox' }));
  await expect(statusLine(page)).toContainText(`${waiting + 1} changes waiting`);

  // Back online, both reach the server.
  await page.unroute('**/api/v1/**');
  await page.reload();
  await expect(statusLine(page)).toContainText('Up to date');
  await expect.poll(async () => (await inquiry(request, own, TOKENS.rep, first)).status).toBe('archived');
  await expect.poll(async () => (await inquiry(request, own, TOKENS.rep, second)).tags).toContain('stored-earlier');
});

test('a newer schema opened in another tab: this tab lets go of the cache and keeps working', async ({ page, context, own }) => {
  await open(page, own, TOKENS.rep);
  const name = await cacheName(page);
  const newer = await context.newPage();
  // Any page of the origin will do; this one has no widgets.
  await newer.goto(`${own.url}/api/v1/health`);
  // Succeeds only if the widgets close their connection when asked to.
  const version = await newer.evaluate((name) => new Promise((resolve, reject) => {
    const opening = indexedDB.open(name, 3);
    opening.onsuccess = () => { const v = opening.result.version; opening.result.close(); resolve(v); };
    opening.onerror = () => reject(opening.error);
  }), name);
  expect(version).toBe(3);
  await expect(statusLine(page)).toContainText('Offline use is off');

  const id = await rows(page).first().getAttribute('data-id');
  await rows(page).first().click();
  await page.locator('crm-inquiry-inbox [data-test="status-select"]').selectOption('archived');
  await expect(row(page, id).locator('[data-test="inquiry-status"]')).toHaveText('Archived');
  await expect(statusLine(page)).not.toContainText('waiting');
});

test('an open blocked by an older tab that never lets go: the widgets work from memory', async ({ page, context, own }) => {
  await open(page, own, TOKENS.rep);
  const name = await cacheName(page);
  const ids = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));

  // Another tab holds the database at version 2 and ignores requests to close it;
  // this tab asks for a newer version, which stays blocked.
  await page.goto(`${own.url}/test-pages/blank.html`);
  const holder = await context.newPage();
  await holder.goto(`${own.url}/api/v1/health`);
  await holder.evaluate((name) => new Promise((resolve) => {
    const opening = indexedDB.open(name);
    opening.onsuccess = () => { window.held = opening.result; resolve(); };
  }), name);
  await page.evaluate((name) => new Promise((resolve) => {
    const deleting = indexedDB.deleteDatabase(name);
    deleting.onblocked = resolve;
    deleting.onsuccess = resolve;
  }), name);

  // The widgets wait a few seconds for the open, then go on without the cache.
  await page.goto(`${own.url}/`);
  await expect(statusLine(page)).toContainText('Offline use is off');
  await expect(rows(page).first()).toBeVisible();
  const shown = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
  expect(shown).toEqual(ids);
  await holder.evaluate(() => window.held.close());
});

test('the cache opens without waiting for the server to say who the user is', async ({ page, own }) => {
  await open(page, own, TOKENS.rep);
  const ids = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));

  // `GET /me` gets no answer until the rows are on screen.
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/v1/me', async (route) => {
    await released;
    await route.continue();
  });
  await page.reload();
  await expect(rows(page)).toHaveCount(ids.length);
  release();
  await expect(statusLine(page)).toContainText('Up to date');
});

test('a token that now belongs to another user: the widgets start afresh on that user\'s cache', async ({ page, own }) => {
  await open(page, own, TOKENS.rep);
  const name = await cacheName(page);
  const ids = await rows(page).evaluateAll((elements) => elements.map((element) => element.dataset.id));
  // What this browser remembers for the token points at someone else's cache.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((key) => key.startsWith('crm-widgets:identity:'))) {
      localStorage.setItem(key, 'crm-widgets:someone:else');
    }
  });
  await page.reload();
  await expect(statusLine(page)).toContainText('Up to date');
  await expect(rows(page)).toHaveCount(ids.length);
  const remembered = await page.evaluate(() => Object.entries(localStorage)
    .filter(([key]) => key.startsWith('crm-widgets:identity:')).map(([, value]) => value));
  expect(remembered).toEqual([name]);
});

test('a cache larger than one read batch opens offline with every record', async ({ page, request, own }) => {
  // The cache is read 250 records at a time (store::READ_BATCH): 300 more
  // inquiries make the read continue after its first batches.
  const me = await call(request, own, TOKENS.owner, 'GET', '/me');
  for (let index = 0; index < 300; index += 1) {
    const ingest = await call(request, own, 'demo-portal-service-token', 'POST', '/ingest/inquiries', {
      member_id: me.body.member.id,
      portal_inquiry_id: `BATCH-${index}`,
      kind: 'product',
      buyer: { name: `Buyer ${index}`, company: `Batch Trading ${index}`, email: `buyer${index}@batch.example`, country: 'DE', verified: false },
      product: { name: 'LED Panel Light 600×600 40W' },
      subject: `Batch inquiry ${index}`,
      message: 'Please quote 500 panels, FOB Ningbo.',
      requirement: { quantity: { value: '500', unit: 'piece' }, sample_wanted: false, oem: false },
    }, { 'Idempotency-Key': `batch-${index}`, 'Content-Type': 'application/json' });
    expect(ingest.status, JSON.stringify(ingest.body)).toBe(201);
  }
  const expected = (await listAll(request, own, TOKENS.owner, '/inquiries')).length;
  expect(expected).toBeGreaterThan(300);
  await open(page, own, TOKENS.owner);
  const all = page.locator('crm-inquiry-inbox [data-test="status-count"]').first();
  await expect(all).toHaveText(expected.toLocaleString('en'));
  expect((await readCache(page, await cacheName(page))).stores.inquiries).toHaveLength(expected);

  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(statusLine(page)).toContainText('Offline: showing saved data');
  await expect(all).toHaveText(expected.toLocaleString('en'));
  await expect(rows(page).first()).toContainText('Batch inquiry 299');
});
