/**
 * The explorer end to end over the in-process model (built-in schedulers, no sandbox): it finds a failing
 * schedule, shrinks it, and what it reports replays to the same failure; the synchronous and asynchronous
 * drivers agree; a lesson check counts only when the reference passes under the same faults.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../cluster/scenario/types';
import { parseScenario } from '../cluster/scenario/validate';
import { Simulation, type SchedulerLoader } from '../cluster/sim/Simulation';
import type { Check } from '../lessons/types';
import { explore, exploreAsync, exploreConcurrent, type ExploreTarget, type RunRequest } from './Explorer';
import { generalViolations } from './invariants';
import { FAULT_KINDS, faultsOver, runSeed, worldOf, type FaultKind } from './schedule';

const service = (id: string) => ({
  id,
  failoverTimeout: 600,
  scheduler: {
    builtin: 'service',
    instances: 3,
    task: { resources: 'cpus:1;mem:256', command: 'sleep 1000' },
  },
});

/** A learner's scheduler with a bug that only a master failover shows: its `reregistered` throws. */
const FRAGILE = `
export default class Fragile {
  resourceOffers(driver: any, offers: any[]): void {
    for (const o of offers) driver.declineOffer(o.id, { refuse_seconds: 1 });
  }
  reregistered(): void {
    throw new Error('lost track of my tasks');
  }
}
`;

const holder = {
  until: 30,
  masters: 2,
  agents: [{ id: 'agent', count: 3, resources: 'cpus:4;mem:4096' }],
  frameworks: [{ id: 'fragile', failoverTimeout: 600, scheduler: { code: FRAGILE } }, service('web')],
};

// Learner code runs in the command line's Node sandbox (src/cli/common.ts), imported by a computed path so
// that the page's type check (no Node types) does not follow it.
const CLI_COMMON = '../cli/common';
const { prepareLoader } = (await import(/* @vite-ignore */ CLI_COMMON)) as {
  prepareLoader: (scenario: Scenario, baseDir: string) => SchedulerLoader & { dispose(): void };
};
const loader = prepareLoader(parseScenario(holder), '.');
afterAll(() => loader.dispose());

const targetOf = (raw: Record<string, unknown>, frameworks: string[]): ExploreTarget => ({
  raw,
  world: worldOf(parseScenario(raw), frameworks),
  frameworks,
});

const run = (request: RunRequest) => {
  const scenario = parseScenario(request.raw);
  const sim = new Simulation(scenario, { loadScheduler: loader });
  try {
    return { trace: sim.run(), scenario };
  } finally {
    sim.dispose();
  }
};

/** A lesson check that fails whenever some task was launched. */
const idle: Check = {
  name: 'Launched nothing',
  name_zh: '什么也没启动',
  run: (trace) =>
    trace.some((e) => e.type === 'launch')
      ? { passed: false, detail: 'Something was launched.', detail_zh: '启动了任务。', at: 1 }
      : { passed: true, detail: 'Nothing was launched.', detail_zh: '没有启动任务。' },
};

