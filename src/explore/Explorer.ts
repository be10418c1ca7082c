/**
 * The explorer: runs a scheduler in a scenario many times, each run under a fault schedule drawn from its
 * own seed, checks every run's trace, and shrinks the first failing schedule to its smallest form. The
 * result is a scenario file (the original plus the fault actions) and a sentence in English and Chinese.
 *
 * The explorer never runs code itself: it asks for runs ("run this scenario file") and is given their
 * traces, through a generator that a synchronous driver (Node's sandboxes answer at once) and an
 * asynchronous one (the browser's workers) both drive. Whoever answers keeps learner code confined.
 *
 * Lesson checks are judged against the lesson's reference solution: a check that fails under a schedule
 * counts only if the reference passes it under the same schedule and seed. A lesson's checks ask for work
 * done by its deadline, and some faults (every agent down) make that impossible for anyone; what the
 * explorer reports must be a mistake of the scheduler, not bad luck.
 */
import { Rng } from '../cluster/rng';
import type { Scenario } from '../cluster/scenario/types';
import type { TraceEvent } from '../cluster/trace';
import type { Check } from '../lessons/types';
import {
  DEFAULT_HOLD_SECONDS,
  DEFAULT_STARVE_SECONDS,
  generalViolations,
  type Violation,
} from './invariants';
import {
  drawSchedule,
  faultsOver,
  QUIET_SECONDS,
  runSeed,
  withFaults,
  type Fault,
  type FaultKind,
  type FaultWorld,
} from './schedule';
import type { InvariantVerdict } from './learnerInvariant';
import { DEFAULT_SHRINK, drive, driveAsync, shrinkSteps } from './shrink';
import { describeFailure, type Words } from './words';

export interface ExploreTarget {
  /** The scenario file as written (the learner's scheduler named as in the file). */
  raw: Record<string, unknown>;
  /** What faults may name. */
  world: FaultWorld;
  /** The frameworks whose schedulers are under test. */
  frameworks: readonly string[];
  /**
   * A lesson's checks, judged for `framework`, when exploring a lesson. `under`: the fault kinds the checks
   * are judged under (a schedule with any other fault is judged by the general invariants alone); every
   * kind when absent.
   */
  lesson?: { checks: readonly Check[]; framework: string; reference: boolean; under?: readonly FaultKind[] };
  /**
   * An invariant of the caller's own (trusted code: a test's, an instructor's tool): called with each run's
   * trace, it returns what broke (in words) or null. A learner's invariant is learner code and runs in the
   * sandbox with the scheduler: its answer comes with the run (`RunAnswer.invariant`).
   */
  invariant?: (trace: readonly TraceEvent[]) => { at: number; what: Words } | null;
}

export interface ExploreOptions {
  runs: number;
  seed: number;
  maxFaults: number;
  quietSeconds: number;
  offerHoldSeconds: number;
  starveSeconds: number;
  shrinkTries: number;
  /** The kinds of fault to draw (default: every kind but a scheduler failover, see DEFAULT_KINDS). */
  kinds?: readonly FaultKind[];
  onProgress?: (p: Progress) => void;
}

export const DEFAULT_EXPLORE: ExploreOptions = {
  runs: 200,
  seed: 1,
  maxFaults: 4,
  quietSeconds: QUIET_SECONDS,
  offerHoldSeconds: DEFAULT_HOLD_SECONDS,
  starveSeconds: DEFAULT_STARVE_SECONDS,
  shrinkTries: DEFAULT_SHRINK.maxTries,
};

export interface Progress {
  phase: 'search' | 'shrink' | 'done';
  /** Schedules tried so far (the search's runs). */
  runs: number;
  /** Faults in those schedules. */
  faultsTried: number;
  /** Every simulation run, shrinking and reference runs included. */
  simulations: number;
}

