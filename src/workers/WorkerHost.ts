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
import type { Host } from '../cluster/sim/Simulation';
import type { Micros } from '../cluster/time';
import type { ActorHostApi } from './actorHost';
import type { WorkerCounts } from './types';

type Kind = ActorSpec['kind'];

interface Entry {
  kind: Kind;
  /** The worker that hosts this actor; an overflow executor lives in its agent's worker. */
  worker: Worker;
  remote: Comlink.Remote<ActorHostApi>;
  own: boolean;
  /** The callback a scheduler worker said it was entering, for the watchdog's message. */
  callback: string;
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
    if (spec.kind === 'executor' && this.count('executor') >= this.executorCap) {
      const agent = this.entries.get(spec.agentAddress);
      if (agent) {
        void agent.remote.spawn(spec);
        this.entries.set(spec.id, {
          kind: 'executor',
          worker: agent.worker,
          remote: agent.remote,
          own: false,
          callback: '',
        });
        return;
      }
    }
    const worker = newWorker(spec.kind, spec.id);
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ mesosLabPort: port2 }, [port2]);
    const remote = Comlink.wrap<ActorHostApi>(port1);
    const entry: Entry = { kind: spec.kind, worker, remote, own: true, callback: '' };
    if (spec.kind === 'framework')
      worker.addEventListener('message', (e: MessageEvent) => {
        const cb = (e.data as { callback?: string } | null)?.callback;
        if (cb) entry.callback = cb;
      });
    this.entries.set(spec.id, entry);
    void remote.spawn(spec);
  }

  stop(id: ActorId): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
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
    const answer = e.remote.deliver(id, msg, now) as Promise<Effects | null>;
    if (e.kind !== 'framework') return answer;
    // The watchdog: a scheduler that does not answer within its budget is unresponsive.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const callback = e.callback || 'a callback';
        this.stop(id);
        resolve(unresponsive(id, callback, this.budgetMs));
      }, this.budgetMs);
      answer.then(
        (fx) => {
          clearTimeout(timer);
          resolve(fx);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
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
 * The effects a hung scheduler's driver would have produced had it noticed itself (SchedulerDriverActor
 * on a timed-out callback): the same error event and its own stop, so both hosts write the same trace.
 */
function unresponsive(id: ActorId, callback: string, budgetMs: number): Effects {
  return {
    sends: [],
    timers: [],
    trace: [
      {
        type: 'error',
        framework: id.slice('framework/'.length),
        callback,
        message: unresponsiveMessage(callback, budgetMs),
      },
    ],
    spawns: [],
    stops: [id],
    registry: null,
  };
}
