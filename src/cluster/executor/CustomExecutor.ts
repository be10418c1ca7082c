/**
 * An executor written by the learner: its callbacks run in a sandbox (like a scheduler's), and the driver
 * calls they make become status updates, framework messages and timers. A callback that exceeds its
 * budget kills the executor; the agent then fails its unfinished tasks, as when a real executor crashes.
 */
import type { Actor, Context } from '../actor';
import type { ActorId, FrameworkInfo, Message } from '../protocol';
import type { RecordedCall } from '../sandbox/driverMethods';
import { LogBudget } from '../sandbox/logBudget';
import { runSteps, type CallbackResult, type SandboxRuntime, type Steps } from '../sandbox/runtime';
import { executorUnresponsiveMessage } from '../sandbox/unresponsive';
import { TASK_STATES, type TaskInfo, type TaskState, type TaskStatus } from '../scheduler/api';
import { SECOND, toSeconds } from '../time';
import type { ExecutorCallback } from './api';
import { exitWithAgent } from './exitWithAgent';

/** Exit status reported when the executor is killed for hanging (as SIGKILL would give). */
export const KILLED_STATUS = 137;

export class CustomExecutor implements Actor {
  private stopped = false;
  private readonly logBudget = new LogBudget();

  constructor(
    readonly id: ActorId,
    private readonly agent: string,
    private readonly agentAddress: ActorId,
    private readonly frameworkId: string,
    private readonly frameworkInfo: FrameworkInfo,
    private readonly executorId: string,
    private readonly firstTask: TaskInfo,
    private readonly runtime: SandboxRuntime<ExecutorCallback>,
    private readonly budgetMs: number,
  ) {}

  dispose(): void {
    this.runtime.dispose?.();
  }

  /** Handles one message; a promise only when the learner's sandbox did not answer at once (see runSteps). */
  receive(msg: Message, ctx: Context): void | Promise<void> {
    if (this.stopped) return;
    return runSteps(this.handle(msg, ctx), this.runtime);
  }

  private *handle(msg: Message, ctx: Context): Steps<ExecutorCallback> {
    switch (msg.type) {
      case 'START':
        yield* this.callback(
          'registered',
          [
            { executor_id: { value: this.executorId } },
            { id: { value: this.frameworkId }, name: this.frameworkInfo.name },
            { id: this.agent, hostname: this.agent },
          ],
          ctx,
        );
        // The first task comes as a message of its own, so that every delivery runs one callback (a hang
        // then leaves the same effects on every host).
        if (!this.stopped)
          ctx.send(
            this.id,
            { type: 'EXECUTOR_LAUNCH', task: this.firstTask, framework_id: this.frameworkId },
            true,
          );
        return;
      case 'EXECUTOR_LAUNCH':
        return yield* this.callback('launchTask', [msg.task], ctx);
      case 'EXECUTOR_KILL':
        return yield* this.callback('killTask', [msg.task_id], ctx);
      case 'EXECUTOR_MESSAGE':
        return yield* this.callback('frameworkMessage', [msg.data], ctx);
      case 'EXECUTOR_SHUTDOWN':
        yield* this.callback('shutdown', [], ctx);
        if (!this.stopped) this.exit(0, ctx);
        return;
      case 'TIMER':
        if (msg.name === 'learner' && msg.key !== undefined) yield* this.callback('timer', [msg.key], ctx);
        return;
      case 'AGENT_EXITED':
        return this.agentExited(ctx);
      default:
        return;
    }
  }

  private *callback(
    name: ExecutorCallback,
    args: unknown[],
    ctx: Context,
  ): Generator<{ callback: ExecutorCallback; args: unknown[]; nowMs: number }, void, CallbackResult> {
    if (this.stopped) return;
    const result = yield { callback: name, args, nowMs: ctx.now / 1000 };
    this.logBudget.trace(result, name, ctx, this.frameworkId, `[executor ${this.executorId}@${this.agent}] `);
    if (result.error)
      ctx.trace({
        type: 'error',
        framework: this.frameworkId,
        callback: name,
        message: `executor ${this.executorId}: ${result.error.message}`,
        ...(result.error.line !== undefined ? { line: result.error.line } : {}),
      });
    if (result.timedOut) {
      ctx.trace({
        type: 'error',
        framework: this.frameworkId,
        callback: name,
        message: executorUnresponsiveMessage(this.executorId, name, this.budgetMs),
      });
      this.exit(KILLED_STATUS, ctx);
      return;
    }
    for (const call of result.calls) {
      if (this.stopped) return;
      this.perform(call, ctx);
    }
  }

