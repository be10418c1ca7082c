// A valid alternative: acceptOffers with a LAUNCH operation, choosing the biggest offer of the first batch.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class Greeter implements Scheduler {
  private done = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    const sorted = [...offers].sort((a, b) => scalar(b.resources, 'cpus') - scalar(a.resources, 'cpus'));
    for (const offer of sorted) {
      if (this.done || scalar(offer.resources, 'cpus') < 0.5 || scalar(offer.resources, 'mem') < 64) {
        driver.declineOffer(offer.id, { refuse_seconds: 30 });
        continue;
      }
      this.done = true;
      driver.acceptOffers(
        [offer.id],
        [
          {
            type: 'LAUNCH',
            launch: {
              task_infos: [
                {
                  name: 'greeting',
                  task_id: { value: 'greeting' },
                  agent_id: offer.agent_id,
                  resources: 'cpus:0.5;mem:64',
                  command: { value: 'echo "Hello, world!"' },
                },
              ],
            },
          },
        ],
      );
    }
  }
}
