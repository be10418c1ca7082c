/**
 * Where learner code runs, as the actors see it. A scheduler driver or a custom executor hands each
 * callback to a runtime and gets back what the callback asked of its driver, what it logged, and whether
 * it threw or overran its budget. Built-in schedulers run as plain objects in-process; learner code runs
 * in a sandbox (a confined child process in Node, an opaque-origin Web Worker in the browser) that may
 * answer later, so an actor's handling of a message is written as steps that can be resumed
 * (`runSteps`): in-process every step completes at once, with a sandbox the actor waits for each answer.
 */
import { recordingDriver, type DriverKind, type RecordedCall } from './driverMethods';

export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

export interface CallbackResult {
  /**
   * The driver calls the callback made, in order. They come from untrusted code: the actor checks every
   * method and argument before it acts on one.
   */
  calls: RecordedCall[];
  logs: LogLine[];
  /** Console lines this callback printed beyond the per-callback cap (they are not in `logs`). */
  dropped?: number;
  /** The callback threw: the message, and the line in the learner's own source when known. */
  error?: { message: string; line?: number };
  /** The callback exceeded its budget: the scheduler or executor is unresponsive and will be stopped. */
  timedOut?: boolean;
}

/** Runs the callbacks of one module of learner code (or of a built-in object). */
export interface SandboxRuntime<Callback extends string = string> {
  /** Runs one callback; `nowMs` is the virtual time the sandbox's clock shows meanwhile. */
  invoke(callback: Callback, args: unknown[], nowMs: number): CallbackResult | Promise<CallbackResult>;
  /** Ends the module for good (its process or worker is told, or ended). */
  dispose?(): void;
}

/** One callback an actor asks its runtime to run. */
export interface Invocation<Callback extends string = string> {
  callback: Callback;
  args: unknown[];
  nowMs: number;
}

/**
 * How an actor handles one message: a generator that yields each callback it needs run and is resumed
 * with that callback's result.
 */
export type Steps<Callback extends string = string> = Generator<Invocation<Callback>, void, CallbackResult>;

const isThenable = <T>(x: T | Promise<T>): x is Promise<T> =>
  typeof (x as { then?: unknown } | null)?.then === 'function';

/**
 * Runs an actor's steps against a runtime: synchronously while the runtime answers at once, and as a
 * promise from the first answer that comes later. The simulation never delivers a second message to the
 * actor before the promise settles.
 */
export function runSteps<Callback extends string>(
  steps: Steps<Callback>,
  runtime: SandboxRuntime<Callback>,
): void | Promise<void> {
  return advance(steps, runtime, steps.next());
}

function advance<Callback extends string>(
  steps: Steps<Callback>,
  runtime: SandboxRuntime<Callback>,
  first: IteratorResult<Invocation<Callback>, void>,
): void | Promise<void> {
  for (let step = first; !step.done;) {
    const { callback, args, nowMs } = step.value;
    const result = runtime.invoke(callback, args, nowMs);
    if (isThenable(result)) return result.then((r) => advance(steps, runtime, steps.next(r)));
    step = steps.next(result);
  }
}

/**
 * Runs an object's methods in-process (the built-in schedulers, and tests): the object gets the same
 * recording driver the sandboxes use; exceptions are reported, never thrown into the cluster.
 */
export class ObjectRuntime<Callback extends string = string> implements SandboxRuntime<Callback> {
  constructor(
    private readonly target: object,
    private readonly kind: DriverKind = 'scheduler',
  ) {}

  invoke(callback: Callback, args: unknown[]): CallbackResult {
    const calls: RecordedCall[] = [];
    const fn = (this.target as Record<string, unknown>)[callback];
    if (typeof fn !== 'function') return { calls, logs: [] };
    try {
      (fn as (...a: unknown[]) => void).call(this.target, recordingDriver(this.kind, calls), ...args);
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
export class FailedRuntime implements SandboxRuntime {
  private told = false;
  constructor(private readonly message: string) {}
  invoke(): CallbackResult {
    if (this.told) return { calls: [], logs: [] };
    this.told = true;
    return { calls: [], logs: [], error: { message: this.message } };
  }
}
