// Mistake: insists on locality and never runs a task elsewhere, so tasks wait for a rack that is full.
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

const rackOf = (offer: Offer): string | undefined =>
  offer.attributes.find((a) => a.name === 'rack')?.text?.value;

export default class MapScheduler implements Scheduler {
  private waiting = Object.keys(PREFERRED);

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const rack = rackOf(offer);
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (cpus >= 1 && mem >= 1024) {
        // First choice: a task whose data is on this rack. Second: one that has waited long enough.
        const id = this.waiting.find((t) => PREFERRED[t] === rack);
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
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 0 });
      else driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
    if (this.waiting.length === 0) driver.suppressOffers();
  }
}
