/**
 * Verdicts you can see. "Check my solution" grades the learner's code on the lesson's seeds (in a worker of
 * its own) and, meanwhile, plays the graded run's first seed in the live view at a speed that shows it in
 * a few seconds: the cluster on screen is the run being judged. A failed check that names its moment (`at`)
 * links to it: the time line moves there (on that check's seed) and the event is marked in the log and
 * highlighted in the cluster. Beside the verdict, the learner's outcome and the reference solution's on the
 * same seed: tasks per framework and dominant shares.
 */
import type { Summary } from '../../cluster/summary';
import { DEFAULT_SEEDS, learnerScenario } from '../../lessons/grade';
import type { CheckVerdict, LessonEntry, Verdict } from '../../lessons/types';
import type { Speed } from '../../workers/types';
import { highlightOf } from '../model/highlight';
import type { Lab } from '../state/Lab.svelte';
import { eventsUpTo, SPEEDS } from '../state/TimeLine.svelte';
import type { Ui } from '../state/Ui.svelte';

/** A check's verdict, with the moment a failure refers to when the check names one (virtual seconds). */
export type CheckResult = CheckVerdict & { readonly at?: number };

export interface Outcomes {
  readonly seed: number;
  readonly yours: Summary;
  readonly goal: Summary;
}

export interface VerdictDeps {
  grade(lessonId: string, code: string): Promise<Verdict>;
  outcome(lessonId: string, code: string, seed: number): Promise<Summary>;
  /** Resolves when `done` holds (polled), or after `timeoutMs`. */
  until?(done: () => boolean, timeoutMs: number): Promise<boolean>;
}

/** A graded run should take about this many wall seconds to watch. */
const WATCH_SECONDS = 12;

/** The slowest offered speed at which `until` virtual seconds play in about WATCH_SECONDS. */
export function playbackSpeed(until: number): Speed {
  const wanted = until / WATCH_SECONDS;
  return SPEEDS.find((s) => s !== 'max' && s >= wanted) ?? 'max';
}

const poll = (done: () => boolean, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const started = Date.now();
    const tick = (): void => {
      if (done()) resolve(true);
      else if (Date.now() - started > timeoutMs) resolve(false);
      else setTimeout(tick, 40);
    };
    tick();
  });

export class VerdictPlayback {
  verdict = $state.raw<Verdict | null>(null);
  checking = $state(false);
  problem = $state<string | null>(null);
  /** The seed of the graded run in the live view, or null when the live view shows something else. */
  seed = $state<number | null>(null);
  outcomes = $state.raw<Outcomes | null>(null);

  readonly #lab: Lab;
  readonly #ui: Ui;
  readonly #deps: VerdictDeps;
  #lesson: LessonEntry | null = null;
  #code = '';
  #generation = -1;
  /** The graded run being loaded into the live view by the last Check (settles once it is there). */
  #loading: Promise<void> = Promise.resolve();

  constructor(lab: Lab, ui: Ui, deps: VerdictDeps) {
    this.#lab = lab;
    this.#ui = ui;
    this.#deps = deps;
  }

  /** True while the live view still shows the graded run (nothing restarted it since). */
  get showing(): boolean {
    return this.seed !== null && this.#lab.time.generation === this.#generation;
  }

  /** Another lesson: forget this one's verdict. */
  clear(): void {
    this.verdict = null;
    this.problem = null;
    this.outcomes = null;
    this.seed = null;
    this.#lesson = null;
  }

