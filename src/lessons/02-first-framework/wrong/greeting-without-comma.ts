// Mistake: the command prints "Hello world", not the greeting the lesson asks for ("Hello, world!").
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';

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
            resources: 'cpus:0.1;mem:32',
            command: { value: 'echo Hello world' },
          },
        ],
      );
      this.launched = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`task ${status.task_id.value} is now ${status.state}`);
  }
}
