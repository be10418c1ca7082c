// Mistake: relaunches a lost instance from its old TaskInfo, still pointing at the dead agent.
import type { AgentID, Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

const INSTANCES = 3;

/** States after which an instance no longer runs (TASK_LOST included). */
const ENDED = new Set([
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_LOST',
  'TASK_ERROR',
  'TASK_DROPPED',
  'TASK_GONE',
]);

export default class WebService implements Scheduler {
  /** Live instances: task id → agent id. */
  private live = new Map<string, string>();
  private next = 0;
  private infos = new Map<string, TaskInfo>();
  private toRelaunch: TaskInfo[] = [];

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const agent = offer.agent_id.value;
      const busy = [...this.live.values()].includes(agent);
      const fits = scalar(offer.resources, 'cpus') >= 1 && scalar(offer.resources, 'mem') >= 512;
      // One instance per agent, so that losing an agent loses at most one instance.
      const again = this.toRelaunch.shift();
      if (again && fits) {
        this.live.set(again.task_id.value, again.agent_id.value);
        driver.launchTasks([offer.id], [again], { refuse_seconds: 5 });
      } else if (this.live.size < INSTANCES && !busy && fits) {
        const id = `web-${++this.next}`;
        this.live.set(id, agent);
        const task: TaskInfo = {
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:512',
          command: { value: 'sleep 1000' },
        };
        this.infos.set(id, task);
        driver.launchTasks([offer.id], [task], { refuse_seconds: 5 });
      } else driver.declineOffer(offer.id, { refuse_seconds: 5 });
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`${status.task_id.value} on ${status.agent_id?.value}: ${status.state}`);
    // A lost instance is gone: forget it, and a new one will be launched on the next suitable offer.
    if (ENDED.has(status.state)) this.live.delete(status.task_id.value);
    const info = this.infos.get(status.task_id.value);
    if (status.state === 'TASK_LOST' && info) this.toRelaunch.push(info);
  }

  agentLost(driver: SchedulerDriver, agentId: AgentID) {
    // The TASK_LOST updates for its tasks have already arrived; agentLost is a hint, and it is not reliable.
    console.log(`agent ${agentId.value} was lost`);
  }
}
