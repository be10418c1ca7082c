// Mistake: declines nothing: offers without room for a task are kept, and their resources count in B's share.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** B's tasks: 3 CPUs and 1 GB each. B wants more than the cluster can give it. */
const CPUS = 3;
const MEM = 1024;

export default class FrameworkB implements Scheduler {
  private launched = 0;

  registered() {
    // Prediction, by progressive filling: A's dominant resource is memory (4/18 per task), B's is CPU
    // (3/9 per task). Equal dominant shares with x tasks for A and y for B: 4x/18 = 3y/9, so x = 1.5y.
    // CPU runs out first: x + 3y <= 9 gives x = 3, y = 2, and both dominant shares are 2/3.
    console.log('prediction: A=3 B=2');
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const fits = scalar(offer.resources, 'cpus') >= CPUS && scalar(offer.resources, 'mem') >= MEM;
      if (!fits) continue; // Nothing to run on it now.
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
