// A valid alternative in JavaScript: one task per offer, and a retry queue ordered by the round each retry is due.
const COMMANDS = {
  w1: 'sleep 6',
  w2: 'sleep 6',
  w3: 'sleep 6',
  w4: 'sleep 6',
  w5: 'echo starting && exit 1',
};

export default class {
  constructor() {
    this.round = 0;
    this.due = Object.keys(COMMANDS).map((item) => ({ item, attempt: 1, round: 0 }));
    this.live = new Map(); // task id -> { item, attempt }
  }

  resourceOffers(driver, offers) {
    this.round++;
    for (const offer of offers) {
      const i = this.due.findIndex((d) => d.round <= this.round);
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
    if (status.state === 'TASK_FINISHED' || d.attempt >= 3) return;
    // Wait 2, then 4 rounds: each round is one allocation (one second) in which we were offered something.
    this.due.push({ item: d.item, attempt: d.attempt + 1, round: this.round + 2 ** d.attempt });
  }
}
