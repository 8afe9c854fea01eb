// The conformance suite's target: a REST API implementing the contract.
// `cargo xtask conformance --base-url URL --token TOKEN [--other-token TOKEN]`
// points it at a host's own back end (through CRM_CONFORMANCE_* variables);
// without them (`cargo xtask test`), each worker starts api-stub on a fresh
// seeded database and uses its demo tokens.
import { test as base, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { startServer } from '../e2e/fixtures.mjs';

export const test = base.extend({
  target: [async ({}, use) => {
    const external = process.env.CRM_CONFORMANCE_URL;
    if (external) {
      await use({
        base: external.replace(/\/+$/, ''),
        token: process.env.CRM_CONFORMANCE_TOKEN,
        otherToken: process.env.CRM_CONFORMANCE_OTHER_TOKEN || null,
      });
      return;
    }
    const server = await startServer();
    await use({
      base: `${server.url}/api/v1`,
      token: 'demo-brightway-owner',
      otherToken: 'demo-evergreen-owner',
    });
    await server.stop();
  }, { scope: 'worker' }],

  /** `api(method, path, { token, headers, data })`: the answer, never throwing on a status. */
  api: async ({ request, target }, use) => {
    await use(async (method, path, { token = target.token, headers = {}, data } = {}) => {
      const response = await request.fetch(`${target.base}${path}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
        data,
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      const type = response.headers()['content-type'] ?? '';
      const text = await response.text();
      let body = text;
      if (type.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          throw new Error(`${method} ${path}: ${type} that is not JSON: ${text.slice(0, 200)}`);
        }
      }
      return { status: response.status(), headers: response.headers(), type, body };
    });
  },
});

export { expect, randomUUID };

/** An RFC 9457 problem of `status` (and `kind`, the end of its `urn:crm:problem:` type). */
export function expectProblem(answer, status, kind) {
  const label = `${status} ${kind ?? ''}: ${JSON.stringify(answer.body).slice(0, 300)}`;
  expect(answer.status, label).toBe(status);
  expect(answer.type, label).toContain('application/problem+json');
  expect(answer.body.status, label).toBe(status);
  expect(typeof answer.body.title, label).toBe('string');
  if (kind) expect(answer.body.type, label).toBe(`urn:crm:problem:${kind}`);
}
