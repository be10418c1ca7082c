/**
 * The executor API a learner programs against (Mesos's `Executor` callbacks and `ExecutorDriver`
 * methods). An executor runs on an agent, is handed the tasks of its framework there, and reports their
 * states with status updates. The simulation adds `setTimer`, so that work can take virtual time.
 */
import type { TaskID, TaskInfo, TaskStatus } from '../scheduler/api';

export interface ExecutorDriver {
  /** Reports a task's state; the agent forwards it reliably (retried until acknowledged). */
  sendStatusUpdate(status: TaskStatus): void;
  /** Best-effort data to the framework's scheduler (its `frameworkMessage` callback). */
  sendFrameworkMessage(data: string): void;
  /** Calls `timer(driver, name)` after `seconds` of virtual time. */
  setTimer(seconds: number, name: string): void;
  /** The executor exits; tasks it has not finished are failed by the agent. */
  stop(): void;
}

export interface Executor {
  registered?(
    driver: ExecutorDriver,
    executorInfo: { executor_id: { value: string } },
    frameworkInfo: { id: { value: string } },
    agentInfo: { id: string; hostname: string },
  ): void;
  launchTask?(driver: ExecutorDriver, task: TaskInfo): void;
  killTask?(driver: ExecutorDriver, taskId: TaskID): void;
  frameworkMessage?(driver: ExecutorDriver, data: string): void;
  shutdown?(driver: ExecutorDriver): void;
  timer?(driver: ExecutorDriver, name: string): void;
  error?(driver: ExecutorDriver, message: string): void;
}

export type ExecutorCallback = keyof Executor;

/** The executor callbacks learner code may implement. */
export const EXECUTOR_CALLBACKS: readonly ExecutorCallback[] = [
  'registered',
  'launchTask',
  'killTask',
  'frameworkMessage',
  'shutdown',
  'timer',
  'error',
];
