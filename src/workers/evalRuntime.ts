/**
 * The browser's sandbox for a learner's scheduler: the scheduler worker evaluates the compiled code in its
 * own global scope (it can reach nothing of the page), and reports when learner code starts and stops
 * running, so the host's watchdog times exactly that (never the worker's start-up) and can name the
 * callback that hung.
 */
import { decodeInvokeResult, SCHEDULER_FILE, type Compiled } from '../cluster/scheduler/compile';
import { scopedModule } from '../cluster/scheduler/sandboxPrelude';
import type { SchedulerCallback } from '../cluster/scheduler/api';
import type { CallbackResult, SchedulerRuntime } from '../cluster/scheduler/runtime';
import type { ExecutorCallback, ExecutorCallbackResult, ExecutorRuntime } from '../cluster/executor/api';

const indirectEval = eval;

/** What the watchdog calls the module's top-level code and constructor when they do not finish. */
export const LOADING = "the module's top-level code";

/** What a scheduler worker removes from its global scope before running learner code. */
const WITHHELD = [
  'performance',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'Worker',
];

/**
 * A learner's module evaluated in this worker's global scope: its default export as a scheduler or, given
 * `exportName`, that exported class as an executor. One module per worker.
 */
export class EvalRuntime implements SchedulerRuntime, ExecutorRuntime {
  private readonly invokeFn: (name: string, args: string, kind: string, nowMs: number) => string;
  private readonly lineOffset: number;

  constructor(
    private readonly compiled: Compiled,
    private readonly onEnter: (callback: string) => void,
    private readonly onLeave: () => void,
    private readonly exportName?: string,
    seed = 1,
  ) {
    const g = globalThis as Record<string, unknown>;
    for (const name of WITHHELD) {
      try {
        g[name] = undefined;
      } catch {
        // Some globals are read-only; the worker still has no page to reach.
      }
    }
    // The prelude and the module share one function scope of their own: several modules (a grading run's
    // scheduler and executors) can live in one worker without sharing anything.
    const { source, lineOffset } = scopedModule(compiled.js, exportName);
    const factory = indirectEval(`${source}\n//# sourceURL=${SCHEDULER_FILE}`) as (seed: number) => {
      invoke: (name: string, args: string, kind: string, nowMs: number) => string;
    };
    // Evaluating the module runs its top-level code and the class's constructor: learner code too.
    this.onEnter(LOADING);
    let api: ReturnType<typeof factory>;
    try {
      api = factory(seed);
    } finally {
      this.onLeave();
    }
    this.invokeFn = api.invoke;
    this.lineOffset = lineOffset;
  }

  invoke(callback: SchedulerCallback, args: unknown[], nowMs?: number): CallbackResult;
  invoke(callback: ExecutorCallback, args: unknown[], nowMs?: number): ExecutorCallbackResult;
  invoke(callback: string, args: unknown[], nowMs = 0): CallbackResult & ExecutorCallbackResult {
    const argsJson = JSON.stringify(args);
    this.onEnter(callback);
    let raw: string;
    try {
      raw = this.invokeFn(callback, argsJson, this.exportName ? 'executor' : 'scheduler', nowMs);
    } finally {
      this.onLeave();
    }
    return decodeInvokeResult(this.compiled, raw, this.lineOffset);
  }
}
