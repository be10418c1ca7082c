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

// Lesson 2 is completed in e2e/workbench.spec.ts (with the keyboard alone, and in Chinese).
for (const [folder, title] of [['06-drf', /Lesson 6: Dominant Resource Fairness/]] as const) {
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

test('lesson 13 in Chinese: the starter fails the check it should, the reference solution passes', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: '课程', exact: true }).click();
  await page.getByRole('button', { name: /第 13 课：调度器故障切换/ }).click();
  const editor = page.getByRole('region', { name: '调度器编辑器' });
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  // The prose is the Chinese one.
  await expect(page.getByRole('heading', { name: '你将学到什么' })).toBeVisible();
  // The starter relaunches the instances the old process left running.
  await page.getByRole('button', { name: '检查我的答案' }).click();
  await expect(page.getByText('还没有：有检查未通过。')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/保留了重启后仍在运行的实例/).first()).toBeVisible();
  await expect(page.getByText(/Task has duplicate ID: web1\.1/).first()).toBeVisible();
  await editor.locator('.monaco-editor .view-lines').click();
  await page.evaluate((c) => navigator.clipboard.writeText(c), solution('13-scheduler-failover'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await page.getByRole('button', { name: '检查我的答案' }).click();
  await expect(page.getByText('通过：每一项检查在每个种子上都成立。')).toBeVisible({ timeout: 60_000 });
  // The lesson counts as passed (progress across a reload is held by the tests above).
  await expect(page.getByRole('heading', { name: /第 13 课：调度器故障切换.*已通过/ })).toBeVisible();
});
