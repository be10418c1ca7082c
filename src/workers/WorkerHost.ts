/**
 * The worker host: every master, agent, command executor and built-in scheduler runs in its own Web Worker,
 * reached over a comlink MessageChannel port. Learner code never runs in those workers: a framework whose
 * scheduler is the learner's, and a learner's custom executor, are driven here by the trusted driver code
 * (SchedulerDriverActor, CustomExecutor), and only their callbacks run in a sandbox worker of their own, in
 * an opaque-origin frame (sandbox/). So learner code can forge nothing: it cannot patch the workers that
 * carry effects, and every effect it causes is made by trusted code from driver calls that were checked.
 *
 * Killing an agent terminates its worker (and its executors'). Past a number of agents, agents share
 * workers (a tab cannot hold thousands of workers); past a number of executor workers, command executors
 * run inside their agent's worker. The trace is the same either way.
 */
import * as Comlink from 'comlink';
import { EffectContext, type Actor, type ActorSpec, type Effects } from '../cluster/actor';
import type { ActorId, Message } from '../cluster/protocol';
import { createActor, type Host } from '../cluster/sim/Simulation';
import type { Micros } from '../cluster/time';
import type { ActorHostApi } from './actorHost';
import { browserLoader, type BrowserLoader } from './sandbox/browserLoader';
import type { SandboxOpener } from './sandbox/SandboxFrames';
import type { WorkerCounts } from './types';

type Kind = ActorSpec['kind'];

interface WorkerEntry {
  kind: Kind;
  /** The worker that hosts this actor; an overflow executor or agent shares another actor's worker. */
  worker: Worker;
  remote: Comlink.Remote<ActorHostApi>;
  own: boolean;
}

/** A trusted actor driving learner code, run here; its learner code has a sandbox worker of its own. */
interface LocalEntry {
  kind: Kind;
  actor: Actor;
}

export interface WorkerHostOptions {
  /** Wall-clock budget for a learner callback (ms). */
  budgetMs?: number;
  /** At most this many executor workers; beyond it, command executors run inside their agent's worker. */
  executorWorkerCap?: number;
  /** At most this many agents get a worker of their own; beyond it, agents share workers. */
  agentWorkerCap?: number;
  /** How many agents share one worker beyond the cap. */
  agentsPerSharedWorker?: number;
  /** Where learner code runs: the page's sandbox frames (directly, or over comlink from a worker). */
  sandbox?: SandboxOpener;
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

/** Learner code is involved: a framework with the learner's scheduler, or a custom executor. */
const runsLearnerCode = (spec: ActorSpec): boolean =>
  (spec.kind === 'framework' && !('builtin' in spec.spec.scheduler)) ||
  (spec.kind === 'executor' && spec.custom !== null);

export class WorkerHost implements Host {
  private readonly workers = new Map<ActorId, WorkerEntry>();
  private readonly local = new Map<ActorId, LocalEntry>();
  private readonly executorCap: number;
  private readonly agentCap: number;
  private readonly agentsPerShared: number;
  private readonly loader: BrowserLoader | null;
  /** The shared agent worker being filled, and how many agents it holds. */
  private sharedAgents: { entry: WorkerEntry; count: number } | null = null;
  private readonly sharedWorkers: Worker[] = [];

  constructor(options: WorkerHostOptions = {}) {
    this.executorCap = options.executorWorkerCap ?? 48;
    this.agentCap = options.agentWorkerCap ?? 64;
    this.agentsPerShared = options.agentsPerSharedWorker ?? 256;
    this.loader = options.sandbox ? browserLoader(options.sandbox, options.budgetMs ?? 1000) : null;
  }

  spawn(spec: ActorSpec): void {
    if (runsLearnerCode(spec)) {
      if (!this.loader) throw new Error('this host has no sandbox for learner code');
      this.local.set(spec.id, { kind: spec.kind, actor: createActor(spec, this.loader) });
      return;
    }
    if (spec.kind === 'executor' && this.count('executor') >= this.executorCap) {
      const agent = this.workers.get(spec.agentAddress);
      if (agent) return this.host(spec, agent);
    }
    if (spec.kind === 'agent' && this.count('agent') >= this.agentCap) {
      if (!this.sharedAgents || this.sharedAgents.count >= this.agentsPerShared) {
        this.sharedAgents = { entry: this.start('agent', `agents-${spec.id}`), count: 0 };
        this.sharedWorkers.push(this.sharedAgents.entry.worker);
      }
      this.sharedAgents.count++;
      return this.host(spec, this.sharedAgents.entry);
    }
    const entry = this.start(spec.kind, spec.id);
    this.workers.set(spec.id, entry);
    void entry.remote.spawn(spec);
  }

  stop(id: ActorId): void {
    const local = this.local.get(id);
    if (local) {
      this.local.delete(id);
      local.actor.dispose?.();
      return;
    }
    const e = this.workers.get(id);
    if (!e) return;
    this.workers.delete(id);
    if (e.own) {
      e.remote[Comlink.releaseProxy]();
      e.worker.terminate();
      // Executors hosted inside this worker die with it.
      for (const [other, o] of [...this.workers])
        if (!o.own && o.worker === e.worker) this.workers.delete(other);
    } else void e.remote.stop(id);
  }

  deliver(id: ActorId, msg: Message, now: Micros): Effects | null | Promise<Effects | null> {
    const local = this.local.get(id);
    if (local) {
      const ctx = new EffectContext(now, id);
      const waiting = local.actor.receive(msg, ctx);
      return waiting ? waiting.then(() => ctx.effects) : ctx.effects;
    }
    const e = this.workers.get(id);
    if (!e) return null;
    return e.remote.deliver(id, msg, now) as Promise<Effects | null>;
  }

  counts(): WorkerCounts {
    return {
      masters: this.count('master'),
      agents: this.count('agent') + this.sharedWorkers.length,
      executors: this.count('executor'),
      schedulers: this.count('framework'),
    };
  }

  /** Actors that run inside another actor's worker because a worker budget was spent. */
  hostedExecutors(): number {
    let n = 0;
    for (const e of this.workers.values()) if (!e.own && e.kind === 'executor') n++;
    return n;
  }

  /** Agents that share a worker because there are more agents than the cap. */
  sharedAgentCount(): number {
    let n = 0;
    for (const e of this.workers.values()) if (!e.own && e.kind === 'agent') n++;
    return n;
  }

  dispose(): void {
    for (const id of [...this.local.keys(), ...this.workers.keys()]) this.stop(id);
    for (const w of this.sharedWorkers.splice(0)) w.terminate();
    this.sharedAgents = null;
    this.loader?.dispose();
  }

  private start(kind: Kind, name: string): WorkerEntry {
    const worker = newWorker(kind, name);
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ mesosLabPort: port2 }, [port2]);
    return { kind, worker, remote: Comlink.wrap<ActorHostApi>(port1), own: true };
  }

  /** Runs `spec` inside another actor's worker. */
  private host(spec: ActorSpec, within: WorkerEntry): void {
    void within.remote.spawn(spec);
    this.workers.set(spec.id, { kind: spec.kind, worker: within.worker, remote: within.remote, own: false });
  }

  /**
   * Live workers by kind. A framework or custom executor running learner code counts its sandbox worker;
   * actors sharing another's worker do not count.
   */
  private count(kind: Kind): number {
    let n = 0;
    for (const e of this.workers.values()) if (e.kind === kind && e.own) n++;
    for (const e of this.local.values()) if (e.kind === kind) n++;
    return n;
  }
}
