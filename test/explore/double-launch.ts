/**
 * A scheduler with a known bug, for the explorer's tests and benchmark: after the master fails over, it
 * assumes that every task it launched was lost with the old master and launches each again under the same
 * id, without asking the new master what became of them (reconciliation). The new master refuses an id it
 * knows, but it knows a task only once the task's agent has re-registered with it: a task on an agent that
 * re-registers later than the offers come is launched twice.
 */
interface Value {
  value: string;
}

/** The parts of the driver and of an offer this scheduler uses. */
interface Driver {
  launchTasks(offerIds: Value[], tasks: unknown[], filters?: { refuse_seconds?: number }): void;
  declineOffer(offerId: Value, filters?: { refuse_seconds?: number }): void;
  reconcileTasks(statuses: unknown[]): void;
}

interface Offer {
  id: Value;
  agent_id: Value;
  resources: { name: string; scalar?: { value: number } }[];
}

const WANT = 6;

export default class DoubleLaunch {
  private next = 0;
  private running = new Set<string>();
  private launched: string[] = [];
  private again: string[] = [];

  reregistered(): void {
    // The bug: every task is assumed lost, and launched again with the same id.
    this.again = [...this.launched];
  }

  resourceOffers(driver: Driver, offers: Offer[]): void {
    for (const offer of offers) {
      const tasks = [];
      let cpus = offer.resources.find((r) => r.name === 'cpus')?.scalar?.value ?? 0;
      while (cpus >= 1 && (this.again.length > 0 || this.launched.length < WANT)) {
        const id = this.again.shift() ?? `web-${++this.next}`;
        if (!this.launched.includes(id)) this.launched.push(id);
        cpus -= 1;
        tasks.push({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:256',
          command: { value: 'sleep 1000' },
        });
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 1 });
      else driver.declineOffer(offer.id, { refuse_seconds: 1 });
    }
  }

  statusUpdate(driver: Driver, status: { task_id: Value; state: string }): void {
    if (status.state === 'TASK_RUNNING') this.running.add(status.task_id.value);
  }
}
