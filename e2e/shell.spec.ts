import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('switch language to Chinese and back', async ({ page, lab }) => {
  await lab.open();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: '事件日志' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('presentation mode, played with Space: larger type, the chart tall, no focus trap', async ({
  page,
  lab,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await lab.open();
  const modes = page.getByRole('group', { name: 'Workbench mode' });
  const size = (): Promise<number> =>
    page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await size();

  // Into presentation mode with the mouse, then only the keyboard: the button must not keep Space.
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(modes).toHaveCount(0);
  await expect.poll(size).toBeGreaterThan(normal);
  await page.keyboard.press('Space');
  await expect(lab.pause()).toBeVisible();
  await page.keyboard.press('Space');
  await expect(lab.play()).toBeVisible();
  await page.keyboard.press('+');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('2');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('0.5');
  // Projector-sized: the DRF chart stays tall and every agent is in view.
  const chart = await page.getByRole('img', { name: /dominant share/ }).boundingBox();
  expect(chart!.height).toBeGreaterThanOrEqual(200);
  const agent = await lab.agent('agent1').boundingBox();
  expect(agent!.y + agent!.height).toBeLessThanOrEqual(720);

  // No focus trap: Tab still walks the page, and the shortcuts still answer.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
  await page.locator('main').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row')).toHaveCount(12);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('p');
  await expect(modes).toBeVisible();
  await expect.poll(size).toBe(normal);
});

test('the scenario builder lists every problem with its path, and applies a valid scenario', async ({
  page,
  lab,
}) => {
  await lab.open();
  await page.getByRole('button', { name: 'Build scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenario builder' });
  await expect(dialog).toBeVisible();

  await dialog.getByText('Or paste scenario JSON').click();
  await dialog
    .getByRole('textbox', { name: 'Or paste scenario JSON' })
    .fill('{"untill": 5, "agents": [{"id": "a", "resources": "cpus:lots"}]}');
  await dialog.getByRole('button', { name: 'Import pasted JSON' }).click();
  const errors = dialog.getByRole('alert');
  await expect(errors).toContainText('nothing was changed');
  await expect(errors).toContainText('$.untill');
  await expect(errors).toContainText('$.agents[0].resources');
  await expect(lab.scenario()).toHaveValue('drf-paper');

  // Edit the current scenario: a second agent, then apply.
  await dialog.getByRole('button', { name: 'Add an agent' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Agent id 2' })).toHaveValue('agent2');
  await dialog.getByRole('button', { name: 'Apply and restart' }).click();
  await expect(dialog).toBeHidden();
  await expect(lab.agent('agent2')).toBeVisible();
  await expect(lab.scenario()).toHaveValue('custom');

  // Export, then import the exported file.
  await page.getByRole('button', { name: 'Build scenario' }).click();
  const exported = await lab.download(dialog.getByRole('button', { name: 'Export scenario JSON' }));
  expect(JSON.parse(exported.text).agents).toHaveLength(2);
});

test('exports the chart as PNG', async ({ page, lab }) => {
  await lab.open();
  await lab.runToEnd();
  const png = await lab.download(page.getByRole('button', { name: 'Export chart (PNG)' }));
  expect(png.name).toBe('drf-paper-seed42.png');
});

async function seriousViolations(page: import('@playwright/test').Page, include?: string): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const results = await (include ? axe.include(include) : axe).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds no serious or critical violations in a running cluster, in English and Chinese', async ({
  page,
  lab,
}) => {
  test.slow(); // Two full axe scans of a running cluster.
  await lab.open();
  await lab.choose('agent-failure');
  await lab.speed('25');
  await lab.play().click();
  await lab.waitUntil(25);
  await lab.pause().click();
  expect(await seriousViolations(page)).toEqual([]);

  // The newest rows are status updates and filters; the log shows only offers, each with its question.
  const log = page.getByRole('region', { name: 'Event log' });
  await log.getByRole('combobox', { name: 'Type' }).selectOption('offer');
  await log
    .getByRole('button', { name: /Why offer/ })
    .first()
    .click();
  await expect(page.getByRole('tabpanel', { name: /Why this offer/ })).toContainText(/^Offer O-\d+/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe finds no serious or critical violations in the builder dialog', async ({ page, lab }) => {
  await lab.open();
  await page.getByRole('button', { name: 'Build scenario' }).click();
  await expect(page.getByRole('dialog', { name: 'Scenario builder' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
});