describe('the explorer', () => {
  it('finds, shrinks to one early fault, and reports a scenario that fails the same way again', () => {
    const progress: string[] = [];
    const result = explore(targetOf(holder, ['fragile']), run, {
      runs: 20,
      seed: 3,
      onProgress: (p) => progress.push(p.phase),
    });
    const f = result.failure!;
    expect(f).not.toBeNull();
    expect(f.violation.invariant).toBe('callback-error');
    // Only a master failover makes it fail: the smallest schedule is that one fault, as early as it fails.
    expect(f.faults).toEqual([{ at: expect.any(Number), do: 'fail-master' }]);
    expect(f.faults[0]!.at).toBeLessThan(f.found.find((x) => x.do === 'fail-master')!.at + 1e-9);
    expect(f.words.en).toMatch(
      /^The master fails over at [\d.]+ s: the scheduler's reregistered fails at [\d.]+ s \(line 7\): lost track of my tasks\.$/,
    );
    expect(f.words.zh).toMatch(
      /^master 在 [\d.]+ 秒故障切换：调度器的 reregistered 在 [\d.]+ 秒出错（第 7 行）：lost track of my tasks。$/,
    );
    expect(progress.at(-1)).toBe('done');
    expect(progress).toContain('shrink');
    // The reported scenario is a valid file that breaks the same invariant at the same moment.
    const again = run({ which: 'tested', raw: f.scenario }).trace;
    const v = generalViolations(again, {
      frameworks: ['fragile'],
      faultsOver: faultsOver(f.faults),
      offerHoldSeconds: 30,
      starveSeconds: 30,
    });
    expect(v[0]).toEqual(f.violation);
  });

  it('reports nothing for correct schedulers, and counts what it tried', () => {
    const raw = { ...holder, frameworks: [service('web'), service('api')] };
    const result = explore(targetOf(raw, ['web', 'api']), run, { runs: 6, seed: 1 });
    expect(result.failure).toBeNull();
    expect(result.runs).toBe(6);
    expect(result.simulations).toBe(6);
    expect(result.faultsTried).toBeGreaterThanOrEqual(6);
  });

  it('gives the same result driven asynchronously, as the browser drives it', async () => {
    const target = targetOf(holder, ['fragile']);
    // A short shrink is enough to compare the two drivers.
    const sync = explore(target, run, { runs: 20, seed: 3, shrinkTries: 8 });
    const later = await exploreAsync(target, (r) => new Promise((ok) => setTimeout(() => ok(run(r)), 0)), {
      runs: 20,
      seed: 3,
      shrinkTries: 8,
    });
    expect(sync.failure).not.toBeNull();
    expect(later).toEqual(sync);
  });

  it('reports the same failure with several runs in flight, whichever lane answers first', async () => {
    // Runs that fail often, on seeds alone, and answer in reverse order: later runs come back first, so a
    // pool that reported whichever failure arrived first would report a later one than the search order.
    const parsed = parseScenario(holder);
    const fake = (r: RunRequest) => ({
      trace: [{ t: 0, type: 'log', framework: 'fragile', message: String(r.raw.seed) }] as never,
      scenario: parsed,
    });
    const target: ExploreTarget = {
      ...targetOf(holder, ['fragile']),
      invariant: (trace) => {
        const seed = Number((trace[0] as unknown as { message: string }).message);
        return seed % 3 === 0 ? { at: 1, what: { en: `seed ${seed}`, zh: `种子 ${seed}` } } : null;
      },
    };
    const sync = explore(target, fake, { runs: 40, seed: 5 });
    expect(sync.failure).not.toBeNull();
    // The first failing run answers last: the lane running it is still waiting when another lane has
    // already come to a later failing run.
    const firstFailing = runSeed(5, sync.runs - 1);
    const slowFirst = (r: RunRequest) =>
      new Promise<ReturnType<typeof fake>>((ok) =>
        setTimeout(() => ok(fake(r)), r.raw.seed === firstFailing ? 60 : 1),
      );
    for (const lanes of [2, 3]) {
      const pooled = await exploreConcurrent(target, slowFirst, { runs: 40, seed: 5, lanes });
      expect(pooled.failure).toEqual(sync.failure);
      // Schedules after the first failing one are started only until its failure is known.
      expect(pooled.runs).toBeGreaterThan(sync.runs);
    }
    // The real cluster, answers late in an order of their own: the same failure as the sequential search.
    const real = targetOf(holder, ['fragile']);
    const one = explore(real, run, { runs: 20, seed: 3, shrinkTries: 8 });
    const late = (r: RunRequest) =>
      new Promise<ReturnType<typeof run>>((ok) => setTimeout(() => ok(run(r)), Number(r.raw.seed) % 7));
    const pooled = await exploreConcurrent(real, late, { runs: 20, seed: 3, shrinkTries: 8, lanes: 2 });
    expect(pooled.failure).toEqual(one.failure);
  });

  it('stops between runs when asked, and says it stopped', async () => {
    const raw = { ...holder, frameworks: [service('web'), service('api')] };
    const stop = new AbortController();
    let asked = 0;
    const result = await exploreConcurrent(
      targetOf(raw, ['web', 'api']),
      async (r) => {
        if (++asked === 3) stop.abort();
        return run(r);
      },
      { runs: 50, seed: 1, lanes: 2, signal: stop.signal },
    );
    expect(result.stopped).toBe(true);
    expect(result.failure).toBeNull();
    expect(result.runs).toBeLessThanOrEqual(4);
  });

  it('counts a lesson check only when the reference passes it under the same faults', () => {
    const raw = { ...holder, frameworks: [service('web')] };
    const lesson = (reference: boolean): ExploreTarget => ({
      ...targetOf(raw, ['web']),
      lesson: { checks: [idle], framework: 'web', reference },
    });
    // The reference launches too: the check is not fair under these faults, and nothing is reported.
    const both = explore(lesson(true), run, { runs: 3, seed: 2 });
    expect(both.failure).toBeNull();
    // The run with no fault added, then the three schedules.
    expect(both.unfair).toBe(4);
    // The reference launches nothing: the learner's run fails the check, and it is reported.
    const quiet = (r: RunRequest) => (r.which === 'reference' ? { ...run(r), trace: [] } : run(r));
    const found = explore(lesson(true), quiet, { runs: 3, seed: 2 });
    expect(found.failure?.violation.invariant).toBe('lesson-check');
    expect(found.failure?.words.en).toContain(
      'the check "Launched nothing" fails (the reference solution passes it): Something was launched.',
    );
  });

  it('judges a lesson check only under the faults the lesson names, and first with no fault at all', () => {
    // The reference launches nothing.
    const raw = { ...holder, frameworks: [service('web')] };
    const quiet = (r: RunRequest) => (r.which === 'reference' ? { ...run(r), trace: [] } : run(r));
    const faultsSeen: number[] = [];
    const lesson = (under: FaultKind[]): ExploreTarget => ({
      ...targetOf(raw, ['web']),
      lesson: { checks: [idle], framework: 'web', reference: true, under },
    });
    // The code fails the check with no fault at all: that is what is reported, whatever the lesson names.
    const plain = explore(lesson([]), quiet, { runs: 3, seed: 2 });
    expect(plain.failure?.faults).toEqual([]);
    expect(plain.failure?.words.en).toMatch(
      /^With no fault added to the scenario: the check "Launched nothing"/,
    );
    expect(plain.runs).toBe(1);
    // A check that passes without faults and fails under some is judged only under the lesson's kinds.
    const underFaults: Check = {
      ...idle,
      run: (trace, ctx) => {
        const faults = ctx.scenario.actions.length;
        faultsSeen.push(faults);
        return faults > 0 ? idle.run(trace, ctx) : { passed: true, detail: 'ok', detail_zh: '好' };
      },
    };
    const only = (under: FaultKind[]): ExploreTarget => ({
      ...targetOf(raw, ['web']),
      lesson: { checks: [underFaults], framework: 'web', reference: true, under },
    });
    const none = explore(only([]), quiet, { runs: 5, seed: 2 });
    expect(none.failure).toBeNull();
    // Judged once, on the run with no fault.
    expect(faultsSeen).toEqual([0]);
    const every = explore(only([...FAULT_KINDS]), quiet, { runs: 5, seed: 2 });
    expect(every.failure?.violation.invariant).toBe('lesson-check');
    expect(every.failure!.faults.length).toBeGreaterThan(0);
  });
});
