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
import { DEFAULT_SHRINK, drive, driveAsync, shrinkSteps } from './shrink';
import { describeFailure, type Words } from './words';

export interface ExploreTarget {
  /** The scenario file as written (the learner's scheduler named as in the file). */
  raw: Record<string, unknown>;
  /** What faults may name. */
  world: FaultWorld;
  /** The frameworks whose schedulers are under test. */
  frameworks: readonly string[];
  /** A lesson's checks, judged for `framework`, when exploring a lesson. */
  lesson?: { checks: readonly Check[]; framework: string; reference: boolean };
  /**
   * An invariant the learner wrote: called with each run's trace, it returns what broke (in words) or null.
   * Whoever supplies it runs it where learner code may run.
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
}

const trimStop = (text: string): string => text.replace(/[.。\s]+$/u, '');

/** The exploration as questions (runs to make) and answers (their traces). */
export function* exploration(
  target: ExploreTarget,
  options: Partial<ExploreOptions> = {},
): Generator<RunRequest, ExploreResult, RunAnswer> {
  const o = { ...DEFAULT_EXPLORE, ...options };
  let simulations = 0;
  let faultsTried = 0;
  let unfair = 0;
  let runs = 0;

  /** Runs one schedule on one seed and says what broke first, if anything. */
  function* judge(faults: Fault[], seed: number): Generator<RunRequest, Violation | null, RunAnswer> {
    const raw = withFaults(target.raw, faults, seed, o.quietSeconds);
    simulations++;
    const { trace, scenario } = yield { which: 'tested', raw };
    const general = generalViolations(trace, {
      frameworks: target.frameworks,
      faultsOver: faultsOver(faults),
      offerHoldSeconds: o.offerHoldSeconds,
      starveSeconds: o.starveSeconds,
    });
    if (general.length > 0) return general[0]!;
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
    const ctx = { scenario, framework: lesson.framework, seed };
    const failed = lesson.checks
      .map((check) => ({ check, result: safeRun(check, trace, ctx) }))
      .filter((c) => !c.result.passed);
    if (failed.length === 0) return null;
    let reference: RunAnswer | null = null;
    if (lesson.reference) {
      simulations++;
      reference = yield { which: 'reference', raw };
    }
    for (const { check, result } of failed) {
      if (reference) {
        const ref = safeRun(check, reference.trace, { ...ctx, scenario: reference.scenario });
        if (!ref.passed) {
          unfair++;
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

  const progress = (phase: Progress['phase']): void =>
    o.onProgress?.({ phase, runs, faultsTried, simulations });

  for (let i = 0; i < o.runs; i++) {
    const seed = runSeed(o.seed, i);
    const faults = drawSchedule(target.world, new Rng(seed, 'explore-faults'), {
      maxFaults: o.maxFaults,
      ...(o.kinds ? { kinds: o.kinds } : {}),
    });
    const broke = yield* judge(faults, seed);
    runs++;
    faultsTried += faults.length;
    progress('search');
    if (!broke) continue;

    // Shrink, keeping the same seed and asking for the same invariant to break (not some other one).
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
    const failure: Failure = {
      seed,
      faults: smallest,
      found: faults,
      violation,
      words: describeFailure(smallest, violation.what),
      scenario: withFaults(target.raw, smallest, seed, o.quietSeconds),
    };
    progress('done');
    return { failure, runs, faultsTried, simulations, unfair };
  }
  progress('done');
  return { failure: null, runs, faultsTried, simulations, unfair };
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
