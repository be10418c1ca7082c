/**
 * Invariants a learner writes: the scheduler's file may export a class `Invariant` whose `check(trace)` is
 * called with each run's trace (the events `npm run sim --trace` writes) and throws to say what broke:
 *
 *     export class Invariant {
 *       check(trace: TraceEvent[]) {
 *         const launches = trace.filter((e) => e.type === 'launch');
 *         if (launches.length > 3) throw new Error(`${launches.length} launches, expected at most 3`);
 *       }
 *     }
 *
 * It is learner code: it runs where the scheduler runs (a sandbox process in Node, a sandbox worker in the
 * browser), opened like a custom executor class, and only its error comes back. Whoever runs a search's runs
 * calls it after each run of the code under test and hands the explorer what it said (`RunAnswer.invariant`).
 */
import type { CallbackResult, SandboxRuntime } from '../cluster/sandbox/runtime';
import type { Compiled } from '../cluster/sandbox/compile';
import type { SchedulerLoader } from '../cluster/sandbox/loader';
import type { TraceEvent } from '../cluster/trace';

/** The export the explorer looks for (the sandbox's prelude knows the name too). */
export const INVARIANT_EXPORT = 'Invariant';

/** What a learner's invariant said of a run: null when it held. */
export type InvariantVerdict = { message: string; line?: number } | null;

/** True when compiled learner code exports the class (CommonJS output: `exports.Invariant = …`). */
export const hasInvariant = (js: string): boolean => /\bexports\.Invariant\s*=/.test(js);

/** What one `check` call said: its error, or that it ran past its budget. */
export function verdictOf(result: CallbackResult): InvariantVerdict {
  if (result.timedOut) return { message: 'check(trace) ran past its time budget' };
  if (!result.error) return null;
  return {
    message: result.error.message,
    ...(result.error.line !== undefined ? { line: result.error.line } : {}),
  };
}

/**
 * Runs the learner's invariant on a trace: opens `Invariant` from the module of `framework` (as `loader`
 * opens a custom executor class), calls `check(trace)` once (the sandbox passes the trace alone, no
 * driver), and ends it. Answers at once in Node; in the browser the sandbox answers later.
 */
export async function runInvariant(
  loader: SchedulerLoader,
  framework: string,
  seed: number,
  trace: readonly TraceEvent[],
  code?: Compiled,
): Promise<InvariantVerdict> {
  const runtime = openInvariant(loader, framework, seed, code);
  try {
    return verdictOf(await runtime.invoke(CHECK, [trace], endOf(trace) * 1000));
  } finally {
    runtime.dispose?.();
  }
}

/** `runInvariant` for a loader whose sandbox answers at once (Node's); throws if it does not. */
export function runInvariantNow(
  loader: SchedulerLoader,
  framework: string,
  seed: number,
  trace: readonly TraceEvent[],
): InvariantVerdict {
  const runtime = openInvariant(loader, framework, seed);
  try {
    const result = runtime.invoke(CHECK, [trace], endOf(trace) * 1000);
    if (result instanceof Promise) throw new Error('the sandbox did not answer at once');
    return verdictOf(result);
  } finally {
    runtime.dispose?.();
  }
}

const CHECK = 'check';

function openInvariant(
  loader: SchedulerLoader,
  framework: string,
  seed: number,
  code?: Compiled,
): SandboxRuntime {
  if (!loader.executor) throw new Error('this loader cannot open learner classes');
  return loader.executor(framework, INVARIANT_EXPORT, seed, code) as SandboxRuntime;
}

/** The moment a learner's invariant is judged at: the end of the run. */
export const endOf = (trace: readonly TraceEvent[]): number =>
  trace.length ? trace[trace.length - 1]!.t : 0;
