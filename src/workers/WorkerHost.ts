/**
 * The worker host: every master, agent, executor and scheduler runs in its own Web Worker, reached over a
 * comlink MessageChannel port. Killing an agent terminates its worker (and its executors'); a scheduler
 * callback that exceeds its budget gets its worker terminated by the watchdog, and the master then sees
 * that framework disconnect, as Mesos would.
 */
import * as Comlink from 'comlink';
import type { ActorSpec, Effects } from '../cluster/actor';
import type { ActorId, Message } from '../cluster/protocol';
import { unresponsiveMessage } from '../cluster/scheduler/compile';
import { executorUnresponsiveMessage } from '../cluster/executor/api';
import { KILLED_STATUS } from '../cluster/executor/CustomExecutor';
import type { Host } from '../cluster/sim/Simulation';
import type { Micros } from '../cluster/time';
import type { ActorHostApi } from './actorHost';
import type { WorkerCounts } from './types';
import { isWorkerNote, Watchdog } from './watchdog';

type Kind = ActorSpec['kind'];

interface Entry {
  kind: Kind;
  /** The worker that hosts this actor; an overflow executor lives in its agent's worker. */
  worker: Worker;
  remote: Comlink.Remote<ActorHostApi>;
  own: boolean;
  spec: ActorSpec;
  /** Learner code runs here (a scheduler, or a custom executor): it has a watchdog. */
  watchdog: Watchdog | null;
  /** Resolves the delivery the worker is working on, if any. */
  pending: ((fx: Effects | null) => void) | null;
  /** The callback that overran its budget: the worker is gone, the next delivery reports it. */
  hung: string | null;
}

export interface WorkerHostOptions {
  /** Wall-clock budget for a scheduler callback (ms). */
  budgetMs?: number;
  /** At most this many executor workers; beyond it, executors run inside their agent's worker. */
  executorWorkerCap?: number;
}

/** Workers are created with literal URLs so that the bundler finds and builds each entry. */
function newWorker(kind: Kind, name: string): Worker {
  switch (kind) {
    case 'master':
      return new Worker(new URL('./master.worker.ts', import.meta.url), { type: 'module', name });
    case 'agent':
      return new Worker(new URL('./agent.worker.ts', import.meta.url), { type: 'module', name });
    case 'executor':
      return new Worker(new URL('./executor.worker.ts', import.meta.url), { type: 'module', name });
    case 'framework':
      return new Worker(new URL('./scheduler.worker.ts', import.meta.url), { type: 'module', name });
  }
}

export class WorkerHost implements Host {
  private readonly entries = new Map<ActorId, Entry>();
  private readonly budgetMs: number;
  private readonly executorCap: number;

  constructor(options: WorkerHostOptions = {}) {
    this.budgetMs = options.budgetMs ?? 1000;
    this.executorCap = options.executorWorkerCap ?? 48;
  }

