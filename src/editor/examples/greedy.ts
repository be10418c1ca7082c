/**
 * Greedy: accepts everything.
 *
 * Every offer is filled with as many tasks as fit, and nothing is ever given back on purpose. Watch the
 * cluster view: whatever the allocator offers, this framework keeps busy. DRF only decides who is offered
 * free resources next (the role with the lowest dominant share goes first); it never takes back what a
 * framework already runs, so a greedy framework that arrives first holds the cluster until its tasks end.
 *
 * Teaches: offers, `launchTasks`, `scalar()`, and fitting tasks into one agent's resources.
 */
import { scalar } from 'mesos-lab';
import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';

/** What one task takes: 1 CPU and 256 MB. */
const CPUS = 1;
const MEM = 256;

export default class Greedy implements Scheduler {
  private launched = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (cpus >= CPUS && mem >= MEM) {
        const id = `greedy-${++this.launched}`;
        tasks.push({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: `cpus:${CPUS};mem:${MEM}`,
          command: { value: 'sleep 20' },
        });
        cpus -= CPUS;
        mem -= MEM;
      }
      // With no task that fits, launchTasks declines the offer (Mesos's default filter: 5 s).
      driver.launchTasks([offer.id], tasks);
      console.log(`offer ${offer.id.value} on ${offer.hostname}: launched ${tasks.length}`);
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (status.state !== 'TASK_RUNNING') console.log(`${status.task_id.value}: ${status.state}`);
  }
}
