// Mistake: launches a greeting on every offer it gets, so the cluster prints "Hello, world!" over and over.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private next = 1;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      driver.launchTasks(
        [offer.id],
        [
          {
            name: 'hello',
            task_id: { value: `hello-${this.next++}` },
            agent_id: offer.agent_id,
            resources: 'cpus:0.1;mem:32',
            command: { value: "echo 'Hello, world!'" },
          },
        ],
      );
    }
  }
}
