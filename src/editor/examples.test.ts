/**
 * Every example runs in the model, through the same machinery as `npm run sim` (the Node sandbox of
 * src/cli/common.ts and the Simulation): the good ones launch tasks the way their header says, and the bad
 * ones show their bad behaviour, measured on the trace.
 *
 * The cluster: agents 1–3 on rack r1 and agent4 on rack r2, 4 CPUs and 4 GB each; the example in role
 * "learner" from t = 0, and a built-in batch framework "others" (six 1-CPU tasks) joining at t = 3.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../cluster/scenario/types';
import { parseScenario } from '../cluster/scenario/validate';
import { Simulation, type SchedulerLoader } from '../cluster/sim/Simulation';
import type { TraceEvent, TraceType } from '../cluster/trace';
import { EXAMPLES, exampleFileIds, loadExample } from './examples';
import { statsOf } from '../cluster/trace/FrameworkLedger';

// The command line's Node sandbox, imported by a computed path so that the page's type check (no Node
// types) does not follow it into node:fs (as src/cluster/sim/lifecycle.test.ts does).
const CLI_COMMON = '../cli/common';
const { prepareLoader } = (await import(/* @vite-ignore */ CLI_COMMON)) as {
  prepareLoader: (scenario: Scenario, baseDir: string, budgetMs?: number) => SchedulerLoader;
};

type Of<T extends TraceType> = Extract<TraceEvent, { type: T }>;

interface Run {
  trace: TraceEvent[];
  of<T extends TraceType>(type: T, framework?: string): Of<T>[];
  /** The agent of each offer. */
  agentOf(offer: string): string;
  logs: string[];
  /** Offers "others" received on an agent after "example" began holding an offer there that it still holds. */
  offersBehindHeld(): Of<'offer'>[];
}

async function run(example: string, othersAt = 3, until = 60): Promise<Run> {
  const code = await loadExample(example);
  const scenario = parseScenario({
    name: `example-${example}`,
    seed: 7,
    until,
    agents: [
      { id: 'agent1', resources: 'cpus:4;mem:4096', attributes: { rack: 'r1' } },
      { id: 'agent2', resources: 'cpus:4;mem:4096', attributes: { rack: 'r1' } },
      { id: 'agent3', resources: 'cpus:4;mem:4096', attributes: { rack: 'r1' } },
      { id: 'agent4', resources: 'cpus:4;mem:4096', attributes: { rack: 'r2' } },
    ],
    frameworks: [
      { id: 'example', roles: ['learner'], failoverTimeout: 60, scheduler: { code, language: 'ts' } },
    ],
    actions: [
      {
        at: othersAt,
        do: 'add-framework',
        framework: {
          id: 'others',
          roles: ['batch'],
          scheduler: {
            builtin: 'batch',
            tasks: 6,
            task: { resources: 'cpus:1;mem:256', command: 'sleep 2' },
          },
        },
      },
    ],
  });
  const sim = new Simulation(scenario, { loadScheduler: prepareLoader(scenario, '.') });
  const trace = sim.run();
  sim.dispose();
  const offers = new Map<string, string>();
  for (const e of trace) if (e.type === 'offer') offers.set(e.offer, e.agent);
  const errors = trace.filter((e) => e.type === 'error');
  expect(errors).toEqual([]);
  return {
    trace,
    of: <T extends TraceType>(type: T, framework?: string) =>
      trace.filter(
        (e): e is Of<T> =>
          e.type === type && (framework === undefined || ('framework' in e && e.framework === framework)),
      ),
    agentOf: (offer) => offers.get(offer) ?? '?',
    logs: trace.flatMap((e) => (e.type === 'log' && e.framework === 'example' ? [e.text] : [])),
    offersBehindHeld() {
      const since = new Map<string, number>();
      const held = new Set(statsOf(trace, 'example').held);
      for (const e of trace)
        if (e.type === 'offer' && held.has(e.offer) && !since.has(e.agent)) since.set(e.agent, e.t);
      return trace.filter(
        (e): e is Of<'offer'> =>
          e.type === 'offer' && e.framework === 'others' && e.t > (since.get(e.agent) ?? Infinity),
      );
    },
  };
}

const finished = (r: Run, framework: string): number =>
  r.of('status', framework).filter((s) => s.state === 'TASK_FINISHED').length;

