/**
 * The view of a cluster at one moment, as the UI shows it. It is built only from the scenario and the
 * trace (CONTRACTS.md §3) by the pure reducer in `reduce.ts`, so any earlier moment can be rebuilt by
 * folding a prefix of the trace. Every value here is immutable: the reducer returns new objects and
 * shares whatever did not change, which makes snapshots for scrubbing free.
 */
import type { FlatResources } from '../../cluster/resources';
import type { TaskState } from '../../cluster/scheduler/api';

export type MasterState = 'leading' | 'standby' | 'failed';

export interface MasterView {
  /** The master's actor id, e.g. "master/1". */
  readonly id: string;
  readonly state: MasterState;
}

/**
 * What the view knows of an agent.
 * - `pending`: listed in the scenario, not registered yet;
 * - `active`: registered with the leading master;
 * - `crashed`: its process died (agent-killed); the master has not noticed yet and still counts its tasks;
 * - `unreachable`: the master removed it (agent-removed), e.g. after missed health checks;
 * - `reregistering`: a new master was elected and has not heard from this agent yet.
 */
export type AgentStatus = 'pending' | 'active' | 'crashed' | 'unreachable' | 'reregistering';

export interface TaskView {
  readonly id: string;
  readonly framework: string;
  readonly agent: string;
  readonly role: string;
  readonly resources: FlatResources;
  readonly state: TaskState;
  readonly reason?: string;
  readonly message?: string;
  readonly launchedAt: number;
  /** When it reached a terminal state, if it did. */
  readonly endedAt?: number;
  /** The agent's process (its incarnation, see AgentView) that was given the task. */
  readonly incarnation: number;
  /**
   * The task is gone from the cluster without a word: the agent came back from a restart without it and
   * the master did not know it (a new master, after a failover), so nobody reported it lost. Shown ended;
   * a TASK_LOST that reconciliation brings later still counts.
   */
  readonly orphaned?: boolean;
}

export interface AgentView {
  readonly id: string;
  readonly total: FlatResources;
  readonly attributes: Readonly<Record<string, string | number>>;
  readonly status: AgentStatus;
  /** Why the master removed it, for `unreachable`. */
  readonly reason?: string;
  /** When the status last changed. */
  readonly since: number;
  /** Its tasks by task id, in launch order; terminal ones linger for a while (TERMINAL_LINGER). */
  readonly tasks: ReadonlyMap<string, TaskView>;
  /** Counts the agent's processes: a restart starts a new one, which knows nothing of the old one's tasks. */
  readonly incarnation: number;
  /**
   * Its running executors by framework and executor id (`framework/executor`): each command task's own
   * command executor, and custom executors, whose resources stay allocated until they exit.
   */
  readonly executors: ReadonlyMap<string, ExecutorView>;
}

export interface ExecutorView {
  readonly id: string;
  readonly framework: string;
  /** A custom executor's own resources (ExecutorInfo.resources); none for a command executor. */
  readonly resources: FlatResources;
  /** The command executor of one command task (its id is the task's), rather than a custom one. */
  readonly command: boolean;
  readonly since: number;
}

export type FrameworkStatus = 'pending' | 'active' | 'disconnected' | 'reregistering' | 'removed';

export type FrameworkKind = 'batch' | 'service' | 'scripted' | 'code';

export interface TaskCounts {
  readonly launched: number;
  readonly finished: number;
  readonly failed: number;
  readonly killed: number;
  readonly lost: number;
}

export interface FrameworkView {
  readonly id: string;
  readonly roles: readonly string[];
  /** Index into the framework palette, fixed for the run (scenario order, then order of joining). */
  readonly colour: number;
  readonly kind: FrameworkKind;
  /** How many tasks a batch framework runs, or how many instances a service keeps. */
  readonly target?: number;
  readonly status: FrameworkStatus;
  readonly reason?: string;
  /** Roles it suppressed offers for. */
  readonly suppressed: readonly string[];
  /** Dominant share and allocation count, as of the latest allocation run. */
  readonly share: number;
  readonly count: number;
  readonly offers: number;
  readonly declined: number;
  readonly tasks: TaskCounts;
}

export interface RoleView {
  readonly role: string;
  readonly weight: number;
  /** Quota as resource text ("cpus:2;mem:1024"), or undefined for none. */
  readonly guarantees?: string;
  readonly limits?: string;
  /** Weighted dominant share and allocation count, as of the latest allocation run. */
  readonly share: number;
  readonly count: number;
}

export interface OfferView {
  readonly id: string;
  readonly framework: string;
  readonly role: string;
  readonly agent: string;
  readonly resources: FlatResources;
  /** What is left of it once the tasks launched on it so far are taken out. */
  readonly remaining: FlatResources;
  readonly t: number;
}

/** A refuse filter (Mesos's OfferFilter) the allocator holds for a framework in a role on an agent. */
export interface FilterView {
  readonly framework: string;
  readonly role: string;
  readonly agent: string;
  readonly resources: FlatResources;
  readonly from: number;
  readonly until: number;
  /** refuse_seconds as the allocator read it; the filter lasts at least one allocation interval. */
  readonly refuseSeconds: number;
}

export interface PartitionView {
  readonly between: readonly [string, string];
  readonly from: number;
  readonly until: number;
}

export interface AllocationView {
  readonly t: number;
  readonly offers: number;
  readonly agents: number;
  readonly periodic: boolean;
}

export interface ViewState {
  /** Virtual time of the latest event folded in (0 before any). */
  readonly t: number;
  /** How many trace events have been folded in. */
  readonly seq: number;
  /** The allocation interval, for the effective length of refuse filters. */
  readonly intervalSeconds: number;
  readonly masters: readonly MasterView[];
  readonly leader: string | null;
  readonly agents: ReadonlyMap<string, AgentView>;
  readonly frameworks: ReadonlyMap<string, FrameworkView>;
  readonly roles: ReadonlyMap<string, RoleView>;
  /** Outstanding offers by offer id. */
  readonly offers: ReadonlyMap<string, OfferView>;
  readonly filters: readonly FilterView[];
  readonly partitions: readonly PartitionView[];
  readonly lastAllocation: AllocationView | null;
  readonly allocations: number;
  /** Every framework the scenario names (top level or added later), with its palette colour and kind. */
  readonly known: ReadonlyMap<string, KnownFramework>;
}

export interface KnownFramework {
  readonly colour: number;
  readonly kind: FrameworkKind;
  readonly target?: number;
}

/** Terminal tasks stay on their agent's card for this many virtual seconds, so a loss can be seen. */
export const TERMINAL_LINGER = 15;
