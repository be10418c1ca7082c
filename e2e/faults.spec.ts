import { expect, test } from './fixtures';

test('kill an agent: its tasks are lost, and the service relaunches them elsewhere', async ({
  page,
  lab,
}) => {
  test.slow(); // 200 virtual seconds on a cluster of workers.
  await lab.open();
  await lab.choose('agent-failure');
  await lab.speed('25');
  await lab.play().click();
  await lab.waitUntil(8);
  await lab.pause().click();

  // Kill an agent that runs instances of the web service (the scenario itself kills agent2 at t=20).
  const victim = (await page
    .getByRole('article')
    .filter({ has: page.getByRole('listitem').filter({ hasText: /web-\d+\s*running/ }) })
    .filter({ hasNotText: 'agent2' })
    .first()
    .getByRole('heading')
    .textContent())!;
  const dead = lab.agent(victim);
  await expect(lab.tasks(dead, 'running').first()).toBeVisible();

  const faults = page.getByRole('group', { name: 'Faults' });
  await faults.getByRole('combobox', { name: 'Agent' }).selectOption(victim);
  await faults.getByRole('button', { name: 'Kill agent' }).click();
  await expect(faults.getByRole('status')).toContainText(`Applied: kill agent ${victim}`);
  // Dead, but the master does not know yet: it still counts the tasks as running.
  await expect(dead).toContainText('crashed');

  await lab.runToEnd();
  await expect(dead).toContainText('unreachable');
  // The web service keeps 6 instances: after both failures they all run on the other agents.
  await expect(lab.framework('web')).toContainText(/running\s*6/);
  await expect(lab.framework('web')).toContainText(/lost\s*[1-9]/);
  expect(await lab.tasks(dead, 'running').count()).toBe(0);

  // The log, filtered to that agent's status updates, shows the loss.
  const log = page.getByRole('region', { name: 'Event log' });
  await log.getByRole('combobox', { name: 'Agent' }).selectOption(victim);
  await log.getByRole('combobox', { name: 'Type' }).selectOption('status');
  await expect(log.getByText(/^web-\d+ \(web\) TASK_LOST REASON_AGENT_REMOVED$/).first()).toBeVisible();

  // Scrub back to just after the master removed the agent: its lost tasks are on its card.
  const removed = await log
    .getByRole('listitem')
    .filter({ hasText: 'TASK_LOST' })
    .last()
    .locator('.time')
    .textContent();
  await lab.slider().fill(String(Number(removed) + 0.5));
  await expect(lab.tasks(dead, 'lost').first()).toBeVisible();
});

test('partition an agent and fail over the master from the controls', async ({ page, lab }) => {
  await lab.open();
  await lab.choose('master-failover');
  await lab.stepButton().click();
  await lab.speed('10');
  await lab.play().click();
  await lab.waitUntil(3);
  await lab.pause().click();

  const faults = page.getByRole('group', { name: 'Faults' });
  await faults.getByRole('combobox', { name: 'Agent' }).selectOption('agent2');
  await faults.getByRole('spinbutton', { name: 'Seconds' }).fill('20');
  await faults.getByRole('button', { name: 'Partition from master' }).click();
  await expect(lab.agent('agent2')).toContainText('partitioned');
  await faults.getByRole('button', { name: 'Fail over master' }).click();
  const masters = page.getByRole('group', { name: 'Masters' });
  await expect(masters).toContainText('master/1 failed');
  await faults.getByRole('button', { name: 'Add agent' }).click();
  await expect(faults.getByRole('status')).toContainText('Applied: add agent');
});
