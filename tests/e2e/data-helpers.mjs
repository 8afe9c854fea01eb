// Helpers of the data-layer browser tests: each test gets its own api-stub
// (these tests change data) and checks the outcome through the API.
import { test as base, expect, startServer } from './fixtures.mjs';

export const test = base.extend({
  own: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
});

export const inbox = (page) => page.locator('crm-inquiry-inbox');
export const rows = (page) => page.locator('crm-inquiry-inbox [data-test="inquiry-row"]');
export const row = (page, id) => page.locator(`crm-inquiry-inbox [data-test="inquiry-row"][data-id="${id}"]`);
export const statusLine = (page) => page.locator('crm-inquiry-inbox [data-test="status-line"]');

/** Calls the API of `server` as `token`; returns the parsed body and the response. */
export async function call(request, server, token, method, pathAndQuery, body, headers = {}) {
  const response = await request.fetch(`${server.url}/api/v1${pathAndQuery}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...headers },
    data: body,
  });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null, headers: response.headers() };
}

export async function inquiry(request, server, token, id) {
  const { status, body } = await call(request, server, token, 'GET', `/inquiries/${id}`);
  expect(status, `GET inquiry ${id}`).toBe(200);
  return body;
}

/** Signs `page` in as `token` on host-demo and waits until the inbox is live. */
export async function open(page, server, token) {
  await page.addInitScript((chosen) => localStorage.setItem('crm-demo-user', chosen), token);
  await page.goto(`${server.url}/`);
  await expect(rows(page).first()).toBeVisible();
  await expect(statusLine(page)).toContainText('Up to date');
}

/** The name of the signed-in user's cache database on `page`. */
export async function cacheName(page) {
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  const ours = names.filter((name) => name.startsWith('crm-widgets:'));
  expect(ours).toHaveLength(1);
  return ours[0];
}
