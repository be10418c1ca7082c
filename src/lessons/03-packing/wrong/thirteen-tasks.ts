// Mistake: counts with <= instead of <, so the job of twelve tasks launches a thirteenth.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

const TOTAL = 12;

export default class PackingScheduler implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (this.launched <= TOTAL && cpus >= 1 && mem >= 1024) {
        this.launched++;
        tasks.push({
          name: `task ${this.launched}`,
          task_id: { value: `t${this.launched}` },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: 'sleep 10' },
        });
        cpus -= 1;
        mem -= 1024;
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks);
      else driver.declineOffer(offer.id);
    }
  }
}
