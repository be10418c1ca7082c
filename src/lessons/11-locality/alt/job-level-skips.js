// A valid alternative in JavaScript, closer to the Delay Scheduling paper: the job, not each task, counts its skips.
const WANTS = { m1: 'r1', m2: 'r1', m3: 'r1', m4: 'r1', m5: 'r2', m6: 'r2', m7: 'r3', m8: 'r3' };

export default class {
  constructor() {
    this.pending = new Set(Object.keys(WANTS));
    this.skips = 0;
  }

  resourceOffers(driver, offers) {
    let skippedThisRound = false;
    for (const offer of offers) {
      const rack = offer.attributes.find((a) => a.name === 'rack')?.text?.value;
      let slots = Math.floor(offer.resources.find((r) => r.name === 'cpus')?.scalar.value ?? 0);
      const tasks = [];
      for (const id of [...this.pending]) {
        if (slots === 0) break;
        const local = WANTS[id] === rack;
        if (!local && this.skips < 3) {
          skippedThisRound = true;
          continue;
        }
        this.pending.delete(id);
        slots--;
        tasks.push({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: 'sleep 10' },
        });
      }
      if (tasks.length) {
        driver.launchTasks(offer.id, tasks, { refuse_seconds: 0 });
        if (tasks.some((t) => WANTS[t.task_id.value] === rack)) this.skips = 0; // a local launch resets the wait
      } else driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
    if (skippedThisRound) this.skips++;
  }
}