/** A run the explorer asks for: the scenario file to run, with the learner's code or the reference's. */
export interface RunRequest {
  which: 'tested' | 'reference';
  raw: Record<string, unknown>;
}

/** What a run gives back: its trace and the validated scenario that ran (with the code in it). */
export interface RunAnswer {
  trace: readonly TraceEvent[];
  scenario: Scenario;
  /**
   * What the learner's own invariant (an exported `Invariant` class, learnerInvariant.ts) said of this run,
   * when the code under test has one: null when it held. Whoever ran the run ran it, in the sandbox.
   */
  invariant?: InvariantVerdict;
}

export interface Failure {
  /** The seed of the run (the scenario's `seed`). */
  seed: number;
  /** The smallest schedule that still fails. */
  faults: Fault[];
  /** The schedule as first found. */
  found: Fault[];
  violation: Violation;
  /** The schedule and what broke, as a sentence. */
  words: Words;
  /** The scenario file that fails: the original with the faults added, its seed and its length. */
  scenario: Record<string, unknown>;
}

export interface ExploreResult {
  failure: Failure | null;
  runs: number;
  faultsTried: number;
  simulations: number;
  /** Lesson checks that failed under a schedule that the reference solution failed as well: not counted. */
  unfair: number;
  /** True when the exploration was stopped before it finished (no failure is reported then). */
  stopped?: boolean;
}

const trimStop = (text: string): string => text.replace(/[.。\s]+$/u, '');

/** What an exploration has done so far. */
interface Counts {
  runs: number;
  faultsTried: number;
  simulations: number;
  unfair: number;
}

/**
 * The parts of an exploration, shared by the sequential generator (`exploration`) and the concurrent driver
 * (`exploreConcurrent`): the schedule of run `i`, judging one schedule, and shrinking a failing one.
 */
