/**
 * The `mesos-lab` module as the learner's editor describes it: every type of the scheduler and executor API
 * (src/cluster/scheduler/api.ts, src/cluster/executor/api.ts), with doc comments that explain each one in
 * Mesos's terms, so that completion and hover teach while the learner types.
 *
 * This file is real TypeScript: the project's type check holds it to the model's own types (typings.test.ts
 * asserts that each type here is identical to the model's), and typings.ts wraps its text, imported `?raw`,
 * in `declare module 'mesos-lab' { ... }` for Monaco. Everything between the two MODULE markers is copied;
 * write only `export interface`, `export type` and `export declare function` there.
 */
// MODULE START

/**
 * Mesos wraps every identifier in a message with one field, `value` (FrameworkID, OfferID, AgentID, TaskID
 * and ExecutorID are all `{ value: string }`). Compare ids by their `value`: `a.value === b.value`.
 */
export interface Value {
  value: string;
}

/** The id the master gave your framework when it registered (`registered(driver, frameworkId, …)`). */
export type FrameworkID = Value;

/**
 * The id of one offer, e.g. `{ value: "O-17" }`. Pass it back to `launchTasks`, `acceptOffers` or
 * `declineOffer` to answer the offer; an offer can be answered once.
 */
export type OfferID = Value;

/**
 * The id of an agent (Mesos's old name: slave), e.g. `{ value: "agent2" }`. A task must name the agent of
 * the offer it is launched on: `agent_id: offer.agent_id`.
 */
export type AgentID = Value;

/**
 * Your own id for a task, e.g. `{ value: "hello-1" }`. You choose it; it must be unique among your
 * framework's tasks. Status updates name tasks by it.
 */
export type TaskID = Value;

/** The id of an executor, unique within your framework on one agent. */
export type ExecutorID = Value;

/** The leading master, as `registered` and `reregistered` report it. */
export interface MasterInfo {
  id: string;
  hostname: string;
  port: number;
}

/**
 * One resource in Mesos's JSON shape, e.g. `{ "name": "cpus", "type": "SCALAR", "scalar": { "value": 4 } }`.
 * Scalars (cpus, mem in MB, disk in MB, gpus) have `scalar`; port ranges have `ranges`; sets have `set`.
 * An offer lists one entry per resource name and reservation: sum them with `scalar(resources, "cpus")`.
 */
export interface Resource {
  name: string;
  type?: 'SCALAR' | 'RANGES' | 'SET';
  scalar?: { value: number };
  ranges?: { range: { begin: number; end: number }[] };
  set?: { item: string[] };
  /**
   * The role these resources are reserved to (static reservation, agent flag `cpus(role1):4`); absent or
   * "*" for unreserved resources, which any role may be offered.
   */
  role?: string;
  /** Present on a dynamic reservation, made by a RESERVE operation (absent on a static one). */
  reservation?: { principal?: string };
  /**
   * A persistent volume: reserved disk that keeps its data after the tasks using it end. `persistence.id`
   * names it; tasks see it at `volume.container_path`.
   */
  disk?: {
    persistence?: { id: string; principal?: string };
    volume?: { container_path: string; mode?: 'RW' | 'RO' };
  };
  /** The role the resources were offered to, for a framework subscribed to several roles (MULTI_ROLE). */
  allocation_info?: { role: string };
}

/**
 * An agent attribute (agent flag `--attributes=rack:r1;zone:2`): fixed facts about the machine that a
 * scheduler can use as placement constraints. TEXT attributes have `text`, SCALAR ones `scalar`.
 */
export interface Attribute {
  name: string;
  type: 'TEXT' | 'SCALAR';
  text?: { value: string };
  scalar?: { value: number };
}

/**
 * An offer: resources of ONE agent that the master's allocator (DRF) lends to your framework until you
 * answer. While you hold it, no other framework can be offered those resources. Answer every offer:
 * launch tasks on it (`launchTasks`), or give it back (`declineOffer`, ideally with a filter). Unused parts
 * of an accepted offer go back automatically.
 */
export interface Offer {
  /** Pass this to `launchTasks`, `acceptOffers` or `declineOffer`. */
  id: OfferID;
  framework_id: FrameworkID;
  /** The agent whose resources these are: use it as the task's `agent_id`. */
  agent_id: AgentID;
  hostname: string;
  /** The role this offer was made to (one of your framework's roles). */
  allocation_info: { role: string };
  /** What you may use: sum a resource with `scalar(offer.resources, "cpus")`. */
  resources: Resource[];
  /** The agent's attributes, e.g. rack or zone, for placement constraints. */
  attributes: Attribute[];
  /** Executors of your framework already running on this agent. */
  executor_ids?: ExecutorID[];
}

