// A valid alternative: the executor keeps a table of work in progress, reports TASK_STARTING first, and the scheduler uses acceptOffers.
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
} from 'mesos-lab';
import { scalar } from 'mesos-lab';

export class RenderExecutor implements Executor {
  /** Work in progress, by task id; a killed task is removed, so its timer finds nothing. */
  private readonly working = new Map<string, TaskID>();

  launchTask(driver: ExecutorDriver, task: TaskInfo) {
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_STARTING' });
    this.working.set(task.task_id.value, task.task_id);
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_RUNNING' });
    driver.setTimer(Number(task.data), task.task_id.value);
  }

  timer(driver: ExecutorDriver, name: string) {
    const id = this.working.get(name);
    if (!id) return;
    this.working.delete(name);
    driver.sendFrameworkMessage(`done ${name}`);
    driver.sendStatusUpdate({ task_id: id, state: 'TASK_FINISHED' });
  }

  killTask(driver: ExecutorDriver, taskId: TaskID) {
    if (!this.working.delete(taskId.value)) return;
    driver.sendStatusUpdate({ task_id: taskId, state: 'TASK_KILLED' });
  }
}

const WORK: Record<string, number> = { 'frame-1': 2, 'frame-2': 2, 'frame-3': 2, 'frame-4': 2, preview: 8 };

export default class Renderer implements Scheduler {
  private todo = Object.keys(WORK);
  private cancelled = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const slots = Math.min(
        Math.floor(scalar(offer.resources, 'cpus') / 0.5),
        Math.floor(scalar(offer.resources, 'mem') / 256),
      );
      const ids = this.todo.splice(0, Math.max(0, slots));
      if (ids.length === 0) {
        driver.declineOffer(offer.id, { refuse_seconds: 30 });
        continue;
      }
      const task_infos: TaskInfo[] = ids.map((id) => ({
        name: id,
        task_id: { value: id },
        agent_id: offer.agent_id,
        resources: 'cpus:0.5;mem:256',
        executor: { executor_id: { value: 'renderer' }, name: 'RenderExecutor' },
        data: String(WORK[id]),
      }));
      driver.acceptOffers([offer.id], [{ type: 'LAUNCH', launch: { task_infos } }]);
    }
  }

  frameworkMessage(driver: SchedulerDriver, executorId: ExecutorID, agentId: AgentID, data: string) {
    console.info(`result from ${agentId.value}: ${data}`);
    if (this.cancelled || !data.startsWith('done frame')) return;
    this.cancelled = true;
    driver.killTask({ value: 'preview' });
  }
}
