/**
 * Your framework's scheduler. The master's allocator offers it resources; it answers each offer by
 * launching tasks on it or declining it. Press Run (Ctrl+Enter) to add it to the live cluster, in the role
 * chosen above; press Run again after a change to fail over to the new code under the same framework id.
 * Hover over any name to read what it means in Mesos.
 */
import { scalar } from 'mesos-lab';
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';

export default class MyScheduler implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const cpus = scalar(offer.resources, 'cpus');
      const mem = scalar(offer.resources, 'mem');
      if (this.launched === 0 && cpus >= 0.1 && mem >= 32) {
        this.launched++;
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
      } else {
        driver.declineOffer(offer.id, { refuse_seconds: 30 });
      }
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`task ${status.task_id.value} is now ${status.state}`);
  }
}
