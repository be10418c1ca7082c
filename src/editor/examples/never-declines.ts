/**
 * A bad one to learn from: never declines.
 *
 * It launches its two tasks and then, for every offer it does not want, simply does nothing: no decline,
 * no suppress. Unanswered offers stay outstanding, so those resources are stuck with a framework that has
 * no use for them: the other frameworks are never offered them, and the allocator's fairness cannot help.
 * The fix is one line per case: `driver.declineOffer(offer.id, { refuse_seconds: 30 })` for offers you do
 * not need, and `driver.suppressOffers()` once you need nothing more.
 *
 * Teaches, by counter-example: an offer you ignore is an offer you keep.
 */
import { scalar } from 'mesos-lab';
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';

const TASKS = 2;

export default class NeverDeclines implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (this.launched >= TASKS || scalar(offer.resources, 'cpus') < 1) continue; // BAD: ignored, so kept
      this.launched++;
      driver.launchTasks(
        [offer.id],
        [
          {
            name: `job-${this.launched}`,
            task_id: { value: `job-${this.launched}` },
            agent_id: offer.agent_id,
            resources: 'cpus:1;mem:256',
            command: { value: 'sleep 3' },
          },
        ],
      );
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    console.log(`${status.task_id.value}: ${status.state}`);
  }
}
