/**
 * Learner code in Node: compiled with Node's TypeScript, run in sandbox processes (one per learner file,
 * ProcessSandbox.ts), handed to the simulation through the one loader builder the browser uses too.
 */
import { createRequire } from 'node:module';
import {
  compileScheduler as compileWith,
  SchedulerCodeError,
  type Compiled,
} from '../../cluster/sandbox/compile';
import { buildLoader, type SchedulerLoader } from '../../cluster/sandbox/loader';
import type { FrameworkSpec } from '../../cluster/scenario/types';
import { ProcessSandbox } from './ProcessSandbox';

/**
 * TypeScript through `require`: imported as an ES module, its 9 MB CommonJS file is first scanned for its
 * export names, which cost more than half a second of every `npm run grade`.
 */
const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');

export function compileScheduler(
  source: string,
  fileName: string,
  language: 'ts' | 'js' = /\.m?js$/.test(fileName) ? 'js' : 'ts',
): Compiled {
  return compileWith(ts, source, fileName, language);
}

/** A learner's module: its compiled code and the sandbox of the file it came from. */
export interface NodeModuleCode {
  code: Compiled;
  sandbox: ProcessSandbox;
}

/** A loader that also ends its sandbox processes. */
export type NodeLoader = SchedulerLoader & { dispose(): void };

/**
 * The loader for a run whose learner code is known: `schedulerCode` finds a framework's module (as
 * started: after a restart, the new code), `executorCode` the module its executors come from.
 */
export function nodeLoader(
  schedulerCode: (framework: FrameworkSpec) => NodeModuleCode | undefined,
  executorCode: (frameworkId: string) => NodeModuleCode | undefined,
  budgetMs: number,
): NodeLoader {
  const sandboxes = new Map<Compiled, ProcessSandbox>();
  const remember = (m: NodeModuleCode | undefined): Compiled | undefined => {
    if (m) sandboxes.set(m.code, m.sandbox);
    return m?.code;
  };
  const loader = buildLoader({
    schedulerCode: (f) => remember(schedulerCode(f)),
    executorCode: (id) => remember(executorCode(id)),
    open: (code, exportName, seed) => sandboxes.get(code)!.open(code, budgetMs, exportName, seed),
  }) as NodeLoader;
  // Executors always come from the module this loader knows for the framework (its sandbox is that file's).
  const executor = loader.executor!;
  loader.executor = (frameworkId, className, seed) => executor(frameworkId, className, seed);
  loader.dispose = () => {
    for (const s of new Set(sandboxes.values())) s.dispose();
  };
  return loader;
}

export { SchedulerCodeError };
