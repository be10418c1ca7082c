/**
 * "Break it" (issue 19): in a lesson, a scheduler that passes the lesson's checks but throws when an agent
 * is lost is searched under random faults on a pool of workers; the search finds the crash, shrinks the
 * schedule to that one fault, tells it in words, and "Show it in the live view" replays it with the time
 * line at the moment the callback failed. The address bar then links to that run.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

const solution = readFileSync('src/lessons/02-first-framework/solution.ts', 'utf8');
const fragile = solution.replace(
  /\n}\s*$/,
  `
  agentLost(driver: SchedulerDriver, agentId: { value: string }) {
    throw new Error(\`never expected to lose \${agentId.value}\`);
  }
}
`,
);

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
});

test('Break it finds the fault that breaks a scheduler, shrinks it, and replays it in the live view', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  await page.getByRole('button', { name: /Lesson 2:/ }).click();
  const editor = page.getByRole('region', { name: 'Scheduler editor' });
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  const paste = async (code: string): Promise<void> => {
    await editor.locator('.monaco-editor .view-lines').click();
    await page.evaluate((c) => navigator.clipboard.writeText(c), code);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
  };

  // The reference solution survives the search: while it runs, its progress, and a way to stop it.
  await paste(solution);
  await page.getByRole('button', { name: 'Break it' }).click();
  await expect(page.getByText(/Trying fault schedules: \d+ runs?, \d+ faults?, \d+ s\./)).toBeVisible({
    timeout: 30_000,
  });
  await expect
    .poll(async () =>
      Number(/(\d+) runs?/.exec((await page.getByText(/Trying fault/).textContent()) ?? '')?.[1]),
    )
    .toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Stop searching' }).click();
  await expect(page.getByText('Stopped: no schedule reported.')).toBeVisible();
  await expect(page.getByText(/^Searched \d+ fault schedules with \d+ faults/)).toBeVisible();

  // A scheduler that throws when an agent is lost: broken by an agent's crash.
  await paste(fragile);
  await page.getByRole('button', { name: 'Break it' }).click();
  await expect(page.getByText('Broken under faults:')).toBeVisible({ timeout: 150_000 });
  // The smallest schedule is one crash (or reboot) of an agent; the sentence says what it broke.
  const words = page.locator('.broken p').nth(1);
  await expect(words).toHaveText(
    /^agent\d (crashes|'s machine reboots) at [\d.]+ s.*: the scheduler's agentLost fails at [\d.]+ s \(line \d+\): never expected to lose agent\d/,
  );
  await expect(page.getByText(/The smallest schedule found: 1 fault, seed \d+\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Break it' })).toBeEnabled();

  const show = page.getByRole('button', { name: /Show it in the live view, at [\d.]+ s/ });
  const at = Number(/at ([\d.]+) s/.exec((await show.textContent()) ?? '')![1]);
  await show.click();
  // The run is shown at that moment (not live), with the failing callback's event marked in the log.
  await expect(page.getByRole('button', { name: 'Go live' })).toBeVisible({ timeout: 60_000 });
  const scrubber = page.getByRole('slider', { name: 'Time' });
  await expect.poll(async () => Number(await scrubber.inputValue())).toBeCloseTo(at, 1);
  // The address bar is a link to the failing run: it carries a setup.
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#lab=/);
  // In Chinese, the lesson's tab and the failure speak Chinese too.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('tab', { name: '你的第一个框架' })).toBeVisible();
  await expect(page.locator('.broken p').nth(1)).toHaveText(/^agent\d 在 [\d.]+ 秒崩溃：调度器的 agentLost/);
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('tab', { name: 'Your first framework' })).toBeVisible();
  await page.getByRole('button', { name: 'Copy a link to it' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('#lab=');
});

test('Break it judges with the invariant the learner wrote in the same file', async ({ page }) => {
  test.setTimeout(180_000);
  // The learner's own promise, which agent crashes break: no agent is ever removed from the cluster.
  const withInvariant = `${solution}
export class Invariant {
  check(trace: TraceEvent[]) {
    const removed = trace.find((e) => e.type === 'agent-removed');
    if (removed) throw new Error(\`\${removed.agent} was removed\`);
  }
}
`.replace("from 'mesos-lab';", "from 'mesos-lab';\nimport type { TraceEvent } from 'mesos-lab';");
  await page.goto('./');
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  await page.getByRole('button', { name: /Lesson 2:/ }).click();
  const editor = page.getByRole('region', { name: 'Scheduler editor' });
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await editor.locator('.monaco-editor .view-lines').click();
  await page.evaluate((c) => navigator.clipboard.writeText(c), withInvariant);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await page.getByRole('button', { name: 'Break it' }).click();
  await expect(page.getByText('Broken under faults:')).toBeVisible({ timeout: 150_000 });
  await expect(page.locator('.broken p').nth(1)).toHaveText(
    /^agent\d crashes at [\d.]+ s: your invariant fails \(line \d+\): agent\d was removed\.$/,
  );
});
