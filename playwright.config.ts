// End-to-end tests drive the real product: `trailwarden demo` (moto organization, embedded
// PostgreSQL, production Next.js server) on port 3100, and an empty instance (`serve` on a fresh
// database, no AWS) on port 3101 for the empty states. Browser: Debian's Chromium
// (docs/development.md: Playwright's own browser download is not reachable here).
import { defineConfig, devices } from "@playwright/test";
import os from "node:os";
import path from "node:path";

// TRAILWARDEN_E2E_PORT lets two checkouts run the suite side by side (the demo takes it, the empty instance the next).
const DEMO_PORT = Number(process.env.TRAILWARDEN_E2E_PORT ?? 3100);
const EMPTY_PORT = DEMO_PORT + 1;
const tmp = os.tmpdir();

export const E2E = {
  demoUrl: `http://127.0.0.1:${DEMO_PORT}`,
  /** The demo's data directory: `aws-endpoint` in it names the simulated AWS. */
  demoDataDir: path.join(tmp, `trailwarden-e2e-demo-${DEMO_PORT}`),
  emptyUrl: `http://127.0.0.1:${EMPTY_PORT}`,
};

// The servers' output (every request of the worker and the web app) would flood the test report:
// it goes to test-results/e2e-server-<name>.log, which scripts/test-all.sh shows when the stage fails.
// Playwright empties test-results before it starts the servers.
const logTo = (name: string) => `mkdir -p test-results && exec >test-results/e2e-server-${name}.log 2>&1 &&`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E.demoUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.TRAILWARDEN_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      command: `${logTo("demo")} node bin/trailwarden.mjs demo --port ${DEMO_PORT} --reset-data`,
      url: `${E2E.demoUrl}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "ignore",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: {
        TRAILWARDEN_DATA_DIR: path.join(tmp, `trailwarden-e2e-demo-${DEMO_PORT}`),
        TRAILWARDEN_COLLECT_CRON: "0 0 1 1 *",
        TRAILWARDEN_PUBLIC_URL: E2E.demoUrl,
        // watch-alerts.spec.ts stops a trail and waits for the alert: a short watch interval.
        TRAILWARDEN_WATCH_INTERVAL: "5",
        TRAILWARDEN_ALERT_RETRY_DELAY: "1",
        // Every spec signs in from 127.0.0.1; the production default (5 a minute) would refuse them.
        TRAILWARDEN_SIGNIN_RATE_LIMIT: "1000",
        TRAILWARDEN_UNAUTHENTICATED_RATE_LIMIT: "100000",
        // Specs stand for different clients by X-Forwarded-For (e2e/auth-helpers.ts asClient): the
        // browser reaches the server from 127.0.0.1, which plays the trusted reverse proxy here.
        TRAILWARDEN_TRUSTED_PROXIES: "127.0.0.1",
      },
    },
    {
      command: `${logTo("empty")} node bin/trailwarden.mjs serve --port ${EMPTY_PORT} --reset-data --no-build`,
      url: `${E2E.emptyUrl}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "ignore",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: {
        TRAILWARDEN_DATA_DIR: path.join(tmp, `trailwarden-e2e-empty-${EMPTY_PORT}`),
        TRAILWARDEN_DISCOVERY: "static",
        TRAILWARDEN_ACCOUNTS: "000000000000",
        TRAILWARDEN_COLLECT_CRON: "0 0 1 1 *",
        TRAILWARDEN_SEED_DEMO_USERS: "1",
        TRAILWARDEN_PUBLIC_URL: E2E.emptyUrl,
        TRAILWARDEN_SIGNIN_RATE_LIMIT: "1000",
        TRAILWARDEN_UNAUTHENTICATED_RATE_LIMIT: "100000",
        // Specs stand for different clients by X-Forwarded-For (e2e/auth-helpers.ts asClient): the
        // browser reaches the server from 127.0.0.1, which plays the trusted reverse proxy here.
        TRAILWARDEN_TRUSTED_PROXIES: "127.0.0.1",
        AWS_ENDPOINT_URL: "http://127.0.0.1:9",
        AWS_ACCESS_KEY_ID: "testing",
        AWS_SECRET_ACCESS_KEY: "testing",
        AWS_REGION: "us-east-1",
      },
    },
  ],
});
