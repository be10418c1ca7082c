/**
 * The Mesos agent (MESOS.md §3.2–3.3): registers with the leading master (retrying with backoff), answers
 * pings, starts executors for tasks, and runs the task status update manager: one stream per task, only
 * the head forwarded, retried after 10 s doubling to 10 min until the scheduler acknowledges it.
 */
import type { Actor, AgentConfig, Context } from '../actor';
import {
  executorAddress,
  type ActorId,
  type AgentInfo,
  type FrameworkInfo,
  type Message,
  type TaskRecord,
} from '../protocol';
import type { Rng } from '../rng';
import { isTerminal, type TaskInfo, type TaskState, type TaskStatus } from '../scheduler/api';
import { toSeconds, type Micros } from '../time';
import { COMMAND_EXECUTOR_ID } from '../executor/Executor';

interface AgentTask {
  info: TaskInfo;
  frameworkId: string;
  frameworkInfo: FrameworkInfo;
  role: string;
  state: TaskState;
  executorId: string;
}

interface PendingUpdate {
  status: TaskStatus;
  uuid: string;
}

interface Stream {
  frameworkId: string;
  pending: PendingUpdate[];
  backoff: Micros;
  /** When the head is resent if still unacknowledged. */
  retryAt: Micros;
}

const key = (framework: string, id: string): string => `${framework}\u0000${id}`;

export class Agent implements Actor {
  private leader: ActorId | null;
  private registeredWith: ActorId | null = null;
  /** True once this agent process has registered with some master (it then re-registers). */
  private everRegistered = false;
  private registerToken = 0;
  private registerBackoff: Micros;
  private readonly tasks = new Map<string, AgentTask>();
  private readonly executors = new Map<string, { address: ActorId; frameworkId: string }>();
  private readonly streams = new Map<string, Stream>();
  private nextUuid = 1;
  private lastPing: Micros = 0;
  private pingWatchArmed = false;
  /** The one retry timer this agent has armed (its earliest deadline), or null. */
  private retryArmedAt: Micros | null = null;

  constructor(
    readonly id: ActorId,
    private readonly info: AgentInfo,
    private readonly config: AgentConfig,
    leader: ActorId | null,
    private readonly rng: Rng,
  ) {
    this.leader = leader;
    this.registerBackoff = config.registrationBackoff;
  }

  receive(msg: Message, ctx: Context): void {
    switch (msg.type) {
      case 'START':
        if (this.config.registerImmediately) this.register(ctx);
        else this.scheduleRegister(ctx, this.config.registrationBackoff);
        return;
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
      ctx.send(this.leader, { type: 'REREGISTER_AGENT', agent_info: this.info, tasks });
    } else {
      ctx.send(this.leader, { type: 'REGISTER_AGENT', agent_info: this.info });
    }
    // Retry until the master answers, doubling up to REGISTER_RETRY_INTERVAL_MAX.
    this.registerBackoff = Math.min(this.registerBackoff * 2, this.config.registrationBackoffMax);
    this.scheduleRegister(ctx, this.registerBackoff);
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
    const executorId = task.executor?.executor_id?.value ?? COMMAND_EXECUTOR_ID;
    this.tasks.set(k, { info: task, frameworkId, frameworkInfo, role, state: 'TASK_STAGING', executorId });
    const ek = key(frameworkId, executorId);
    const existing = this.executors.get(ek);
    if (existing) {
      ctx.send(existing.address, { type: 'EXECUTOR_LAUNCH', task, framework_id: frameworkId }, true);
      return;
    }
    const address = executorAddress(this.info.id, frameworkId, executorId);
    this.executors.set(ek, { address, frameworkId });
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
    }
    for (const [k, t] of [...this.tasks]) if (t.frameworkId === frameworkId) this.tasks.delete(k);
    for (const [k, s] of [...this.streams]) if (s.frameworkId === frameworkId) this.streams.delete(k);
  }

  /** An executor that exits leaves its unfinished tasks failed (REASON_EXECUTOR_TERMINATED). */
  private executorExited(frameworkId: string, executorId: string, status: number, ctx: Context): void {
    this.executors.delete(key(frameworkId, executorId));
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
    if (this.registeredWith)
      ctx.send(this.registeredWith, {
        type: 'EXITED_EXECUTOR',
        agent_id: this.info.id,
        framework_id: frameworkId,
        executor_id: executorId,
        status,
      });
  }

  // ------------------------------------------------------------------ the status update manager

  /** Appends an update to its task's stream; the head is forwarded, the rest wait for acknowledgements. */
  private statusUpdate(frameworkId: string, status: TaskStatus, ctx: Context, traceHere = false): void {
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
        (s = { frameworkId, pending: [], backoff: this.config.statusRetryMin, retryAt: 0 }),
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
