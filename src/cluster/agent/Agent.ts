/**
 * The Mesos agent (MESOS.md §3.2–3.3): registers with the leading master (retrying with backoff), answers
 * pings, starts an executor for each custom executor id and one command executor for each command task,
 * and runs the task status update manager: one stream per task, only the head forwarded, retried after
 * 10 s doubling to 10 min until the scheduler acknowledges it.
 *
 * What the agent keeps for frameworks that checkpoint (FrameworkInfo.checkpoint) survives a restart of the
 * agent process: their tasks, executors and unacknowledged updates are recovered, and the agent
 * re-registers under the same agent id (Slave::recover, with --recover=reconnect). Everything of other
 * frameworks is lost with the process.
 */
import type { Actor, AgentConfig, Context } from '../actor';
import {
  executorAddress,
  type ActorId,
  type AgentInfo,
  type ExecutorRecord,
  type FrameworkInfo,
  type Message,
  type TaskRecord,
} from '../protocol';
import { Resources, type ResourceJson } from '../resources';
import type { Rng } from '../rng';
import {
  isTerminal,
  type ExecutorInfo,
  type TaskInfo,
  type TaskState,
  type TaskStatus,
} from '../scheduler/api';
import { toSeconds, type Micros } from '../time';

interface AgentTask {
  info: TaskInfo;
  frameworkId: string;
  frameworkInfo: FrameworkInfo;
  role: string;
  state: TaskState;
  executorId: string;
}

interface AgentExecutor {
  id: string;
  frameworkId: string;
  frameworkInfo: FrameworkInfo;
  address: ActorId;
  /** The custom executor's ExecutorInfo; null for the command executor of one command task. */
  info: ExecutorInfo | null;
  role: string;
}

interface PendingUpdate {
  status: TaskStatus;
  uuid: string;
}

interface Stream {
  frameworkId: string;
  checkpoint: boolean;
  pending: PendingUpdate[];
  backoff: Micros;
  /** When the head is resent if still unacknowledged. */
  retryAt: Micros;
}

const key = (framework: string, id: string): string => `${framework}\u0000${id}`;

export class Agent implements Actor {
  private leader: ActorId | null;
  private registeredWith: ActorId | null = null;
  /** True once this agent has registered with some master: its agent id is checkpointed and it re-registers. */
  private everRegistered = false;
  private registerToken = 0;
  private registerBackoff: Micros;
  private readonly tasks = new Map<string, AgentTask>();
  private readonly executors = new Map<string, AgentExecutor>();
  private readonly streams = new Map<string, Stream>();
  private nextUuid = 1;
  private lastPing: Micros = 0;
  private pingWatchArmed = false;
  /** The one retry timer this agent has armed (its earliest deadline), or null. */
  private retryArmedAt: Micros | null = null;
  /**
   * A restarted process is recovering until it has re-registered: tasks sent to it meanwhile are ignored
   * (Slave::run, "Ignoring running task because the agent is RECOVERING"), and the master reconciles
   * them when the agent re-registers.
   */
  private recovering = false;
  /**
   * The resources this agent checkpoints (Slave::checkpointedResources): its dynamic reservations and
   * persistent volumes, as the master last sent them. They live on the machine's disk, so they outlive a
   * restart of the agent process and a reboot of the machine.
   */
  private checkpointed: ResourceJson[];

  constructor(
    readonly id: ActorId,
    private readonly info: AgentInfo,
    private readonly config: AgentConfig,
    leader: ActorId | null,
    private readonly rng: Rng,
    checkpointed: ResourceJson[] = [],
  ) {
    this.leader = leader;
    this.registerBackoff = config.registrationBackoff;
    this.checkpointed = checkpointed;
  }

