// Mistake: assumes the first offer always comes from agent1; the allocator visits agents in random order.
import type { FrameworkID, Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private seen = false;

  registered(driver: SchedulerDriver, frameworkId: FrameworkID) {
    console.log(`registered as ${frameworkId.value}`);
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (!this.seen && offer.agent_id.value === 'agent1') {
        this.seen = true;
        console.log(
          `first offer from agent1: cpus=${scalar(offer.resources, 'cpus')} mem=${scalar(offer.resources, 'mem')}`,
        );
      }
      driver.declineOffer(offer.id);
    }
  }
}
