import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** B's tasks: 3 CPUs and 1 GB each. B wants more than the cluster can give it. */
const CPUS = 3;
const MEM = 1024;

const fits = (offer: Offer): boolean =>
  scalar(offer.resources, 'cpus') >= CPUS && scalar(offer.resources, 'mem') >= MEM;

export default class FrameworkB implements Scheduler {
  registered() {
    // TODO 1: work out how many tasks A and B will each run, and log it before launching anything:
    // console.log('prediction: A=? B=?');
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (fits(offer)) {
        // TODO 2: launch one task (CPUS cpus, MEM MB, command 'sleep 1000') on this offer instead.
      }
      driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
  }
}
