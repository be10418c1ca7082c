/**
 * The offline app (docs/deploy.md): after one visit the service worker has precached the whole build, so
 * with the network gone a reload still brings the app up from the cache, the cluster runs (its workers
 * come from the cache too), and a lesson can be completed. Runs at the root (playwright.config.ts) and
 * under the GitHub Pages sub-path (playwright.subpath.config.ts).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseLessonText } from '../src/lessons/content';
import { expect, test, type LabPage } from './fixtures';

// The first visit stores the whole precache (about 16 MB with Monaco) before the page goes offline.
test.describe.configure({ timeout: 90_000 });

/** Waits until the service worker controls the page, i.e. the precache is complete. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined), {
      message:
        'the page registers a service worker (registerServiceWorker() from src/ship, called in src/main.ts)',
      timeout: 15_000,
    })
    .toBe(true);
  // Activation comes after install, and install finishes only when every precached file is stored.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
}

const PROBE = 'offline-probe.txt';

/**
 * Asks for a URL that is in no cache (a fresh query string each time, so neither the service worker's
 * precache nor the HTTP cache can answer it): 'failed' when the network is really gone.
 */
async function probeNetwork(page: Page): Promise<'answered' | 'failed'> {
  return page.evaluate(async (name) => {
    const url = new URL(`${name}?${performance.now()}-${Math.random()}`, document.baseURI);
    try {
      await fetch(url, { cache: 'no-store' });
      return 'answered';
    } catch {
      return 'failed';
    }
  }, PROBE);
}

/** Goes offline and reloads; records what did not come from the service worker, and every error. */
async function reloadOffline(page: Page, context: BrowserContext, lab: LabPage): Promise<string[]> {
  const problems: string[] = [];
  // The probe below is meant to fail; everything else must come from the service worker.
  const probe = (url: string): boolean => url.includes(PROBE);
  page.on('response', (response) => {
    const url = response.url();
    if (probe(url)) return;
    if (!response.fromServiceWorker() && !/^(data|blob):/.test(url))
      problems.push(`from the network: ${url}`);
    if (response.status() >= 400) problems.push(`${response.status()} ${url}`);
  });
  page.on('requestfailed', (request) => {
    // A blob: script is in memory, never on the network: one is cancelled when the grader ends a sandboxed
    // worker before it has started (a seed that finished first). Whether learner code ran is the verdict's.
    if (probe(request.url()) || request.url().startsWith('blob:')) return;
    problems.push(`failed ${request.url()}: ${request.failure()?.errorText ?? 'unknown'}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !probe(message.text()) && !probe(message.location().url))
      problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  // The probe tells online from offline: with the network there, the server answers it.
  expect(await probeNetwork(page), 'the probe request, before going offline').toBe('answered');
  await context.setOffline(true);
  await page.reload();
  // Offline is shown by a request the cache cannot answer, not by navigator.onLine: after a reload of a page
  // the service worker controls, some Chromium releases report onLine as true although requests fail.
  expect(await probeNetwork(page), 'a request that only the network could answer').toBe('failed');
  await expect(page.getByRole('heading', { level: 1, name: 'Mesos Lab' })).toBeVisible();
  await page.waitForFunction(() => (window.__mesosLab?.traceLength() ?? 0) > 0);
  await expect(lab.agent('agent1')).toBeVisible();
  return problems;
}

test('after one visit the app loads and the cluster plays without a network', async ({
  page,
  context,
  lab,
}) => {
  await lab.open();
  await waitForServiceWorker(page);
  const problems = await reloadOffline(page, context, lab);

  // The cluster's workers start from the cache and the simulation runs.
  await lab.speed('10');
  await lab.play().click();
  await expect(lab.pause()).toBeVisible();
  await lab.waitUntil(3);
  await lab.pause().click();
  await expect(lab.tasks(lab.agent('agent1'), 'running').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('offline, a lesson can be completed: lesson, editor and compiler all come from the cache', async ({
  page,
  context,
  lab,
}) => {
  const lesson = new URL('../src/lessons/02-first-framework/', import.meta.url);
  const { title } = parseLessonText(readFileSync(new URL('en.md', lesson), 'utf8'), '02-first-framework');
  const solution = readFileSync(new URL('solution.ts', lesson), 'utf8');

  await lab.open();
  await waitForServiceWorker(page);
  const problems = await reloadOffline(page, context, lab);

  // Offline now: open lesson 2 in Lesson mode, type the reference solution, and get the verdict.
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  await page.getByRole('button', { name: `Lesson 2: ${title}` }).click();
  await expect(page.getByRole('heading', { name: new RegExp(title) })).toBeVisible();
  const code = page.getByRole('region', { name: 'Scheduler editor' }).locator('.monaco-editor .view-lines');
  await code.click({ timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(solution);
  await page.getByRole('button', { name: 'Check my solution' }).click();
  await expect(page.getByText('Passed: every check holds on every seed.')).toBeVisible({ timeout: 60_000 });
  expect(problems).toEqual([]);
});
