// Mistake: launches the greeting on the first offer of the list and never answers the other offers in it.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private launched = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    if (this.launched) {
      for (const offer of offers) driver.declineOffer(offer.id);
      return;
    }
    const offer = offers[0]!;
    this.launched = true;
    driver.launchTasks(
      [offer.id],
      [
        {
          name: 'hello',
          task_id: { value: 'hello-1' },
          agent_id: offer.agent_id,
          resources: 'cpus:0.1;mem:32',
          command: { value: "echo 'Hello, world!'" },
        },
      ],
    );
  }
}
