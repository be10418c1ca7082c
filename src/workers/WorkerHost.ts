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

type Kind = ActorSpec['kind'];

interface Entry {
  kind: Kind;
  /** The worker that hosts this actor; an overflow executor lives in its agent's worker. */
  worker: Worker;
  remote: Comlink.Remote<ActorHostApi>;
  own: boolean;
  /** The callback a scheduler worker said it was entering, for the watchdog's message. */
  callback: string;
  /** Learner code runs here (a scheduler, or a custom executor): the watchdog applies. */
  spec: ActorSpec;
  watched: boolean;
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
          callback: '',
          spec,
          watched,
        });
        return;
      }
    }
    const worker = newWorker(spec.kind, spec.id);
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ mesosLabPort: port2 }, [port2]);
    const remote = Comlink.wrap<ActorHostApi>(port1);
    const entry: Entry = { kind: spec.kind, worker, remote, own: true, callback: '', spec, watched };
    if (watched)
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
    if (!e.watched) return answer;
    // The watchdog: learner code that does not answer within its budget is unresponsive.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const callback = e.callback || 'a callback';
        this.stop(id);
        resolve(unresponsive(e.spec, callback, this.budgetMs));
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