  spawn(spec: ActorSpec): void {
    const watched = spec.kind === 'framework' || (spec.kind === 'executor' && spec.custom !== null);
    // A custom executor always gets a worker of its own: learner code never shares a global scope.
    if (spec.kind === 'executor' && !watched && this.count('executor') >= this.executorCap) {
      const agent = this.entries.get(spec.agentAddress);
      if (agent) {
        void agent.remote.spawn(spec);
        this.entries.set(spec.id, {
          kind: 'executor',
          worker: agent.worker,
          remote: agent.remote,
          own: false,
          spec,
          watchdog: null,
          pending: null,
          hung: null,
        });
        return;
      }
    }
    const worker = newWorker(spec.kind, spec.id);
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ mesosLabPort: port2 }, [port2]);
    const remote = Comlink.wrap<ActorHostApi>(port1);
    const entry: Entry = {
      kind: spec.kind,
      worker,
      remote,
      own: true,
      spec,
      watchdog: null,
      pending: null,
      hung: null,
    };
    if (watched) {
      const dog = new Watchdog(this.budgetMs, (callback) => this.hang(entry, callback));
      entry.watchdog = dog;
      worker.addEventListener('message', (e: MessageEvent) => {
        if (isWorkerNote(e.data)) dog.note(e.data);
      });
    }
    this.entries.set(spec.id, entry);
    void remote.spawn(spec);
  }

  stop(id: ActorId): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    e.watchdog?.answered();
    if (e.own) {
      e.remote[Comlink.releaseProxy]();
      e.worker.terminate();
      // Executors hosted inside this worker die with it.
      for (const [other, o] of [...this.entries])
        if (!o.own && o.worker === e.worker) this.entries.delete(other);
    } else void e.remote.stop(id);
  }

  deliver(id: ActorId, msg: Message, now: Micros): Promise<Effects | null> | null {
    const e = this.entries.get(id);
    if (!e) return null;
    if (e.hung !== null) {
      // Its learner code overran while no delivery waited (the module's top-level code): say so now.
      this.stop(id);
      return Promise.resolve(unresponsive(e.spec, e.hung, this.budgetMs));
    }
    const answer = e.remote.deliver(id, msg, now) as Promise<Effects | null>;
    const dog = e.watchdog;
    if (!dog) return answer;
    // The watchdog: learner code that does not return within its budget is unresponsive (see hang).
    return new Promise((resolve, reject) => {
      e.pending = resolve;
      dog.waiting();
      answer.then(
        (fx) => {
          if (e.pending !== resolve) return;
          e.pending = null;
          dog.answered();
          resolve(fx);
        },
        (err: unknown) => {
          if (e.pending !== resolve) return;
          e.pending = null;
          dog.answered();
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  /** Learner code overran its budget: the worker is terminated and the framework (or executor) exits. */
  private hang(e: Entry, callback: string): void {
    const pending = e.pending;
    if (pending) {
      e.pending = null;
      this.stop(e.spec.id);
      pending(unresponsive(e.spec, callback, this.budgetMs));
      return;
    }
    // Nothing waits on the worker (its module's top-level code hung while it was spawned): end it now,
    // and answer the next delivery with the news.
    e.hung = callback;
    e.worker.terminate();
  }

  counts(): WorkerCounts {
    return {
      masters: this.count('master'),
      agents: this.count('agent'),
      executors: this.count('executor'),
      schedulers: this.count('framework'),
    };
  }

  /** Executors that run inside their agent's worker because the worker budget was spent. */
  hostedExecutors(): number {
    let n = 0;
    for (const e of this.entries.values()) if (!e.own) n++;
    return n;
  }

  dispose(): void {
    for (const id of [...this.entries.keys()]) this.stop(id);
  }

  private count(kind: Kind): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.kind === kind && e.own) n++;
    return n;
  }
}

/**
 * The effects the actor would have produced had it noticed its own hang (SchedulerDriverActor and
 * CustomExecutor on a timed-out callback): the same error event, the same exit, so both hosts write the
 * same trace.
 */
function unresponsive(spec: ActorSpec, callback: string, budgetMs: number): Effects {
  const fx: Effects = { sends: [], timers: [], trace: [], spawns: [], stops: [spec.id], registry: null };
  if (spec.kind === 'executor') {
    fx.trace.push({
      type: 'error',
      framework: spec.frameworkId,
      callback,
      message: executorUnresponsiveMessage(spec.executorId, callback, budgetMs),
    });
    fx.sends.push({
      to: spec.agentAddress,
      msg: {
        type: 'EXECUTOR_EXITED',
        framework_id: spec.frameworkId,
        executor_id: spec.executorId,
        status: KILLED_STATUS,
      },
      local: true,
    });
  } else {
    const framework = spec.id.slice('framework/'.length);
    fx.trace.push({ type: 'error', framework, callback, message: unresponsiveMessage(callback, budgetMs) });
  }
  return fx;
}
