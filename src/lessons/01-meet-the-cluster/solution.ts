import type { FrameworkID, MasterInfo, Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private described = false;

  registered(driver: SchedulerDriver, frameworkId: FrameworkID, masterInfo: MasterInfo) {
    console.log(`registered as framework ${frameworkId.value} with master ${masterInfo.hostname}`);
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (!this.described) {
        this.described = true;
        const cpus = scalar(offer.resources, 'cpus');
        const mem = scalar(offer.resources, 'mem');
        console.log(`offer ${offer.id.value} from ${offer.agent_id.value}: cpus=${cpus} mem=${mem}`);
      }
      // Nothing to run: give the resources back so that they count against nobody.
      driver.declineOffer(offer.id);
    }
  }
}
