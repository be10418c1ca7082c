/**
 * Embed mode (`?embed`): only the cluster view and its time controls, sized for an iframe in a course page
 * or a slide; a scenario is chosen with `?scenario=` or a share link.
 */
import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 800, height: 450 } });

test('embed mode shows the cluster and its time controls, nothing else, and plays', async ({ page }) => {
  test.slow();
  await page.goto('./?embed&scenario=agent-failure');
  await page.waitForFunction(() => (window.__mesosLab?.traceLength() ?? 0) > 0);
  // The chosen scenario, not the default one: agent-failure has agent4, the DRF paper has only agent1.
  await expect(page.getByRole('article', { name: 'agent4', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Workbench mode' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Scheduler editor' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Kill agent' })).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'Time' })).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.waitForFunction(() => (window.__mesosLab?.now() ?? 0) > 2);
  // Sized for the frame: nothing spills sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('embed.png') });
});
