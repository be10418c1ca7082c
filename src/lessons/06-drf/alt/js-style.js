// A valid alternative in JavaScript: computes the prediction by simulating progressive filling itself.
function progressiveFilling(total, demands) {
  const used = { cpus: 0, mem: 0 };
  const count = demands.map(() => 0);
  const share = (i) =>
    Math.max((count[i] * demands[i].cpus) / total.cpus, (count[i] * demands[i].mem) / total.mem);
  for (;;) {
    const order = demands.map((_, i) => i).sort((x, y) => share(x) - share(y) || x - y);
    const i = order[0];
    const d = demands[i];
    if (used.cpus + d.cpus > total.cpus || used.mem + d.mem > total.mem) return count;
    used.cpus += d.cpus;
    used.mem += d.mem;
    count[i]++;
  }
}

export default {
  registered() {
    const [a, b] = progressiveFilling({ cpus: 9, mem: 18432 }, [
      { cpus: 1, mem: 4096 },
      { cpus: 3, mem: 1024 },
    ]);
    console.log(`I predict A=${a} B=${b}`);
    this.n = 0;
  },
  resourceOffers(driver, offers) {
    for (const offer of offers) {
      const get = (name) => offer.resources.find((r) => r.name === name)?.scalar.value ?? 0;
      if (get('cpus') >= 3 && get('mem') >= 1024) {
        this.n++;
        driver.launchTasks(
          offer.id,
          [
            {
              name: 'b',
              task_id: { value: `task-${this.n}` },
              agent_id: offer.agent_id,
              resources: 'cpus:3;mem:1024',
              command: { value: 'sleep 1000' },
            },
          ],
          { refuse_seconds: 0 },
        );
      } else driver.declineOffer(offer.id, { refuse_seconds: 0 });
    }
  },
};
