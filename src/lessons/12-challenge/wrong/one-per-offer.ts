// Mistake: launches one task per offer and declines the rest for a minute, leaving most of its share unused.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** Stage A: a-1 of 8 s and a-2 of 10 s. Stage B: 20 tasks of 4 s, ready once every stage-A task has finished. */
const STAGE_A = 2;
const STAGE_B = 20;

export default class TwoStageJob implements Scheduler {
  private waiting: { id: string; command: string }[] = [];
  private finishedA = 0;
  private suppressed = false;

  constructor() {
    for (let i = 1; i <= STAGE_A; i++) this.waiting.push({ id: `a-${i}`, command: `sleep ${6 + 2 * i}` });
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      // Pack what fits: a task placed now does not wait for the next round.
      while (this.waiting.length > 0 && cpus >= 1 && mem >= 1024 && tasks.length < 1) {
        const w = this.waiting.shift()!;
        tasks.push({
          name: w.id,
          task_id: { value: w.id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: w.command },
        });
        cpus -= 1;
        mem -= 1024;
      }
      // Leftovers go back at once, with Mesos's default filter, so the others can use them.
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 60 });
      else driver.declineOffer(offer.id, { refuse_seconds: 60 });
    }
    if (this.waiting.length === 0 && !this.suppressed) {
      driver.suppressOffers();
      this.suppressed = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    const id = status.task_id.value;
    if (status.state !== 'TASK_FINISHED' || !id.startsWith('a-')) return;
    if (++this.finishedA === STAGE_A) {
      for (let i = 1; i <= STAGE_B; i++) this.waiting.push({ id: `b-${i}`, command: 'sleep 4' });
      driver.reviveOffers();
      this.suppressed = false;
    }
  }
}
