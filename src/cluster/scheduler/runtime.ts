/**
 * Where scheduler code runs. The driver actor hands each protocol event to a runtime as one callback and
 * gets back the driver calls it made. Built-in schedulers run as plain objects; a learner's code runs in a
 * sandbox (a worker thread in Node, a Web Worker in the browser) behind the same interface, with a time
 * budget.
 */
import { recordingDriver, type DriverCall, type Scheduler, type SchedulerCallback } from './api';

export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

export interface CallbackResult {
  calls: DriverCall[];
  logs: LogLine[];
  /** The callback threw: the message, and the line in the learner's own source when known. */
  error?: { message: string; line?: number };
  /** The callback exceeded its budget: the scheduler is unresponsive and will be stopped. */
  timedOut?: boolean;
}

export interface SchedulerRuntime {
  /** Runs one callback; `nowMs` is the virtual time the sandbox's clock shows meanwhile. */
  invoke(callback: SchedulerCallback, args: unknown[], nowMs?: number): CallbackResult;
  /** Stops the sandbox (its thread) for good; the scheduler's process has ended. */
  dispose?(): void;
}

/** Runs a scheduler object in-process; exceptions are reported, never thrown into the cluster. */
export class ObjectRuntime implements SchedulerRuntime {
  constructor(private readonly scheduler: Scheduler) {}

  invoke(callback: SchedulerCallback, args: unknown[]): CallbackResult {
    const calls: DriverCall[] = [];
    const fn = this.scheduler[callback] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn !== 'function') return { calls, logs: [] };
    try {
      fn.call(this.scheduler, recordingDriver(calls), ...args);
      return { calls, logs: [] };
    } catch (e) {
      return { calls, logs: [], error: { message: e instanceof Error ? e.message : String(e) } };
    }
  }
}

/**
 * Stands in for code that could not be loaded (a module that throws, a missing executor class): its first
 * callback reports why, and it does nothing else. Serves schedulers and executors alike.
 */
export class FailedRuntime implements SchedulerRuntime {
  private told = false;
  constructor(private readonly message: string) {}
  invoke(): CallbackResult & { calls: never[] } {
    if (this.told) return { calls: [], logs: [] };
    this.told = true;
    return { calls: [], logs: [], error: { message: this.message } };
  }
}
