import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorSpec, Effects } from '../actor';
import type { ActorId, Message } from '../protocol';
import { Rng } from '../rng';
import { parseScenario } from '../scenario/validate';
import type { Action } from '../scenario/types';
import type { Micros } from '../time';
import { traceToJsonl, type TraceEvent } from '../trace';
import { explainOffer, InProcessHost, Simulation, type Host } from './Simulation';

/** An in-process host that answers asynchronously, in a shuffled order, like workers would. */
class ShuffledAsyncHost implements Host {
  private readonly inner = new InProcessHost();
  constructor(private readonly rng: Rng) {}
  spawn(spec: ActorSpec): void {
    this.inner.spawn(spec);
  }
  stop(id: ActorId): void {
    this.inner.stop(id);
  }
  deliver(id: ActorId, msg: Message, now: Micros): Promise<Effects | null> {
    const fx = this.inner.deliver(id, msg, now);
    // Resolve after a random number of microtask turns, so that batch members finish out of order.
    let turns = this.rng.int(5);
    return new Promise((resolve) => {
      const tick = (): void => {
        if (turns-- <= 0) resolve(fx);
        else void Promise.resolve().then(tick);
      };
      tick();
    });
  }
}

const busy = (seed: number, actions: unknown[] = []) =>
  parseScenario({
    name: 'busy',
    seed,
    until: 120,
    network: { latencyMs: 1, dropRate: 0.02 },
    agents: [{ id: 'agent', count: 5, resources: 'cpus:4;mem:4096' }],
    frameworks: [
      {
        id: 'web',
        roles: ['web'],
        failoverTimeout: 60,
        scheduler: {
          builtin: 'service',
          instances: 6,
          task: { resources: 'cpus:1;mem:512', command: 'sleep 1000' },
        },
      },
      {
        id: 'jobs',
        roles: ['batch'],
        scheduler: {
          builtin: 'batch',
          tasks: 40,
          task: { resources: 'cpus:1;mem:1024', command: 'sleep 7 && echo ok' },
        },
      },
    ],
    actions: [{ at: 30, do: 'kill-agent', agent: 'agent2' }, { at: 40, do: 'fail-master' }, ...actions],
  });

