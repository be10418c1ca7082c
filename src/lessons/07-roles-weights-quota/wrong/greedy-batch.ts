// Mistake: packs every batch offer full, so batch takes more than its weighted share from research.
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
      const tasks: TaskInfo[] = [];
      if (fits && role === 'prod' && this.api < API_INSTANCES)
        tasks.push(this.task(offer, `api-${++this.api}`));
      else if (role === 'batch') {
        let cpus = scalar(offer.resources, 'cpus');
        let mem = scalar(offer.resources, 'mem');
        while (cpus >= 1 && mem >= 1024) {
          tasks.push(this.task(offer, `batch-${++this.batch}`));
          cpus -= 1;
          mem -= 1024;
        }
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 0 });
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
