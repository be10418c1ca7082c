// A valid alternative: declines with long filters and suppresses when full, then revives when an instance ends.
import type { AgentID, Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

const TERMINAL = [
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_LOST',
  'TASK_ERROR',
  'TASK_DROPPED',
  'TASK_GONE',
];

export default class Service implements Scheduler {
  private where = new Map<string, string>();
  private count = 0;
  private quiet = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const taken = new Set(this.where.values());
      const ok =
        this.where.size < 3 && !taken.has(offer.agent_id.value) && scalar(offer.resources, 'cpus') >= 1;
      if (!ok) {
        driver.declineOffer(offer.id, { refuse_seconds: 60 });
        continue;
      }
      const id = `instance-${++this.count}`;
      this.where.set(id, offer.agent_id.value);
      driver.launchTasks(offer.id, [
        {
          name: 'web',
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:0.5;mem:256',
          command: { value: 'sleep 1000' },
        },
      ]);
    }
    if (this.where.size === 3 && !this.quiet) {
      driver.suppressOffers();
      this.quiet = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (!TERMINAL.includes(status.state) || !this.where.delete(status.task_id.value)) return;
    // An instance is gone: clear our long filters and ask for offers again.
    driver.reviveOffers();
    this.quiet = false;
  }

  agentLost(driver: SchedulerDriver, agentId: AgentID) {
    console.warn(`lost agent ${agentId.value}`);
  }
}
