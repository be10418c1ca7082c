/**
 * The Node sandbox for a learner's scheduler or custom executor: one worker thread per module, as the
 * browser runs one Web Worker per scheduler and executor. Inside its thread the module lives in a `vm`
 * context with a null-prototype global (no `require`, `process`, `Buffer` or file system) and the same
 * prelude as the browser's worker (virtual `Date`, seeded `Math.random`, recording `console` and driver).
 *
 * The simulation asks for callbacks synchronously, so the host posts each call to the thread and sleeps on
 * a shared counter (`Atomics.wait`) until the thread answers or the callback's wall-clock budget runs out;
 * the answer is then taken off the port with `receiveMessageOnPort`. A thread that exceeds its budget is
 * terminated, like the browser's watchdog terminates a scheduler worker. Threads whose module has ended
 * are kept for the next module (a fresh context on a thread that nothing else uses meanwhile), since a
 * grading run starts hundreds of modules.
 */
import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import ts from 'typescript';
import {
  compileScheduler as compileWith,
  decodeInvokeResult,
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
 * How long a thread may take to start. Starting a thread is the host's work, not the learner's, so it is
 * not charged to the callback budget; the limit only guards against a machine that cannot start threads.
 */
const START_LIMIT_MS = 30_000;
/** A learner's module gets this much heap; a runaway allocation ends its thread, not the process. */
const HEAP_LIMIT_MB = 256;
/** Finished modules' threads kept ready for the next module (starting a thread costs tens of ms). */
const IDLE_LIMIT = 8;

/** Slots of the shared counter array. */
const STARTED = 0;
const ANSWERS = 1;

/**
 * The thread's program (plain JavaScript, run with `eval: true`, so it needs no loader or build step).
 * It signals STARTED, then answers each message: `load` puts a module into a fresh context (the previous
 * module's context, if any, is dropped), `invoke` runs one callback in it. Every answer is posted first and
 * counted second, so a woken host always finds it on the port.
 */
const THREAD_MAIN = String.raw`
const { workerData } = require('node:worker_threads');
const vm = require('node:vm');
const { port, flags, prelude, file } = workerData;
const answer = (m) => {
  port.postMessage(m);
  Atomics.add(flags, ${ANSWERS}, 1);
  Atomics.notify(flags, ${ANSWERS});
};
const failure = (e) => ({ failed: { message: String(e && e.message !== undefined ? e.message : e), stack: String((e && e.stack) || '') } });
const call = new vm.Script('__invoke(__name, __args, __kind, __nowMs)', { filename: 'driver.js' });
let context = null;
port.on('message', (m) => {
  if (m.op === 'load') {
    // A null-prototype global: nothing in the context leads back to this thread's realm (a plain {} would
    // let this.constructor.constructor('return process')() reach Node's Function). Promise jobs run before
    // each evaluation returns, so they count against the callback's budget and nothing of a finished
    // module runs later, when the thread may serve another; for the same reason no finalizers.
    context = vm.createContext(Object.create(null), {
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    try {
      vm.runInContext('delete globalThis.FinalizationRegistry;', context);
      vm.runInContext(prelude, context, { filename: 'prelude.js' });
      context.__seedRandom(m.seed);
      vm.runInContext(m.source, context, { filename: file });
      answer({ loaded: true });
    } catch (e) {
      context = null;
      answer(failure(e));
    }
    return;
  }
  if (!context) return answer({ failed: { message: 'no module is loaded', stack: '' } });
  context.__name = m.name;
  context.__args = m.args;
  context.__kind = m.kind;
  context.__nowMs = m.nowMs;
  try {
    answer({ raw: call.runInContext(context) });
  } catch (e) {
    answer(failure(e));
  }
});
Atomics.store(flags, ${STARTED}, 1);
Atomics.notify(flags, ${STARTED});
`;

type Request =
  | { op: 'load'; source: string; seed: number }
  | { op: 'invoke'; name: string; args: string; kind: 'scheduler' | 'executor'; nowMs: number };

type Answer =
  { loaded: true } | { raw: string } | { failed: { message: string; stack: string } } | { timedOut: true };

/**
 * One worker thread and the synchronous channel to it. A thread serves one module at a time; when a
 * request is not answered within its budget the thread is terminated and never used again.
 */
class SandboxThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flags = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private stopped = false;
  /** Settles with the thread's exit code once it has ended. */
  readonly exited: Promise<number>;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(THREAD_MAIN, {
      eval: true,
      workerData: { port: port2, flags: this.flags, prelude: SANDBOX_PRELUDE, file: SCHEDULER_FILE },
      transferList: [port2],
      // Nothing of the host's command line, loaders or environment reaches the thread.
      argv: [],
      execArgv: [],
      env: {},
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    // A thread that dies (terminated, out of memory) must not take the process with it; the host learns
    // of it as a request that is not answered.
    this.worker.on('error', () => {});
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Threads never keep a finished run's process alive.
    this.worker.unref();
    this.port.unref();
    if (!this.waitFor(STARTED, 0, START_LIMIT_MS)) {
      this.terminate();
      throw new SchedulerCodeError(`the sandbox thread did not start within ${START_LIMIT_MS / 1000} s`);
    }
  }

  get threadId(): number {
    return this.worker.threadId;
  }

  get alive(): boolean {
    return !this.stopped;
  }

  /** Sends a request and sleeps until it is answered; after `budgetMs` the thread is terminated. */
  request(req: Request, budgetMs: number): Answer {
    if (this.stopped) return { timedOut: true };
    const before = Atomics.load(this.flags, ANSWERS);
    this.port.postMessage(req);
    if (!this.waitFor(ANSWERS, before, budgetMs)) {
      this.terminate();
      return { timedOut: true };
    }
    const got = receiveMessageOnPort(this.port);
    if (!got) throw new Error('sandbox: the thread counted an answer it did not send');
    return got.message as Answer;
  }

  terminate(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.port.close();
    void this.worker.terminate();
  }

  /** Sleeps until `flags[slot]` differs from `from`; false when `limitMs` passes first. */
  private waitFor(slot: number, from: number, limitMs: number): boolean {
    const deadline = performance.now() + limitMs;
    while (Atomics.load(this.flags, slot) === from) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.flags, slot, from, left);
    }
    return true;
  }
}

