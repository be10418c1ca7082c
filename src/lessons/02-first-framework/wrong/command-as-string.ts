// Mistake: passes the command as a bare string; TaskInfo.command is a CommandInfo object ({ value: "..." }).
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';

export default class HelloScheduler implements Scheduler {
  private launched = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (this.launched) {
        driver.declineOffer(offer.id);
        continue;
      }
      const task = {
        name: 'hello',
        task_id: { value: 'hello-1' },
        agent_id: offer.agent_id,
        resources: 'cpus:0.1;mem:32',
        command: "echo 'Hello, world!'",
      } as unknown as TaskInfo;
      driver.launchTasks([offer.id], [task]);
      this.launched = true;
    }
  }
}
