/**
 * The scheduler API a learner programs against (CONTRACTS.md §1): Mesos's `Scheduler` callbacks and
 * `SchedulerDriver` methods, with messages shaped like Mesos's JSON (protobuf field names, snake_case).
 */
import type { ResourceJson } from '../resources';

export interface Value {
  value: string;
}
export type FrameworkID = Value;
export type OfferID = Value;
export type AgentID = Value;
export type TaskID = Value;
export type ExecutorID = Value;

export interface MasterInfo {
  id: string;
  hostname: string;
  port: number;
}

export interface Attribute {
  name: string;
  type: 'TEXT' | 'SCALAR';
  text?: { value: string };
  scalar?: { value: number };
}

export interface Offer {
  id: OfferID;
  framework_id: FrameworkID;
  agent_id: AgentID;
  hostname: string;
  allocation_info: { role: string };
  resources: ResourceJson[];
  attributes: Attribute[];
  executor_ids?: ExecutorID[];
}

export interface CommandInfo {
  /** A shell command for the built-in command executor: `sleep N`, `echo TEXT`, `exit CODE`, joined by && or ;. */
  value: string;
  shell?: boolean;
}

export interface ExecutorInfo {
  executor_id: ExecutorID;
  name?: string;
  command?: CommandInfo;
  resources?: ResourceJson[];
}

export interface TaskInfo {
  name: string;
  task_id: TaskID;
  agent_id: AgentID;
  /** Resources in Mesos's JSON shape; the text form "cpus:1;mem:128" is accepted too, as a convenience. */
  resources: ResourceJson[] | string;
  command?: CommandInfo;
  executor?: ExecutorInfo;
  /** Opaque data handed to a custom executor. */
  data?: string;
}

export const TASK_STATES = [
  'TASK_STAGING',
  'TASK_STARTING',
  'TASK_RUNNING',
  'TASK_KILLING',
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_UNREACHABLE',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
  'TASK_UNKNOWN',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Terminal states as `protobuf::isTerminalState` defines them (TASK_LOST included). */
export const TERMINAL_STATES: ReadonlySet<TaskState> = new Set<TaskState>([
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
]);

export const isTerminal = (s: TaskState): boolean => TERMINAL_STATES.has(s);

export type TaskStatusSource = 'SOURCE_MASTER' | 'SOURCE_AGENT' | 'SOURCE_EXECUTOR';

export type TaskStatusReason =
  | 'REASON_COMMAND_EXECUTOR_FAILED'
  | 'REASON_EXECUTOR_TERMINATED'
  | 'REASON_FRAMEWORK_REMOVED'
  | 'REASON_INVALID_OFFERS'
  | 'REASON_RECONCILIATION'
  | 'REASON_AGENT_DISCONNECTED'
  | 'REASON_AGENT_REMOVED'
  | 'REASON_AGENT_REREGISTERED'
  | 'REASON_AGENT_RESTARTED'
  | 'REASON_AGENT_UNKNOWN'
  | 'REASON_TASK_INVALID'
  | 'REASON_TASK_KILLED_DURING_LAUNCH'
  | 'REASON_TASK_UNKNOWN'
  | 'REASON_MASTER_DISCONNECTED';

export interface TaskStatus {
  task_id: TaskID;
  state: TaskState;
  source?: TaskStatusSource;
  reason?: TaskStatusReason;
  message?: string;
  agent_id?: AgentID;
  executor_id?: ExecutorID;
  /** Virtual seconds when the status was generated. */
  timestamp?: number;
  /** Present on updates that must be acknowledged (from agents); master-generated updates have none. */
  uuid?: string;
  data?: string;
}

export interface Filters {
  /** How long to refuse the declined resources; Mesos's default is 5 s, 0 means no filter. */
  refuse_seconds?: number;
}

/**
 * Offer operations in an ACCEPT (Offer.Operation): LAUNCH, and the reservation and volume operations that
 * stateful frameworks use. RESERVE and UNRESERVE take dynamically reserved resources (JSON with `role` and
 * `reservation: {}`, or text such as `"cpus(db):1;mem(db):1024"`, which these operations read as dynamic
 * reservations); CREATE and DESTROY take persistent volumes (reserved `disk` with `disk.persistence.id` and
 * `disk.volume.container_path`).
 */
export type Operation =
  | { type: 'LAUNCH'; launch: { task_infos: TaskInfo[] } }
  | { type: 'RESERVE'; reserve: { resources: ResourceJson[] | string } }
  | { type: 'UNRESERVE'; unreserve: { resources: ResourceJson[] | string } }
  | { type: 'CREATE'; create: { volumes: ResourceJson[] } }
  | { type: 'DESTROY'; destroy: { volumes: ResourceJson[] } };

export interface SchedulerDriver {
  launchTasks(offerIds: OfferID | OfferID[], tasks: TaskInfo[], filters?: Filters): void;
  acceptOffers(offerIds: OfferID[], operations: Operation[], filters?: Filters): void;
  declineOffer(offerId: OfferID, filters?: Filters): void;
  reviveOffers(roles?: string[]): void;
  suppressOffers(roles?: string[]): void;
  killTask(taskId: TaskID): void;
  acknowledgeStatusUpdate(status: TaskStatus): void;
  reconcileTasks(statuses: Partial<TaskStatus>[]): void;
  sendFrameworkMessage(executorId: ExecutorID, agentId: AgentID, data: string): void;
  stop(failover?: boolean): void;
}

export interface Scheduler {
  registered?(driver: SchedulerDriver, frameworkId: FrameworkID, masterInfo: MasterInfo): void;
  reregistered?(driver: SchedulerDriver, masterInfo: MasterInfo): void;
  disconnected?(driver: SchedulerDriver): void;
  resourceOffers?(driver: SchedulerDriver, offers: Offer[]): void;
  offerRescinded?(driver: SchedulerDriver, offerId: OfferID): void;
  statusUpdate?(driver: SchedulerDriver, status: TaskStatus): void;
  frameworkMessage?(driver: SchedulerDriver, executorId: ExecutorID, agentId: AgentID, data: string): void;
  agentLost?(driver: SchedulerDriver, agentId: AgentID): void;
  executorLost?(driver: SchedulerDriver, executorId: ExecutorID, agentId: AgentID, status: number): void;
  error?(driver: SchedulerDriver, message: string): void;
}

export type SchedulerCallback = keyof Scheduler;

/** Sums a scalar resource of an offer or task by name, e.g. `scalar(offer.resources, "cpus")`. */
export function scalar(resources: ResourceJson[], name: string): number {
  let sum = 0;
  for (const r of resources) if (r.name === name && r.scalar) sum += r.scalar.value;
  return Math.round(sum * 1000) / 1000;
}
