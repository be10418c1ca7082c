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
      // What is left of this offer after the tasks already placed on it.
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (this.launched < TOTAL && cpus >= CPUS && mem >= MEM) {
        tasks.push(this.task(offer));
        cpus -= CPUS;
        mem -= MEM;
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
