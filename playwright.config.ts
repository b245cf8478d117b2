// Playwright runs against the production build (`next build` first; scripts/test.sh does it)
// with Debian's Chromium: Playwright's own browser download cannot work here.
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The production server refuses the development secret (lib/config.ts); scripts/test.sh sets a
// per-run one, and a run started by hand gets this test-only one.
process.env.AUTH_SECRET ||= `e2e-only-secret-${port}-not-for-any-deployment`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  // Matched against the absolute path: anchor on the file name, or a checkout in a folder named
  // like a project (e.g. .../h5/e2e/console.spec.ts) runs every spec twice.
  projects: [
    {
      name: 'console',
      testMatch: /(^|\/)console[^/]*\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } },
    },
    {
      name: 'h5',
      testMatch: /(^|\/)h5[^/]*\.spec\.ts$/,
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } },
    },
    // Plain HTTP against the servers, no browser: headers, redirects, status codes.
    { name: 'http', testMatch: /(^|\/)http[^/]*\.spec\.ts$/ },
  ],
  webServer: [
    {
      // The node flag of npm start (scripts/start.sh).
      command: `node --heap-growing-percent=50 .server-build/server.mjs -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health/live`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { PORT: String(port), PUBLIC_URL: baseURL, NEXTAUTH_URL: baseURL },
    },
    {
      // Ready when it says so: /api/health could already answer for a previous run's workers,
      // whose heartbeats count for half a minute after they stop.
      command: 'node .server-build/workers.mjs',
      wait: { stdout: /workers started/ },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      // The live-alerts pass every 2 s, not every minute: a spec waits for it (docs/operations.md).
      env: { LOG_LEVEL: 'info', ALERTS_SWEEP_INTERVAL_SECONDS: process.env.ALERTS_SWEEP_INTERVAL_SECONDS ?? '2' },
    },
  ],
});
