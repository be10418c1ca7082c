import { defineConfig } from '@playwright/test';
import shared, { port as rootPort } from './playwright.config';

// The GitHub Pages case: the site is built with BASE_PATH=/mesos-lab/ into its own folder and served by
// `vite preview` under that sub-path, as https://OWNER.github.io/mesos-lab/ serves it. The specs check that
// every asset and every lesson loads there, and that the offline app works under a sub-path scope.
const port = rootPort + 1;
const basePath = '/mesos-lab/';
// Inside dist/, so that git, ESLint and Prettier already ignore it; `vite build` of the main site empties
// dist/ first, and this build runs after it.
const outDir = 'dist/subpath';
const baseURL = `http://localhost:${port}${basePath}`;

export default defineConfig({
  ...shared,
  testMatch: ['site.spec.ts', 'offline.spec.ts'],
  testIgnore: [],
  outputDir: 'test-results/subpath',
  use: { ...shared.use, baseURL },
  webServer: {
    command:
      `npx vite build --outDir ${outDir} --emptyOutDir --logLevel warn` +
      ` && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    env: { BASE_PATH: basePath },
    url: baseURL,
    // The build runs first (about a minute on two cores, with Monaco).
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
  },
});