  receive(msg: Message, ctx: Context): void {
    switch (msg.type) {
      case 'START':
        if (this.config.registerImmediately) this.register(ctx);
        else this.scheduleRegister(ctx, this.config.registrationBackoff);
        return;
      case 'RESTART_AGENT':
        return this.recover(msg.leader, ctx);
      case 'DETECTED':
        this.leader = msg.leader;
        this.registeredWith = null;
        this.registerBackoff = this.config.registrationBackoff;
        if (this.leader) this.scheduleRegister(ctx, this.config.registrationBackoff);
        return;
      case 'AGENT_REGISTERED':
      case 'AGENT_REREGISTERED':
        if (msg.master !== this.leader) return;
        this.registeredWith = msg.master;
        this.everRegistered = true;
        this.recovering = false;
        this.lastPing = ctx.now;
        this.armPingWatch(ctx);
        // Updates waiting for a master are flushed now; the heads of all streams are (re)sent.
        for (const [k, s] of this.streams) this.forwardHead(k, s, ctx);
        return;
      case 'PING':
        this.lastPing = ctx.now;
        ctx.send(msg.master, { type: 'PONG', agent_id: this.info.id });
        return;
      case 'RUN_TASK':
        if (this.recovering) return;
        return this.runTask(msg.framework_id, msg.framework_info, msg.task, msg.role, ctx);
      case 'KILL_TASK': {
        const t = this.tasks.get(key(msg.framework_id, msg.task_id.value));
        if (!t) {
          this.statusUpdate(
            msg.framework_id,
            {
              task_id: msg.task_id,
              state: 'TASK_LOST',
              source: 'SOURCE_AGENT',
              reason: 'REASON_TASK_UNKNOWN',
              message: 'Task unknown to the agent',
              agent_id: { value: this.info.id },
              timestamp: toSeconds(ctx.now),
            },
            ctx,
            true,
          );
          return;
        }
        if (isTerminal(t.state)) return;
        const ex = this.executors.get(key(t.frameworkId, t.executorId));
        if (ex) ctx.send(ex.address, { type: 'EXECUTOR_KILL', task_id: msg.task_id }, true);
        return;
      }
      case 'RECONCILE_TASKS':
        return this.reconcileTasks(msg.framework_id, msg.task_ids, ctx);
      case 'CHECKPOINT_RESOURCES':
        // Slave::checkpointResources: written to disk before anything else can happen.
        this.checkpointed = msg.resources;
        ctx.checkpointResources(msg.resources);
        return;
      case 'STATUS_UPDATE_ACK':
        return this.acknowledged(msg.framework_id, msg.task_id.value, msg.uuid, ctx);
      case 'FRAMEWORK_TO_EXECUTOR': {
        const ex = this.executors.get(key(msg.framework_id, msg.executor_id));
        if (ex) ctx.send(ex.address, { type: 'EXECUTOR_MESSAGE', data: msg.data }, true);
        return;
      }
      case 'SHUTDOWN_FRAMEWORK':
        return this.shutdownFramework(msg.framework_id, ctx);
      case 'EXECUTOR_UPDATE':
        return this.statusUpdate(msg.framework_id, msg.status, ctx);
      case 'EXECUTOR_TO_AGENT_MESSAGE':
        if (this.registeredWith)
          ctx.send(this.registeredWith, {
            type: 'EXECUTOR_TO_FRAMEWORK',
            agent_id: this.info.id,
            framework_id: msg.framework_id,
            executor_id: msg.executor_id,
            data: msg.data,
          });
        return;
      case 'EXECUTOR_EXITED':
        return this.executorExited(msg.framework_id, msg.executor_id, msg.status, ctx);
      case 'TIMER':
        if (msg.name === 'register') {
          if (msg.token === this.registerToken && !this.registeredWith) this.register(ctx);
        } else if (msg.name === 'ping-watch') {
          this.pingWatchArmed = false;
          this.checkPings(ctx);
        } else if (msg.name === 'status-retry') {
          this.retryDue(ctx);
        }
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ registration

  /** Wakes when the master would be overdue, so a silent master is noticed. */
  private armPingWatch(ctx: Context): void {
    if (this.pingWatchArmed) return;
    this.pingWatchArmed = true;
    ctx.after(Math.max(1, this.lastPing + this.config.masterPingTimeout - ctx.now), { name: 'ping-watch' });
  }

  /**
   * No ping for DEFAULT_MASTER_PING_TIMEOUT: the agent treats its master as lost and registers again
   * (Slave::pingTimeout). If the master had marked it unreachable meanwhile, this brings its tasks back.
   */
  private checkPings(ctx: Context): void {
    if (!this.registeredWith) return;
    if (ctx.now - this.lastPing < this.config.masterPingTimeout) return this.armPingWatch(ctx);
    this.registeredWith = null;
    this.registerBackoff = this.config.registrationBackoff;
    this.scheduleRegister(ctx, this.config.registrationBackoff);
  }

  /** A registration attempt after a random delay in [0, backoff] (--registration_backoff_factor). */
  private scheduleRegister(ctx: Context, backoff: Micros): void {
    this.registerToken++;
    ctx.after(Math.round(this.rng.next() * backoff), { name: 'register', token: this.registerToken });
  }

  private register(ctx: Context): void {
    if (!this.leader) return;
    if (this.everRegistered) {
      const tasks: TaskRecord[] = [...this.tasks.values()].map((t) => ({
        task: t.info,
        framework_id: t.frameworkId,
        framework_info: t.frameworkInfo,
        state: t.state,
        role: t.role,
        executor_id: t.executorId,
      }));
      const executors: ExecutorRecord[] = [];
      for (const ex of this.executors.values())
        if (ex.info)
          executors.push({
            framework_id: ex.frameworkId,
            framework_info: ex.frameworkInfo,
            executor: ex.info,
            role: ex.role,
          });
      ctx.send(this.leader, {
        type: 'REREGISTER_AGENT',
        agent_info: this.info,
        tasks,
        executors,
        checkpointed_resources: this.checkpointed,
      });
    } else {
      ctx.send(this.leader, {
        type: 'REGISTER_AGENT',
        agent_info: this.info,
        checkpointed_resources: this.checkpointed,
      });
    }
    // Retry until the master answers, doubling up to REGISTER_RETRY_INTERVAL_MAX.
    this.registerBackoff = Math.min(this.registerBackoff * 2, this.config.registrationBackoffMax);
    this.scheduleRegister(ctx, this.registerBackoff);
  }

  /**
   * The agent process restarted (Slave::recover with --recover=reconnect). The new process reads what the
   * old one checkpointed: its agent id, and the tasks, executors and unacknowledged status updates of
   * frameworks that checkpoint. Those executors kept running and are reconnected; what belonged to other
   * frameworks died with the old process (their executors shut themselves down when the agent's link
   * broke). It then registers again with the leading master, under the same agent id.
   */
  private recover(leader: ActorId | null, ctx: Context): void {
    for (const [k, t] of [...this.tasks]) if (!t.frameworkInfo.checkpoint) this.tasks.delete(k);
    for (const [k, ex] of [...this.executors]) if (!ex.frameworkInfo.checkpoint) this.executors.delete(k);
    for (const [k, s] of [...this.streams]) {
      if (!s.checkpoint) this.streams.delete(k);
      else s.backoff = this.config.statusRetryMin;
    }
    ctx.trace({
      type: 'agent-recovered',
      agent: this.info.id,
      tasks: this.tasks.size,
      executors: this.executors.size,
    });
    this.recovering = true;
    // Timers of the old process are gone with it.
    this.pingWatchArmed = false;
    this.retryArmedAt = null;
    this.registeredWith = null;
    this.leader = leader;
    this.lastPing = ctx.now;
    this.registerBackoff = this.config.registrationBackoff;
    if (this.leader) this.scheduleRegister(ctx, this.config.registrationBackoff);
  }

  // ------------------------------------------------------------------ tasks and executors

  private runTask(
    frameworkId: string,
    frameworkInfo: FrameworkInfo,
    task: TaskInfo,
    role: string,
    ctx: Context,
  ): void {
    const k = key(frameworkId, task.task_id.value);
    if (this.tasks.has(k)) return;
    // A command task gets a command executor of its own, whose executor id is the task id (Mesos's
    // Slave::getExecutorInfo); tasks naming a custom executor share it.
    const executorId = task.executor?.executor_id?.value ?? task.task_id.value;
    this.tasks.set(k, { info: task, frameworkId, frameworkInfo, role, state: 'TASK_STAGING', executorId });
    const ek = key(frameworkId, executorId);
    const existing = this.executors.get(ek);
    if (existing) {
      ctx.send(existing.address, { type: 'EXECUTOR_LAUNCH', task, framework_id: frameworkId }, true);
      return;
    }
    const address = executorAddress(this.info.hostname, frameworkId, executorId);
    this.executors.set(ek, {
      id: executorId,
      frameworkId,
      frameworkInfo,
      address,
      info: task.executor ?? null,
      role,
    });
    let resources: Resources = Resources.EMPTY;
    try {
      if (task.executor) resources = Resources.fromJson(task.executor.resources ?? [], 'executor.resources');
    } catch {
      // The master validated them.
    }
    ctx.trace({
      type: 'executor-started',
      agent: this.info.id,
      framework: frameworkId,
      executor: executorId,
      ...(resources.isEmpty() ? {} : { resources: resources.toFlat() }),
      command: !task.executor,
    });
    ctx.spawn({
      kind: 'executor',
      id: address,
      seed: this.rng.nextU32(),
      agent: this.info.id,
      agentAddress: this.id,
      frameworkId,
      frameworkInfo,
      executorId,
      custom: task.executor ? { className: task.executor.name ?? task.executor.executor_id.value } : null,
      firstTask: task,
    });
  }

  private shutdownFramework(frameworkId: string, ctx: Context): void {
    for (const [ek, ex] of [...this.executors]) {
      if (ex.frameworkId !== frameworkId) continue;
      ctx.stop(ex.address);
      this.executors.delete(ek);
      ctx.trace({
        type: 'executor-exited',
        agent: this.info.id,
        framework: frameworkId,
        executor: ex.id,
        status: 0,
        reason: 'framework shut down',
      });
    }
    for (const [k, t] of [...this.tasks]) if (t.frameworkId === frameworkId) this.tasks.delete(k);
    for (const [k, s] of [...this.streams]) if (s.frameworkId === frameworkId) this.streams.delete(k);
  }

  /**
   * Slave::executorTerminated: the executor's unfinished tasks fail (REASON_EXECUTOR_TERMINATED), and the
   * master hears of a custom executor's exit (ExitedExecutorMessage); command executors are the agent's
   * own, so the master is not told of them.
   */
  private executorExited(frameworkId: string, executorId: string, status: number, ctx: Context): void {
    const ek = key(frameworkId, executorId);
    const ex = this.executors.get(ek);
    if (!ex) return;
    this.executors.delete(ek);
    ctx.trace({
      type: 'executor-exited',
      agent: this.info.id,
      framework: frameworkId,
      executor: executorId,
      status,
    });
    for (const t of this.tasks.values()) {
      if (t.frameworkId !== frameworkId || t.executorId !== executorId || isTerminal(t.state)) continue;
      this.statusUpdate(
        frameworkId,
        {
          task_id: t.info.task_id,
          state: 'TASK_FAILED',
          source: 'SOURCE_AGENT',
          reason: 'REASON_EXECUTOR_TERMINATED',
          message: 'Executor terminated',
          agent_id: { value: this.info.id },
          executor_id: { value: executorId },
          timestamp: toSeconds(ctx.now),
        },
        ctx,
        true,
      );
    }
    if (ex.info && this.registeredWith)
      ctx.send(this.registeredWith, {
        type: 'EXITED_EXECUTOR',
        agent_id: this.info.id,
        framework_id: frameworkId,
        executor_id: executorId,
        status,
      });
  }

  /**
   * Slave::reconcileTasks: the master asks about tasks it knows on this agent that the agent did not
   * report when it re-registered. Those the agent does not have are lost (TASK_DROPPED for partition-aware
   * frameworks), reported reliably through the status update manager.
   */
  private reconcileTasks(frameworkId: string, taskIds: string[], ctx: Context): void {
    const info =
      [...this.tasks.values(), ...this.executors.values()].find((x) => x.frameworkId === frameworkId)
        ?.frameworkInfo ?? null;
    const partitionAware = info?.capabilities.some((c) => c.type === 'PARTITION_AWARE') ?? false;
    for (const id of taskIds) {
      if (this.tasks.has(key(frameworkId, id))) continue;
      this.statusUpdate(
        frameworkId,
        {
          task_id: { value: id },
          state: partitionAware ? 'TASK_DROPPED' : 'TASK_LOST',
          source: 'SOURCE_AGENT',
          reason: 'REASON_RECONCILIATION',
          message: 'Reconciliation: task unknown to the agent',
          agent_id: { value: this.info.id },
          timestamp: toSeconds(ctx.now),
        },
        ctx,
        true,
        info?.checkpoint ?? false,
      );
    }
  }

  // ------------------------------------------------------------------ the status update manager

  /** Appends an update to its task's stream; the head is forwarded, the rest wait for acknowledgements. */
  private statusUpdate(
    frameworkId: string,
    status: TaskStatus,
    ctx: Context,
    traceHere = false,
    checkpoint?: boolean,
  ): void {
    const k = key(frameworkId, status.task_id.value);
    const task = this.tasks.get(k);
    if (task) task.state = status.state;
    if (traceHere)
      ctx.trace({
        type: 'status',
        task: status.task_id.value,
        framework: frameworkId,
        agent: this.info.id,
        state: status.state,
        ...(status.reason ? { reason: status.reason } : {}),
        ...(status.message ? { message: status.message } : {}),
        source: 'SOURCE_AGENT',
      });
    let s = this.streams.get(k);
    if (!s)
      this.streams.set(
        k,
        (s = {
          frameworkId,
          // Streams of frameworks that checkpoint are checkpointed too (TaskStatusUpdateManager).
          checkpoint: task?.frameworkInfo.checkpoint ?? checkpoint ?? false,
          pending: [],
          backoff: this.config.statusRetryMin,
          retryAt: 0,
        }),
      );
    s.pending.push({ status, uuid: `${this.info.id}-${this.nextUuid++}` });
    // Only the head is forwarded (TaskStatusUpdateManager::update); later ones wait for its acknowledgement.
    if (s.pending.length === 1) {
      s.backoff = this.config.statusRetryMin;
      this.forwardHead(k, s, ctx);
    }
  }

  private forwardHead(k: string, s: Stream, ctx: Context): void {
    const head = s.pending[0];
    if (!head) return;
    s.retryAt = ctx.now + s.backoff;
    this.armRetry(s.retryAt, ctx);
    if (!this.registeredWith) return;
    const latest = s.pending[s.pending.length - 1]!.status.state;
    ctx.send(this.registeredWith, {
      type: 'STATUS_UPDATE',
      agent_id: this.info.id,
      update: {
        framework_id: s.frameworkId,
        status: { ...head.status, uuid: head.uuid },
        ...(latest !== head.status.state ? { latest_state: latest } : {}),
      },
    });
  }

  /**
   * Unacknowledged heads are resent after 10 s, then with the interval doubling up to 10 min. One timer per
   * agent, armed at the earliest deadline, stands for all streams: most updates are acknowledged within
   * milliseconds, so a timer per update would mostly fire for nothing.
   */
  private armRetry(at: Micros, ctx: Context): void {
    if (this.retryArmedAt !== null && this.retryArmedAt <= at) return;
    this.retryArmedAt = at;
    ctx.after(at - ctx.now, { name: 'status-retry', token: at });
  }

  private retryDue(ctx: Context): void {
    this.retryArmedAt = null;
    let earliest: Micros | null = null;
    for (const [k, s] of this.streams) {
      if (s.pending.length === 0) continue;
      if (s.retryAt <= ctx.now) {
        s.backoff = Math.min(s.backoff * 2, this.config.statusRetryMax);
        this.forwardHead(k, s, ctx);
      }
      if (earliest === null || s.retryAt < earliest) earliest = s.retryAt;
    }
    if (earliest !== null) this.armRetry(earliest, ctx);
  }

  private acknowledged(frameworkId: string, taskId: string, uuid: string, ctx: Context): void {
    const k = key(frameworkId, taskId);
    const s = this.streams.get(k);
    if (!s || s.pending[0]?.uuid !== uuid) return; // A duplicate or stale acknowledgement.
    s.pending.shift();
    if (s.pending.length > 0) {
      s.backoff = this.config.statusRetryMin;
      this.forwardHead(k, s, ctx);
      return;
    }
    this.streams.delete(k);
    const task = this.tasks.get(k);
    if (task && isTerminal(task.state)) this.tasks.delete(k);
  }
}
