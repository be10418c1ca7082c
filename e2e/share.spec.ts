import { expect, LabPage, test } from './fixtures';

test('a share link reproduces the same trace, faults included', async ({ browser, page, lab }) => {
  test.slow(); // Two whole runs of agent-failure.
  await lab.open();
  await lab.choose('agent-failure');
  for (let i = 0; i < 12; i++) await lab.stepButton().click();
  const faults = page.getByRole('group', { name: 'Faults' });
  await faults.getByRole('combobox', { name: 'Agent' }).selectOption('agent3');
  await faults.getByRole('button', { name: 'Kill agent' }).click();
  await expect(lab.agent('agent3')).toContainText('crashed');
  await lab.runToEnd();
  const original = await lab.exportTrace();
  expect(original).toContain('"type":"agent-killed","agent":"agent3"');

  await expect(page).toHaveURL(/#lab=[A-Za-z0-9_-]+$/);
  const link = page.url();

  const other = await browser.newPage();
  await other.emulateMedia({ reducedMotion: 'reduce' });
  const again = new LabPage(other);
  await other.goto(link);
  await expect(other.getByRole('status').filter({ hasText: 'Opened the shared setup' })).toBeVisible();
  await again.runToEnd();
  expect(await again.exportTrace()).toBe(original);
  await other.close();
});

test('a broken or cut-off link says so, and the default scenario opens', async ({ page, lab }) => {
  await lab.open('#lab=not-a-real-link');
  await expect(page.getByRole('alert')).toContainText('damaged or incomplete');
  await expect(lab.scenario()).toHaveValue('drf-paper');

  await lab.open();
  await page.waitForFunction(() => location.hash.startsWith('#lab='));
  const cut = page.url().slice(0, -20);
  await page.goto('about:blank');
  await lab.open(cut.slice(cut.indexOf('#')));
  await expect(page.getByRole('alert')).toContainText(/cut off|damaged/);
  await expect(lab.agent('agent1')).toBeVisible();
});