  /**
   * Grades `code`, plays the graded run's first seed in the live view, and fetches the outcomes (the
   * learner's and the reference `solution`'s) for the goal beside the verdict.
   */
  /**
   * Grades `code` while its first seed's run plays in the live view. `onVerdict` hears the verdict as soon as
   * it is known, before the live view has finished loading the run (a learner who reloads right after
   * "Passed" must not lose it); the promise resolves once both are done.
   */
  async check(
    lesson: LessonEntry,
    code: string,
    solution: string | null,
    onVerdict?: (verdict: Verdict) => void,
  ): Promise<Verdict | null> {
    this.#lesson = lesson;
    this.#code = code;
    this.checking = true;
    this.verdict = null;
    this.problem = null;
    this.outcomes = null;
    const seed = DEFAULT_SEEDS[0]!;
    const grading = this.#deps.grade(lesson.id, code);
    // The graded run plays while the checks run: the same scenario, code and seed as the first graded run.
    const shown = this.show(seed).catch((e: unknown) => {
      this.problem = e instanceof Error ? e.message : String(e);
    });
    this.#loading = shown;
    try {
      this.verdict = await grading;
      onVerdict?.(this.verdict);
    } catch (e) {
      this.problem = e instanceof Error ? e.message : String(e);
    } finally {
      this.checking = false;
    }
    await shown;
    const seeds = this.verdict?.seeds ?? [seed];
    if (this.verdict && solution !== null) void this.#outcomes(lesson, code, solution, seeds[0] ?? seed);
    return this.verdict;
  }

  async #outcomes(lesson: LessonEntry, code: string, solution: string, seed: number): Promise<void> {
    try {
      const [yours, goal] = await Promise.all([
        this.#deps.outcome(lesson.id, code, seed),
        this.#deps.outcome(lesson.id, solution, seed),
      ]);
      if (this.#lesson === lesson && this.#code === code) this.outcomes = { seed, yours, goal };
    } catch {
      // The goal is a help, not the verdict: without it the verdict stands alone.
    }
  }

  /** Loads the graded run of `seed` into the live view and plays it (or leaves it paused at 0). */
  async show(seed: number, play = true): Promise<void> {
    const lesson = this.#lesson;
    if (!lesson) return;
    const { scenario } = learnerScenario(lesson, this.#code);
    const errors = await this.#lab.run.load(scenario, 'custom', seed);
    if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
    this.seed = seed;
    this.#generation = this.#lab.time.generation;
    if (play) {
      this.#lab.time.setSpeed(playbackSpeed(scenario.until));
      this.#lab.time.play();
    }
  }

  /**
   * Moves the time line to the moment a failed check names, on the seed it failed on: the run is played to
   * there if it has not got that far, then shown at that moment with its event marked.
   */
  async jump(check: CheckResult): Promise<void> {
    const at = check.at;
    if (at === undefined || !this.#lesson) return;
    const seed = check.seed ?? this.verdict?.seeds[0] ?? DEFAULT_SEEDS[0]!;
    // A verdict can come before its run has loaded in the live view: that run is the one to move in.
    await this.#loading;
    if (!this.showing || this.seed !== seed) await this.show(seed, false);
    await showMoment(this.#lab, this.#ui, at, this.#deps.until);
  }
}

/**
 * Shows the run in the live view at `at`: it is played to there if it has not got that far, then the time
 * line moves to that moment, and its event is marked in the log and highlighted in the cluster.
 */
export async function showMoment(
  lab: Lab,
  ui: Ui,
  at: number,
  until: (done: () => boolean, timeoutMs: number) => Promise<boolean> = poll,
): Promise<void> {
  const time = lab.time;
  // Past the moment: an event after it has arrived (or the run is over). The clock alone reaching it is not
  // enough: more events of that same instant may still be on their way, and the moment would be the live
  // edge, not a moment in the run's past.
  const reached = (): boolean => (time.trace.at(-1)?.t ?? 0) > at || time.status.done;
  if (!reached()) {
    time.setSpeed('max');
    time.goLive();
    time.play();
    await until(reached, 60_000);
  }
  time.scrubTo(at);
  const n = eventsUpTo(time.trace, at);
  const event = n > 0 ? time.trace[n - 1] : undefined;
  ui.moment = event ? n - 1 : null;
  ui.highlight = event ? highlightOf(event, (o) => time.offerEvent(o)?.agent) : null;
}
