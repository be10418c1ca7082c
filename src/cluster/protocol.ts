/**
 * Every message that crosses between actors. Scheduler ↔ master messages are shaped like Mesos's v1
 * scheduler Calls and Events (MESOS.md §2); agent ↔ master and agent ↔ executor messages follow the
 * internal messages of Mesos (RegisterSlaveMessage, RunTaskMessage, StatusUpdateMessage, …) under v1-style
 * names. One file, discriminated unions, nothing else (STYLE.md §5).
 */
import type { ResourceJson } from './resources';
import type { ResourceText } from './scenario/types';
import type {
  AgentID,
  ExecutorID,
  ExecutorInfo,
  Filters,
  FrameworkID,
  MasterInfo,
  Offer,
  OfferID,
  Operation,
  TaskID,
  TaskInfo,
  TaskState,
  TaskStatus,
} from './scheduler/api';

export const PROTOCOL_VERSION = 1;

/** Actor addresses: "master/1", "agent/agent3", "framework/A", "executor/agent3/A/default". */
export type ActorId = string;

export const masterAddress = (n: number): ActorId => `master/${n}`;
export const agentAddress = (id: string): ActorId => `agent/${id}`;
export const frameworkAddress = (id: string): ActorId => `framework/${id}`;
export const executorAddress = (agent: string, framework: string, executor: string): ActorId =>
  `executor/${agent}/${framework}/${executor}`;

export interface FrameworkInfo {
  id?: FrameworkID;
  name: string;
  roles: string[];
  failover_timeout: number;
  checkpoint: boolean;
  capabilities: { type: 'MULTI_ROLE' | 'PARTITION_AWARE' | 'GPU_RESOURCES' }[];
  /** Per-role min_allocatable_resources (text with '|' alternatives), applied to every role. */
  min_allocatable?: string | null;
}

// ---- scheduler → master (v1 Calls)
export type Call =
  | {
      type: 'SUBSCRIBE';
      subscribe: {
        framework_info: FrameworkInfo;
        suppressed_roles?: string[];
        /** Set by a driver that was subscribed before (the v0 driver's ReregisterFrameworkMessage). */
        reregister?: boolean;
      };
    }
  | { type: 'TEARDOWN'; framework_id: FrameworkID }
  | {
      type: 'ACCEPT';
      framework_id: FrameworkID;
      accept: { offer_ids: OfferID[]; operations: Operation[]; filters?: Filters };
    }
  | { type: 'DECLINE'; framework_id: FrameworkID; decline: { offer_ids: OfferID[]; filters?: Filters } }
  | { type: 'REVIVE'; framework_id: FrameworkID; revive: { roles: string[] } }
  | { type: 'SUPPRESS'; framework_id: FrameworkID; suppress: { roles: string[] } }
  | { type: 'KILL'; framework_id: FrameworkID; kill: { task_id: TaskID; agent_id?: AgentID } }
  | {
      type: 'ACKNOWLEDGE';
      framework_id: FrameworkID;
      acknowledge: { agent_id: AgentID; task_id: TaskID; uuid: string };
    }
  | {
      type: 'RECONCILE';
      framework_id: FrameworkID;
      reconcile: { tasks: { task_id: TaskID; agent_id?: AgentID }[] };
    }
  | {
      type: 'MESSAGE';
      framework_id: FrameworkID;
      message: { agent_id: AgentID; executor_id: ExecutorID; data: string };
    };

// ---- master → scheduler (v1 Events)
export type Event =
  | {
      type: 'SUBSCRIBED';
      subscribed: { framework_id: FrameworkID; heartbeat_interval_seconds: number; master_info: MasterInfo };
    }
  | { type: 'OFFERS'; offers: { offers: Offer[] } }
  | { type: 'RESCIND'; rescind: { offer_id: OfferID } }
  | { type: 'UPDATE'; update: { status: TaskStatus } }
  | { type: 'MESSAGE'; message: { agent_id: AgentID; executor_id: ExecutorID; data: string } }
  | { type: 'FAILURE'; failure: { agent_id: AgentID; executor_id?: ExecutorID; status?: number } }
  | { type: 'ERROR'; error: { message: string } };

export interface AgentInfo {
  /** The agent id: the machine's hostname at first, a new id after each reboot (a new agent to Mesos). */
  id: string;
  /** The machine; its agent process is the actor `agent/<hostname>`. */
  hostname: string;
  resources: ResourceText;
  attributes: Record<string, string | number>;
}

/** What an agent knows of a task, reported when it re-registers. */
export interface TaskRecord {
  task: TaskInfo;
  framework_id: string;
  framework_info: FrameworkInfo;
  state: TaskState;
  role: string;
  executor_id: string;
}

/** An executor an agent runs, reported when it re-registers so the master can account its resources. */
export interface ExecutorRecord {
  framework_id: string;
  framework_info: FrameworkInfo;
  executor: ExecutorInfo;
  /** The role its resources are allocated to. */
  role: string;
}

export interface StatusUpdate {
  framework_id: string;
  status: TaskStatus;
  /** The newest state of the task's stream while older updates wait for acknowledgement. */
  latest_state?: TaskState;
}