/**
 * What a task runs. The built-in command executor runs a tiny shell: `sleep SECONDS`, `echo TEXT` (to the
 * task's stdout), `exit CODE`, joined by `&&` or `;`. Anything else prints "command not found" and the task
 * fails (exit 127, TASK_FAILED).
 */
export interface CommandInfo {
  /** The shell command, e.g. `"sleep 5 && echo done"`. */
  value: string;
  shell?: boolean;
}

/**
 * A custom executor for a task: instead of `command`, the task runs inside an executor class exported from
 * this same file (`export class MyExecutor implements Executor`), named by `name`.
 */
export interface ExecutorInfo {
  /** Your id for the executor; tasks with the same id on one agent share one executor. */
  executor_id: ExecutorID;
  /** The name of an executor class exported from this file. */
  name?: string;
  command?: CommandInfo;
  resources?: Resource[];
}

/**
 * A task to launch on an offer. It needs a `name`, your own `task_id`, the offer's `agent_id`, the
 * `resources` it takes out of the offer, and what to run: `command` (the built-in command executor) or
 * `executor` (a custom executor class).
 *
 * @example
 * { name: 'hello', task_id: { value: 'hello-1' }, agent_id: offer.agent_id,
 *   resources: 'cpus:0.1;mem:32', command: { value: "echo 'Hello, world!'" } }
 */
export interface TaskInfo {
  name: string;
  task_id: TaskID;
  /** Must be the agent of the offer the task is launched on. */
  agent_id: AgentID;
  /**
   * What the task takes from the offer, in Mesos's JSON shape (`Resource[]`) or, as a convenience of this
   * lab, the agent flag's text form `"cpus:1;mem:128"`. It must fit in the offer, or the task fails with
   * TASK_ERROR.
   */
  resources: Resource[] | string;
  /** Run a shell command in the built-in command executor. */
  command?: CommandInfo;
  /** Run the task in a custom executor class from this file instead of a command. */
  executor?: ExecutorInfo;
  /** Opaque data handed to a custom executor with the task. */
  data?: string;
}

/**
 * A task's state, as Mesos defines them. The usual path is STAGING → STARTING → RUNNING → FINISHED.
 * Terminal states (the task is over, its resources are back in the pool): TASK_FINISHED, TASK_FAILED,
 * TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR.
 */
export type TaskState =
  | 'TASK_STAGING'
  | 'TASK_STARTING'
  | 'TASK_RUNNING'
  | 'TASK_KILLING'
  | 'TASK_FINISHED'
  | 'TASK_FAILED'
  | 'TASK_KILLED'
  | 'TASK_ERROR'
  | 'TASK_LOST'
  | 'TASK_DROPPED'
  | 'TASK_UNREACHABLE'
  | 'TASK_GONE'
  | 'TASK_GONE_BY_OPERATOR'
  | 'TASK_UNKNOWN';

/** Who produced a status update: the master (e.g. reconciliation, a lost agent), the agent, or the executor. */
export type TaskStatusSource = 'SOURCE_MASTER' | 'SOURCE_AGENT' | 'SOURCE_EXECUTOR';

/** Why a task reached its state, when Mesos knows (e.g. REASON_AGENT_REMOVED for a TASK_LOST). */
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

/**
 * A status update: the new state of one of your tasks, delivered to `statusUpdate`. Updates from agents
 * are delivered reliably (retried until acknowledged); returning from `statusUpdate` acknowledges them.
 */
export interface TaskStatus {
  task_id: TaskID;
  state: TaskState;
  source?: TaskStatusSource;
  reason?: TaskStatusReason;
  /** A human-readable explanation, e.g. why a task failed. */
  message?: string;
  agent_id?: AgentID;
  executor_id?: ExecutorID;
  /** Virtual seconds when the status was generated. */
  timestamp?: number;
  /** Present on updates that must be acknowledged (from agents); master-generated updates have none. */
  uuid?: string;
  data?: string;
}

/**
 * Filters sent with a decline (or an accept, for the unused part of the offer): how long the allocator
 * should not offer you these resources on that agent again.
 */
export interface Filters {
  /**
   * Seconds to refuse the declined resources on that agent. Omitted: Mesos's default of 5 s. 0: no filter
   * (they may come back at the next allocation, every second). A long filter (e.g. 60) when you need
   * nothing lets the other frameworks have the resources.
   */
  refuse_seconds?: number;
}

