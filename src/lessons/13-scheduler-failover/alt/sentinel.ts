import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

// After an implicit reconciliation, ask explicitly about a task that never existed. The master answers in
// the order it was asked, so once that answer (TASK_LOST) arrives, every answer about real tasks has too.
const SENTINEL = 'reconciliation-done';
const WANTED = ['web1', 'web2', 'web3'];

export default class Web implements Scheduler {
  /** Live task id of each instance, adopted or launched. */
  private live = new Map<string, string>();
  private attempts = new Map<string, number>();
  private settled = false;

  registered(driver: SchedulerDriver) {
    this.ask(driver);
  }

  reregistered(driver: SchedulerDriver) {
    this.ask(driver);
  }

  private ask(driver: SchedulerDriver) {
    this.settled = false;
    driver.reconcileTasks([]);
    driver.reconcileTasks([{ task_id: { value: SENTINEL } }]);
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const o of offers) {
      const name = WANTED.find((w) => !this.live.has(w));
      if (!this.settled || !name || scalar(o.resources, 'cpus') < 1 || scalar(o.resources, 'mem') < 1024) {
        driver.declineOffer(o.id, { refuse_seconds: 1 });
        continue;
      }
      const n = (this.attempts.get(name) ?? 0) + 1;
      this.attempts.set(name, n);
      this.live.set(name, `${name}.${n}`);
      driver.launchTasks(
        [o.id],
        [
          {
            name,
            task_id: { value: `${name}.${n}` },
            agent_id: o.agent_id,
            resources: 'cpus:1;mem:1024',
            command: { value: 'sleep 1000' },
          },
        ],
      );
    }
  }

  statusUpdate(driver: SchedulerDriver, s: TaskStatus) {
    const id = s.task_id.value;
    if (id === SENTINEL) {
      this.settled = true;
      return;
    }
    const [name, n] = id.split('.');
    if (!name || !WANTED.includes(name)) return;
    this.attempts.set(name, Math.max(this.attempts.get(name) ?? 0, Number(n) || 0));
    const ended = !['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING'].includes(s.state);
    if (!ended) this.live.set(name, id);
    else if (this.live.get(name) === id) this.live.delete(name);
  }
}
