// What the widgets rely on beyond the schemas (schemathesis checks those): the
// REST contract's conventions, checked against a running server. See
// docs/rest-contract.md. Writes only reminders it creates itself, marked
// "conformance check".
import { test, expect, expectProblem, randomUUID } from './fixtures.mjs';

const today = () => new Date().toISOString().slice(0, 10);

/** A customer of the caller's member company to attach reminders to. */
async function someCustomer(api) {
  const page = await api('GET', '/customers?limit=1');
  expect(page.status).toBe(200);
  expect(page.body.items.length, 'the member has at least one customer').toBeGreaterThan(0);
  return page.body.items[0];
}

async function newReminder(api, customerId, key = randomUUID(), title = `conformance check ${randomUUID()}`) {
  return api('POST', `/customers/${customerId}/reminders`, {
    headers: { 'Idempotency-Key': key },
    data: { kind: 'follow_up', title, due_on: today() },
  });
}

test('without a valid token every answer is 401 problem+json', async ({ api }) => {
  expectProblem(await api('GET', '/inquiries', { token: null }), 401, 'unauthorized');
  expectProblem(await api('GET', '/customers', { token: `not-a-token-${randomUUID()}` }), 401, 'unauthorized');
});

test('lists are pages of { items, next_cursor, total } that never overlap, and a bad limit is a validation problem', async ({ api }) => {
  const first = await api('GET', '/inquiries?limit=2');
  expect(first.status).toBe(200);
  expect(Array.isArray(first.body.items)).toBe(true);
  expect(first.body.items.length).toBeLessThanOrEqual(2);
  expect(typeof first.body.total).toBe('number');
  if (first.body.total > 2) {
    expect(typeof first.body.next_cursor).toBe('string');
    const second = await api('GET', `/inquiries?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    expect(second.status).toBe(200);
    const seen = new Set(first.body.items.map((item) => item.id));
    expect(second.body.items.some((item) => seen.has(item.id)), 'pages overlap').toBe(false);
    expect(second.body.total).toBe(first.body.total);
  }
  const bad = await api('GET', '/inquiries?limit=0');
  expect([400, 422]).toContain(bad.status);
  expectProblem(bad, bad.status);
  expectProblem(await api('GET', '/inquiries?cursor=not-a-cursor'), 400);
});

test('an unknown id answers 404 not-found', async ({ api }) => {
  expectProblem(await api('GET', `/inquiries/${randomUUID()}`), 404, 'not-found');
  expectProblem(await api('GET', `/customers/${randomUUID()}`), 404, 'not-found');
});

test('another member company\'s records answer 404, never data', async ({ api, target }) => {
  test.skip(!target.otherToken, 'needs --other-token: a user of another member company');
  const mine = await someCustomer(api);
  expectProblem(await api('GET', `/customers/${mine.id}`, { token: target.otherToken }), 404, 'not-found');
  const theirs = await api('GET', '/customers?limit=50', { token: target.otherToken });
  expect(theirs.body.items.some((customer) => customer.id === mine.id)).toBe(false);
});

test('a POST with the same Idempotency-Key is answered once: replayed, never created twice; another body is refused', async ({ api }) => {
  const customer = await someCustomer(api);
  const key = randomUUID();
  const title = `conformance check ${key}`;
  const created = await newReminder(api, customer.id, key, title);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.headers.etag).toBe(`"${created.body.version}"`);
  const replayed = await newReminder(api, customer.id, key, title);
  expect(replayed.status).toBe(201);
  expect(replayed.headers['idempotent-replayed']).toBe('true');
  expect(replayed.body.id).toBe(created.body.id);
  expectProblem(await newReminder(api, customer.id, key, `${title} (changed)`), 422, 'idempotency-key-reused');
  const listed = await api('GET', `/reminders?limit=200`);
  expect(listed.body.items.filter((reminder) => reminder.title === title)).toHaveLength(1);

  const missing = await api('POST', `/customers/${customer.id}/reminders`, {
    data: { kind: 'follow_up', title, due_on: today() },
  });
  expect(missing.status).toBeGreaterThanOrEqual(400);
  expect(missing.status).toBeLessThan(500);
  expectProblem(missing, missing.status);
});

test('updates need the current version in If-Match: none is 428, a stale one 412 with current_version, the current one succeeds with a new ETag', async ({ api }) => {
  const customer = await someCustomer(api);
  const reminder = (await newReminder(api, customer.id)).body;
  const path = `/reminders/${reminder.id}`;
  const read = await api('GET', path);
  expect(read.status).toBe(200);
  expect(read.headers.etag).toBe(`"${read.body.version}"`);

  expectProblem(await api('PATCH', path, { data: { done: true } }), 428, 'precondition-required');
  const changed = await api('PATCH', path, { headers: { 'If-Match': read.headers.etag }, data: { done: true } });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  expect(typeof changed.body.done_at).toBe('string');
  expect(changed.headers.etag).not.toBe(read.headers.etag);
  expect(changed.headers.etag).toBe(`"${changed.body.version}"`);

  const stale = await api('PATCH', path, { headers: { 'If-Match': read.headers.etag }, data: { done: false } });
  expectProblem(stale, 412, 'precondition-failed');
  expect(stale.body.current_version).toBe(changed.body.version);
  expect((await api('GET', path)).body.done_at, 'a refused update changed nothing').toBe(changed.body.done_at);
});

test('the change feed reports a change made after its cursor', async ({ api }) => {
  const start = await api('GET', '/changes');
  expect(start.status).toBe(200);
  expect(start.body.changes).toEqual([]);
  expect(typeof start.body.next_cursor).toBe('string');

  const customer = await someCustomer(api);
  const reminder = (await newReminder(api, customer.id)).body;
  let cursor = start.body.next_cursor;
  const changes = [];
  for (;;) {
    const page = await api('GET', `/changes?since=${encodeURIComponent(cursor)}&limit=200`);
    expect(page.status).toBe(200);
    changes.push(...page.body.changes);
    cursor = page.body.next_cursor;
    if (!page.body.has_more) break;
  }
  const record = changes.map((change) => change.record).find((record) => record.id === reminder.id);
  expect(record, 'the new reminder is in the feed').toBeTruthy();
  expect(record.entity).toBe('reminder');
  expectProblem(await api('GET', '/changes?since=not-a-cursor'), 400);
});

test('bad bodies are 4xx problems, never 5xx: malformed JSON, unknown fields, wrong types, another media type', async ({ api }) => {
  const customer = await someCustomer(api);
  const post = (data, headers = {}) => api('POST', `/customers/${customer.id}/reminders`, {
    headers: { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json', ...headers },
    data,
  });
  for (const [label, answer] of [
    ['malformed JSON', await post('{"kind": "follow_up",')],
    ['unknown field', await post({ kind: 'follow_up', title: 'x', due_on: today(), colour: 'red' })],
    ['wrong type', await post({ kind: 'follow_up', title: 42, due_on: today() })],
    ['unknown enum value', await post({ kind: 'birthday', title: 'x', due_on: today() })],
    ['not JSON', await post('kind=follow_up', { 'Content-Type': 'application/x-www-form-urlencoded' })],
  ]) {
    expect(answer.status, label).toBeGreaterThanOrEqual(400);
    expect(answer.status, label).toBeLessThan(500);
    expectProblem(answer, answer.status);
  }
  const validation = await post({ kind: 'follow_up', title: '', due_on: today() });
  expectProblem(validation, 422, 'validation');
  expect(validation.body.errors.length).toBeGreaterThan(0);
});
