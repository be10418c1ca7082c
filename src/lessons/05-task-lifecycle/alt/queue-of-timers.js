// A valid alternative in JavaScript: one task per offer, and a retry queue ordered by the virtual time each retry is due.
const COMMANDS = {
  w1: 'sleep 6',
  w2: 'sleep 6',
  w3: 'sleep 6',
  w4: 'sleep 6',
  w5: 'echo starting && exit 1',
};

export default class {
  constructor() {
    this.due = Object.keys(COMMANDS).map((item) => ({ item, attempt: 1, at: 0 }));
    this.live = new Map(); // task id -> { item, attempt }
  }

  resourceOffers(driver, offers) {
    const now = Date.now(); // the cluster's virtual time, in milliseconds
    this.due.sort((a, b) => a.at - b.at);
    for (const offer of offers) {
      const i = this.due.findIndex((d) => d.at <= now);
      const cpus = offer.resources.filter((r) => r.name === 'cpus').reduce((a, r) => a + r.scalar.value, 0);
      if (i < 0 || cpus < 1) {
        driver.declineOffer(offer.id, { refuse_seconds: 0 });
        continue;
      }
      const [d] = this.due.splice(i, 1);
      const id = `${d.item}.${d.attempt}`;
      this.live.set(id, d);
      driver.launchTasks(offer.id, [
        {
          name: d.item,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:512',
          command: { value: COMMANDS[d.item] },
        },
      ]);
    }
  }

  statusUpdate(driver, status) {
    const d = this.live.get(status.task_id.value);
    if (!d || !['TASK_FINISHED', 'TASK_FAILED', 'TASK_LOST', 'TASK_KILLED'].includes(status.state)) return;
    this.live.delete(status.task_id.value);
    if (status.state === 'TASK_FINISHED' || d.attempt >= 4) return;
    // Wait 1.5 s, then 3 s, then 6 s: the backoff doubles, counted in virtual time.
    this.due.push({ item: d.item, attempt: d.attempt + 1, at: Date.now() + 1500 * 2 ** (d.attempt - 1) });
  }
}
