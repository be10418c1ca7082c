// A valid alternative: both api instances on the first prod offer with room for them; batch can then end with 7.
import type { Offer, Scheduler, SchedulerDriver } from 'mesos-lab';
import { scalar } from 'mesos-lab';
export default class S implements Scheduler {
  private api = 0;
  private batch = 0;
  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const o of offers) {
      const role = o.allocation_info.role;
      const cpus = scalar(o.resources, 'cpus'),
        mem = scalar(o.resources, 'mem');
      if (role === 'prod' && this.api < 2 && cpus >= 1 && mem >= 1024) {
        const n = Math.min(2 - this.api, Math.floor(cpus), Math.floor(mem / 1024));
        const tasks = Array.from({ length: n }, () => {
          const id = `api-${++this.api}`;
          return {
            name: id,
            task_id: { value: id },
            agent_id: o.agent_id,
            resources: 'cpus:1;mem:1024',
            command: { value: 'sleep 1000' },
          };
        });
        driver.launchTasks([o.id], tasks, { refuse_seconds: 0 });
        if (this.api === 2) driver.suppressOffers(['prod']);
      } else if (role === 'batch' && cpus >= 1 && mem >= 1024) {
        const id = `batch-${++this.batch}`;
        driver.launchTasks(
          [o.id],
          [
            {
              name: id,
              task_id: { value: id },
              agent_id: o.agent_id,
              resources: 'cpus:1;mem:1024',
              command: { value: 'sleep 1000' },
            },
          ],
          { refuse_seconds: 0 },
        );
      } else driver.declineOffer(o.id, { refuse_seconds: 0 });
    }
  }
}