function explorer(target: ExploreTarget, options: Partial<ExploreOptions>) {
  const o = { ...DEFAULT_EXPLORE, ...options };
  const counts: Counts = { runs: 0, faultsTried: 0, simulations: 0, unfair: 0 };

  /** The seed and fault schedule of search run `i`: they depend on the exploration's seed and `i` only. */
  const scheduleOf = (i: number): { seed: number; faults: Fault[] } => {
    const seed = runSeed(o.seed, i);
    const faults = drawSchedule(target.world, new Rng(seed, 'explore-faults'), {
      maxFaults: o.maxFaults,
      ...(o.kinds ? { kinds: o.kinds } : {}),
    });
    return { seed, faults };
  };

  /** Runs one schedule on one seed and says what broke first, if anything. */
  function* judge(faults: Fault[], seed: number): Generator<RunRequest, Violation | null, RunAnswer> {
    const raw = withFaults(target.raw, faults, seed, o.quietSeconds);
    counts.simulations++;
    const { trace, scenario, invariant } = yield { which: 'tested', raw };
    const general = generalViolations(trace, {
      frameworks: target.frameworks,
      faultsOver: faultsOver(faults),
      offerHoldSeconds: o.offerHoldSeconds,
      starveSeconds: o.starveSeconds,
      restarts: schedulerRestarts(raw),
    });
    if (general.length > 0) return general[0]!;
    if (invariant) {
      const end = trace.length ? trace[trace.length - 1]!.t : scenario.until;
      const line = invariant.line !== undefined ? ` (line ${invariant.line})` : '';
      const lineZh = invariant.line !== undefined ? `（第 ${invariant.line} 行）` : '';
      return {
        invariant: 'learner-invariant',
        at: end,
        framework: target.frameworks[0] ?? '',
        what: {
          en: `your invariant fails${line}: ${trimStop(invariant.message)}`,
          zh: `你的不变式不成立${lineZh}：${trimStop(invariant.message)}`,
        },
      };
    }
    if (target.invariant) {
      const broke = target.invariant(trace);
      if (broke)
        return {
          invariant: 'learner-invariant',
          at: broke.at,
          framework: target.frameworks[0] ?? '',
          what: broke.what,
        };
    }
    const lesson = target.lesson;
    if (!lesson) return null;
    if (lesson.under && !faults.every((f) => lesson.under!.includes(f.do))) return null;
    const ctx = { scenario, framework: lesson.framework, seed };
    const failed = lesson.checks
      .map((check) => ({ check, result: safeRun(check, trace, ctx) }))
      .filter((c) => !c.result.passed);
    if (failed.length === 0) return null;
    let reference: RunAnswer | null = null;
    if (lesson.reference) {
      counts.simulations++;
      reference = yield { which: 'reference', raw };
    }
    for (const { check, result } of failed) {
      if (reference) {
        const ref = safeRun(check, reference.trace, { ...ctx, scenario: reference.scenario });
        if (!ref.passed) {
          counts.unfair++;
          continue;
        }
      }
      return {
        invariant: 'lesson-check',
        at: result.at ?? scenario.until,
        framework: lesson.framework,
        what: {
          en: `the check "${check.name}" fails (the reference solution passes it): ${trimStop(result.detail)}`,
          zh: `检查“${check.name_zh}”失败（参考答案能通过）：${trimStop(result.detail_zh)}`,
        },
      };
    }
    return null;
  }

  const progress = (phase: Progress['phase']): void => o.onProgress?.({ phase, ...counts });

  /** Counts a finished search run. */
  const searched = (faults: readonly Fault[]): void => {
    counts.runs++;
    counts.faultsTried += faults.length;
    progress('search');
  };

  /** Shrinks a failing schedule (same seed, same invariant broken) and describes the smallest one. */
  function* shrinkFailure(
    faults: Fault[],
    seed: number,
    broke: Violation,
  ): Generator<RunRequest, Failure, RunAnswer> {
    const steps = shrinkSteps(faults, { maxTries: o.shrinkTries });
    let step = steps.next();
    while (!step.done) {
      progress('shrink');
      const v = yield* judge(step.value, seed);
      step = steps.next(v !== null && v.invariant === broke.invariant);
    }
    const smallest = step.value;
    // The smallest schedule, run once more from scratch: what it broke is what is reported.
    const violation = (yield* judge(smallest, seed)) ?? broke;
    return {
      seed,
      faults: smallest,
      found: faults,
      violation,
      words: describeFailure(smallest, violation.what),
      scenario: withFaults(target.raw, smallest, seed, o.quietSeconds),
    };
  }

  const result = (failure: Failure | null, stopped = false): ExploreResult => {
    progress('done');
    return { failure, ...counts, ...(stopped ? { stopped } : {}) };
  };

  /**
   * A lesson is first run with no fault added: its checks then judge the code as the course does, so that
   * code the lesson's checks reject is not reported unbroken because every schedule had a fault the checks
   * are not judged under.
   */
  const baseline = (): { seed: number; faults: Fault[] } | null =>
    target.lesson ? { seed: runSeed(o.seed, 0), faults: [] } : null;

  return { o, scheduleOf, judge, searched, shrinkFailure, result, baseline };
}

/** The exploration as questions (runs to make) and answers (their traces). */
export function* exploration(
  target: ExploreTarget,
  options: Partial<ExploreOptions> = {},
): Generator<RunRequest, ExploreResult, RunAnswer> {
  const x = explorer(target, options);
  const base = x.baseline();
  if (base) {
    const broke = yield* x.judge(base.faults, base.seed);
    x.searched(base.faults);
    if (broke) return x.result(yield* x.shrinkFailure(base.faults, base.seed, broke));
  }
  for (let i = 0; i < x.o.runs; i++) {
    const { seed, faults } = x.scheduleOf(i);
    const broke = yield* x.judge(faults, seed);
    x.searched(faults);
    if (broke) return x.result(yield* x.shrinkFailure(faults, seed, broke));
  }
  return x.result(null);
}

