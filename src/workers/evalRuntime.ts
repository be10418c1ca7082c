/**
 * The browser's sandbox for a learner's scheduler: the scheduler worker evaluates the compiled code in its
 * own global scope (it can reach nothing of the page), and reports which callback it is entering so the
 * host's watchdog can name the one that hung.
 */
import { learnerLine, SCHEDULER_FILE, type Compiled } from '../cluster/scheduler/compile';
import { SANDBOX_PRELUDE, wrapModule } from '../cluster/scheduler/sandboxPrelude';
import type { SchedulerCallback } from '../cluster/scheduler/api';
import type { CallbackResult, SchedulerRuntime } from '../cluster/scheduler/runtime';

const indirectEval = eval;

/** What a scheduler worker removes from its global scope before running learner code. */
const WITHHELD = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'Worker',
];

export class EvalRuntime implements SchedulerRuntime {
  private readonly invokeFn: (name: string, args: string) => string;

  constructor(
    private readonly compiled: Compiled,
    private readonly onEnter: (callback: SchedulerCallback) => void,
  ) {
    const g = globalThis as Record<string, unknown>;
    for (const name of WITHHELD) {
      try {
        g[name] = undefined;
      } catch {
        // Some globals are read-only; the worker still has no page to reach.
      }
    }
    indirectEval(`${SANDBOX_PRELUDE}\n//# sourceURL=prelude.js`);
    indirectEval(`${wrapModule(compiled.js)}\n//# sourceURL=${SCHEDULER_FILE}`);
    this.invokeFn = g.__invoke as (name: string, args: string) => string;
  }

  invoke(callback: SchedulerCallback, args: unknown[]): CallbackResult {
    this.onEnter(callback);
    const parsed = JSON.parse(this.invokeFn(callback, JSON.stringify(args))) as CallbackResult & {
      error?: { message: string; stack?: string };
    };
    const result: CallbackResult = { calls: parsed.calls, logs: parsed.logs };
    if (parsed.error) {
      const line = learnerLine(this.compiled, parsed.error.stack ?? '');
      result.error = { message: parsed.error.message, ...(line !== undefined ? { line } : {}) };
    }
    return result;
  }
}

/** Stands in for a scheduler whose module failed to load: every callback reports why, once. */
export class BrokenRuntime implements SchedulerRuntime {
  private told = false;
  constructor(private readonly message: string) {}
  invoke(): CallbackResult {
    if (this.told) return { calls: [], logs: [] };
    this.told = true;
    return { calls: [], logs: [], error: { message: this.message } };
  }
}