/**
 * An offer operation for `acceptOffers`: LAUNCH (the same as `launchTasks`), RESERVE and UNRESERVE (dynamic
 * reservations of an offer's resources to its role), and CREATE and DESTROY (persistent volumes on reserved
 * disk, which outlive the tasks that use them). Operations apply in order, so one ACCEPT can reserve, create
 * a volume and launch a task on it.
 */
export type Operation =
  | { type: 'LAUNCH'; launch: { task_infos: TaskInfo[] } }
  /** Resources with `role` (the offer's role) and `reservation: {}`, or text such as "cpus(db):1;disk(db):512". */
  | { type: 'RESERVE'; reserve: { resources: Resource[] | string } }
  | { type: 'UNRESERVE'; unreserve: { resources: Resource[] | string } }
  /** Reserved disk with `disk: { persistence: { id }, volume: { container_path } }`. */
  | { type: 'CREATE'; create: { volumes: Resource[] } }
  | { type: 'DESTROY'; destroy: { volumes: Resource[] } };

/**
 * The scheduler driver: how your scheduler talks to the Mesos master. Every callback receives it as its
 * first argument. Calls take effect when the callback returns.
 */
export interface SchedulerDriver {
  /**
   * Accepts offers by launching tasks on them. All offers must be from the same agent; the tasks' resources
   * must fit in them. What the tasks do not use goes back to the allocator with `filters` (default: refuse
   * 5 s). An empty task list is a decline.
   */
  launchTasks(offerIds: OfferID | OfferID[], tasks: TaskInfo[], filters?: Filters): void;
  /** Accepts offers with operations (LAUNCH); unused resources go back with `filters` (default 5 s). */
  acceptOffers(offerIds: OfferID[], operations: Operation[], filters?: Filters): void;
  /**
   * Gives an offer back. Without filters, Mesos refuses these resources to you for 5 s; pass
   * `{ refuse_seconds: N }` to choose, 0 for none. Holding offers instead starves other frameworks.
   */
  declineOffer(offerId: OfferID, filters?: Filters): void;
  /**
   * Asks for offers again: clears your filters and un-suppresses the roles (all your roles if omitted), and
   * the allocator runs at once.
   */
  reviveOffers(roles?: string[]): void;
  /**
   * Stops offers for the roles (all your roles if omitted) until `reviveOffers`: the polite thing to do when
   * you need nothing, so the allocator does not keep offering you resources.
   */
  suppressOffers(roles?: string[]): void;
  /** Asks the master to kill a task; its end arrives as a TASK_KILLED status update. */
  killTask(taskId: TaskID): void;
  /**
   * Acknowledges a status update explicitly. Not needed here: returning from `statusUpdate` acknowledges it
   * (implicit acknowledgement, the driver's default).
   */
  acknowledgeStatusUpdate(status: TaskStatus): void;
  /**
   * Asks the master for the latest state of tasks (explicit reconciliation), or of all your tasks with an
   * empty list (implicit). Answers arrive as status updates with REASON_RECONCILIATION. Do it after every
   * (re-)registration.
   */
  reconcileTasks(statuses: Partial<TaskStatus>[]): void;
  /** Sends best-effort data to one of your executors on an agent (its `frameworkMessage`). */
  sendFrameworkMessage(executorId: ExecutorID, agentId: AgentID, data: string): void;
  /**
   * Stops the driver. `stop()` unregisters the framework: the master kills its tasks. `stop(true)` only
   * disconnects (failover): the tasks keep running for `failover_timeout` while a new scheduler takes over.
   */
  stop(failover?: boolean): void;
}

/**
 * A framework scheduler: the callbacks Mesos's scheduler driver calls. Every callback is optional; export
 * your class as the default export (`export default class MyScheduler implements Scheduler`). Each
 * callback must return within 1 s of wall time, or the framework is stopped as unresponsive.
 */
