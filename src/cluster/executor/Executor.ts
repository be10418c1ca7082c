/**
 * The built-in command executor. As in Mesos, each command task gets one of its own (its executor id is the
 * task id): it runs the task's command in the small shell, reports TASK_STARTING, TASK_RUNNING and then
 * TASK_FINISHED or TASK_FAILED, keeps the task's stdout and stderr, and exits once the task has ended.
 */
import type { Actor, Context } from '../actor';
import type { ActorId, Message } from '../protocol';
import type { TaskInfo, TaskState, TaskStatus, TaskStatusReason } from '../scheduler/api';
import { SECOND, toSeconds } from '../time';
import { exitWithAgent } from './exitWithAgent';
import { runShell, type ShellStep } from './shell';

interface RunningTask {
  info: TaskInfo;
  steps: Generator<ShellStep, void, void>;
  token: number;
  done: boolean;
  stdout: string;
  stderr: string;
}

export class CommandExecutor implements Actor {
  private readonly tasks = new Map<string, RunningTask>();
  private token = 0;
  private exited = false;

  constructor(
    readonly id: ActorId,
    private readonly agent: string,
    private readonly agentAddress: ActorId,
    private readonly frameworkId: string,
    private readonly executorId: string,
    private readonly firstTask: TaskInfo,
    /** FrameworkInfo.checkpoint: whether this executor waits for a restarted agent to reconnect. */
    private readonly checkpoint: boolean,
  ) {}

  /** What a task printed so far. */
  output(taskId: string): { stdout: string; stderr: string } | undefined {
    const t = this.tasks.get(taskId);
    return t && { stdout: t.stdout, stderr: t.stderr };
  }

  receive(msg: Message, ctx: Context): void {
    if (this.exited) return;
    switch (msg.type) {
      case 'START':
        return this.launch(this.firstTask, ctx);
      case 'EXECUTOR_LAUNCH':
        return this.launch(msg.task, ctx);
      case 'EXECUTOR_KILL': {
        const t = this.tasks.get(msg.task_id.value);
        if (t && !t.done) this.finish(t, 'TASK_KILLED', ctx, 'Task killed by the framework');
        return;
      }
      case 'EXECUTOR_SHUTDOWN':
        for (const t of this.tasks.values())
          if (!t.done) this.finish(t, 'TASK_KILLED', ctx, 'Executor shut down');
        return;
      case 'AGENT_EXITED': {
        // ExecutorProcess::exited: shut down, unless the framework checkpoints.
        const ids = {
          id: this.id,
          agent: this.agent,
          framework: this.frameworkId,
          executor: this.executorId,
        };
        if (exitWithAgent(ids, this.checkpoint, ctx)) this.exited = true;
        return;
      }
      case 'TIMER':
        if (msg.name === 'step') {
          const t = this.tasks.get(msg.key!);
          if (t && !t.done && t.token === msg.token) this.advance(t, ctx);
        }
        return;
      default:
        return;
    }
  }

  private launch(info: TaskInfo, ctx: Context): void {
    const id = info.task_id.value;
    if (this.tasks.has(id)) return;
    const t: RunningTask = {
      info,
      steps: runShell(info.command?.value ?? ''),
      token: ++this.token,
      done: false,
      stdout: '',
      stderr: '',
    };
    this.tasks.set(id, t);
    this.update(t, 'TASK_STARTING', ctx);
    this.update(t, 'TASK_RUNNING', ctx);
    this.advance(t, ctx);
  }

  /** Runs shell steps until the next sleep or the end. */
  private advance(t: RunningTask, ctx: Context): void {
    for (;;) {
      const step = t.steps.next();
      if (step.done) return this.finish(t, 'TASK_FINISHED', ctx);
      const s = step.value;
      if (s.kind === 'output') {
        if (s.stream === 'stdout') t.stdout += s.text;
        else t.stderr += s.text;
        ctx.trace({
          type: 'output',
          task: t.info.task_id.value,
          framework: this.frameworkId,
          agent: this.agent,
          stream: s.stream,
          text: s.text,
        });
      } else if (s.kind === 'sleep') {
        if (s.seconds > 0) {
          ctx.after(Math.round(s.seconds * SECOND), {
            name: 'step',
            key: t.info.task_id.value,
            token: t.token,
          });
          return;
        }
      } else {
        return s.code === 0
          ? this.finish(t, 'TASK_FINISHED', ctx, 'Command exited with status 0')
          : this.finish(
              t,
              'TASK_FAILED',
              ctx,
              `Command exited with status ${s.code}`,
              'REASON_COMMAND_EXECUTOR_FAILED',
            );
      }
    }
  }

  private finish(
    t: RunningTask,
    state: TaskState,
    ctx: Context,
    message?: string,
    reason?: TaskStatusReason,
  ): void {
    t.done = true;
    t.token++;
    this.update(t, state, ctx, message, reason);
    // The task has ended, and with it the command executor's work: it exits.
    if ([...this.tasks.values()].every((x) => x.done)) {
      this.exited = true;
      ctx.send(
        this.agentAddress,
        {
          type: 'EXECUTOR_EXITED',
          framework_id: this.frameworkId,
          executor_id: this.executorId,
          status: 0,
        },
        true,
      );
      ctx.stop(this.id);
    }
  }

  private update(
    t: RunningTask,
    state: TaskState,
    ctx: Context,
    message?: string,
    reason?: TaskStatusReason,
  ): void {
    const status: TaskStatus = {
      task_id: t.info.task_id,
      state,
      source: 'SOURCE_EXECUTOR',
      agent_id: { value: this.agent },
      executor_id: { value: this.executorId },
      timestamp: toSeconds(ctx.now),
      ...(message !== undefined ? { message } : {}),
      ...(reason !== undefined ? { reason } : {}),
    };
    ctx.trace({
      type: 'status',
      task: t.info.task_id.value,
      framework: this.frameworkId,
      agent: this.agent,
      state,
      ...(reason !== undefined ? { reason } : {}),
      ...(message !== undefined ? { message } : {}),
      source: 'SOURCE_EXECUTOR',
    });
    ctx.send(
      this.agentAddress,
      { type: 'EXECUTOR_UPDATE', framework_id: this.frameworkId, executor_id: this.executorId, status },
      true,
    );
  }
}
