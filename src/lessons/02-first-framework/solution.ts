import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private launched = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (this.launched) {
        driver.declineOffer(offer.id);
        continue;
      }
      const task: TaskInfo = {
        name: 'hello',
        task_id: { value: 'hello-1' },
        agent_id: offer.agent_id,
        resources: [
          { name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } },
          { name: 'mem', type: 'SCALAR', scalar: { value: 32 } },
        ],
        command: { value: "echo 'Hello, world!'" },
      };
      driver.launchTasks([offer.id], [task]);
      this.launched = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`task ${status.task_id.value} is now ${status.state}`);
  }
}
