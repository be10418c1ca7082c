// Mistake: asks for a fixed 2 cpus and 2048 MB without looking at the offer, which may be the smaller agent.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private launched = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (this.launched) {
        driver.declineOffer(offer.id);
        continue;
      }
      driver.launchTasks(
        [offer.id],
        [
          {
            name: 'hello',
            task_id: { value: 'hello-1' },
            agent_id: offer.agent_id,
            resources: 'cpus:2;mem:2048',
            command: { value: "echo 'Hello, world!'" },
          },
        ],
      );
      this.launched = true;
    }
  }
}
