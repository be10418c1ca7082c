// Mistake: checks each task against the whole offer instead of what is left of it, so it over-commits.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class PackingScheduler implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const tasks: TaskInfo[] = [];
      const fits = scalar(offer.resources, 'cpus') >= 1 && scalar(offer.resources, 'mem') >= 1024;
      while (this.launched < 12 && fits && tasks.length < 4) {
        this.launched++;
        tasks.push({
          name: `task ${this.launched}`,
          task_id: { value: `t${this.launched}` },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: 'sleep 10' },
        });
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks);
      else driver.declineOffer(offer.id);
    }
  }
}
