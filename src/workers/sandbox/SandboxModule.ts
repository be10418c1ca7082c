/**
 * A learner's module in the browser, as the actors see it: a worker in an opaque-origin sandbox frame
 * (SandboxFrames.ts), reached over a MessagePort. Every request is timed here, on the host's side: the
 * budget for loading the module and for each callback runs from the moment the worker's bootstrap says it
 * starts on it (a note learner code cannot send: the port is the bootstrap's, kept from learner code), and
 * a request the worker never starts on is given up after the stall limit. Nothing the worker says
 * is believed unchecked (decode.ts), and nothing it does can stop the clock: a worker that overruns, ends
 * itself, or never answers is ended and reported unresponsive, and the run goes on. Starting the worker is
 * the host's work, so the budgets start only once the worker has said it is ready (before any learner
 * code exists in it).
 */
import type { Compiled } from '../../cluster/sandbox/compile';
import { decodeInvokeAnswer, decodeLoadAnswer } from '../../cluster/sandbox/decode';
import type { DriverKind } from '../../cluster/sandbox/driverMethods';
import type { CallbackResult, SandboxRuntime } from '../../cluster/sandbox/runtime';
import type { SandboxOpener } from './SandboxFrames';
import { sandboxWorkerSource, workerLineOffset } from './workerSource';

/** A worker that has not said it is ready after this long is taken for dead (the host's problem, not the learner's). */
export const START_LIMIT_MS = 30_000;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

let nextId = 1;

type State =
  | { kind: 'starting' }
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string; told: boolean }
  | { kind: 'gone' };

/** The request waiting on the worker: its answer, the budget's end or the module's end settles it. */
interface Pending {
  id: number;
  resolve: (answer: unknown) => void;
}

export class SandboxModule implements SandboxRuntime {
  private readonly id = nextId++;
  private readonly port: MessagePort;
  private state: State = { kind: 'starting' };
  private pending: Pending | null = null;
  private timer: unknown = null;
  private readonly started: Promise<void>;
  private readonly kind: DriverKind;
  private nextRequest = 1;

  constructor(
    private readonly opener: SandboxOpener,
    private readonly domain: string,
    private readonly compiled: Compiled,
    private readonly budgetMs: number,
    private readonly exportName: string | undefined,
    private readonly seed: number,
    private readonly timers: Timers = realTimers,
  ) {
    this.kind = exportName ? 'executor' : 'scheduler';
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.started = new Promise((resolve) => {
      const giveUp = this.timers.set(() => {
        this.fail('the sandbox worker did not start');
        resolve();
      }, START_LIMIT_MS);
      this.port.onmessage = (e: MessageEvent) => {
        const data = e.data as { ready?: unknown; id?: unknown; raw?: unknown } | null;
        if (this.state.kind === 'starting') {
          if (data?.ready === true) {
            this.timers.clear(giveUp);
            this.state = { kind: 'loading' };
            resolve();
          }
          return;
        }
        // A note or an answer counts only for the request waiting on it; anything else is ignored.
        if (!this.pending || !data || typeof data !== 'object' || data.id !== this.pending.id) return;
        if ((data as { started?: unknown }).started === true) this.startBudget(this.pending.id);
        else this.settle(data.raw);
      };
    });
    opener.open(
      domain,
      this.id,
      `${compiled.fileName}${exportName ? `:${exportName}` : ''}`,
      sandboxWorkerSource(compiled.js, exportName),
      port2,
    );
  }

  /** Runs one callback; the module is loaded before the first. */
  async invoke(callback: string, args: unknown[], nowMs: number): Promise<CallbackResult> {
    if (this.state.kind === 'starting' || this.state.kind === 'loading') await this.load();
    const state = this.state;
    if (state.kind === 'failed') {
      if (state.told) return { calls: [], logs: [] };
      state.told = true;
      return { calls: [], logs: [], error: { message: state.message } };
    }
    if (state.kind === 'gone') return { calls: [], logs: [], timedOut: true };
    const answer = await this.request({ op: 'invoke', name: callback, args: JSON.stringify(args), nowMs });
    if (answer === TIMED_OUT) return { calls: [], logs: [], timedOut: true };
    return decodeInvokeAnswer(answer, this.kind, this.compiled, workerLineOffset());
  }

  dispose(): void {
    if (this.state.kind === 'gone') return;
    this.end({ kind: 'gone' });
  }

  private loading: Promise<void> | null = null;

  private load(): Promise<void> {
    this.loading ??= (async () => {
      await this.started;
      if (this.state.kind !== 'loading') return;
      const answer = await this.request({ op: 'load', seed: this.seed });
      if (this.state.kind !== 'loading') return;
      if (answer === TIMED_OUT)
        return this.fail(`loading the scheduler did not finish within ${this.budgetMs} ms`);
      const outcome = decodeLoadAnswer(answer, this.compiled, workerLineOffset());
      if (outcome.loaded) this.state = { kind: 'ready' };
      else this.fail(`${outcome.line !== undefined ? `line ${outcome.line}: ` : ''}${outcome.message}`);
    })();
    return this.loading;
  }

  /**
   * Sends a request and waits for its answer: at most the budget from the moment the worker says it
   * started on it (then the worker is ended), and at most the stall limit for it to start at all.
   */
  private request(body: Record<string, unknown>): Promise<unknown> {
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      this.timer = this.timers.set(() => this.overrun(id), START_LIMIT_MS);
      this.port.postMessage({ ...body, id });
    });
  }

  /** The worker started on request `id`: its budget runs from now. */
  private startBudget(id: number): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => this.overrun(id), this.budgetMs);
  }

  /** Settles the waiting request with `answer`. */
  private settle(answer: unknown): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    pending.resolve(answer);
  }

  /**
   * The budget ran out. An answer that arrived just before may still wait in the port's queue behind this
   * timer, so the port gets one more turn before the worker is called unresponsive.
   */
  private overrun(id: number): void {
    this.timer = null;
    const grace = new MessageChannel();
    grace.port1.onmessage = () => {
      grace.port1.close();
      if (this.pending?.id === id) this.end({ kind: 'gone' });
    };
    grace.port2.postMessage(null);
  }

  /** The module did not load: its first callback says why (as Node's FailedRuntime does), and it runs nothing. */
  private fail(message: string): void {
    const what = this.exportName ? `executor ${this.exportName}` : 'the scheduler';
    this.end({
      kind: 'failed',
      message: `${this.compiled.fileName}: ${what} failed to load: ${message}`,
      told: false,
    });
  }

  /** Ends the worker; a request still waiting is answered as timed out. */
  private end(state: State): void {
    this.state = state;
    this.port.onmessage = null;
    this.port.close();
    this.opener.end(this.domain, this.id);
    this.settle(TIMED_OUT);
  }
}

const TIMED_OUT = Symbol('timed out');
