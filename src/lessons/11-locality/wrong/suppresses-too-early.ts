// Mistake: suppresses offers as soon as a round launches nothing, though tasks are still waiting for their rack.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** Each map task reads a block of data stored on one rack: that rack is where it would rather run. */
const PREFERRED: Record<string, string> = {
  m1: 'r1',
  m2: 'r1',
  m3: 'r1',
  m4: 'r1',
  m5: 'r2',
  m6: 'r2',
  m7: 'r3',
  m8: 'r3',
};
/** Delay scheduling: how long a task waits for its own rack before it may run elsewhere (virtual ms). */
const MAX_WAIT_MS = 3000;

const rackOf = (offer: Offer): string | undefined =>
  offer.attributes.find((a) => a.name === 'rack')?.text?.value;

export default class MapScheduler implements Scheduler {
  private waiting = Object.keys(PREFERRED);
  /** When the tasks started waiting: Date.now() is the cluster's virtual time. */
  private readonly since = Date.now();

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    let launchedAny = false;
    for (const offer of offers) {
      const rack = rackOf(offer);
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (cpus >= 1 && mem >= 1024) {
        // First choice: a task whose data is on this rack. Second: any task, once the wait is over.
        const waitedEnough = Date.now() - this.since >= MAX_WAIT_MS;
        const id =
          this.waiting.find((t) => PREFERRED[t] === rack) ?? (waitedEnough ? this.waiting[0] : undefined);
        if (id === undefined) break;
        this.waiting = this.waiting.filter((t) => t !== id);
        tasks.push({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: 'sleep 10' },
        });
        cpus -= 1;
        mem -= 1024;
      }
      if (tasks.length > 0) launchedAny = true;
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 0 });
      else driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
    // Nothing could be placed this round: stop the offers.
    if (!launchedAny) driver.suppressOffers();
  }
}
