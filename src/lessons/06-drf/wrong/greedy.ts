// Mistake: packs as many tasks as fit into the first offer, grabbing the whole cluster before DRF can share it.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class FrameworkB implements Scheduler {
  private launched = 0;

  registered() {
    console.log('prediction: A=3 B=2');
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (cpus >= 3 && mem >= 1024) {
        this.launched++;
        tasks.push({
          name: `b-${this.launched}`,
          task_id: { value: `b-${this.launched}` },
          agent_id: offer.agent_id,
          resources: 'cpus:3;mem:1024',
          command: { value: 'sleep 1000' },
        });
        cpus -= 3;
        mem -= 1024;
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 0 });
      else driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
  }
}
