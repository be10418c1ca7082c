import type { FrameworkID, Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** The service: three instances, each needing a whole one-cpu agent. */
const INSTANCES = ['web1', 'web2', 'web3'];
type State = 'waiting' | 'running';

interface Instance {
  name: string;
  state: State;
  /** Attempts made so far; the task id of attempt N is `NAME.N`. */
  attempt: number;
  taskId: string | null;
}

const ENDED = new Set([
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_LOST',
  'TASK_ERROR',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_UNKNOWN',
]);

export default class WebScheduler implements Scheduler {
  private instances: Instance[] = INSTANCES.map((name) => ({
    name,
    state: 'waiting',
    attempt: 0,
    taskId: null,
  }));
  registered(driver: SchedulerDriver, frameworkId: FrameworkID) {
    console.log(`registered as ${frameworkId.value}`);
    // TODO: this process may be a new one taking over a framework whose tasks still run. Ask the master
    // which of your tasks run (driver.reconcileTasks([])), and launch nothing until it has answered.
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const next = this.instances.find((i) => i.state === 'waiting');
      const room = scalar(offer.resources, 'cpus') >= 1 && scalar(offer.resources, 'mem') >= 1024;
      if (!next || !room) {
        driver.declineOffer(offer.id, { refuse_seconds: 1 });
        continue;
      }
      next.attempt++;
      next.state = 'running';
      next.taskId = `${next.name}.${next.attempt}`;
      driver.launchTasks(
        [offer.id],
        [
          {
            name: next.name,
            task_id: { value: next.taskId },
            agent_id: offer.agent_id,
            resources: 'cpus:1;mem:1024',
            command: { value: 'sleep 1000' },
          },
        ],
      );
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    const id = status.task_id.value;
    const instance = this.instances.find((i) => i.taskId === id);
    if (!instance) return;
    console.log(`${id}: ${status.state}${status.reason ? ` (${status.reason})` : ''}`);
    if (ENDED.has(status.state)) instance.state = 'waiting';
    // TODO: a task this process did not launch (the old process did) is not in the table yet.
  }
}
