/**
 * The watchdog of a worker that runs learner code (a scheduler, or a custom executor). It times learner
 * code only: the worker notes on its own channel when a callback (or the module's top-level code) starts
 * and when it stops, and each start gets the full budget. A worker that is slow to start, or a host that
 * is slow to hand it a delivery, is never taken for a hung scheduler. A delivery that sees no learner code
 * at all for the stall limit is given up too (a worker that never started).
 */

/** What a worker running learner code says on its own channel. */
export type WorkerNote = { callback: string } | { left: true };

export const isWorkerNote = (data: unknown): data is WorkerNote =>
  typeof data === 'object' &&
  data !== null &&
  (typeof (data as { callback?: unknown }).callback === 'string' ||
    (data as { left?: unknown }).left === true);

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** No learner code for this long while a delivery waits: the worker is taken for dead. */
export const STALL_LIMIT_MS = 30_000;

export class Watchdog {
  private timer: unknown = null;
  private current = '';

  constructor(
    private readonly budgetMs: number,
    /** Called once the budget (or the stall limit) runs out, with the callback that was running. */
    private readonly onHung: (callback: string) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The callback learner code is in, or last was in. */
  get callback(): string {
    return this.current;
  }

  /** A note from the worker. */
  note(n: WorkerNote): void {
    if ('callback' in n) {
      this.current = n.callback;
      this.arm(this.budgetMs);
    } else this.disarm();
  }

  /** A delivery now waits on the worker: at most the stall limit, unless learner code is timed already. */
  waiting(): void {
    if (this.timer === null) this.arm(STALL_LIMIT_MS);
  }

  /** The worker answered the delivery, or is gone. */
  answered(): void {
    this.disarm();
  }

  private arm(ms: number): void {
    this.disarm();
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.onHung(this.current || 'a callback');
    }, ms);
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
