import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

const API_INSTANCES = 2;

export default class TwoRoleScheduler implements Scheduler {
  private api = 0;
  private batch = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const fits = scalar(offer.resources, 'cpus') >= 1 && scalar(offer.resources, 'mem') >= 1024;
      // TODO: which role is this offer for? offer.allocation_info.role is 'prod' or 'batch'.
      //   prod offers: api instances only (API_INSTANCES of them); batch offers: one batch task each.
      //   When the api is fully launched, suppress the prod role.
      let task: TaskInfo | null = null;
      if (fits && this.api < API_INSTANCES) task = this.task(offer, `api-${++this.api}`);
      else if (fits) task = this.task(offer, `batch-${++this.batch}`);
      if (task) driver.launchTasks([offer.id], [task], { refuse_seconds: 0 });
      else driver.declineOffer(offer.id, { refuse_seconds: 0 });
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
