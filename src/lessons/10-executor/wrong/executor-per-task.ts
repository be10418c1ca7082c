// Mistake: gives every task its own executor id, so each task starts a separate executor.
import type {
  AgentID,
  Executor,
  ExecutorDriver,
  ExecutorID,
  Offer,
  Scheduler,
  SchedulerDriver,
  TaskID,
  TaskInfo,
  TaskStatus,
} from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** Four frames of two seconds each, and a long preview that is cancelled once the first frame is in. */
const JOBS: [string, number][] = [
  ['frame-1', 2],
  ['frame-2', 2],
  ['frame-3', 2],
  ['frame-4', 2],
  ['preview', 8],
];

/**
 * The executor: one instance per agent runs every task of this framework there. It reports each task's
 * states itself, and sends the result of a frame back to the scheduler as a framework message.
 */
export class RenderExecutor implements Executor {
  private readonly killed = new Set<string>();

  launchTask(driver: ExecutorDriver, task: TaskInfo) {
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_RUNNING' });
    // The work itself takes `data` seconds of virtual time; the timer's name says which task it was.
    driver.setTimer(Number(task.data ?? '1'), task.task_id.value);
  }

  timer(driver: ExecutorDriver, name: string) {
    if (this.killed.has(name)) return;
    driver.sendFrameworkMessage(`done ${name}`);
    driver.sendStatusUpdate({ task_id: { value: name }, state: 'TASK_FINISHED' });
  }

  killTask(driver: ExecutorDriver, taskId: TaskID) {
    this.killed.add(taskId.value);
    driver.sendStatusUpdate({ task_id: taskId, state: 'TASK_KILLED', message: 'cancelled by the scheduler' });
  }
}

export default class RenderScheduler implements Scheduler {
  private waiting = [...JOBS];
  private results: string[] = [];
  private previewKilled = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (this.waiting.length > 0 && cpus >= 0.5 && mem >= 256) {
        const [id, seconds] = this.waiting.shift()!;
        tasks.push({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:0.5;mem:256',
          executor: { executor_id: { value: `renderer-${id}` }, name: 'RenderExecutor' },
          data: String(seconds),
        });
        cpus -= 0.5;
        mem -= 256;
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks);
      else driver.declineOffer(offer.id, { refuse_seconds: 30 });
    }
  }

  frameworkMessage(driver: SchedulerDriver, executorId: ExecutorID, agentId: AgentID, data: string) {
    this.results.push(data);
    console.log(`${executorId.value} on ${agentId.value}: ${data}`);
    if (!this.previewKilled) {
      // The first frame is in: the preview is no longer needed.
      this.previewKilled = true;
      driver.killTask({ value: 'preview' });
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`${status.task_id.value}: ${status.state}`);
  }
}
