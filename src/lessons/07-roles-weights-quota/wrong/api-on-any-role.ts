// Mistake: launches the api on the first offer with room, whatever its role, so an instance may run on batch instead of prod.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

const API_INSTANCES = 2;

export default class TwoRoleScheduler implements Scheduler {
  private api = 0;
  private batch = 0;
  private prodSuppressed = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const role = offer.allocation_info.role;
      const fits = scalar(offer.resources, 'cpus') >= 1 && scalar(offer.resources, 'mem') >= 1024;
      let task: TaskInfo | null = null;
      if (fits && this.api < API_INSTANCES) task = this.task(offer, `api-${++this.api}`);
      else if (fits && role === 'batch') task = this.task(offer, `batch-${++this.batch}`);
      // One task per offer and no filter on the rest: weighted DRF decides, offer by offer, who goes next.
      if (task) driver.launchTasks([offer.id], [task], { refuse_seconds: 0 });
      else driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
    // The api runs: stop offers for prod, so its quota headroom and fair share are not offered to us in vain.
    if (this.api === API_INSTANCES && !this.prodSuppressed) {
      driver.suppressOffers(['prod']);
      this.prodSuppressed = true;
    }
  }

  private task(offer: Offer, id: string): TaskInfo {
    return {
      name: id,
      task_id: { value: id },
      agent_id: offer.agent_id,
      resources: 'cpus:1;mem:1024',
      command: { value: 'sleep 1000' },
    };
  }
}
