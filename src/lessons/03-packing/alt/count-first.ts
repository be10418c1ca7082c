// A valid alternative: compute how many tasks fit with one division per resource, then launch them in one call.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

const DEMAND = { cpus: 1, mem: 1024 };

export default class CountingPacker implements Scheduler {
  private waiting = Array.from({ length: 12 }, (_, i) => `job-${i + 1}`);

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const room = Math.min(
        Math.floor(scalar(offer.resources, 'cpus') / DEMAND.cpus),
        Math.floor(scalar(offer.resources, 'mem') / DEMAND.mem),
      );
      const ids = this.waiting.splice(0, Math.max(0, room));
      if (ids.length === 0) {
        driver.declineOffer(offer.id, { refuse_seconds: 10 });
        continue;
      }
      const tasks: TaskInfo[] = ids.map((id) => ({
        name: id,
        task_id: { value: id },
        agent_id: offer.agent_id,
        resources: [
          { name: 'cpus', type: 'SCALAR', scalar: { value: DEMAND.cpus } },
          { name: 'mem', type: 'SCALAR', scalar: { value: DEMAND.mem } },
        ],
        command: { value: 'sleep 10' },
      }));
      driver.launchTasks([offer.id], tasks, { refuse_seconds: 10 });
    }
  }
}
