/**
 * The course in the browser (issue 6): a learner opens a lesson, types the solution into the lesson's
 * editor, asks for a verdict, and sees it pass; progress survives a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const solution = (folder: string): string => readFileSync(`src/lessons/${folder}/solution.ts`, 'utf8');

async function openLesson(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  await page.getByRole('button', { name }).click();
  await expect(page.getByRole('region', { name: 'Scheduler editor' }).locator('.monaco-editor')).toBeVisible({
    timeout: 30_000,
  });
}

async function pasteSolution(page: Page, code: string): Promise<void> {
  await page.getByRole('region', { name: 'Scheduler editor' }).locator('.monaco-editor .view-lines').click();
  await page.evaluate((c) => navigator.clipboard.writeText(c), code);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
});

for (const [folder, title] of [
  ['02-first-framework', /Lesson 2: Your first framework/],
  ['06-drf', /Lesson 6: Dominant Resource Fairness/],
] as const) {
  test(`lesson ${folder}: the reference solution, typed into the editor, passes; progress survives a reload`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('./');
    await openLesson(page, title);
    // The starter does not pass.
    await page.getByRole('button', { name: 'Check my solution' }).click();
    await expect(page.getByText('Not yet: some checks fail.')).toBeVisible({ timeout: 60_000 });
    await pasteSolution(page, solution(folder));
    await page.getByRole('button', { name: 'Check my solution' }).click();
    await expect(page.getByText('Passed: every check holds on every seed.')).toBeVisible({ timeout: 60_000 });
    await page.reload();
    await page.getByRole('button', { name: 'All lessons' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: title }).getByText('passed')).toBeVisible();
  });
}
