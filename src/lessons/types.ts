/**
 * The shapes of a lesson (STYLE.md §8: lessons are content). A lesson is a folder: prose in English and
 * Simplified Chinese, a scenario with the learner's framework in it, starter code, a reference solution,
 * wrong solutions, hints, and checks. Checks are pure functions over the trace: they judge what the cluster
 * did, never the text of the learner's code (docs/lessons.md).
 */
import type { Scenario } from '../cluster/scenario/types';
import type { TraceEvent } from '../cluster/trace';

/** What a check is told besides the trace. */
export interface CheckContext {
  /** The validated scenario that ran, with the seed of this run and the learner's code substituted. */
  readonly scenario: Scenario;
  /** The id of the learner's framework in the scenario (the one whose scheduler is `{"file": "learner.ts"}`). */
  readonly framework: string;
  /** The seed of this run. */
  readonly seed: number;
}

export interface CheckResult {
  passed: boolean;
  /** One or two sentences. A failure names a time and an event ("at t=12.3 task w7 …"). */
  detail: string;
  detail_zh: string;
  /**
   * For a failure that refers to one moment of the run: that moment, in virtual seconds (the event the
   * detail quotes). The interface uses it to take the timeline there.
   */
  at?: number;
}

export interface Check {
  name: string;
  name_zh: string;
  run(trace: readonly TraceEvent[], ctx: CheckContext): CheckResult;
}

/**
 * One "you must" of a lesson's prose, held true by the fairness test: the check that verifies it, and the
 * wrong solutions (files in the lesson's `wrong/` folder) that make that mistake alone, so that each fails
 * this check and no other.
 */
export interface Requirement {
  /** The requirement in the prose's own words. */
  must: string;
  must_zh: string;
  /** The `name` of the check that verifies it. */
  check: string;
  /** Files in `wrong/` that fail this check and no other; at least one. */
  wrong: readonly string[];
}

/** A lesson's requirements table (`requirements.ts` in its folder), rendered in docs/lessons.md. */
export interface RequirementsTable {
  rows: readonly Requirement[];
  /** The checks the starter fails, exactly: it compiles and runs, but does none of the work yet. */
  starterFails: readonly string[];
}

/** A lesson as the catalog knows it, the same in Node and in the browser (no file system needed). */
export interface LessonEntry {
  /** The folder name, e.g. "02-first-framework". */
  id: string;
  /** Its position in the course, 1-based. */
  order: number;
  /** The scenario file as written (JSON), with `{"file": "learner.ts"}` for the learner's scheduler. */
  scenario: unknown;
  checks: readonly Check[];
  /**
   * The faults (scripted action kinds) under which the checks judge what the lesson teaches, for the
   * explorer ("Break it"): a schedule with any other fault is judged by the general invariants alone. A
   * check written for the lesson's own scenario cannot tell a scheduler's mistake from what a fault hid from
   * it (a lost status update, an offer lost on its way), so a lesson names only the faults it is about.
   */
  checkedUnder?: readonly FaultAction[];
}

/** The kinds of scripted fault the explorer draws. */
export type FaultAction =
  | 'kill-agent'
  | 'restart-agent'
  | 'reboot-agent'
  | 'partition'
  | 'flaky-link'
  | 'fail-master'
  | 'restart-framework';

/** A lesson's prose: front matter and the Markdown body. */
export interface LessonText {
  title: string;
  summary: string;
  /** The Markdown after the front matter. */
  body: string;
}

/** Everything in a lesson folder besides the checks and the scenario. */
export interface LessonContent {
  en: LessonText;
  zh: LessonText;
  hints: { en: string[]; zh: string[] };
  starter: string;
  solution: string;
  /** Plausible wrong solutions, by file name (`wrong/*.ts`); each must fail. */
  wrong: Record<string, string>;
  /** Valid solutions written differently from the reference (`alt/*.ts`); each must pass. */
  alt: Record<string, string>;
}

export interface CheckVerdict {
  name: string;
  name_zh: string;
  passed: boolean;
  detail: string;
  detail_zh: string;
  /** The first seed on which the check failed, when it failed. */
  seed?: number;
  /** The moment of that seed's run the failure refers to (virtual seconds), when it refers to one. */
  at?: number;
}

/** The result of grading one submission (CONTRACTS.md §4 prints lesson, passed, and name/passed/detail). */
export interface Verdict {
  lesson: string;
  passed: boolean;
  checks: CheckVerdict[];
  /** The seeds the lesson ran on. */
  seeds: number[];
}
