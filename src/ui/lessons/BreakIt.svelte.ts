/**
 * "Break it": searches fault schedules (agent crashes, partitions, master failovers, flaky links) that break
 * the learner's scheduler in the lesson (src/explore), on a pool of workers, with progress while it runs; a
 * failing schedule is shrunk to its smallest form and told in words. "Show it in the live view" plays that
 * schedule in the cluster and stops at the moment the invariant broke; the address bar is then a link to
 * that run (the learner's code in it runs only once whoever opens it has seen it).
 */
import type { ExploreResult, Failure, Progress } from '../../explore/Explorer';
import { LESSON_FILE, prepareRun } from '../../explore/target';
import type { LessonEntry } from '../../lessons/types';
import type { Lab } from '../state/Lab.svelte';
import type { Ui } from '../state/Ui.svelte';
import { showMoment } from './VerdictPlayback.svelte';

/** Schedules one search tries: enough to find what most faults show, few enough to wait for. */
export const BREAK_RUNS = 100;
/** The search's seed: the same code gets the same answer, every time. */
export const BREAK_SEED = 1;

export interface BreakDeps {
  explore(
    lesson: LessonEntry,
    code: string,
    solution: string | null,
    options: { runs: number; seed: number; signal: AbortSignal; onProgress: (p: Progress) => void },
  ): Promise<ExploreResult>;
  /** Resolves when `done` holds (polled), or after `timeoutMs` (see `showMoment`). */
  until?(done: () => boolean, timeoutMs: number): Promise<boolean>;
  /** Milliseconds from some fixed point (the page's clock; tests pass their own). */
  now?(): number;
}

export interface BreakProgress extends Progress {
  /** Wall seconds since the search started. */
  readonly seconds: number;
}

export class BreakIt {
  running = $state(false);
  progress = $state.raw<BreakProgress | null>(null);
  result = $state.raw<ExploreResult | null>(null);
  problem = $state<string | null>(null);
  /** The live view's generation when the failing schedule was loaded there (-1: never). */
  #generation = -1;

  readonly #lab: Lab;
  readonly #ui: Ui;
  readonly #deps: BreakDeps;
  #lesson: LessonEntry | null = null;
  #code = '';
  #stop: AbortController | null = null;

  constructor(lab: Lab, ui: Ui, deps: BreakDeps) {
    this.#lab = lab;
    this.#ui = ui;
    this.#deps = deps;
  }

  get failure(): Failure | null {
    return this.result?.failure ?? null;
  }

  /** True while the live view still shows the failing schedule. */
  get showing(): boolean {
    return this.#generation >= 0 && this.#lab.time.generation === this.#generation;
  }

  /** Another lesson: forget this one's search (a search still running is stopped). */
  clear(): void {
    this.stop();
    this.#stop = null;
    this.running = false;
    this.result = null;
    this.progress = null;
    this.problem = null;
    this.#lesson = null;
    this.#generation = -1;
  }

  /** Searches schedules that break `code` in the lesson; `solution` judges the lesson's checks fairly. */
  async start(lesson: LessonEntry, code: string, solution: string | null): Promise<ExploreResult | null> {
    this.stop();
    const stop = new AbortController();
    this.#stop = stop;
    this.#lesson = lesson;
    this.#code = code;
    this.#generation = -1;
    this.running = true;
    this.result = null;
    this.problem = null;
    const now = this.#deps.now ?? (() => performance.now());
    const started = now();
    this.progress = { phase: 'search', runs: 0, faultsTried: 0, simulations: 0, seconds: 0 };
    try {
      const result = await this.#deps.explore(lesson, code, solution, {
        runs: BREAK_RUNS,
        seed: BREAK_SEED,
        signal: stop.signal,
        onProgress: (p) => {
          if (this.#stop === stop) this.progress = { ...p, seconds: (now() - started) / 1000 };
        },
      });
      if (this.#stop !== stop) return null;
      this.result = result;
      return result;
    } catch (e) {
      if (this.#stop === stop) this.problem = e instanceof Error ? e.message : String(e);
      return null;
    } finally {
      if (this.#stop === stop) {
        this.running = false;
        this.#stop = null;
      }
    }
  }

  /** Stops the search between runs; what it found so far is not reported. */
  stop(): void {
    this.#stop?.abort();
  }

  /**
   * Plays the failing schedule in the live view (the lesson's scenario with the faults, the learner's code,
   * the run's seed) and stops at the moment the invariant broke, its event marked.
   */
  async open(): Promise<void> {
    const f = this.failure;
    if (!f || !this.#lesson) return;
    try {
      const scenario = prepareRun(f.scenario, LESSON_FILE, this.#code);
      const errors = await this.#lab.run.load(scenario, 'custom', f.seed);
      if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
      this.#generation = this.#lab.time.generation;
      await showMoment(this.#lab, this.#ui, f.violation.at, this.#deps.until);
    } catch (e) {
      this.problem = e instanceof Error ? e.message : String(e);
    }
  }
}
