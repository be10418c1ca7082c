/**
 * The learner's workbench, end to end (issues 12 and 14): a lesson completed at 1280×720 with the keyboard
 * alone, a lesson completed in Chinese with no English sentence left in the lesson and editor panes, a
 * failed check's link moving the time line to its moment, the dividers, code from a link that waits for
 * consent, and bad stored values that neither break start-up nor cost anything.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { encodeSetup, hashFor } from '../src/share/shareLink';

const solution = (folder: string): string => readFileSync(`src/lessons/${folder}/solution.ts`, 'utf8');

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(
  page: Page,
  target: ReturnType<Page['getByRole']>,
  back = false,
  max = 60,
): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('a lesson completed at 1280×720 with the keyboard alone', async ({ page, lab }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await lab.open();
  // Lesson mode by its key; the lesson from the list with Tab and Enter.
  await page.keyboard.press('3');
  const lesson = page.getByRole('button', { name: /^Lesson 2: / });
  await expect(lesson).toBeVisible();
  await tabTo(page, lesson);
  await page.keyboard.press('Enter');
  const code = page.getByRole('textbox', { name: /^Scheduler code/ });
  await expect(page.getByRole('region', { name: 'Scheduler editor' }).locator('.monaco-editor')).toBeVisible({
    timeout: 60_000,
  });
  // Into the code, replace it, and out again with Escape (Tab indents in the code).
  await tabTo(page, code);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(solution('02-first-framework'));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  // Back to the lesson's verdict, and check.
  const check = page.getByRole('button', { name: 'Check my solution' });
  await tabTo(page, check, true);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Passed: every check holds on every seed.')).toBeVisible({ timeout: 90_000 });
  // The graded run plays in the live view: the learner's framework is in the cluster.
  await expect(lab.framework('hello')).toBeVisible();
  // The whole loop stayed on screen: the page never scrolled.
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
});

/** English sentences in the text of an element, leaving out code, output, quotes and Mesos's own names. */
function englishSentences(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((root) => {
    const KEPT =
      /^(mesos|lab|drf|offer|offers|framework|frameworks|agent|agents|role|roles|master|masters|task|tasks|executor|scheduler|schedulers|zookeeper|json|png|ctrl|enter|esc|tab|id|ids|seed)$/i;
    const out: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('pre, code, .mono, .monaco-editor, [aria-hidden=true], select')) continue;
      const text = (n.textContent ?? '')
        // Quoted text and code-like tokens (calls, paths, snake_case, camelCase, constants) are code.
        .replace(/'[^']*'|"[^"]*"|`[^`]*`|“[^”]*”/g, ' ')
        .replace(/\S*[()[\]{}=./_:@]\S*/g, ' ')
        .replace(/\b\w*[a-z][A-Z]\w*\b|\b[A-Z][A-Z0-9_]+\b/g, ' ');
      // Three English words in a row are a sentence nobody translated.
      const run = text.match(/[A-Za-z]{2,}(?:[ ,-]+[A-Za-z]{2,}){2,}/g) ?? [];
      for (const r of run) if (r.split(/[ ,-]+/).filter((w) => !KEPT.test(w)).length >= 3) out.push(r.trim());
    }
    return out;
  });
}

test('a lesson completed in Chinese, with no English sentence left in the lesson and editor panes', async ({
  page,
  lab,
}) => {
  test.setTimeout(180_000);
  await lab.open();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.getByRole('button', { name: '课程', exact: true }).click();
  await page.getByRole('button', { name: /^第 2 课：/ }).click();
  const editor = page.getByRole('region', { name: '调度器编辑器' });
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 2, name: /^第 2 课：/ })).toBeVisible();
  // The starter fails first: its verdict, too, is in Chinese.
  await page.getByRole('button', { name: '检查我的答案' }).click();
  await expect(page.getByText('还没有：有检查未通过。')).toBeVisible({ timeout: 90_000 });
  await editor.getByRole('textbox', { name: /^调度器代码/ }).focus();
  await page.evaluate((c) => navigator.clipboard.writeText(c), solution('02-first-framework'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await editor.getByRole('button', { name: '运行', exact: true }).click();
  await page.getByRole('button', { name: '检查我的答案' }).click();
  await expect(page.getByText('通过：每一项检查在每个种子上都成立。')).toBeVisible({ timeout: 90_000 });
  expect(await englishSentences(page, 'section[aria-label="课程"]')).toEqual([]);
  expect(await englishSentences(page, 'section[aria-label="调度器编辑器"]')).toEqual([]);
});

test('a failed check’s link moves the time line to its moment', async ({ page, lab }) => {
  test.setTimeout(180_000);
  await lab.open();
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  await page.getByRole('button', { name: /^Lesson 2: / }).click();
  await expect(page.getByRole('region', { name: 'Scheduler editor' }).locator('.monaco-editor')).toBeVisible({
    timeout: 60_000,
  });
  // The starter declines every offer: the checks fail, and say when.
  await page.getByRole('button', { name: 'Check my solution' }).click();
  await expect(page.getByText('Not yet: some checks fail.')).toBeVisible({ timeout: 90_000 });
  const link = page.getByRole('button', { name: /show the moment/ }).first();
  await expect(link).toBeVisible();
  const moment = Number(/(\d+(?:\.\d+)?) s$/.exec((await link.getAttribute('aria-label')) ?? '')![1]);
  await link.click();
  // The time line is in the run's past: its badge says so and 'Go live' leads back.
  await expect(page.getByRole('button', { name: 'Go live' })).toBeVisible();
  await expect(page.getByText(/^replay, /)).toBeAttached();
  await expect.poll(() => page.evaluate(() => window.__mesosLab!.now())).toBeCloseTo(moment, 2);
  // Its event is marked in the log.
  await page.getByRole('button', { name: 'Event log', exact: true }).click();
  await expect(page.locator('.entries [aria-current=true]')).toBeVisible();
});

