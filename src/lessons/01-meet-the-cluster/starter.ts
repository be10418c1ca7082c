import type { FrameworkID, MasterInfo, Offer, Scheduler, SchedulerDriver } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  registered(driver: SchedulerDriver, frameworkId: FrameworkID, masterInfo: MasterInfo) {
    console.log(`connected to master ${masterInfo.hostname}`);
    // TODO 1: log the framework id the master gave you (frameworkId.value).
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    console.log(`received ${offers.length} offer(s)`);
    // TODO 2: log the first offer: its agent, its cpus and its mem. The helper
    //   import { scalar } from 'mesos-lab';   scalar(offer.resources, 'cpus')
    // adds up a resource by name.
    // TODO 3: you have nothing to run yet, so decline every offer.
  }
}
