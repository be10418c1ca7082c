// Mistake: says which agent was lost from statusUpdate, when a TASK_LOST arrives, and has no agentLost callback.
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
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

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const agent = offer.agent_id.value;
      const busy = [...this.live.values()].includes(agent);
      const fits = scalar(offer.resources, 'cpus') >= 1 && scalar(offer.resources, 'mem') >= 512;
      // One instance per agent, so that losing an agent loses at most one instance.
      if (this.live.size < INSTANCES && !busy && fits) {
        const id = `web-${++this.next}`;
        this.live.set(id, agent);
        driver.launchTasks(
          [offer.id],
          [
            {
              name: id,
              task_id: { value: id },
              agent_id: offer.agent_id,
              resources: 'cpus:1;mem:512',
              command: { value: 'sleep 1000' },
            },
          ],
          { refuse_seconds: 5 },
        );
      } else driver.declineOffer(offer.id, { refuse_seconds: 5 });
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (status.state === 'TASK_LOST') console.log(`agent ${status.agent_id?.value} was lost`);
    // A lost instance is gone: forget it, and a new one will be launched on the next suitable offer.
    if (ENDED.has(status.state)) this.live.delete(status.task_id.value);
  }
}
