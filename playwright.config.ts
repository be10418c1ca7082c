import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

// The specs run against the built site (`npm run test:e2e` builds first), served by `vite preview`,
// under the same BASE_PATH the build used.
// E2E_PORT lets two checkouts on one machine run their suites side by side; the sub-path run uses the next port.
export const port = Number(process.env.E2E_PORT ?? 4173);
const base = process.env.BASE_PATH ?? '/';
const baseURL = `http://localhost:${port}${base}`;

export default defineConfig({
  testDir: 'e2e',
  reporter: 'list',
  workers: 2,
  // Tests of one file spread over both workers: the editor's stories alone would otherwise keep one busy
  // for most of the run. Every test opens its own page and shares nothing with the others.
  fullyParallel: true,
  // Budgets fit a loaded 2-core machine: two browsers at once, each running a cluster of Web Workers and
  // Monaco's TypeScript worker. They bound a hang; they do not measure speed (that is `npm run bench`).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium; browsers are never downloaded (no `playwright install`).
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
  },
});
