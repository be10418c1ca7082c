import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

interface Work {
  id: string;
  command: string;
}

export default class PipelineScheduler implements Scheduler {
  /** Stage 1 is ready at once; stage 2 becomes ready when extract has finished. */
  private waiting: Work[] = [{ id: 'extract', command: 'sleep 12' }];
  private suppressed = false;
  private extracted = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (this.waiting.length > 0 && cpus >= 1 && mem >= 1024) {
        const work = this.waiting.shift()!;
        tasks.push({
          name: work.id,
          task_id: { value: work.id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: work.command },
        });
        cpus -= 1;
        mem -= 1024;
      }
      // Resources we cannot use go back with a filter, so they are not offered to us again at once.
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 30 });
      else driver.declineOffer(offer.id, { refuse_seconds: 30 });
    }
    // Nothing left to launch: stop the offers altogether rather than declining them forever.
    if (this.waiting.length === 0 && !this.suppressed) {
      driver.suppressOffers();
      this.suppressed = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    // An update can arrive twice (the agent resends it until it is acknowledged): stage 2 is queued once.
    if (status.task_id.value === 'extract' && status.state === 'TASK_FINISHED' && !this.extracted) {
      this.extracted = true;
      for (const part of [1, 2, 3]) this.waiting.push({ id: `transform-${part}`, command: 'sleep 3' });
      // New work: ask for offers again. Reviving also clears the filters of earlier declines.
      driver.reviveOffers();
      this.suppressed = false;
    }
  }
}
