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
  return traceToJsonl(sim.run());
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
  // And the in-process host (Node's vm sandbox) tells exactly the same story.
  expect(got.jsonl).toBe(inProcess(input));
});
