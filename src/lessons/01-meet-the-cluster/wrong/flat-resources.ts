// Mistake: reads offer.resources as if it were a flat object ({cpus: 2}) instead of a list of Resource objects.
import type { FrameworkID, Offer, Scheduler, SchedulerDriver } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  registered(driver: SchedulerDriver, frameworkId: FrameworkID) {
    console.log(`registered as ${frameworkId.value}`);
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    const first = offers[0];
    if (first) {
      const res = first.resources as unknown as Record<string, number>;
      console.log(`first offer from ${first.agent_id.value}: cpus=${res.cpus} mem=${res.mem}`);
    }
    for (const offer of offers) driver.declineOffer(offer.id);
  }
}
