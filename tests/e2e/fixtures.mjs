// Test fixtures: a real api-stub per worker and helpers to reach into widgets.
import { test as base, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.CRM_ROOT || path.resolve(here, '../..');
const binary = process.env.CRM_API_STUB_BIN || path.join(root, 'target/debug/api-stub');

// The strict policy host-demo is served with; test pages get the same.
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Starts api-stub on an ephemeral port with a fresh seeded database. */
export async function startServer() {
  const directory = mkdtempSync(path.join(tmpdir(), 'crm-e2e-'));
  const child = spawn(binary, [
    '--addr', '127.0.0.1:0',
    '--database-url', `sqlite://${path.join(directory, 'crm.db')}`,
    '--seed-demo',
    '--host-demo-dir', path.join(root, 'host-demo'),
    '--dist-dir', path.join(root, 'dist'),
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`api-stub exited with ${code} before listening:\n${stderr}`)));
    child.on('error', reject);
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export const test = base.extend({
  server: [async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  }, { scope: 'worker' }],

  baseURL: async ({ server }, use) => use(server.url),

  // Every test fails on an uncaught exception in the page: the widgets must never
  // break the host page.
  page: async ({ page }, use) => {
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    // Test pages live in tests/pages and are served on the demo's origin under
    // the same strict CSP as host-demo.
    await page.route('**/test-pages/**', async (route) => {
      const name = new URL(route.request().url()).pathname.replace('/test-pages/', '');
      const file = path.join(here, '..', 'pages', path.normalize(name));
      await route.fulfill({
        body: readFileSync(file),
        contentType: name.endsWith('.js') ? 'text/javascript' : name.endsWith('.css') ? 'text/css' : 'text/html',
        headers: { 'Content-Security-Policy': STRICT_CSP },
      });
    });
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },

  /** Calls the API as a seeded demo user. */
  api: async ({ request, server }, use) => {
    await use(async (token, pathAndQuery) => {
      const response = await request.get(`${server.url}/api/v1${pathAndQuery}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.ok(), `${pathAndQuery}: ${response.status()}`).toBeTruthy();
      return response.json();
    });
  },
});

export { expect };

/** Seeded demo tokens (see api-stub's seed). */
export const TOKENS = {
  rep: 'demo-brightway-rep',
  manager: 'demo-brightway-manager',
  owner: 'demo-brightway-owner',
  otherMember: 'demo-evergreen-owner',
};
