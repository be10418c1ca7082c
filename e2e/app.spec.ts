import { expect, test } from './fixtures';

test('the app shell loads without console errors, with the default scenario ready', async ({ page, lab }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await lab.open();
  await expect(lab.scenario()).toHaveValue('drf-paper');
  await expect(page.getByRole('main')).toBeVisible();
  // The workbench opens in Watch mode; Code and Lesson are a click (or a key) away.
  const modes = page.getByRole('group', { name: 'Workbench mode' });
  await expect(modes.getByRole('button', { name: 'Watch', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(modes.getByRole('button', { name: 'Code', exact: true })).toBeVisible();
  await expect(modes.getByRole('button', { name: 'Lesson', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Event log' })).toBeVisible();
  await expect(lab.agent('agent1')).toBeVisible();
  expect(errors).toEqual([]);
});

test('play: offers flow, tasks run, and an offer can be explained', async ({ page, lab }) => {
  await lab.open();
  await lab.speed('10');
  await lab.play().click();
  await expect(lab.pause()).toBeVisible();
  await lab.waitUntil(4.5);
  await lab.pause().click();

  // DRF's progressive filling under way: tasks of both frameworks run on the one agent.
  await expect(lab.tasks(lab.agent('agent1'), 'running').first()).toBeVisible();
  expect(await lab.tasks(lab.agent('agent1'), 'running').count()).toBeGreaterThanOrEqual(4);
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log.getByText(/^offer O-\d+ → A \(a\) on agent1$/).first()).toBeVisible();
  await expect(lab.framework('A')).toContainText(/offers\s*\d+/);

  // Why this offer: the allocator's order at that moment, from a replay. The log is a virtual list, newest
  // first, that draws only the rows in view: show only offers and scroll to the oldest, where O-2 is.
  await log.getByRole('combobox', { name: 'Type' }).selectOption('offer');
  const o2 = log.getByRole('button', { name: 'Why offer O-2', exact: true });
  await expect
    .poll(async () => {
      await log.evaluate((region) => {
        for (const el of region.querySelectorAll<HTMLElement>('*'))
          if (el.scrollHeight > el.clientHeight + 1) el.scrollTop = el.scrollHeight;
      });
      return o2.count();
    })
    .toBeGreaterThan(0);
  await o2.click();
  const why = page.getByRole('tabpanel', { name: /Why this offer/ });
  await expect(why).toBeVisible();
  await expect(why.getByRole('table', { name: 'Role order' })).toBeVisible();
  await expect(why).toContainText('Offer O-2: to B on agent1');
  await expect(why).toContainText('Stage 2: fair share (DRF)');
});
