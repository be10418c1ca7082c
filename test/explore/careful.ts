/**
 * A careful scheduler for the explorer's tests: it keeps six long tasks running, with a fresh task id for
 * every launch, relaunches a task only when Mesos says it ended, and after re-registering asks the master
 * about every task it has not seen end (reconciliation) before it launches anything again.
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

export default class Careful {
  private next = 0;
  /** Live task ids (launched, not yet reported ended). */
  private live = new Set<string>();
  private agents = new Map<string, string>();
  /** True from re-registration until the master has answered about every live task. */
  private reconciling = false;
  private unanswered = new Set<string>();

  reregistered(driver: Driver): void {
    this.reconciling = this.live.size > 0;
    this.unanswered = new Set(this.live);
    driver.reconcileTasks(
      [...this.live].map((id) => ({ task_id: { value: id }, agent_id: { value: this.agents.get(id) } })),
    );
  }

  resourceOffers(driver: Driver, offers: Offer[]): void {
    for (const offer of offers) {
      const tasks = [];
      let cpus = offer.resources.find((r) => r.name === 'cpus')?.scalar?.value ?? 0;
      while (!this.reconciling && this.live.size < WANT && cpus >= 1) {
        const id = `web-${++this.next}`;
        this.live.add(id);
        this.agents.set(id, offer.agent_id.value);
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
    const id = status.task_id.value;
    this.unanswered.delete(id);
    if (this.unanswered.size === 0) this.reconciling = false;
    if (!['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING'].includes(status.state)) this.live.delete(id);
  }
}