/** The scheduler failovers of a scenario file (its own `restart-framework` actions and the drawn ones). */
function schedulerRestarts(raw: Record<string, unknown>): { framework: string; at: number }[] {
  const actions = Array.isArray(raw.actions) ? (raw.actions as Record<string, unknown>[]) : [];
  return actions.flatMap((a) =>
    a.do === 'restart-framework' && typeof a.framework === 'string' && typeof a.at === 'number'
      ? [{ framework: a.framework, at: a.at }]
      : [],
  );
}

function safeRun(
  check: Check,
  trace: readonly TraceEvent[],
  ctx: { scenario: Scenario; framework: string; seed: number },
): { passed: boolean; detail: string; detail_zh: string; at?: number } {
  try {
    return check.run(trace, ctx);
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { passed: false, detail: `the check itself failed (${m})`, detail_zh: `检查程序本身出错（${m}）` };
  }
}

/** Explores with runs answered at once (Node's sandboxes). */
export function explore(
  target: ExploreTarget,
  run: (request: RunRequest) => RunAnswer,
  options: Partial<ExploreOptions> = {},
): ExploreResult {
  return drive(exploration(target, options), run);
}

/** Explores with runs that answer later (the browser's sandbox workers). */
export function exploreAsync(
  target: ExploreTarget,
  run: (request: RunRequest) => Promise<RunAnswer>,
  options: Partial<ExploreOptions> = {},
): Promise<ExploreResult> {
  return driveAsync(exploration(target, options), run);
}

/**
 * Explores with up to `lanes` runs in flight at once (a pool of browser workers). The search tries the same
 * schedules as `exploreAsync` and reports the same failure, the failing schedule with the lowest index,
 * whichever lane finds one first: once a failure is known, no later schedule is started, and the earlier
 * ones still running are waited for. Shrinking then runs one schedule at a time, as each step depends on the
 * last. `signal` stops the exploration between runs; it then reports `stopped` and no failure.
 */
export async function exploreConcurrent(
  target: ExploreTarget,
  run: (request: RunRequest) => Promise<RunAnswer>,
  options: Partial<ExploreOptions> & { lanes?: number; signal?: AbortSignal } = {},
): Promise<ExploreResult> {
  const x = explorer(target, options);
  const lanes = Math.max(1, Math.floor(options.lanes ?? 1));
  const signal = options.signal;
  const base = x.baseline();
  if (base) {
    const broke = await driveAsync(x.judge(base.faults, base.seed), run);
    x.searched(base.faults);
    if (broke) return x.result(await driveAsync(x.shrinkFailure(base.faults, base.seed, broke), run));
  }
  let next = 0;
  let first: { i: number; seed: number; faults: Fault[]; broke: Violation } | null = null;
  const lane = async (): Promise<void> => {
    while (next < x.o.runs && !signal?.aborted && (first === null || next < first.i)) {
      const i = next++;
      const { seed, faults } = x.scheduleOf(i);
      const broke = await driveAsync(x.judge(faults, seed), run);
      x.searched(faults);
      if (broke && (first === null || i < first.i)) first = { i, seed, faults, broke };
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (signal?.aborted) return x.result(null, true);
  const found = first as { i: number; seed: number; faults: Fault[]; broke: Violation } | null;
  if (!found) return x.result(null);
  const stopping = (request: RunRequest): Promise<RunAnswer> => {
    if (signal?.aborted) return Promise.reject(new ExploreStopped());
    return run(request);
  };
  try {
    return x.result(await driveAsync(x.shrinkFailure(found.faults, found.seed, found.broke), stopping));
  } catch (e) {
    if (e instanceof ExploreStopped) return x.result(null, true);
    throw e;
  }
}

/** Thrown into a shrink that was stopped. */
class ExploreStopped extends Error {
  constructor() {
    super('the exploration was stopped');
    this.name = 'ExploreStopped';
  }
}
