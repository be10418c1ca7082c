// Mistake: suppresses and revives, but keeps the offers it cannot use yet "for the second stage" instead of declining them.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class PipelineScheduler implements Scheduler {
  private waiting: string[] = ['extract'];
  private kept: Offer[] = [];
  private quiet = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    this.kept.push(...offers);
    this.launchOnKept(driver);
    if (this.waiting.length === 0 && !this.quiet) {
      driver.suppressOffers();
      this.quiet = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (status.task_id.value === 'extract' && status.state === 'TASK_FINISHED') {
      this.waiting.push('transform-1', 'transform-2', 'transform-3');
      this.launchOnKept(driver);
      if (this.waiting.length > 0) {
        driver.reviveOffers();
        this.quiet = false;
      }
    }
  }

  offerRescinded(driver: SchedulerDriver, offerId: { value: string }) {
    this.kept = this.kept.filter((o) => o.id.value !== offerId.value);
  }

  private launchOnKept(driver: SchedulerDriver) {
    const still: Offer[] = [];
    for (const offer of this.kept) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (this.waiting.length > 0 && cpus >= 1 && mem >= 1024) {
        const id = this.waiting.shift()!;
        tasks.push({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: id === 'extract' ? 'sleep 12' : 'sleep 3' },
        });
        cpus -= 1;
        mem -= 1024;
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 30 });
      else still.push(offer);
    }
    this.kept = still;
  }
}
