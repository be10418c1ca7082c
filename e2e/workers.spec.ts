/**
 * The worker host against the in-process host (issue: every component in its own Web Worker): the same
 * scenario and seed must give byte-identical traces in real Chromium and in Node, faults and a hung
 * scheduler included.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/cluster/scenario/validate';
import { Simulation } from '../src/cluster/sim/Simulation';
import { traceToJsonl } from '../src/cluster/trace';
import { prepareLoader } from '../src/cli/common';

const scenarioFile = (name: string): unknown => JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8'));

function inProcess(input: unknown): string {
  const scenario = parseScenario(input);
  const sim = new Simulation(scenario, { loadScheduler: prepareLoader(scenario, '.') });
  try {
    return traceToJsonl(sim.run());
  } finally {
    sim.dispose();
  }
}

interface RunResult {
  jsonl: string;
  workers: { masters: number; agents: number; executors: number; schedulers: number; hosted: number };
}

async function onWorkers(page: Page, input: unknown): Promise<RunResult> {
  return page.evaluate(async (s) => {
    const h = (window as unknown as { harness: { runOnWorkers(s: unknown): Promise<RunResult> } }).harness;
    return h.runOnWorkers(s);
  }, input);
}

test.beforeEach(async ({ page }) => {
  await page.goto('harness.html');
  await expect(page.getByText('harness ready')).toBeVisible();
});

for (const name of ['drf-paper', 'agent-failure', 'master-failover']) {
  test(`${name}: the worker host's trace equals the in-process trace byte for byte`, async ({ page }) => {
    test.setTimeout(120_000);
    const input = scenarioFile(name);
    const expected = inProcess(input);
    const got = await onWorkers(page, input);
    expect(got.jsonl.length).toBeGreaterThan(1000);
    expect(got.jsonl).toBe(expected);
    // Every component ran in a worker of its own.
    expect(got.workers.masters).toBeGreaterThanOrEqual(1);
    expect(got.workers.agents).toBeGreaterThanOrEqual(1);
    expect(got.workers.schedulers).toBeGreaterThanOrEqual(1);
  });
}

test('a scheduler stuck in a loop is stopped, the framework disconnects, the others keep running', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const input = {
    name: 'hang',
    seed: 9,
    until: 40,
    agents: [{ id: 'agent', count: 2, resources: 'cpus:4;mem:4096' }],
    frameworks: [
      {
        id: 'stuck',
        roles: ['learner'],
        scheduler: {
          code: 'export default class Stuck {\n  resourceOffers(driver, offers) {\n    while (true) {}\n  }\n}\n',
          language: 'ts',
        },
      },
      {
        id: 'steady',
        roles: ['batch'],
        scheduler: { builtin: 'batch', tasks: 6, task: { resources: 'cpus:1;mem:512', command: 'sleep 5' } },
      },
    ],
  };
  const responsive = page.evaluate(() => new Promise<number>((r) => setTimeout(() => r(Date.now()), 50)));
  const got = await onWorkers(page, input);
  // The page answered while the scheduler worker spun.
  expect(await responsive).toBeGreaterThan(0);
  const events = got.jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const err = events.find((e) => e.type === 'error' && e.framework === 'stuck');
  expect(err?.message).toBe('framework unresponsive: resourceOffers did not return within 1000 ms');
  expect(events.some((e) => e.type === 'framework-disconnected' && e.framework === 'stuck')).toBe(true);
  const finished = events.filter(
    (e) => e.type === 'status' && e.framework === 'steady' && e.state === 'TASK_FINISHED',
  );
  expect(finished).toHaveLength(6);
  // And the in-process host (learner code on Node worker threads) tells exactly the same story.
  expect(got.jsonl).toBe(inProcess(input));
});

const EXECUTOR_FRAMEWORK = `
export class PiExecutor {
  launchTask(driver: any, task: any) {
    if (task.data === 'hang') while (true) {}
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_RUNNING' });
    driver.setTimer(3, task.task_id.value);
  }
  timer(driver: any, name: string) {
    driver.sendFrameworkMessage('done ' + name);
    driver.sendStatusUpdate({ task_id: { value: name }, state: 'TASK_FINISHED', message: 'pi = 3.14159' });
  }
}
export default class PiScheduler {
  n = 0;
  resourceOffers(driver: any, offers: any[]) {
    for (const o of offers) {
      if (this.n >= 3) { driver.declineOffer(o.id); continue; }
      const id = 'pi-' + this.n++;
      driver.launchTasks(o.id, [{ name: id, task_id: { value: id }, agent_id: o.agent_id, resources: 'cpus:1;mem:128',
        data: this.n === 3 ? 'hang' : '', executor: { executor_id: { value: 'pi-' + this.n }, name: 'PiExecutor' } }]);
    }
  }
  frameworkMessage(driver: any, executorId: any, agentId: any, data: string) { console.log(data, executorId.value, agentId.value); }
  executorLost(driver: any, executorId: any, agentId: any, status: number) { console.log('lost', executorId.value, status); }
}
`;

test('custom executors run in workers of their own; a hung one is killed and its task fails, identically on both hosts', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const input = {
    name: 'executors',
    seed: 4,
    until: 15,
    agents: [{ id: 'agent', count: 3, resources: 'cpus:2;mem:1024' }],
    frameworks: [{ id: 'pi', roles: ['r'], scheduler: { code: EXECUTOR_FRAMEWORK, language: 'ts' } }],
  };
  const got = await onWorkers(page, input);
  const events = got.jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(got.jsonl).toBe(inProcess(input));
  const finished = events.filter((e) => e.type === 'status' && e.state === 'TASK_FINISHED');
  expect(finished).toHaveLength(2);
  expect(
    events.some(
      (e) => e.type === 'error' && String(e.message).includes('unresponsive: launchTask did not return'),
    ),
  ).toBe(true);
  expect(
    events.some(
      (e) => e.type === 'status' && e.state === 'TASK_FAILED' && e.reason === 'REASON_EXECUTOR_TERMINATED',
    ),
  ).toBe(true);
  expect(events.some((e) => e.type === 'log' && String(e.text).startsWith('lost '))).toBe(true);
  expect(got.workers.executors).toBeGreaterThanOrEqual(2);
  expect(got.jsonl).toBe(inProcess(input));
});

const RANDOM_FRAMEWORK = `
const drawnAtLoad = Math.random();
export class DiceExecutor {
  face = Math.floor(Math.random() * 6) + 1;
  launchTask(driver: any, task: any) {
    driver.sendFrameworkMessage('executor rolled ' + this.face + ' then ' + Math.random());
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_FINISHED' });
  }
}
export default class Dice {
  seedAtBuild = Math.random();
  n = 0;
  registered() { console.log('module ' + drawnAtLoad + ' constructor ' + this.seedAtBuild + ' now ' + Date.now()); }
  resourceOffers(driver: any, offers: any[]) {
    for (const o of offers) {
      if (this.n >= 2) { driver.declineOffer(o.id); continue; }
      const id = 'die-' + this.n++;
      console.log('offer ' + Math.random());
      driver.launchTasks(o.id, [{ name: id, task_id: { value: id }, agent_id: o.agent_id, resources: 'cpus:1;mem:128',
        executor: { executor_id: { value: id }, name: 'DiceExecutor' } }]);
    }
  }
  frameworkMessage(driver: any, executorId: any, agentId: any, data: string) { console.log(data); }
}
`;

test('learner code that draws random numbers, even while loading, gets the same numbers on both hosts', async ({
  page,
}) => {
  const input = {
    name: 'dice',
    seed: 11,
    until: 10,
    agents: [{ id: 'agent', count: 2, resources: 'cpus:2;mem:1024' }],
    frameworks: [{ id: 'dice', roles: ['r'], scheduler: { code: RANDOM_FRAMEWORK, language: 'ts' } }],
  };
  const got = await onWorkers(page, input);
  const logs = got.jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.type === 'log')
    .map((e) => String(e.text));
  // The module's top level, the constructors and the callbacks all drew numbers, and both executors reported.
  expect(logs.some((l) => /^module 0\.\d+ constructor 0\.\d+ now \d+$/.test(l))).toBe(true);
  expect(logs.filter((l) => /^executor rolled [1-6] then 0\.\d+$/.test(l))).toHaveLength(2);
  expect(got.jsonl).toBe(inProcess(input));
});