describe('Simulation', () => {
  it('gives the same trace when one instant is delivered in parallel batches (the worker host)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async (seed) => {
        const sync = traceToJsonl(new Simulation(busy(seed)).run());
        const sim = new Simulation(busy(seed), { host: new ShuffledAsyncHost(new Rng(seed, 'host')) });
        await sim.advanceAsync(120_000_000);
        expect(traceToJsonl(sim.trace)).toBe(sync);
      }),
      { seed: 424242, numRuns: 6 },
    );
  });

  it('is not over, nor further on, while an instant’s answers are still awaited', async () => {
    // The live view's player reads nextTime() to tell a finished run: learner code still thinking (in a
    // sandbox) must not look like a run with nothing left, which paused the view at t=0.
    const sim = new Simulation(busy(2), { host: new ShuffledAsyncHost(new Rng(2, 'host')) });
    let awaited = 0;
    for (let i = 0; i < 400; i++) {
      const step = sim.stepBatch();
      if (step === false) break;
      if (step === true) continue;
      awaited++;
      expect(sim.nextTime()).toBe(sim.now);
      await step;
    }
    expect(awaited).toBeGreaterThan(100);
  });

  it('replays a fault injected live exactly, from the actions it reports', () => {
    const live = new Simulation(busy(5));
    live.advance(12_345_678);
    const placed = live.inject({ at: 0, do: 'kill-agent', agent: 'agent4' });
    live.run();
    expect(placed.at).toBe(12.345679);
    const replay = new Simulation(busy(5, [placed]));
    expect(traceToJsonl(replay.run())).toBe(traceToJsonl(live.trace));
  });

  it('fails a scheduler over: the framework disconnects, re-registers with its id, and keeps its tasks', () => {
    const restart: Action = {
      at: 20,
      do: 'restart-framework',
      framework: 'web',
      scheduler: {
        builtin: 'service',
        instances: 8,
        task: { resources: 'cpus:1;mem:512', command: 'sleep 1000' },
      },
    };
    const trace = new Simulation(busy(3, [restart])).run(35);
    const after = (t: number, f: (e: TraceEvent) => boolean) => trace.filter((e) => e.t >= t && f(e));
    expect(after(20, (e) => e.type === 'framework-disconnected' && e.framework === 'web')).toHaveLength(1);
    expect(after(20, (e) => e.type === 'framework-reregistered' && e.framework === 'web')).toHaveLength(1);
    // No task of web was killed by the failover: failover_timeout (60 s) had not expired.
    expect(
      after(20, (e) => e.type === 'status' && e.framework === 'web' && e.state === 'TASK_KILLED'),
    ).toHaveLength(0);
    expect(after(20, (e) => e.type === 'framework-removed')).toHaveLength(0);
  });

  it('removes a framework whose scheduler stays away longer than failover_timeout, killing its tasks', () => {
    const scenario = parseScenario({
      name: 'gone',
      until: 30,
      agents: [{ id: 'a1', resources: 'cpus:2;mem:2048' }],
      frameworks: [
        {
          id: 'svc',
          roles: ['r'],
          failoverTimeout: 5,
          scheduler: {
            builtin: 'service',
            instances: 2,
            task: { resources: 'cpus:1;mem:512', command: 'sleep 1000' },
          },
        },
      ],
      actions: [{ at: 10, do: 'teardown', framework: 'svc' }],
    });
    const trace = new Simulation(scenario).run();
    const killed = trace.filter((e) => e.type === 'status' && e.state === 'TASK_KILLED');
    expect(killed).toHaveLength(2);
    expect(trace.some((e) => e.type === 'framework-removed' && e.framework === 'svc')).toBe(true);
  });

  it('explains an offer by replaying the run: the order as decided, and who was skipped and why', async () => {
    const scenario = parseScenario({
      name: 'why',
      seed: 2,
      until: 10,
      agents: [{ id: 'agent', count: 2, resources: 'cpus:4;mem:4096' }],
      frameworks: [
        { id: 'A', roles: ['r'], scheduler: { builtin: 'scripted' } },
        { id: 'B', roles: ['r'], scheduler: { builtin: 'scripted' } },
      ],
      actions: [{ at: 0.5, do: 'decline', framework: 'A', refuseSeconds: 100 }],
    });
    const trace = new Simulation(scenario).run();
    // t=0.001: the first agent goes to A (tie broken by name), the second to B (A's share is now higher).
    // A declines its agent for 100 s; at t=1 A leads the order (share 0 < B's .5) but is filtered, so B
    // gets A's old agent.
    const offers = trace.filter((e) => e.type === 'offer');
    expect(offers.map((o) => (o.type === 'offer' ? [o.framework, o.t] : []))).toEqual([
      ['A', 0.001],
      ['B', 0.001],
      ['B', 1],
    ]);
    const why = await explainOffer(scenario, 'O-3');
    if (why?.type !== 'why') throw new Error('no explanation for O-3');
    // shares when the order was decided: A = 0, B = .5
    expect(why.why.frameworks).toEqual([
      { framework: 'A', share: 0, count: 1 },
      { framework: 'B', share: 0.5, count: 1 },
    ]);
    expect(why.why.skipped).toEqual([{ framework: 'A', role: 'r', reason: 'filtered' }]);
    expect(await explainOffer(scenario, 'O-99')).toBeNull();
    // Explanations never leak into a normal trace.
    expect(trace.some((e) => e.type === 'why')).toBe(false);
  });

  it('fails over a framework that was added live, as Run in the editor does a second time', () => {
    const sim = new Simulation(busy(8));
    sim.advance(5_000_000);
    const framework = {
      id: 'mine',
      name: 'mine',
      roles: ['learner'],
      failoverTimeout: 60,
      checkpoint: false,
      partitionAware: false,
      minAllocatable: null,
      scheduler: {
        builtin: 'service' as const,
        instances: 1,
        task: { resources: 'cpus:1;mem:512', command: 'sleep 100' },
      },
    };
    sim.inject({ at: 0, do: 'add-framework', framework });
    sim.advance(10_000_000);
    sim.inject({
      at: 0,
      do: 'restart-framework',
      framework: 'mine',
      scheduler: { ...framework.scheduler, instances: 2 },
    });
    const trace = sim.run(20);
    const mine = trace.filter((e) => 'framework' in e && e.framework === 'mine').map((e) => e.type);
    expect(mine).toContain('framework-added');
    expect(mine).toContain('framework-disconnected');
    expect(mine).toContain('framework-reregistered');
    expect(mine).not.toContain('framework-removed');
  });
});

describe('Simulation with the random sorters (--role_sorter, --framework_sorter)', () => {
  const randomSorters = (seed: number, sorter?: 'random') =>
    parseScenario({
      ...busy(seed),
      allocator: sorter ? { roleSorter: sorter, frameworkSorter: sorter } : {},
    });

  it('runs the whole cluster on them, the same trace for the same seed, and in parallel batches', async () => {
    const once = traceToJsonl(new Simulation(randomSorters(3, 'random')).run());
    expect(traceToJsonl(new Simulation(randomSorters(3, 'random')).run())).toBe(once);
    const sim = new Simulation(randomSorters(3, 'random'), {
      host: new ShuffledAsyncHost(new Rng(3, 'host')),
    });
    await sim.advanceAsync(120_000_000);
    expect(traceToJsonl(sim.trace)).toBe(once);
    // The sorters are the master's to choose: the offers differ from the DRF run's.
    expect(once).not.toBe(traceToJsonl(new Simulation(randomSorters(3)).run()));
    expect(once).toContain('"type":"launch"');
  });
});