describe('the examples', () => {
  it('are all listed, each file with a header comment that says what it teaches', async () => {
    expect(exampleFileIds().sort()).toEqual(EXAMPLES.map((e) => e.id).sort());
    for (const e of EXAMPLES) {
      const text = await loadExample(e.id);
      expect(text.startsWith('/**'), e.id).toBe(true);
      expect(text, e.id).toMatch(/\n \* Teaches/);
      expect(text, e.id).toMatch(/^export default class /m);
    }
  });

  it('greedy fills every agent it is offered, and the latecomer waits for its tasks to end', async () => {
    const r = await run('greedy');
    const launches = r.of('launch', 'example');
    // 4 agents × 4 CPUs, 1 CPU a task: 16 tasks at once.
    expect(launches.filter((l) => l.t < 1)).toHaveLength(16);
    // Its tasks sleep 20 s; "others" (joined at t = 3) launches nothing before they end.
    const othersFirst = r.of('launch', 'others')[0]!;
    expect(othersFirst.t).toBeGreaterThanOrEqual(20);
    expect(finished(r, 'others')).toBe(6);
  });

  it('polite runs its six tasks, declines with 30 s filters, suppresses, and others run alongside', async () => {
    const r = await run('polite');
    expect(r.of('launch', 'example')).toHaveLength(6);
    expect(finished(r, 'example')).toBe(6);
    expect(r.of('decline', 'example').every((d) => d.refuseSeconds === 30)).toBe(true);
    expect(r.of('accept', 'example').every((a) => a.refuseSeconds === 30)).toBe(true);
    expect(r.of('suppress', 'example')).toHaveLength(1);
    expect(r.logs).toContain('every task launched: suppressing offers');
    // Others are offered resources as soon as they join.
    expect(r.of('launch', 'others')[0]!.t).toBeLessThan(4);
    expect(finished(r, 'others')).toBe(6);
  });

  it('one task per offer: every accept launches exactly one task, twelve in all', async () => {
    const r = await run('one-per-offer', 0);
    const accepts = r.of('accept', 'example');
    expect(accepts.length).toBe(12);
    expect(accepts.every((a) => a.tasks.length === 1 && a.refuseSeconds === 0)).toBe(true);
    expect(finished(r, 'example')).toBe(12);
    expect(r.logs).toContain('all 12 tasks finished');
    // Progressive filling: both frameworks, there from the start, launch in the first allocations.
    const early = r.trace.flatMap((e) => (e.type === 'launch' && e.t < 2 ? [e.framework] : []));
    expect(new Set(early)).toEqual(new Set(['example', 'others']));
    expect(finished(r, 'others')).toBe(6);
  });

  it('the service keeps three instances on rack r1, one per agent, and declines rack r2 for long', async () => {
    const r = await run('service');
    const launches = r.of('launch', 'example');
    expect(launches).toHaveLength(3);
    expect(new Set(launches.map((l) => l.agent))).toEqual(new Set(['agent1', 'agent2', 'agent3']));
    const r2 = r.of('decline', 'example').filter((d) => r.agentOf(d.offer) === 'agent4');
    expect(r2.length).toBeGreaterThan(0);
    expect(r2.every((d) => d.refuseSeconds === 120)).toBe(true);
    expect(r.of('suppress', 'example')).toHaveLength(1);
    expect(r.of('status', 'example').filter((s) => s.state === 'TASK_RUNNING')).toHaveLength(3);
  });

  it('the hoarder holds offers that the other framework is never offered', async () => {
    const r = await run('hoarder');
    const held = statsOf(r.trace, 'example').held;
    expect(held.length).toBeGreaterThanOrEqual(3);
    // Others get offers only where the hoarder launched its one task; every other agent sits in the hoard
    // from the first allocation on, and "others" is never offered it.
    expect(r.of('offer', 'others').length).toBeGreaterThan(0);
    expect(new Set(r.of('offer', 'others').map((o) => o.agent)).size).toBe(1);
    expect(r.offersBehindHeld()).toEqual([]);
    expect(r.of('decline', 'example')).toHaveLength(0);
    expect(r.logs.at(-1)).toMatch(/^holding \d+ offers$/);
  });

  it('never-declines keeps every offer it ignores: nothing declined, resources stuck', async () => {
    const r = await run('never-declines');
    expect(r.of('launch', 'example')).toHaveLength(2);
    expect(r.of('decline', 'example')).toHaveLength(0);
    const stats = statsOf(r.trace, 'example');
    expect(stats.offers).toBeGreaterThan(stats.launched);
    // Its two tasks ended long ago, yet it still holds offers, and "others" is never offered those agents.
    expect(stats.finished).toBe(2);
    expect(stats.held.length).toBeGreaterThanOrEqual(2);
    expect(r.offersBehindHeld()).toEqual([]);
  });
});