// ---- agent ↔ master
export type AgentToMaster =
  /** `checkpointed_resources`: the dynamic reservations and persistent volumes the agent keeps on disk. */
  | { type: 'REGISTER_AGENT'; agent_info: AgentInfo; checkpointed_resources: ResourceJson[] }
  | {
      type: 'REREGISTER_AGENT';
      agent_info: AgentInfo;
      tasks: TaskRecord[];
      executors: ExecutorRecord[];
      checkpointed_resources: ResourceJson[];
    }
  | { type: 'PONG'; agent_id: string }
  | { type: 'STATUS_UPDATE'; agent_id: string; update: StatusUpdate }
  | {
      type: 'EXECUTOR_TO_FRAMEWORK';
      agent_id: string;
      framework_id: string;
      executor_id: string;
      data: string;
    }
  | { type: 'EXITED_EXECUTOR'; agent_id: string; framework_id: string; executor_id: string; status: number };

export type MasterToAgent =
  | { type: 'AGENT_REGISTERED'; agent_id: string; master: ActorId }
  | { type: 'AGENT_REREGISTERED'; agent_id: string; master: ActorId }
  | { type: 'PING'; master: ActorId }
  | { type: 'RUN_TASK'; framework_id: string; framework_info: FrameworkInfo; task: TaskInfo; role: string }
  | { type: 'KILL_TASK'; framework_id: string; task_id: TaskID }
  | { type: 'STATUS_UPDATE_ACK'; framework_id: string; task_id: TaskID; uuid: string }
  | { type: 'FRAMEWORK_TO_EXECUTOR'; framework_id: string; executor_id: string; data: string }
  | { type: 'SHUTDOWN_FRAMEWORK'; framework_id: string }
  /**
   * ReconcileTasksMessage: tasks the master knows on a re-registering agent that the agent did not report
   * (Master::reconcileKnownSlave); the agent answers for those it does not have.
   */
  | { type: 'RECONCILE_TASKS'; framework_id: string; task_ids: string[] }
  /**
   * CheckpointResourcesMessage: after a RESERVE, UNRESERVE, CREATE or DESTROY, the agent's resources that
   * must outlive it (its dynamic reservations and persistent volumes), for it to write to disk.
   */
  | { type: 'CHECKPOINT_RESOURCES'; resources: ResourceJson[] };

// ---- agent ↔ executor (on the same host)
export type AgentToExecutor =
  | { type: 'EXECUTOR_LAUNCH'; task: TaskInfo; framework_id: string }
  | { type: 'EXECUTOR_KILL'; task_id: TaskID }
  | { type: 'EXECUTOR_MESSAGE'; data: string }
  | { type: 'EXECUTOR_SHUTDOWN' };

export type ExecutorToAgent =
  | { type: 'EXECUTOR_UPDATE'; framework_id: string; executor_id: string; status: TaskStatus }
  | { type: 'EXECUTOR_TO_AGENT_MESSAGE'; framework_id: string; executor_id: string; data: string }
  | { type: 'EXECUTOR_EXITED'; framework_id: string; executor_id: string; status: number };

/** Messages from the simulation: leader detection (ZooKeeper's role), faults, and scripted scheduler actions. */
export type Control =
  | { type: 'START' }
  /** The leading master changed (null: no leader known), as a ZooKeeper detector would report. */
  | { type: 'DETECTED'; leader: ActorId | null }
  /** A master was elected leader; it recovers from the registry. */
  | { type: 'ELECTED'; registry: Registry }
  /** The connection to a peer broke (its process died): the master sees a scheduler or agent exit. */
  | { type: 'EXITED'; peer: ActorId }
  /** A scenario action for a scripted scheduler: decline or launch on its outstanding offers. */
  | { type: 'SCRIPT'; action: ScriptAction }
  | { type: 'SET_WEIGHT'; role: string; weight: number }
  | { type: 'SET_QUOTA'; role: string; guarantees?: ResourceText; limits?: ResourceText }
  | { type: 'TEARDOWN_FRAMEWORK'; framework: string }
  /**
   * The agent process restarts on the same machine (at once, as a supervisor restarts it): the new process
   * recovers what was checkpointed and re-registers under the same agent id (Slave::recover).
   */
  | { type: 'RESTART_AGENT'; leader: ActorId | null }
  /** An executor's link to its agent process broke: the agent process exited (ExecutorProcess::exited). */
  | { type: 'AGENT_EXITED' };

export type ScriptAction =
  | { do: 'decline'; agent?: string; refuseSeconds?: number }
  | {
      do: 'launch';
      agent: string;
      task: { resources: ResourceText; command: string; name?: string; volume?: string };
    }
  | { do: 'reserve' | 'unreserve'; agent: string; resources: ResourceText }
  | { do: 'create-volume'; agent: string; volume: { id: string; path: string; size: number } }
  | { do: 'destroy-volume'; agent: string; volume: string }
  | { do: 'suppress'; roles?: string[] }
  | { do: 'revive'; roles?: string[] }
  | { do: 'teardown' };

/** What the master keeps in the replicated log (MESOS.md §3.6): agents, weights and quota, not tasks. */
export interface Registry {
  agents: AgentInfo[];
  unreachable: string[];
  weights: Record<string, number>;
  quotas: Record<string, { guarantees?: ResourceText; limits?: ResourceText }>;
  /** Incremented at every election; offer ids of later masters carry it so they never repeat. */
  epoch: number;
}

/** Timer payloads an actor sets for itself. */
export type Timer = { type: 'TIMER'; name: string; key?: string; token?: number };

export type Message =
  Call | Event | AgentToMaster | MasterToAgent | AgentToExecutor | ExecutorToAgent | Control | Timer;
