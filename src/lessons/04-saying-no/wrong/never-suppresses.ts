// Mistake: declines with a long filter but never suppresses, so offers keep coming while it has nothing to run.
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
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 30 });
      else driver.declineOffer(offer.id, { refuse_seconds: 30 });
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (status.task_id.value === 'extract' && status.state === 'TASK_FINISHED') {
      this.waiting.push('transform-1', 'transform-2', 'transform-3');
      // New work: clear the long filters so that offers come again at once.
      driver.reviveOffers();
    }
  }
}
