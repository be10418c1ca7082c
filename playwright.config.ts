import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

// The specs run against the built site (`npm run test:e2e` builds first), served by `vite preview`,
// under the same BASE_PATH the build used.
const port = 4173;
const base = process.env.BASE_PATH ?? '/';
const baseURL = `http://localhost:${port}${base}`;

export default defineConfig({
  testDir: 'e2e',
  reporter: 'list',
  workers: 2,
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
