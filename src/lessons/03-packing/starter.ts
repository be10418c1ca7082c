import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** The job: twelve tasks, each needing 1 cpu and 1024 MB, each sleeping 10 seconds. */
const TOTAL = 12;
const CPUS = 1;
const MEM = 1024;

export default class PackingScheduler implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const tasks: TaskInfo[] = [];
      // TODO: add as many tasks as fit in this offer, without asking for more cpus or mem than it holds.
      if (this.launched < TOTAL && scalar(offer.resources, 'cpus') >= CPUS) {
        tasks.push(this.task(offer));
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks);
      else driver.declineOffer(offer.id);
    }
  }

  private task(offer: Offer): TaskInfo {
    this.launched++;
    return {
      name: `job task ${this.launched}`,
      task_id: { value: `t${this.launched}` },
      agent_id: offer.agent_id,
      resources: `cpus:${CPUS};mem:${MEM}`,
      command: { value: 'sleep 10' },
    };
  }
}
