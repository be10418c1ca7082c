// Mistake: keeps waiting for updates after the failover and never asks the new master about its tasks.
import type { MasterInfo, Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

/** The job: one long item and four short ones, each needing a whole one-cpu agent. */
const WORK: [string, string][] = [
  ['long', 'sleep 30'],
  ['s1', 'sleep 5'],
  ['s2', 'sleep 5'],
  ['s3', 'sleep 5'],
  ['s4', 'sleep 5'],
];

type State = 'waiting' | 'launched' | 'running' | 'done' | 'unknown';

interface Item {
  name: string;
  command: string;
  state: State;
  attempt: number;
  /** The task id and agent of the attempt in flight. */
  taskId: string | null;
  agentId: string | null;
}

const TERMINAL_FAILURE = new Set([
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_LOST',
  'TASK_ERROR',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_UNKNOWN',
]);

export default class EtlScheduler implements Scheduler {
  private items: Item[] = WORK.map(([name, command]) => ({
    name,
    command,
    state: 'waiting',
    attempt: 0,
    taskId: null,
    agentId: null,
  }));

  disconnected() {
    console.log('disconnected from the master; waiting for a new leader');
  }

  reregistered(driver: SchedulerDriver, masterInfo: MasterInfo) {
    console.log(`re-registered with ${masterInfo.id}; reconciling`);
    // Status updates are reliable: the agents will tell us what happened.
  }

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const item = this.items.find((i) => i.state === 'waiting');
      if (!item || scalar(offer.resources, 'cpus') < 1 || scalar(offer.resources, 'mem') < 1024) {
        driver.declineOffer(offer.id, { refuse_seconds: 1 });
        continue;
      }
      item.attempt++;
      item.state = 'launched';
      item.taskId = `${item.name}.${item.attempt}`;
      item.agentId = offer.agent_id.value;
      driver.launchTasks(
        [offer.id],
        [
          {
            name: item.name,
            task_id: { value: item.taskId },
            agent_id: offer.agent_id,
            resources: 'cpus:1;mem:1024',
            command: { value: item.command },
          },
        ],
      );
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    const item = this.items.find((i) => i.taskId === status.task_id.value);
    if (!item) return;
    console.log(`${status.task_id.value}: ${status.state}${status.reason ? ` (${status.reason})` : ''}`);
    if (status.state === 'TASK_FINISHED') item.state = 'done';
    else if (TERMINAL_FAILURE.has(status.state)) item.state = 'waiting';
    else if (
      status.state === 'TASK_RUNNING' ||
      status.state === 'TASK_STARTING' ||
      status.state === 'TASK_STAGING'
    )
      item.state = 'running';
  }
}
