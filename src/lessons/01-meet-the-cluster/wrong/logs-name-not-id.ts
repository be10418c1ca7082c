// Mistake: logs a greeting with the framework's name instead of the id the master gave it in registered().
import type { FrameworkID, MasterInfo, Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private described = false;

  registered(driver: SchedulerDriver, frameworkId: FrameworkID, masterInfo: MasterInfo) {
    console.log(`hello: registered with master ${masterInfo.id}`);
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (!this.described) {
        this.described = true;
        console.log(
          `${offer.agent_id.value}: cpus ${scalar(offer.resources, 'cpus')}, mem ${scalar(offer.resources, 'mem')}`,
        );
      }
      driver.declineOffer(offer.id);
    }
  }
}
