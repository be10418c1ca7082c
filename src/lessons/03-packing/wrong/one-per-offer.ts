// Mistake: launches one task per offer and wastes the rest of each offer, so the job takes far longer.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class PackingScheduler implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (
        this.launched < 12 &&
        scalar(offer.resources, 'cpus') >= 1 &&
        scalar(offer.resources, 'mem') >= 1024
      ) {
        this.launched++;
        driver.launchTasks(
          [offer.id],
          [
            {
              name: `task ${this.launched}`,
              task_id: { value: `t${this.launched}` },
              agent_id: offer.agent_id,
              resources: 'cpus:1;mem:1024',
              command: { value: 'sleep 10' },
            },
          ],
        );
      } else driver.declineOffer(offer.id);
    }
  }
}
