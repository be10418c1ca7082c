// Mistake: describes the offers but never declines them, so the framework hoards the whole cluster.
import type { FrameworkID, Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  registered(driver: SchedulerDriver, frameworkId: FrameworkID) {
    console.log(`registered as ${frameworkId.value}`);
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    const first = offers[0];
    if (first)
      console.log(
        `${first.agent_id.value}: cpus=${scalar(first.resources, 'cpus')} mem=${scalar(first.resources, 'mem')}`,
      );
  }
}
