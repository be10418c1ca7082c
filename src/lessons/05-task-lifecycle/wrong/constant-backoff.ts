// Mistake: waits before every retry, but always 3 s: the wait does not grow with each failure.
import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** The work: five items; the command of w5 always fails. */
const WORK: Record<string, string> = {
  w1: 'sleep 6',
  w2: 'sleep 6',
  w3: 'sleep 6',
  w4: 'sleep 6',
  w5: 'echo starting && exit 1',
};
const MAX_ATTEMPTS = 4;
/** The wait before the first retry of an item; it doubles with each further failure. */
const BACKOFF_MS = 1000;

interface Item {
  name: string;
  command: string;
  attempts: number;
  /** The task id of the attempt in flight, if any. */
  current: string | null;
  state: 'waiting' | 'running' | 'done' | 'gave-up';
  /** The virtual time (ms, from Date.now()) before which the next attempt must not start: the backoff. */
  notBefore: number;
}

export default class RetryingScheduler implements Scheduler {
  private items: Item[] = Object.entries(WORK).map(([name, command]) => ({
    name,
    command,
    attempts: 0,
    current: null,
    state: 'waiting',
    notBefore: 0,
  }));
  private suppressed = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    // Items whose backoff is over may go now. Date.now() is the cluster's virtual time.
    const now = Date.now();
    const ready = this.items.filter((i) => i.state === 'waiting' && i.notBefore <= now);
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (ready.length > 0 && cpus >= 1 && mem >= 512) {
        tasks.push(this.launch(ready.shift()!, offer));
        cpus -= 1;
        mem -= 512;
      }
      // While items wait out a backoff we still want offers every round, so the filter is short.
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 1 });
      else driver.declineOffer(offer.id, { refuse_seconds: 1 });
    }
    if (this.items.every((i) => i.state === 'done' || i.state === 'gave-up') && !this.suppressed) {
      driver.suppressOffers();
      this.suppressed = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    const id = status.task_id.value;
    const item = this.items.find((i) => i.current === id);
    // An update for an attempt we no longer track (a duplicate, or an old attempt): nothing to do.
    if (!item) return;
    console.log(`${id}: ${status.state}${status.message ? ` (${status.message})` : ''}`);
    switch (status.state) {
      case 'TASK_FINISHED':
        item.state = 'done';
        item.current = null;
        return;
      case 'TASK_FAILED':
      case 'TASK_LOST':
      case 'TASK_KILLED':
      case 'TASK_DROPPED':
      case 'TASK_GONE':
        item.current = null;
        if (item.attempts >= MAX_ATTEMPTS) {
          item.state = 'gave-up';
          console.log(`${item.name}: giving up after ${item.attempts} attempts`);
          return;
        }
        // Wait a little before trying again.
        item.state = 'waiting';
        item.notBefore = Date.now() + 3 * BACKOFF_MS;
        if (this.suppressed) {
          driver.reviveOffers();
          this.suppressed = false;
        }
        return;
      case 'TASK_ERROR':
        // The task itself is invalid: trying again would fail the same way.
        item.state = 'gave-up';
        item.current = null;
        return;
      default:
        return; // STARTING, RUNNING: the attempt is on its way.
    }
  }

  private launch(item: Item, offer: Offer): TaskInfo {
    item.attempts++;
    item.state = 'running';
    item.current = `${item.name}.${item.attempts}`;
    return {
      name: item.name,
      task_id: { value: item.current },
      agent_id: offer.agent_id,
      resources: 'cpus:1;mem:512',
      command: { value: item.command },
    };
  }
}
