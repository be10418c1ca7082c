// Mistake: packs by cpus alone and forgets memory, so on the 3-cpu, 2 GB agent the third task does not fit.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class PackingScheduler implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      const tasks: TaskInfo[] = [];
      while (this.launched < 12 && cpus >= 1) {
        this.launched++;
        cpus -= 1;
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
