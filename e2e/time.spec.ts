import { expect, test } from './fixtures';

test('scrub back to an earlier moment and forward again', async ({ page, lab }) => {
  await lab.open();
  await lab.runToEnd();
  const agent1 = lab.agent('agent1');
  // The end of drf-paper: A runs 3 tasks, B runs 2.
  await expect(lab.tasks(agent1, 'running')).toHaveCount(5);

  // Back to t = 2.5 s: only A-1, B-1 and A-2 had started.
  await lab.slider().fill('2.5');
  await expect(page.getByText(/^replay/)).toBeVisible();
  await expect(lab.tasks(agent1, 'running')).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: 'Go live to inject faults' })).toBeVisible();

  // One event back and one forward, by keyboard.
  const events = page.getByText(/^event \d+ of \d+$/);
  const before = await events.textContent();
  await page.keyboard.press('ArrowLeft');
  await expect(events).not.toHaveText(before!);
  await page.keyboard.press('ArrowRight');
  await expect(events).toHaveText(before!);

  // Forward to t = 4.5 s, then back to the live end.
  await lab.slider().fill('4.5');
  await expect(lab.tasks(agent1, 'running')).toHaveCount(5);
  await page.getByRole('button', { name: 'Go live' }).click();
  await expect(page.getByText(/^live/)).toBeVisible();
  await expect(lab.tasks(agent1, 'running')).toHaveCount(5);
});

test('play from the past replays the recording, then carries on live', async ({ page, lab }) => {
  await lab.open();
  await lab.speed('10');
  await lab.play().click();
  await lab.waitUntil(3);
  await lab.pause().click();
  await lab.slider().fill('1');
  await expect(page.getByText(/^replay/)).toBeVisible();
  await lab.play().click();
  await expect(page.getByText(/^live/)).toBeVisible({ timeout: 10_000 });
  await lab.waitUntil(6);
});

test('restart with the same seed and with a new one', async ({ page, lab }) => {
  await lab.open();
  await lab.runToEnd();
  const first = await lab.exportTrace();
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await lab.runToEnd();
  expect(await lab.exportTrace()).toBe(first);
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  await expect(seed).toHaveValue('42');
  await page.getByRole('button', { name: 'New seed' }).click();
  await expect(seed).not.toHaveValue('42');
});
