/**
 * The scenario file (CONTRACTS.md §2) after validation: every default filled in, `count` expanded, all
 * resource strings checked. It stays plain JSON so that it can be posted to workers and shared in links.
 */
import type { SorterKind } from '../allocator/Sorter';

/** Mesos agent `--resources` text, e.g. "cpus:2;mem:1024;cpus(role1):100;ports:[31000-32000]". */
export type ResourceText = string;

export interface AgentSpec {
  id: string;
  resources: ResourceText;
  /** Agent attributes (Mesos `--attributes`): TEXT or SCALAR values, e.g. { rack: "r1", zone: 2 }. */
  attributes: Record<string, string | number>;
}

export interface TaskSpec {
  /** Resources of one task, in the text format. */
  resources: ResourceText;
  /** A command for the built-in command executor (CONTRACTS.md §1): sleep, echo, exit, joined by && or ;. */
  command: string;
  /** Optional task name prefix; defaults to the framework id. */
  name?: string;
  /**
   * Only in a `launch` action: the persistence id of a volume in the offer that the task uses (Mesos puts
   * the volume's disk in the task's resources).
   */
  volume?: string;
}

export type SchedulerSpec =
  | { builtin: 'scripted' }
  | {
      builtin: 'batch';
      /** How many tasks to run to completion. */
      tasks: number;
      task: TaskSpec;
      /** At most this many tasks on one offer (default: as many as fit). */
      maxTasksPerOffer?: number;
      /** The refuse_seconds of its declines and of the unused part of its accepts (default 5, Mesos's). */
      refuseSeconds?: number;
    }
  | {
      builtin: 'service';
      /** Keeps this many instances running, relaunching any that end. */
      instances: number;
      task: TaskSpec;
      maxTasksPerOffer?: number;
      refuseSeconds?: number;
      /** Agent attribute constraints, e.g. { rack: "r1" }: only agents whose attributes match are used. */
      constraints?: Record<string, string | number>;
      /** At most this many instances on one agent. */
      maxPerAgent?: number;
    }
  /** A learner's scheduler: a file path (CLI) or its source (browser, lessons). */
  | { file: string }
  | {
      code: string;
      language?: 'ts' | 'js';
      /** Filled in by the host before a run (never in a file): the code compiled for the sandbox. */
      compiled?: { js: string; lines: (number | null)[]; fileName: string };
    };

export interface FrameworkSpec {
  id: string;
  name: string;
  /** The roles the framework subscribes to (MULTI_ROLE); "*" is the default role. */
  roles: string[];
  /** FrameworkInfo.failover_timeout in seconds (Mesos's default 0: removed as soon as it disconnects). */
  failoverTimeout: number;
  /** FrameworkInfo.checkpoint (default false, as in Mesos). */
  checkpoint: boolean;
  /** The PARTITION_AWARE capability: TASK_UNREACHABLE/TASK_DROPPED/TASK_GONE instead of TASK_LOST. */
  partitionAware: boolean;
  /** The GPU_RESOURCES capability: without it, agents that have GPUs are never offered (default false). */
  gpuResources?: boolean;
  /** Per-framework min_allocatable_resources for all its roles (text with '|' alternatives), or null. */
  minAllocatable: string | null;
  scheduler: SchedulerSpec;
}

export interface RoleSpec {
  /** Role weight in the role sorter (default 1; must be > 0). */
  weight?: number;
  quota?: { guarantees?: ResourceText; limits?: ResourceText };
}

export interface AllocatorSpec {
  /** --allocation_interval, seconds (default 1). */
  intervalSeconds: number;
  /** --min_allocatable_resources, "cpus:0.01|mem:32" by default; null disables the check. */
  minAllocatable: string | null;
  /** --offer_timeout in seconds; null (Mesos's default) means offers never time out. */
  offerTimeoutSeconds: number | null;
  /** --fair_sharing_excluded_resource_names. */
  fairnessExcludedResourceNames: string[];
  /** --role_sorter: 'drf' (the default when absent) or 'random'. */
  roleSorter?: SorterKind;
  /** --framework_sorter: 'drf' (the default when absent) or 'random'. */
  frameworkSorter?: SorterKind;
}

export interface NetworkSpec {
  /** One-way latency of every message between components, milliseconds (default 1). */
  latencyMs: number;
  /** Probability that a message is lost (default 0); drops are drawn from the scenario's seed. */
  dropRate: number;
}

export type Action =
  | { at: number; do: 'add-agent'; agent: AgentSpec }
  | { at: number; do: 'kill-agent'; agent: string }
  /**
   * The agent process restarts on its machine and recovers the tasks and executors of frameworks that
   * checkpoint (an agent that was killed boots its machine again instead, as `reboot-agent` does).
   */
  | { at: number; do: 'restart-agent'; agent: string }
  /** The machine reboots: everything on it dies, and after `downSeconds` (default 0) it returns as a new agent id. */
  | { at: number; do: 'reboot-agent'; agent: string; downSeconds?: number }
  | { at: number; do: 'add-framework'; framework: FrameworkSpec }
  | { at: number; do: 'teardown'; framework: string }
  | { at: number; do: 'decline'; framework: string; agent?: string; refuseSeconds?: number }
  | { at: number; do: 'launch'; framework: string; agent: string; task: TaskSpec }
  /** RESERVE on the framework's outstanding offer for `agent`: those amounts, dynamically, to the offer's role. */
  | { at: number; do: 'reserve'; framework: string; agent: string; resources: ResourceText }
  /** UNRESERVE of those amounts of the offer role's dynamic reservations. */
  | { at: number; do: 'unreserve'; framework: string; agent: string; resources: ResourceText }
  /** CREATE of a persistent volume of `size` MB on the offer's disk reserved to its role. */
  | {
      at: number;
      do: 'create-volume';
      framework: string;
      agent: string;
      volume: { id: string; path: string; size: number };
    }
  /** DESTROY of the persistent volume with that persistence id, which must be in the offer. */
  | { at: number; do: 'destroy-volume'; framework: string; agent: string; volume: string }
  | { at: number; do: 'suppress'; framework: string; roles?: string[] }
  | { at: number; do: 'revive'; framework: string; roles?: string[] }
  | { at: number; do: 'set-weight'; role: string; weight: number }
  | { at: number; do: 'set-quota'; role: string; guarantees?: ResourceText; limits?: ResourceText }
  | { at: number; do: 'partition'; between: [string, string]; forSeconds: number }
  /**
   * A window of network trouble between two endpoints: for `forSeconds`, each message between them is lost
   * with probability `drop`, held back by up to `delayMs` more (never overtaking an earlier message on the
   * same link), and sent twice with probability `repeat`; every draw comes from the seeded network stream.
   */
  | {
      at: number;
      do: 'flaky-link';
      between: [string, string];
      forSeconds: number;
      drop?: number;
      delayMs?: number;
      repeat?: number;
    }
  | { at: number; do: 'fail-master' }
  /** Scheduler failover: the framework's scheduler process exits and `scheduler` re-subscribes with its id. */
  | { at: number; do: 'restart-framework'; framework: string; scheduler: SchedulerSpec };

export type ActionKind = Action['do'];

export interface Scenario {
  name: string;
  seed: number;
  /** Virtual seconds to simulate. */
  until: number;
  allocator: AllocatorSpec;
  network: NetworkSpec;
  /** How many masters run (one leads, the rest stand by); default 2. */
  masters: number;
  roles: Record<string, RoleSpec>;
  agents: AgentSpec[];
  frameworks: FrameworkSpec[];
  /** Sorted by `at` (stable: actions at the same instant keep their file order). */
  actions: Action[];
}
