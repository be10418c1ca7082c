/**
 * The built site as GitHub Pages serves it (docs/deploy.md): under a sub-path (playwright.subpath.config.ts
 * builds with BASE_PATH=/mesos-lab/), every asset and every lesson loads — no response of 400 or more, no
 * failed request, no console error — and the cluster view appears and plays. It passes at the root too.
 */
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { parseLessonText } from '../src/lessons/content';
import { expect, test } from './fixtures';

/** Everything that went wrong on a page: bad responses, failed requests, console errors, uncaught errors. */
function watch(page: Page): { problems: string[]; urls: URL[] } {
  const problems: string[] = [];
  const urls: URL[] = [];
  page.on('response', (response) => {
    urls.push(new URL(response.url()));
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`failed ${request.url()}: ${request.failure()?.errorText ?? 'unknown'}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { problems, urls };
}

/** The course, as the lesson folders define it: folder and English title, in order. */
function lessons(): { id: string; title: string }[] {
  const root = new URL('../src/lessons/', import.meta.url);
  return readdirSync(root)
    .filter((id) => /^\d\d-/.test(id))
    .sort()
    .map((id) => ({
      id,
      title: parseLessonText(readFileSync(new URL(`${id}/en.md`, root), 'utf8'), id).title,
    }));
}

test('the site loads under its base path: every asset, no console error, the cluster view plays', async ({
  page,
  lab,
  baseURL,
}) => {
  const base = new URL(baseURL!);
  const seen = watch(page);

  await lab.open();
  await expect(lab.agent('agent1')).toBeVisible();
  await lab.speed('10');
  await lab.play().click();
  await lab.waitUntil(3);
  await expect(lab.tasks(lab.agent('agent1'), 'running').first()).toBeVisible();
  await lab.pause().click();

  // Every request to the site stayed under the base path: an absolute /assets/… URL would 404 on Pages.
  const own = seen.urls.filter((u) => u.origin === base.origin);
  expect(own.length).toBeGreaterThan(3);
  expect(own.filter((u) => !u.pathname.startsWith(base.pathname)).map(String)).toEqual([]);
  expect(seen.problems).toEqual([]);
});

test('every file the service worker precaches is served under the base path', async ({
  request,
  baseURL,
}) => {
  // The precache list is the whole app: page, chunks, worker chunks, lazily loaded Monaco and TypeScript.
  const sw = await request.get(new URL('sw.js', baseURL).href);
  expect(sw.status()).toBe(200);
  const files = [...(await sw.text()).matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
  expect(files).toContain('index.html');
  expect(files.some((f) => /\.worker-[\w-]+\.js$/.test(f))).toBe(true);
  for (const file of new Set(files)) {
    const response = await request.get(new URL(file, baseURL).href);
    expect(response.status(), file).toBe(200);
  }
  const manifest = await request.get(new URL('manifest.webmanifest', baseURL).href);
  expect(await manifest.json()).toMatchObject({ start_url: new URL(baseURL!).pathname });
});

test('every lesson opens under the base path, without a missing asset or a console error', async ({
  page,
  lab,
}) => {
  const course = lessons();
  expect(course.length).toBeGreaterThan(0);
  // Each lesson starts its own cluster (a few seconds apiece on a loaded 2-core machine): the budget grows
  // with the course rather than being one fixed figure that a longer course outgrows.
  test.setTimeout(30_000 + 10_000 * course.length);
  const seen = watch(page);
  await lab.open();

  // The course is in Lesson mode; each lesson is listed as "Lesson N: its title".
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  const entry = (title: string) =>
    page.getByRole('button', {
      name: new RegExp(`^Lesson \\d+: ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    });

  for (const { id, title } of course) {
    await test.step(id, async () => {
      await entry(title).click();
      await expect(
        page.getByRole('heading', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }),
      ).toBeVisible();
      await page.waitForFunction(() => (window.__mesosLab?.traceLength() ?? 0) > 0);
      expect(seen.problems, id).toEqual([]);
      await page.getByRole('button', { name: 'All lessons' }).click();
    });
  }
});
