import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      // TODO: launch one task (only one, ever) that runs: echo 'Hello, world!'
      //   It needs a task_id, the offer's agent_id, resources (cpus and mem) that fit in the offer,
      //   and command: { value: "..." }. Decline every offer you do not use.
      driver.declineOffer(offer.id);
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`task ${status.task_id.value} is now ${status.state}`);
  }
}
