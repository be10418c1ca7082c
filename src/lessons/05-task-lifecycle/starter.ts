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

interface Item {
  name: string;
  command: string;
  attempts: number;
  /** The task id of the attempt in flight, if any ("w3.2" is attempt 2 of w3). */
  current: string | null;
  state: 'waiting' | 'running' | 'done' | 'gave-up';
}

export default class RetryingScheduler implements Scheduler {
  private items: Item[] = Object.entries(WORK).map(([name, command]) => ({
    name,
    command,
    attempts: 0,
    current: null,
    state: 'waiting',
  }));

  registered() {
    console.log(`${this.items.length} items, at most ${MAX_ATTEMPTS} attempts each`);
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    const ready = this.items.filter((i) => i.state === 'waiting');
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      let mem = scalar(offer.resources, 'mem');
      const tasks: TaskInfo[] = [];
      while (ready.length > 0 && cpus >= 1 && mem >= 512) {
        tasks.push(this.launch(ready.shift()!, offer));
        cpus -= 1;
        mem -= 512;
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 1 });
      else driver.declineOffer(offer.id, { refuse_seconds: 1 });
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    const item = this.items.find((i) => i.current === status.task_id.value);
    if (!item) return;
    console.log(`${status.task_id.value}: ${status.state}`);
    if (status.state === 'TASK_FINISHED') {
      item.state = 'done';
      item.current = null;
    }
    // TODO: an attempt that failed or was lost should be tried again, after a wait that doubles with each
    // failure (1 s, 2 s, 4 s of virtual time: Date.now()), and at most MAX_ATTEMPTS times in all.
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
