/**
 * The actor model (ARCHITECTURE.md): every Mesos component handles one message at a time and answers
 * with effects. Actors never see the clock except through `now`, never draw randomness except from their
 * own seeded stream, and never reach each other except by messages; that is what lets the same actor
 * run in-process or in its own Web Worker and produce the same trace.
 */
import type { Micros } from './time';
import type { ActorId, Message, Registry, Timer } from './protocol';
import type { TraceBody } from './trace';
import type { AllocatorSpec, FrameworkSpec, RoleSpec } from './scenario/types';
import type { AgentInfo, FrameworkInfo } from './protocol';
import type { TaskInfo } from './scheduler/api';
import type { ResourceJson } from './resources';

/**
 * Event phases within one instant: scenario actions first (so an action injected live at time t and the
 * same action replayed from a file at t run in the same place), then messages and timers, then allocation
 * runs (MESOS.md §1.4).
 */
export const PHASE_ACTION = -1;
export const PHASE_NORMAL = 0;
export const PHASE_ALLOCATE = 1;
export type Phase = typeof PHASE_NORMAL | typeof PHASE_ALLOCATE;

export interface Send {
  to: ActorId;
  msg: Message;
  /** Same-host messages (agent ↔ executor) skip the network: no latency, drops or partitions. */
  local?: boolean;
}

export interface TimerRequest {
  delay: Micros;
  timer: Timer;
  phase: Phase;
}

/** Everything one delivery produced, in the order the actor produced it. */
export interface Effects {
  sends: Send[];
  timers: TimerRequest[];
  trace: TraceBody[];
  spawns: ActorSpec[];
  stops: ActorId[];
  registry: Registry | null;
  /**
   * What an agent wrote to its machine's disk: the resources it checkpoints (dynamic reservations and
   * persistent volumes), which outlive the agent process and even a reboot of the machine.
   */
  checkpoint?: ResourceJson[];
}

export const emptyEffects = (): Effects => ({
  sends: [],
  timers: [],
  trace: [],
  spawns: [],
  stops: [],
  registry: null,
});

export interface Context {
  readonly now: Micros;
  readonly self: ActorId;
  send(to: ActorId, msg: Message, local?: boolean): void;
  /** Delivers `timer` to this actor after `delay`; timers cannot be cancelled, so carry a token and ignore stale ones. */
  after(delay: Micros, timer: Omit<Timer, 'type'>, phase?: Phase): void;
  trace(body: TraceBody): void;
  spawn(spec: ActorSpec): void;
  stop(id: ActorId): void;
  /** The leading master's write to the replicated log. */
  writeRegistry(registry: Registry): void;
  /** An agent's write of its checkpointed resources to its machine's disk. */
  checkpointResources(resources: ResourceJson[]): void;
}

/** A context that collects effects; the same class serves the in-process and the worker hosts. */
export class EffectContext implements Context {
  readonly effects: Effects = emptyEffects();
  constructor(
    readonly now: Micros,
    readonly self: ActorId,
  ) {}
  send(to: ActorId, msg: Message, local = false): void {
    this.effects.sends.push(local ? { to, msg, local } : { to, msg });
  }
  after(delay: Micros, timer: Omit<Timer, 'type'>, phase: Phase = PHASE_NORMAL): void {
    this.effects.timers.push({ delay, timer: { type: 'TIMER', ...timer }, phase });
  }
  trace(body: TraceBody): void {
    this.effects.trace.push(body);
  }
  spawn(spec: ActorSpec): void {
    this.effects.spawns.push(spec);
  }
  stop(id: ActorId): void {
    this.effects.stops.push(id);
  }
  writeRegistry(registry: Registry): void {
    this.effects.registry = registry;
  }
  checkpointResources(resources: ResourceJson[]): void {
    this.effects.checkpoint = resources;
  }
}

export interface Actor {
  readonly id: ActorId;
  /**
   * Handles one message, producing effects through `ctx`. Returns a promise only when it waits on learner
   * code that answers asynchronously (a sandbox in another worker); the host delivers nothing else to this
   * actor until it settles.
   */
  receive(msg: Message, ctx: Context): void | Promise<void>;
  /** Releases what the actor holds outside the model (a sandbox's thread) when its host stops it. */
  dispose?(): void;
}

/** Serializable descriptions from which any host can build an actor (and a worker can rebuild one). */
export type ActorSpec =
  | { kind: 'master'; id: ActorId; seed: number; config: MasterConfig }
  | {
      kind: 'agent';
      id: ActorId;
      seed: number;
      info: AgentInfo;
      config: AgentConfig;
      leader: ActorId | null;
      /** What the machine's disk holds from an earlier boot: checkpointed reservations and volumes. */
      checkpointed?: ResourceJson[];
    }
  | {
      kind: 'executor';
      id: ActorId;
      seed: number;
      agent: string;
      agentAddress: ActorId;
      frameworkId: string;
      frameworkInfo: FrameworkInfo;
      executorId: string;
      /**
       * Null for the built-in command executor; otherwise the name of the class the framework's module
       * exports, and (filled in by the player worker for worker hosts) the compiled module.
       */
      custom: {
        className: string;
        compiled?: { js: string; lines: (number | null)[]; fileName: string };
      } | null;
      firstTask: TaskInfo;
    }
  | {
      kind: 'framework';
      id: ActorId;
      seed: number;
      spec: FrameworkSpec;
      leader: ActorId | null;
      config: DriverConfig;
    };

export interface MasterConfig {
  allocator: AllocatorSpec;
  roles: Record<string, RoleSpec>;
  /** --agent_ping_timeout (15 s) and --max_agent_ping_timeouts (5). */
  agentPingTimeout: Micros;
  maxAgentPingTimeouts: number;
  /** --agent_reregister_timeout (10 min). */
  agentReregisterTimeout: Micros;
  /** Record why every offer went where it did (trace `why` events); used by explanation replays only. */
  explain?: boolean;
}

export interface AgentConfig {
  /** STATUS_UPDATE_RETRY_INTERVAL_MIN / MAX (10 s, 10 min). */
  statusRetryMin: Micros;
  statusRetryMax: Micros;
  /** --registration_backoff_factor (1 s) and REGISTER_RETRY_INTERVAL_MAX (1 min). */
  registrationBackoff: Micros;
  registrationBackoffMax: Micros;
  /** Register at once rather than after a random backoff (agents present when the scenario starts). */
  registerImmediately: boolean;
  /**
   * DEFAULT_MASTER_PING_TIMEOUT (15 s × 5): an agent that hears no ping for this long assumes its master is
   * gone and registers again, which is how an agent cut off by a partition comes back.
   */
  masterPingTimeout: Micros;
}

export interface DriverConfig {
  /** Wall-clock budget per learner callback, milliseconds. */
  callbackBudgetMs: number;
}
