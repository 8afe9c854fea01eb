// Browser tests: headless Debian Chromium against host-demo served by a real
// api-stub (one per worker, ephemeral port, fresh seeded SQLite database).
// Run through `cargo xtask test`, which builds dist/ and api-stub first.
// The `conformance` project checks the REST contract's conventions against
// api-stub, or against any server through `cargo xtask conformance`.
import { defineConfig } from '@playwright/test';

const chromium = process.env.CRM_CHROMIUM || '/usr/bin/chromium';

export default defineConfig({
  projects: [
    { name: 'browser', testDir: './e2e' },
    { name: 'conformance', testDir: './conformance' },
  ],
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // No retries: a flaky test is a bug to fix, not to hide.
  retries: 0,
  forbidOnly: !!process.env.CI,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Lets the leak test force garbage collection before measuring.
        '--js-flags=--expose-gc',
        '--enable-precise-memory-info',
      ],
    },
  },
});