/** Threads whose module has ended, ready for another: each module still has a thread to itself. */
const idle: SandboxThread[] = [];
/** Threads serving a module now. */
let busy = 0;

/** How many sandbox threads serve a module now, and how many wait idle (for tests and diagnostics). */
export const sandboxThreads = (): { busy: number; idle: number } => ({ busy, idle: idle.length });

/** Ends the idle threads (they never keep the process alive; this frees their memory at once). */
export function stopIdleThreads(): void {
  for (const t of idle.splice(0)) t.terminate();
}

/**
 * A learner's module on a worker thread of its own: the default export as a scheduler or, given
 * `exportName`, that exported class as an executor. Call `dispose()` when the actor it serves stops.
 */
export class ThreadRuntime implements SchedulerRuntime, ExecutorRuntime {
  private thread: SandboxThread | null;
  /** The thread this module ran on (it may serve another module after this one is disposed). */
  readonly threadId: number;
  /** Settles once this module's thread has ended (after a timeout, or when it is not kept idle). */
  readonly exited: Promise<number>;

  constructor(
    private readonly compiled: Compiled,
    private readonly budgetMs: number,
    readonly fileName: string,
    private readonly exportName?: string,
    seed = 1,
  ) {
    let thread: SandboxThread;
    try {
      thread = idle.pop() ?? new SandboxThread();
    } catch (e) {
      if (e instanceof SchedulerCodeError) throw new SchedulerCodeError(`${fileName}: ${e.message}`);
      throw e;
    }
    busy++;
    this.thread = thread;
    this.threadId = thread.threadId;
    this.exited = thread.exited;
    const loaded = thread.request(
      { op: 'load', source: wrapModule(compiled.js, exportName), seed },
      budgetMs,
    );
    if ('loaded' in loaded) return;
    this.dispose();
    if ('timedOut' in loaded)
      throw new SchedulerCodeError(`${fileName}: loading the scheduler did not finish within ${budgetMs} ms`);
    if ('failed' in loaded) {
      const line = learnerLine(compiled, loaded.failed.stack);
      throw new SchedulerCodeError(`${fileName}${line ? `:${line}` : ''}: ${loaded.failed.message}`);
    }
    throw new Error('sandbox: unexpected answer to load');
  }

  get name(): string {
    return this.fileName;
  }

  /**
   * The module has ended: its thread goes back to the idle threads (the next module gets a fresh context
   * there) or, when enough are idle or it was terminated, ends. Safe to call more than once.
   */
  dispose(): void {
    const t = this.thread;
    if (!t) return;
    this.thread = null;
    busy--;
    if (t.alive && idle.length < IDLE_LIMIT) idle.push(t);
    else t.terminate();
  }

  invoke(callback: SchedulerCallback, args: unknown[], nowMs?: number): CallbackResult;
  invoke(callback: ExecutorCallback, args: unknown[], nowMs?: number): ExecutorCallbackResult;
  invoke(callback: string, args: unknown[], nowMs = 0): CallbackResult & ExecutorCallbackResult {
    // A stopped sandbox answers nothing, as a terminated worker would.
    const t = this.thread;
    if (!t?.alive) return { calls: [], logs: [], timedOut: true } as never;
    const answer = t.request(
      {
        op: 'invoke',
        name: callback,
        args: JSON.stringify(args),
        kind: this.exportName ? 'executor' : 'scheduler',
        nowMs,
      },
      this.budgetMs,
    );
    if ('timedOut' in answer) {
      this.dispose();
      return { calls: [], logs: [], timedOut: true } as never;
    }
    if ('failed' in answer)
      return { calls: [], logs: [], error: { message: answer.failed.message } } as never;
    if (!('raw' in answer)) throw new Error('sandbox: unexpected answer to a callback');
    return decodeInvokeResult(this.compiled, answer.raw);
  }
}