export interface Scheduler {
  /** The framework registered with the master for the first time; `frameworkId` is its new id. */
  registered?(driver: SchedulerDriver, frameworkId: FrameworkID, masterInfo: MasterInfo): void;
  /**
   * The framework re-registered: with a newly elected master, or after a failover to new code. Offers from
   * before are gone; reconcile your tasks (`driver.reconcileTasks([])`).
   */
  reregistered?(driver: SchedulerDriver, masterInfo: MasterInfo): void;
  /** The driver lost the master (it failed or is unreachable). Outstanding offers are no longer valid. */
  disconnected?(driver: SchedulerDriver): void;
  /**
   * The allocator offers you resources: each offer is one agent's. Launch tasks on the offers you use and
   * decline the others; an offer you neither use nor decline stays yours, and nobody else can have it.
   */
  resourceOffers?(driver: SchedulerDriver, offers: Offer[]): void;
  /** An offer is no longer valid (its agent was lost, the offer timed out, …): forget it. */
  offerRescinded?(driver: SchedulerDriver, offerId: OfferID): void;
  /**
   * A task changed state (TASK_RUNNING, TASK_FINISHED, TASK_FAILED, TASK_LOST, …). Returning acknowledges
   * the update.
   */
  statusUpdate?(driver: SchedulerDriver, status: TaskStatus): void;
  /** Best-effort data from one of your executors (`driver.sendFrameworkMessage` in the executor). */
  frameworkMessage?(driver: SchedulerDriver, executorId: ExecutorID, agentId: AgentID, data: string): void;
  /**
   * An agent was removed or became unreachable (Mesos's `slaveLost`). Not reliable: status updates for the
   * agent's tasks (TASK_LOST / TASK_UNREACHABLE) are what to act on.
   */
  agentLost?(driver: SchedulerDriver, agentId: AgentID): void;
  /** One of your executors exited with `status`. Not reliable. */
  executorLost?(driver: SchedulerDriver, executorId: ExecutorID, agentId: AgentID, status: number): void;
  /** An unrecoverable error (e.g. the framework was removed); the driver has stopped. */
  error?(driver: SchedulerDriver, message: string): void;
}

/**
 * Sums a scalar resource of an offer or task by name, rounded as Mesos does (three decimals):
 * `scalar(offer.resources, "cpus")`, `scalar(offer.resources, "mem")` (MB).
 */
export declare function scalar(resources: Resource[], name: string): number;

/**
 * The executor driver: how a custom executor talks to its agent. Calls take effect when the callback
 * returns.
 */
export interface ExecutorDriver {
  /** Reports a task's state (TASK_RUNNING, TASK_FINISHED, …); the agent forwards it reliably. */
  sendStatusUpdate(status: TaskStatus): void;
  /** Best-effort data to the framework's scheduler (its `frameworkMessage` callback). */
  sendFrameworkMessage(data: string): void;
  /** Calls `timer(driver, name)` after `seconds` of virtual time: how work takes time in the lab. */
  setTimer(seconds: number, name: string): void;
  /** The executor exits; tasks it has not finished are failed by the agent. */
  stop(): void;
}

/**
 * A custom executor: runs on an agent, is handed its framework's tasks there, and reports their states.
 * Export it by name from the scheduler's file (`export class MyExecutor implements Executor`) and name it in
 * a task's `executor: { executor_id, name: 'MyExecutor' }`.
 */
export interface Executor {
  /** The executor started on an agent. */
  registered?(
    driver: ExecutorDriver,
    executorInfo: { executor_id: { value: string } },
    frameworkInfo: { id: { value: string } },
    agentInfo: { id: string; hostname: string },
  ): void;
  /** Run a task: report TASK_RUNNING, do the work (setTimer), then report TASK_FINISHED. */
  launchTask?(driver: ExecutorDriver, task: TaskInfo): void;
  /** The scheduler asked to kill a task: stop it and report TASK_KILLED. */
  killTask?(driver: ExecutorDriver, taskId: TaskID): void;
  /** Best-effort data from the scheduler (`driver.sendFrameworkMessage`). */
  frameworkMessage?(driver: ExecutorDriver, data: string): void;
  /** The agent asks the executor to shut down (e.g. the framework was removed). */
  shutdown?(driver: ExecutorDriver): void;
  /** A timer set with `driver.setTimer(seconds, name)` fired. */
  timer?(driver: ExecutorDriver, name: string): void;
  /** An unrecoverable error. */
  error?(driver: ExecutorDriver, message: string): void;
}
/**
 * One event of a run's trace, as `npm run sim -- --trace FILE` writes it: `t` in virtual seconds and `type`
 * ('offer', 'decline', 'launch', 'status', 'agent-killed', 'leader', …); the other fields depend on the type.
 */
export interface TraceEvent {
  t: number;
  type: string;
  framework?: string;
  agent?: string;
  task?: string;
  offer?: string;
  state?: TaskState;
  [field: string]: unknown;
}

/**
 * An invariant of your own for "Break it" (and `npm run explore`): export a class named `Invariant` from
 * your scheduler's file. After every run of the search, `check` is called with the run's whole trace; throw
 * an Error to say what broke, and the search reports it and shrinks the faults that caused it.
 */
export interface Invariant {
  check(trace: TraceEvent[]): void;
}

// MODULE END
