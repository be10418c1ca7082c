// Mistake: counts only FINISHED, FAILED and KILLED as ended, so an instance lost with its agent is never replaced.
import type { AgentID, Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

const INSTANCES = 3;

/** States after which an instance no longer runs. */
const ENDED = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED']);

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
    console.log(`${status.task_id.value} on ${status.agent_id?.value}: ${status.state}`);
    // A lost instance is gone: forget it, and a new one will be launched on the next suitable offer.
    if (ENDED.has(status.state)) this.live.delete(status.task_id.value);
  }

  agentLost(driver: SchedulerDriver, agentId: AgentID) {
    // The TASK_LOST updates for its tasks have already arrived; agentLost is a hint, and it is not reliable.
    console.log(`agent ${agentId.value} was lost`);
  }
}