test('the dividers move with the mouse and the keyboard, and the sizes are remembered', async ({
  page,
  lab,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await lab.open();
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  const divider = page.getByRole('separator', { name: 'Resize the editor and the cluster' });
  const pane = page.getByRole('region', { name: 'Scheduler editor' });
  await expect(pane).toBeVisible();
  const width = async (): Promise<number> => (await pane.boundingBox())!.width;
  const before = await width();
  // The editor keeps at least half the width: the divider stops there.
  await divider.focus();
  await page.keyboard.press('Home');
  await expect(divider).toHaveAttribute('aria-valuenow', '50');
  // The panes are laid out again on the next frame.
  await expect.poll(width).toBeLessThan(before);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', '60');
  // With the mouse.
  const box = (await divider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(1280 * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await divider.getAttribute('aria-valuenow'));
  expect(dragged).toBeGreaterThanOrEqual(68);
  expect(dragged).toBeLessThanOrEqual(72);
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize the editor and the cluster' })).toHaveAttribute(
    'aria-valuenow',
    String(dragged),
  );
  // The arrow keys moved the divider, not the time line.
  expect(await page.evaluate(() => window.__mesosLab!.now())).toBe(0);
});

test('code in a shared scenario runs only after consent, and is there to read first', async ({
  page,
  lab,
}) => {
  test.setTimeout(120_000);
  const scenario = JSON.parse(readFileSync('scenarios/agent-failure.json', 'utf8')) as {
    frameworks: unknown[];
  };
  const sneaky = `import type { Offer, SchedulerDriver } from 'mesos-lab';
export default class Sneaky {
  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    console.log('SNEAKY RAN');
    for (const o of offers) driver.declineOffer(o.id);
  }
}
`;
  scenario.frameworks.push({ id: 'sneaky', roles: ['*'], scheduler: { code: sneaky, language: 'ts' } });
  const hash = hashFor(await encodeSetup({ scenario, seed: 3, faults: [] }));
  await lab.open(hash);

  // The prompt names the framework with code; the safe choice has the focus.
  const prompt = page.getByRole('dialog', { name: 'This link carries code' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('framework sneaky');
  await expect(prompt.getByRole('button', { name: 'Show the code, do not run it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(prompt).toBeHidden();

  // The cluster runs without it; the code is in the editor to read.
  await expect(page.getByRole('tab', { name: 'sneaky' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Scheduler editor' }).locator('.view-lines')).toContainText(
    'SNEAKY RAN',
    { timeout: 60_000 },
  );
  await lab.speed('10');
  await lab.play().click();
  await lab.waitUntil(5);
  await expect(lab.framework('sneaky')).toHaveCount(0);
  expect(await page.evaluate(() => location.hash)).toBe(hash);

  // Consent: the whole shared scenario starts, and the code runs. Play pressed while it starts (its code
  // is compiled first) is kept.
  await page.getByRole('button', { name: 'Run the shared code' }).click();
  await lab.play().click();
  await expect(lab.framework('sneaky')).toBeVisible({ timeout: 30_000 });
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log).toContainText('sneaky: SNEAKY RAN', { timeout: 30_000 });
});

test('bad stored values neither break start-up nor cost anything', async ({ page, lab }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const progress = JSON.stringify({
    v: 1,
    passed: { '02-first-framework': '2026-01-02T00:00:00Z', '06-drf': { broken: true } },
  });
  await page.evaluate((p) => {
    localStorage.setItem('mesos-lab:lesson', 'not a lesson!');
    localStorage.setItem('mesos-lab:progress', p);
    localStorage.setItem('mesos-lab:layout', '{"v":1,"mode":');
    localStorage.setItem('mesos-lab:theme', '42');
    localStorage.setItem('mesos-lab.language', 'tlh');
    localStorage.setItem('mesos-lab:editor:playground', '{"v": 99}');
  }, progress);
  await lab.open();
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  // One damaged entry cost only itself: lesson 2 still counts as passed.
  await expect(page.getByText('1 of 13 lessons passed')).toBeVisible();
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Scheduler editor' }).locator('.monaco-editor')).toBeVisible({
    timeout: 60_000,
  });
  const kept = await page.evaluate(() =>
    Object.fromEntries(
      Object.entries(localStorage)
        .filter(([k]) => k.includes(':unreadable'))
        .sort(),
    ),
  );
  expect(kept).toEqual({
    'mesos-lab.language:unreadable': 'tlh',
    'mesos-lab:editor:playground:unreadable': '{"v": 99}',
    'mesos-lab:layout:unreadable': '{"v":1,"mode":',
    'mesos-lab:lesson:unreadable': 'not a lesson!',
    'mesos-lab:progress:unreadable': progress,
    'mesos-lab:theme:unreadable': '42',
  });
  expect(errors).toEqual([]);
});
