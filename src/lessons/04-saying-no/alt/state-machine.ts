// A valid alternative: a small state machine that suppresses and revives from one place, with default filters.
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

type Want = 'offers' | 'nothing';

export default class Pipeline implements Scheduler {
  private ready: [string, number][] = [['extract', 12]];
  private state: Want = 'offers';
  private extracted = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const room = Math.min(
        scalar(offer.resources, 'cpus'),
        Math.floor(scalar(offer.resources, 'mem') / 1024),
      );
      const batch = this.ready.splice(0, Math.max(0, Math.floor(room)));
      if (batch.length === 0) driver.declineOffer(offer.id);
      else
        driver.launchTasks(
          offer.id,
          batch.map(([id, seconds]) => ({
            name: id,
            task_id: { value: id },
            agent_id: offer.agent_id,
            resources: 'cpus:1;mem:1024',
            command: { value: `sleep ${seconds}` },
          })),
        );
    }
    this.settle(driver);
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    // A duplicate of the update (resent until acknowledged) must not queue stage 2 again.
    if (status.state === 'TASK_FINISHED' && status.task_id.value === 'extract' && !this.extracted) {
      this.extracted = true;
      this.ready.push(['transform-1', 3], ['transform-2', 3], ['transform-3', 3]);
    }
    this.settle(driver);
  }

  /** Asks for offers exactly when there is something to launch. */
  private settle(driver: SchedulerDriver) {
    const want: Want = this.ready.length > 0 ? 'offers' : 'nothing';
    if (want === this.state) return;
    if (want === 'offers') driver.reviveOffers();
    else driver.suppressOffers();
    this.state = want;
  }
}
