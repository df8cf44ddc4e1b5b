import { defineConfig, devices } from '@playwright/test';
import { EXAMPLE_APP_PORT } from './example-app/port';

/** Where the built app is served (apps/web `start`: vite build, then vite preview). */
export const APP_URL = `http://127.0.0.1:${process.env.KMS_LAB_WEB_PORT ?? 4600}`;
/** Where the sample app of @kms-lab/playwright's example is served (example-app/). */
export const EXAMPLE_APP_URL = `http://127.0.0.1:${EXAMPLE_APP_PORT}`;

// Playwright cannot download its own browser here: the system's Chromium drives the tests.
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: one worker per core; each test opens its own context (fresh IndexedDB).
  workers: 2,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: APP_URL,
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /example-app\./,
      use: { ...devices['Desktop Chrome'], launchOptions: CHROMIUM },
    },
    {
      // The sample app of @kms-lab/playwright's example: another app, on its own origin.
      name: 'example-app',
      testMatch: /example-app\..*spec\.ts$/,
      use: { ...devices['Desktop Chrome'], launchOptions: CHROMIUM, baseURL: EXAMPLE_APP_URL },
    },
  ],
  webServer: [
    {
      command: 'pnpm --filter @kms-lab/web start',
      url: APP_URL,
      reuseExistingServer: !process.env.CI,
      // The production build runs first, on a shared 2-core machine.
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command:
        'pnpm exec vite build --config example-app/vite.config.ts && pnpm exec vite preview --config example-app/vite.config.ts',
      url: EXAMPLE_APP_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
