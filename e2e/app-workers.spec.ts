/**
 * Opening the app starts a cluster whose components are separate Web Workers: one per master, agent,
 * executor and scheduler (plus the player that paces them).
 */
import { expect, test, type Page } from '@playwright/test';

const count = (page: Page, kind: string): number =>
  page.workers().filter((w) => new URL(w.url()).pathname.split('/').pop()!.startsWith(`${kind}.worker`))
    .length;

test('the app runs every master, agent, executor and scheduler in a worker of its own', async ({ page }) => {
  test.slow();
  // agent-failure: 2 masters, 4 agents, 2 frameworks whose tasks start executors on the agents.
  await page.goto('./?scenario=agent-failure');
  await page.waitForFunction(() => (window.__mesosLab?.traceLength() ?? 0) > 0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => count(page, 'executor'), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(count(page, 'player')).toBe(1);
  expect(count(page, 'master')).toBe(2);
  expect(count(page, 'agent')).toBe(4);
  expect(count(page, 'scheduler')).toBe(2);
  // A command executor per command task, as Mesos runs them: never more executor workers than the 36
  // tasks the two frameworks launch (6 service instances, 30 batch tasks).
  expect(count(page, 'executor')).toBeLessThanOrEqual(36);
});
