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
  // The site and offline specs are about where the site is deployed: they run under the GitHub Pages
  // sub-path (playwright.subpath.config.ts), which the root would only repeat.
  testIgnore: ['site.spec.ts', 'offline.spec.ts'],
  reporter: 'list',
  // One browser at a time. Each page runs a whole cluster of Web Workers and Monaco's TypeScript worker, so
  // the suite is bound by CPU: on two cores a second browser made every test 2.5 times slower and the run
  // longer (editor.spec.ts: 2.7 min with one worker, 3.2 min with two). E2E_WORKERS overrides it.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  // Every test opens its own page and shares nothing with the others.
  fullyParallel: true,
  // Budgets fit a loaded 2-core machine. They bound a hang; they do not measure speed (`npm run bench`).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    // A failure keeps a screenshot and the page's accessibility snapshot (error-context.md). A trace of
    // every test cost 40% of the suite's time (editor.spec.ts: 4.4 min with, 2.7 min without): record one
    // with E2E_TRACE=1 when a failure needs it.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
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
