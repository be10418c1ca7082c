import type {
  AgentID,
  Executor,
  ExecutorDriver,
  ExecutorID,
  Offer,
  Scheduler,
  SchedulerDriver,
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
  launchTask(driver: ExecutorDriver, task: TaskInfo) {
    // TODO: report TASK_RUNNING, do the work (task.data seconds: driver.setTimer), and when the timer
    // fires, send the result with driver.sendFrameworkMessage and report TASK_FINISHED.
    // TODO: also implement killTask(driver, taskId): answer with TASK_KILLED.
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_FINISHED' });
  }
}

export default class RenderScheduler implements Scheduler {
  private waiting = [...JOBS];
  private results: string[] = [];

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
          // TODO: run it in RenderExecutor instead:
          //   executor: { executor_id: { value: 'renderer' }, name: 'RenderExecutor' }, data: String(seconds)
          command: { value: `sleep ${seconds}` },
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
    // TODO: once the first result is in, kill the preview (driver.killTask).
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`${status.task_id.value}: ${status.state}`);
  }
}