  /** Carries out one recorded executor driver call, its arguments checked (they come from learner code). */
  private perform(call: RecordedCall, ctx: Context): void {
    switch (call.method) {
      case 'sendStatusUpdate':
        this.statusUpdate(call.status, ctx);
        return;
      case 'sendFrameworkMessage': {
        const data = String(call.data);
        ctx.trace({
          type: 'message',
          framework: this.frameworkId,
          agent: this.agent,
          executor: this.executorId,
          from: 'executor',
          data,
        });
        ctx.send(
          this.agentAddress,
          {
            type: 'EXECUTOR_TO_AGENT_MESSAGE',
            framework_id: this.frameworkId,
            executor_id: this.executorId,
            data,
          },
          true,
        );
        return;
      }
      case 'setTimer': {
        const s = Number(call.seconds);
        if (!Number.isFinite(s) || s < 0) {
          ctx.trace({
            type: 'error',
            framework: this.frameworkId,
            message: `executor ${this.executorId}: setTimer needs a non-negative number of seconds, got ${String(call.seconds)}`,
          });
          return;
        }
        ctx.after(Math.round(s * SECOND), { name: 'learner', key: String(call.name) });
        return;
      }
      case 'stop':
        this.exit(0, ctx);
        return;
    }
  }

  /** A status update from the learner's executor, checked and completed as the executor driver would. */
  private statusUpdate(input: unknown, ctx: Context): void {
    const raw = input as Partial<TaskStatus> | null | undefined;
    const taskId = raw?.task_id?.value;
    if (typeof taskId !== 'string' || !raw || !TASK_STATES.includes(raw.state as TaskState)) {
      ctx.trace({
        type: 'error',
        framework: this.frameworkId,
        message: `executor ${this.executorId}: sendStatusUpdate needs {task_id: {value}, state: one of TASK_STARTING, TASK_RUNNING, TASK_FINISHED, …}`,
      });
      return;
    }
    if (raw.state === 'TASK_STAGING') {
      ctx.trace({
        type: 'error',
        framework: this.frameworkId,
        message: `executor ${this.executorId}: executors must not send TASK_STAGING (the master sets it at launch)`,
      });
      return;
    }
    const status: TaskStatus = {
      task_id: { value: taskId },
      state: raw.state as TaskState,
      source: 'SOURCE_EXECUTOR',
      agent_id: { value: this.agent },
      executor_id: { value: this.executorId },
      timestamp: toSeconds(ctx.now),
      ...(typeof raw.message === 'string' ? { message: raw.message } : {}),
      ...(typeof raw.data === 'string' ? { data: raw.data } : {}),
    };
    ctx.trace({
      type: 'status',
      task: taskId,
      framework: this.frameworkId,
      agent: this.agent,
      state: status.state,
      ...(status.message !== undefined ? { message: status.message } : {}),
      source: 'SOURCE_EXECUTOR',
    });
    ctx.send(
      this.agentAddress,
      { type: 'EXECUTOR_UPDATE', framework_id: this.frameworkId, executor_id: this.executorId, status },
      true,
    );
  }

  /**
   * ExecutorProcess::exited: the agent process went away. Without checkpointing the executor shuts down at
   * once (its tasks die with it, unreported); with checkpointing it waits for the restarted agent.
   */
  private agentExited(ctx: Context): void {
    const ids = { id: this.id, agent: this.agent, framework: this.frameworkId, executor: this.executorId };
    if (exitWithAgent(ids, this.frameworkInfo.checkpoint === true, ctx)) this.stopped = true;
  }

  private exit(status: number, ctx: Context): void {
    this.stopped = true;
    ctx.send(
      this.agentAddress,
      { type: 'EXECUTOR_EXITED', framework_id: this.frameworkId, executor_id: this.executorId, status },
      true,
    );
    ctx.stop(this.id);
  }
}
