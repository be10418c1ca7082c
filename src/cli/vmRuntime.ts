/**
 * The Node sandbox for a learner's scheduler: compiled code run in its own `vm` context (no `require`,
 * `process` or file system), each callback under a wall-clock budget. The browser runs the same prelude
 * in a scheduler Web Worker instead.
 */
import vm from 'node:vm';
import ts from 'typescript';
import {
  compileScheduler as compileWith,
  learnerLine,
  SCHEDULER_FILE,
  SchedulerCodeError,
  type Compiled,
} from '../cluster/scheduler/compile';
import { SANDBOX_PRELUDE, wrapModule } from '../cluster/scheduler/sandboxPrelude';
import type { SchedulerCallback } from '../cluster/scheduler/api';
import type { CallbackResult, SchedulerRuntime } from '../cluster/scheduler/runtime';
import type { ExecutorCallback, ExecutorCallbackResult, ExecutorRuntime } from '../cluster/executor/api';

export { SchedulerCodeError, type Compiled };

export function compileScheduler(
  source: string,
  fileName: string,
  language: 'ts' | 'js' = fileName.endsWith('.js') ? 'js' : 'ts',
): Compiled {
  return compileWith(ts, source, fileName, language);
}

/**
 * A learner's module in its own `vm` context: the default export as a scheduler, or, given `exportName`,
 * that exported class as an executor.
 */
export class VmRuntime implements SchedulerRuntime, ExecutorRuntime {
  private readonly context: vm.Context;
  private readonly invokeScript = new vm.Script('__invoke(__name, __args, __kind, __nowMs)', {
    filename: 'driver.js',
  });

  constructor(
    private readonly compiled: Compiled,
    private readonly budgetMs: number,
    readonly fileName: string,
    private readonly exportName?: string,
    seed = 1,
  ) {
    // A null-prototype global: nothing in the context leads back to the host realm (a plain `{}` would
    // let `this.constructor.constructor('return process')()` reach Node's Function).
    this.context = vm.createContext(Object.create(null) as object, {
      codeGeneration: { strings: false, wasm: false },
    });
    vm.runInContext(SANDBOX_PRELUDE, this.context, { filename: 'prelude.js' });
    (this.context.__seedRandom as (s: number) => void)(seed);
    try {
      vm.runInContext(wrapModule(compiled.js, exportName), this.context, {
        filename: SCHEDULER_FILE,
        timeout: budgetMs,
      });
    } catch (e) {
      const err = e as Error;
      const line = learnerLine(compiled, String(err.stack ?? ''));
      const timedOut = /timed out/i.test(err.message);
      throw new SchedulerCodeError(
        `${fileName}${line ? `:${line}` : ''}: ${timedOut ? `loading the scheduler did not finish within ${budgetMs} ms` : err.message}`,
      );
    }
  }

  get name(): string {
    return this.fileName;
  }

  invoke(callback: SchedulerCallback, args: unknown[], nowMs?: number): CallbackResult;
  invoke(callback: ExecutorCallback, args: unknown[], nowMs?: number): ExecutorCallbackResult;
  invoke(callback: string, args: unknown[], nowMs = 0): CallbackResult & ExecutorCallbackResult {
    this.context.__nowMs = nowMs;
    this.context.__name = callback;
    this.context.__args = JSON.stringify(args);
    this.context.__kind = this.exportName ? 'executor' : 'scheduler';
    let raw: string;
    try {
      raw = this.invokeScript.runInContext(this.context, { timeout: this.budgetMs }) as string;
    } catch (e) {
      if (/timed out/i.test((e as Error).message)) return { calls: [], logs: [], timedOut: true } as never;
      return { calls: [], logs: [], error: { message: (e as Error).message } } as never;
    }
    const parsed = JSON.parse(raw) as CallbackResult &
      ExecutorCallbackResult & { error?: { message: string; stack?: string } };
    const result = { calls: parsed.calls, logs: parsed.logs } as CallbackResult & ExecutorCallbackResult;
    if (parsed.error) {
      const line = learnerLine(this.compiled, parsed.error.stack ?? '');
      result.error = { message: parsed.error.message, ...(line !== undefined ? { line } : {}) };
    }
    return result;
  }
}
