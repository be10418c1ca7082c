// Mistake: right mechanics, but the prediction equalises task counts instead of dominant shares.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** B's tasks: 3 CPUs and 1 GB each. B wants more than the cluster can give it. */
const CPUS = 3;
const MEM = 1024;

export default class FrameworkB implements Scheduler {
  private launched = 0;

  registered() {
    // Fair means the same number of tasks each, as many as fit: two each.
    console.log('prediction: A=2 B=2');
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const fits = scalar(offer.resources, 'cpus') >= CPUS && scalar(offer.resources, 'mem') >= MEM;
      if (!fits) {
        // Give the rest back at once and without a filter, so that DRF can offer it again next second.
        driver.declineOffer(offer.id, { refuse_seconds: 0 });
        continue;
      }
      // One task per offer: the allocator then decides, offer by offer, who goes next (progressive filling).
      this.launched++;
      driver.launchTasks(
        [offer.id],
        [
          {
            name: `b-${this.launched}`,
            task_id: { value: `b-${this.launched}` },
            agent_id: offer.agent_id,
            resources: `cpus:${CPUS};mem:${MEM}`,
            command: { value: 'sleep 1000' },
          },
        ],
        { refuse_seconds: 0 },
      );
    }
  }
}
