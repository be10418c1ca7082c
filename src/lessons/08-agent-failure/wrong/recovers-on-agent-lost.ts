// Mistake: replaces instances only when agentLost arrives; an instance lost without one (a rebooted machine) is never replaced.
import type { AgentID, Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
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
    console.log(`${status.task_id.value} on ${status.agent_id?.value}: ${status.state}`);
    // TASK_LOST is handled in agentLost, which says which agent went away.
    if (ENDED.has(status.state) && status.state !== 'TASK_LOST') this.live.delete(status.task_id.value);
  }

  agentLost(driver: SchedulerDriver, agentId: AgentID) {
    console.log(`agent ${agentId.value} was lost`);
    // Every instance on that agent is gone: forget them, so that they are replaced.
    for (const [id, agent] of [...this.live]) if (agent === agentId.value) this.live.delete(id);
  }
}
