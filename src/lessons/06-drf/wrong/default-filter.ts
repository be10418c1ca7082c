// Mistake: launches one task per offer but declines the rest with the default 5 s filter, so B sits out rounds.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class FrameworkB implements Scheduler {
  private launched = 0;

  registered() {
    console.log('prediction: A=3 B=2');
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (scalar(offer.resources, 'cpus') < 3 || scalar(offer.resources, 'mem') < 1024) {
        driver.declineOffer(offer.id);
        continue;
      }
      this.launched++;
      driver.launchTasks(
        [offer.id],
        [
          {
            name: `b-${this.launched}`,
            task_id: { value: `b-${this.launched}` },
            agent_id: offer.agent_id,
            resources: 'cpus:3;mem:1024',
            command: { value: 'sleep 1000' },
          },
        ],
      );
    }
  }
}
