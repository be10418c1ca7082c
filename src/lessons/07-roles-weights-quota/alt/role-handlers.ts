// A valid alternative: one handler per role, and prod suppressed from inside its handler.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

type Handler = (driver: SchedulerDriver, offer: Offer) => TaskInfo | null;

const taskOn = (offer: Offer, id: string): TaskInfo => ({
  name: id,
  task_id: { value: id },
  agent_id: offer.agent_id,
  resources: [
    { name: 'cpus', type: 'SCALAR', scalar: { value: 1 } },
    { name: 'mem', type: 'SCALAR', scalar: { value: 1024 } },
  ],
  command: { value: 'sleep 1000' },
});

export default class RoleAware implements Scheduler {
  private readonly launched: Record<string, number> = { api: 0, batch: 0 };

  private readonly handlers: Record<string, Handler> = {
    prod: (driver, offer) => {
      if (this.launched.api! >= 2) return null;
      const task = taskOn(offer, `api-${++this.launched.api!}`);
      if (this.launched.api === 2) driver.suppressOffers(['prod']);
      return task;
    },
    batch: (_driver, offer) => taskOn(offer, `batch-${++this.launched.batch!}`),
  };

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const big = scalar(offer.resources, 'cpus') >= 1 && scalar(offer.resources, 'mem') >= 1024;
      const task = big ? (this.handlers[offer.allocation_info.role]?.(driver, offer) ?? null) : null;
      if (task) driver.launchTasks(offer.id, [task], { refuse_seconds: 0 });
      else driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
  }
}
