// Mistake: reconciles once and takes a task still unanswered two offer rounds later for lost, relaunching work that still runs.
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
  private live = new Map<string, { item: string; agent: string }>();
  private doubt = new Set<string>();
  private rounds = -1;
  reregistered(driver: SchedulerDriver) {
    for (const id of this.live.keys()) this.doubt.add(id);
    driver.reconcileTasks(
      [...this.doubt].map((id) => ({
        task_id: { value: id },
        agent_id: { value: this.live.get(id)!.agent },
      })),
    );
    this.rounds = 0;
  }
  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    if (this.rounds >= 0 && ++this.rounds === 3) {
      for (const id of this.doubt) {
        this.queue.unshift(this.live.get(id)!.item);
        this.live.delete(id);
      }
      this.doubt.clear();
    }
    for (const o of offers) {
      const item = this.queue[0];
      if (!item || scalar(o.resources, 'cpus') < 1 || scalar(o.resources, 'mem') < 1024) {
        driver.declineOffer(o.id, { refuse_seconds: 1 });
        continue;
      }
      this.queue.shift();
      const id = `${item}.${(this.n[item] = (this.n[item] ?? 0) + 1)}`;
      this.live.set(id, { item, agent: o.agent_id.value });
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
    const t = this.live.get(id);
    if (!t) return;
    this.doubt.delete(id);
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
      this.live.delete(id);
      this.queue.unshift(t.item);
    } else if (s.state === 'TASK_FINISHED') this.live.delete(id);
  }
}
