/**
 * One task per offer: DRF's progressive filling, step by step.
 *
 * The DRF paper's algorithm gives one task at a time to the user with the lowest dominant share. Mesos does
 * the same with offers: at each allocation the role with the lowest dominant share is offered first. This
 * framework launches exactly one task per offer and returns the rest at once with `refuse_seconds: 0` (no
 * filter), so the rest goes back into the pool and the next step goes to whoever has the lowest share then.
 * Run it beside another framework and watch the DRF panel: the dominant shares climb in turns.
 *
 * Teaches: dominant share, progressive filling, and how filters change who is offered what next.
 */
import { scalar } from 'mesos-lab';
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';

const TASKS = 12;
/** One task's demand vector: ⟨1 CPU, 512 MB⟩. */
const CPUS = 1;
const MEM = 512;

export default class OnePerOffer implements Scheduler {
  private launched = 0;
  private finished = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const fits = scalar(offer.resources, 'cpus') >= CPUS && scalar(offer.resources, 'mem') >= MEM;
      if (this.launched >= TASKS || !fits) {
        driver.declineOffer(offer.id, { refuse_seconds: 10 });
        continue;
      }
      const id = `step-${++this.launched}`;
      driver.launchTasks(
        [offer.id],
        [
          {
            name: id,
            task_id: { value: id },
            agent_id: offer.agent_id,
            resources: `cpus:${CPUS};mem:${MEM}`,
            command: { value: 'sleep 10' },
          },
        ],
        { refuse_seconds: 0 }, // the unused rest of the offer goes straight back to the allocator
      );
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (status.state === 'TASK_FINISHED' && ++this.finished === TASKS)
      console.log(`all ${TASKS} tasks finished`);
  }
}
