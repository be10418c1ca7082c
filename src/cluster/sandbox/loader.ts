/**
 * One way to build the loader the simulation asks for learner code: given where a framework's compiled
 * code comes from and how a host opens a module of it (a child process in Node, an isolated worker in the
 * browser, or in-process in tests), it makes the scheduler runtimes and the custom executors' runtimes,
 * reporting what cannot be loaded the same way on every host.
 */
import type { FrameworkSpec } from '../scenario/types';
import type { ExecutorCallback } from '../executor/api';
import type { SchedulerCallback } from '../scheduler/api';
import { SchedulerCodeError, type Compiled } from './compile';
import { FailedRuntime, type SandboxRuntime } from './runtime';

/** Builds a runtime for scheduler code that is not built in, and for the executor classes its module exports. */
export interface SchedulerLoader {
  /** `seed` seeds the sandbox's Math.random, so learner code that draws random numbers stays deterministic. */
  (framework: FrameworkSpec, seed: number): SandboxRuntime<SchedulerCallback>;
  /** `code`: the framework's module as the executor's spec carries it; otherwise the loader's own. */
  executor?: (
    frameworkId: string,
    className: string,
    seed: number,
    code?: Compiled,
  ) => SandboxRuntime<ExecutorCallback>;
}

/** Opens one module of learner code: the default export as a scheduler, or `exportName` as an executor. */
export type ModuleOpener = (
  code: Compiled,
  exportName: string | undefined,
  seed: number,
  frameworkId: string,
) => SandboxRuntime;

export interface LoaderSource {
  /** The compiled code of this framework's scheduler (the spec as started, so after a restart the new code). */
  schedulerCode(framework: FrameworkSpec): Compiled | undefined;
  /** The compiled code executors of this framework come from: its latest scheduler module. */
  executorCode(frameworkId: string): Compiled | undefined;
  open: ModuleOpener;
}

const messageOf = (e: unknown): string =>
  e instanceof SchedulerCodeError && e.line !== undefined
    ? `line ${e.line}: ${e.message}`
    : e instanceof Error
      ? e.message
      : String(e);

export function buildLoader(source: LoaderSource): SchedulerLoader {
  const loader: SchedulerLoader = (framework, seed) => {
    const code = source.schedulerCode(framework);
    if (!code) return new FailedRuntime(`framework ${framework.id}: its code was not compiled`);
    try {
      return source.open(code, undefined, seed, framework.id);
    } catch (e) {
      return new FailedRuntime(`${code.fileName}: the scheduler failed to load: ${messageOf(e)}`);
    }
  };
  loader.executor = (frameworkId, className, seed, carried) => {
    const code = carried ?? source.executorCode(frameworkId);
    if (!code)
      return new FailedRuntime(`no executor class '${className}': framework ${frameworkId} has no code`);
    try {
      return source.open(code, className, seed, frameworkId);
    } catch (e) {
      return new FailedRuntime(`${code.fileName}: executor ${className} failed to load: ${messageOf(e)}`);
    }
  };
  return loader;
}
