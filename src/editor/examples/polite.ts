/**
 * Polite: declines with filters, and suppresses when done.
 *
 * It has six tasks to run. It uses what it needs from an offer and gives the rest back with a filter, and
 * when it needs nothing it declines with `refuse_seconds: 30`, so for half a minute the allocator offers
 * that agent's resources to the other frameworks instead of offering them back every second. Once every
 * task is launched it calls `suppressOffers()`: no more offers at all until `reviveOffers()`, which it calls
 * only if a task fails and must run again.
 *
 * Teaches: `declineOffer` with `Filters`, Mesos's 5 s default filter, `suppressOffers` and `reviveOffers`.
 */
import { scalar } from 'mesos-lab';
import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';

const TASKS = 6;
const CPUS = 0.5;
const MEM = 128;
/** How long to refuse resources we do not need: long enough for others to be offered them. */
const REFUSE = { refuse_seconds: 30 };

export default class Polite implements Scheduler {
  /** Task numbers still to launch (a failed task goes back in). */
  private pending: number[] = Array.from({ length: TASKS }, (_, i) => i + 1);
  private suppressed = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (this.pending.length > 0 && cpus >= CPUS && mem >= MEM) {
        const n = this.pending.shift()!;
        tasks.push({
          name: `polite-${n}`,
          task_id: { value: `polite-${n}` },
          agent_id: offer.agent_id,
          resources: `cpus:${CPUS};mem:${MEM}`,
          command: { value: `sleep 5 && echo 'task ${n} done'` },
        });
        cpus -= CPUS;
        mem -= MEM;
      }
      if (tasks.length > 0)
        driver.launchTasks([offer.id], tasks, REFUSE); // the unused rest: refused 30 s
      else driver.declineOffer(offer.id, REFUSE);
    }
    if (this.pending.length === 0 && !this.suppressed) {
      driver.suppressOffers();
      this.suppressed = true;
      console.log('every task launched: suppressing offers');
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    const failed =
      status.state === 'TASK_FAILED' || status.state === 'TASK_LOST' || status.state === 'TASK_ERROR';
    if (!failed) return;
    const n = Number(status.task_id.value.replace('polite-', ''));
    this.pending.push(n);
    console.log(`${status.task_id.value} ${status.state}: reviving offers to run it again`);
    if (this.suppressed) {
      driver.reviveOffers();
      this.suppressed = false;
    }
  }
}
