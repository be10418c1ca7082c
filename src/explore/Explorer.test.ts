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
import { explore, exploreAsync, type ExploreTarget, type RunRequest } from './Explorer';
import { generalViolations } from './invariants';
import { faultsOver, worldOf } from './schedule';

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

  it('counts a lesson check only when the reference passes it under the same faults', () => {
    // A check that fails whenever some task was launched.
    const idle: Check = {
      name: 'Launched nothing',
      name_zh: '什么也没启动',
      run: (trace) =>
        trace.some((e) => e.type === 'launch')
          ? { passed: false, detail: 'Something was launched.', detail_zh: '启动了任务。', at: 1 }
          : { passed: true, detail: 'Nothing was launched.', detail_zh: '没有启动任务。' },
    };
    const raw = { ...holder, frameworks: [service('web')] };
    const lesson = (reference: boolean): ExploreTarget => ({
      ...targetOf(raw, ['web']),
      lesson: { checks: [idle], framework: 'web', reference },
    });
    // The reference launches too: the check is not fair under these faults, and nothing is reported.
    const both = explore(lesson(true), run, { runs: 3, seed: 2 });
    expect(both.failure).toBeNull();
    expect(both.unfair).toBe(3);
    // The reference launches nothing: the learner's run fails the check, and it is reported.
    const quiet = (r: RunRequest) => (r.which === 'reference' ? { ...run(r), trace: [] } : run(r));
    const found = explore(lesson(true), quiet, { runs: 3, seed: 2 });
    expect(found.failure?.violation.invariant).toBe('lesson-check');
    expect(found.failure?.words.en).toContain(
      'the check "Launched nothing" fails (the reference solution passes it): Something was launched.',
    );
  });
});
