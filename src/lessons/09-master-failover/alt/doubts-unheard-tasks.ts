// A valid alternative: doubts only the tasks it never heard from since their launch, and asks about them every offer round.
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';
const JOBS: Record<string, string> = {
  long: 'sleep 30',
  s1: 'sleep 5',
  s2: 'sleep 5',
  s3: 'sleep 5',
  s4: 'sleep 5',
};
export default class S implements Scheduler {
  private queue = Object.keys(JOBS);
  private n: Record<string, number> = {};
  private unheard = new Map<string, { item: string; agent: string }>();
  private inflight = new Map<string, string>();
  private doubt = false;
  reregistered(driver: SchedulerDriver) {
    this.doubt = true;
    this.ask(driver);
  }
  private ask(driver: SchedulerDriver) {
    if (!this.doubt || this.unheard.size === 0) return;
    driver.reconcileTasks(
      [...this.unheard].map(([id, v]) => ({ task_id: { value: id }, agent_id: { value: v.agent } })),
    );
  }
  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    this.ask(driver);
    for (const o of offers) {
      const item = this.queue[0];
      if (!item || scalar(o.resources, 'cpus') < 1 || scalar(o.resources, 'mem') < 1024) {
        driver.declineOffer(o.id, { refuse_seconds: 1 });
        continue;
      }
      this.queue.shift();
      const id = `${item}.${(this.n[item] = (this.n[item] ?? 0) + 1)}`;
      this.unheard.set(id, { item, agent: o.agent_id.value });
      this.inflight.set(id, item);
      driver.launchTasks(
        [o.id],
        [
          {
            name: item,
            task_id: { value: id },
            agent_id: o.agent_id,
            resources: 'cpus:1;mem:1024',
            command: { value: JOBS[item]! },
          },
        ],
      );
    }
  }
  statusUpdate(driver: SchedulerDriver, s: TaskStatus) {
    const id = s.task_id.value;
    const item = this.inflight.get(id);
    if (!item) return;
    this.unheard.delete(id);
    if (
      [
        'TASK_LOST',
        'TASK_FAILED',
        'TASK_KILLED',
        'TASK_ERROR',
        'TASK_GONE',
        'TASK_DROPPED',
        'TASK_UNKNOWN',
      ].includes(s.state)
    ) {
      this.inflight.delete(id);
      this.queue.unshift(item);
    } else if (s.state === 'TASK_FINISHED') this.inflight.delete(id);
  }
}
