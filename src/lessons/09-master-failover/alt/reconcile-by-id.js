// A valid alternative in JavaScript: explicit reconciliation by task id alone, repeated every offer round until answered.
const JOBS = { long: 'sleep 30', s1: 'sleep 5', s2: 'sleep 5', s3: 'sleep 5', s4: 'sleep 5' };

export default class {
  constructor() {
    this.todo = Object.keys(JOBS);
    this.inFlight = new Map(); // task id -> item
    this.doubt = new Set(); // task ids whose state we must learn from the master
    this.tries = 0;
  }

  reregistered(driver) {
    for (const id of this.inFlight.keys()) this.doubt.add(id);
    this.ask(driver);
  }

  ask(driver) {
    if (this.doubt.size === 0) return;
    driver.reconcileTasks([...this.doubt].map((id) => ({ task_id: { value: id } })));
  }

  resourceOffers(driver, offers) {
    this.ask(driver);
    for (const offer of offers) {
      const item = this.todo.shift();
      if (!item) {
        driver.declineOffer(offer.id, { refuse_seconds: 1 });
        continue;
      }
      const id = `${item}.${++this.tries}`;
      this.inFlight.set(id, item);
      driver.launchTasks(offer.id, [
        {
          name: item,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: JOBS[item] },
        },
      ]);
    }
  }

  statusUpdate(driver, status) {
    const id = status.task_id.value;
    const item = this.inFlight.get(id);
    if (!item) return;
    this.doubt.delete(id);
    if (status.state === 'TASK_FINISHED') this.inFlight.delete(id);
    else if (
      [
        'TASK_LOST',
        'TASK_FAILED',
        'TASK_KILLED',
        'TASK_ERROR',
        'TASK_GONE',
        'TASK_DROPPED',
        'TASK_UNKNOWN',
      ].includes(status.state)
    ) {
      this.inFlight.delete(id);
      this.todo.unshift(item);
    }
  }
}
