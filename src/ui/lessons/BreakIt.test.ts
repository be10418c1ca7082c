/**
 * "Break it" on the page, in Node: the search reports its progress and its answer; Stop and another lesson
 * end it; a search that cannot run says why; "Show it in the live view" loads the failing schedule (the
 * lesson's scenario with the faults, the learner's code, the run's seed) and stops at the moment it broke.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../cluster/scenario/types';
import type { TraceBody } from '../../cluster/trace';
import { fakeClient } from '../../editor/testing/fakeClient';
import type { ExploreResult, Failure } from '../../explore/Explorer';
import { withFaults } from '../../explore/schedule';
import { findLesson } from '../../lessons/catalog';
import { Lab } from '../state/Lab.svelte';
import { Ui } from '../state/Ui.svelte';
import { BREAK_RUNS, BreakIt, type BreakDeps } from './BreakIt.svelte';

const lesson = findLesson('02-first-framework')!;
const CODE = 'export default class { agentLost() { throw new Error("gone"); } }\n';

const failure: Failure = {
  seed: 77,
  faults: [{ at: 2.5, do: 'kill-agent', agent: 'agent1' }],
  found: [
    { at: 2.5, do: 'kill-agent', agent: 'agent1' },
    { at: 8, do: 'fail-master' },
  ],
  violation: {
    invariant: 'callback-error',
    at: 80.2,
    framework: 'hello',
    what: { en: "the scheduler's agentLost fails", zh: '调度器的 agentLost 出错' },
  },
  words: { en: 'agent1 crashes at 2.5 s: …', zh: 'agent1 在 2.5 秒崩溃：…' },
  scenario: withFaults(
    structuredClone(lesson.scenario) as Record<string, unknown>,
    [{ at: 2.5, do: 'kill-agent', agent: 'agent1' }],
    77,
  ),
};

/** What the failing run streams when the live view plays it. */
const RUN: (TraceBody & { t: number })[] = [
  { t: 0, type: 'leader', master: 'master/1' },
  { t: 2.5, type: 'log', framework: 'hello', level: 'log', text: 'before' },
  { t: 80.2, type: 'log', framework: 'hello', level: 'error', text: 'agentLost: gone' },
  { t: 90, type: 'log', framework: 'hello', level: 'log', text: 'after' },
];

function harness(explore: BreakDeps['explore']) {
  const client = fakeClient();
  const started: Scenario[] = [];
  const start = client.start.bind(client);
  client.start = async (scenario, options) => {
    started.push(scenario);
    await start(scenario, options);
  };
  const lab = new Lab(client, [], {
    frames: { now: () => 0, request: () => 1, cancel: () => undefined },
    address: { hash: () => '', href: () => 'x', replaceHash: () => undefined },
  });
  const ui = new Ui('');
  let clock = 0;
  const breaker = new BreakIt(lab, ui, {
    explore,
    now: () => (clock += 500),
    until: async (done) => {
      client.emit(RUN);
      return done();
    },
  });
  return { client, lab, ui, breaker, started };
}

const found = (runs: number): ExploreResult => ({
  failure,
  runs,
  faultsTried: runs * 2,
  simulations: runs + 9,
  unfair: 0,
});

describe('Break it', () => {
  it('searches the learner’s code with the lesson’s reference, shows its progress, then what broke', async () => {
    const asked: { code: string; solution: string | null; runs: number }[] = [];
    const seen: string[] = [];
    const h = harness(async (l, code, solution, o) => {
      asked.push({ code, solution, runs: o.runs });
      o.onProgress({ phase: 'search', runs: 1, faultsTried: 3, simulations: 1 });
      seen.push(`${h.breaker.running} ${h.breaker.progress?.runs} ${h.breaker.progress?.seconds}`);
      o.onProgress({ phase: 'shrink', runs: 4, faultsTried: 9, simulations: 6 });
      seen.push(`${h.breaker.progress?.phase} ${h.breaker.progress?.simulations}`);
      return found(4);
    });
    const result = await h.breaker.start(lesson, CODE, '// reference');
    expect(asked).toEqual([{ code: CODE, solution: '// reference', runs: BREAK_RUNS }]);
    // Elapsed wall time comes from the page's clock: 500 ms per reading here.
    expect(seen).toEqual(['true 1 0.5', 'shrink 6']);
    expect(result?.failure).toBe(failure);
    expect(h.breaker.failure).toBe(failure);
    expect(h.breaker.running).toBe(false);
    expect(h.breaker.problem).toBeNull();
  });

  it('Stop ends the search: it reports that it stopped, not a failure', async () => {
    const h = harness(
      (_l, _c, _s, o) =>
        new Promise((resolve) =>
          o.signal.addEventListener('abort', () =>
            resolve({ failure: null, runs: 2, faultsTried: 3, simulations: 2, unfair: 0, stopped: true }),
          ),
        ),
    );
    const searching = h.breaker.start(lesson, CODE, null);
    expect(h.breaker.running).toBe(true);
    h.breaker.stop();
    await searching;
    expect(h.breaker.running).toBe(false);
    expect(h.breaker.result?.stopped).toBe(true);
    expect(h.breaker.failure).toBeNull();
  });

  it('another lesson stops the search and forgets it; its late answer is dropped', async () => {
    let answer!: (r: ExploreResult) => void;
    let aborted = false;
    const h = harness(
      (_l, _c, _s, o) =>
        new Promise((resolve) => {
          answer = resolve;
          o.signal.addEventListener('abort', () => (aborted = true));
        }),
    );
    const searching = h.breaker.start(lesson, CODE, null);
    h.breaker.clear();
    expect(aborted).toBe(true);
    answer(found(3));
    expect(await searching).toBeNull();
    expect(h.breaker.result).toBeNull();
    expect(h.breaker.progress).toBeNull();
  });

  it('says why a search could not run (code that does not compile)', async () => {
    const h = harness(async () => {
      throw new Error("learner.ts:1:7: ';' expected.");
    });
    expect(await h.breaker.start(lesson, 'export default clas {', null)).toBeNull();
    expect(h.breaker.problem).toBe("learner.ts:1:7: ';' expected.");
    expect(h.breaker.running).toBe(false);
  });

  it('shows the failing schedule in the live view: its faults, the learner’s code, its seed, its moment', async () => {
    const h = harness(async () => found(4));
    await h.breaker.start(lesson, CODE, null);
    await h.breaker.open();
    expect(h.breaker.problem).toBeNull();
    const run = h.started.at(-1)!;
    expect(run.seed).toBe(77);
    expect(run.actions).toEqual([expect.objectContaining({ at: 2.5, do: 'kill-agent', agent: 'agent1' })]);
    const hello = run.frameworks.find((f) => f.id === 'hello')!;
    expect(hello.scheduler).toMatchObject({ code: CODE });
    // Long enough for the cluster to notice the crash and settle (withFaults' quiet time).
    expect(run.until).toBeGreaterThan(100);
    expect(h.breaker.showing).toBe(true);
    expect(h.lab.time.live).toBe(false);
    expect(h.lab.time.now).toBeCloseTo(80.2);
    expect(h.lab.time.trace[h.ui.moment!]).toMatchObject({ type: 'log', text: 'agentLost: gone' });
    // Anything else loaded in the live view: it no longer shows the failing schedule.
    await h.lab.run.load(lesson.scenario, 'custom', 1);
    expect(h.breaker.showing).toBe(false);
  });
});
