// Mistake: suppresses and revives, but declines with refuse_seconds 0, which is no filter at all.
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class PipelineScheduler implements Scheduler {
  private todo: [string, string][] = [['extract', 'sleep 12']];
  private quiet = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const room = Math.min(
        Math.floor(scalar(offer.resources, 'cpus')),
        Math.floor(scalar(offer.resources, 'mem') / 1024),
      );
      const take = this.todo.splice(0, room);
      if (take.length === 0) {
        driver.declineOffer(offer.id, { refuse_seconds: 0 });
        continue;
      }
      driver.launchTasks(
        [offer.id],
        take.map(([id, command]) => ({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: command },
        })),
        { refuse_seconds: 0 },
      );
    }
    if (this.todo.length === 0 && !this.quiet) {
      driver.suppressOffers();
      this.quiet = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (status.task_id.value === 'extract' && status.state === 'TASK_FINISHED') {
      this.todo.push(['transform-1', 'sleep 3'], ['transform-2', 'sleep 3'], ['transform-3', 'sleep 3']);
      driver.reviveOffers();
      this.quiet = false;
    }
  }
}
