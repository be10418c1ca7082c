// Mistake: suppresses when idle but never revives, so the second stage waits for offers that never come.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class PipelineScheduler implements Scheduler {
  private waiting: string[] = ['extract'];

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
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
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks);
      else driver.declineOffer(offer.id, { refuse_seconds: 30 });
    }
    if (this.waiting.length === 0) driver.suppressOffers();
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (status.task_id.value === 'extract' && status.state === 'TASK_FINISHED')
      this.waiting.push('transform-1', 'transform-2', 'transform-3');
  }
}
