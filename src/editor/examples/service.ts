/**
 * A long-running service with placement constraints.
 *
 * It keeps three instances of a service running, only on agents whose `rack` attribute is "r1", and never
 * two on the same agent. Offers from other racks will never do (attributes do not change), so it declines
 * them with a long filter. When an instance ends (its agent died, it failed), `statusUpdate` sees the
 * terminal state and the service revives offers to replace it; while it has all it needs, it suppresses
 * offers. Kill an agent in the cluster view to watch it heal.
 *
 * Teaches: agent attributes as constraints, the task lifecycle and terminal states, suppress and revive.
 */
import { scalar } from 'mesos-lab';
import type { Offer, Scheduler, SchedulerDriver, TaskStatus } from 'mesos-lab';

const INSTANCES = 3;
const RACK = 'r1';
const CPUS = 0.5;
const MEM = 256;

/** Mesos's terminal task states: the instance is gone and its resources are free again. */
const TERMINAL = new Set([
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
]);

export default class RackService implements Scheduler {
  /** Running (or starting) instances: task id → agent id. */
  private instances = new Map<string, string>();
  private next = 1;
  private suppressed = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      const rack = offer.attributes.find((a) => a.name === 'rack')?.text?.value;
      if (rack !== RACK) {
        driver.declineOffer(offer.id, { refuse_seconds: 120 }); // this agent will never match
        continue;
      }
      const agent = offer.agent_id.value;
      const busy = [...this.instances.values()].includes(agent);
      const fits = scalar(offer.resources, 'cpus') >= CPUS && scalar(offer.resources, 'mem') >= MEM;
      if (this.instances.size >= INSTANCES || busy || !fits) {
        driver.declineOffer(offer.id, { refuse_seconds: 10 });
        continue;
      }
      const id = `web-${this.next++}`;
      this.instances.set(id, agent);
      driver.launchTasks(
        [offer.id],
        [
          {
            name: id,
            task_id: { value: id },
            agent_id: offer.agent_id,
            resources: `cpus:${CPUS};mem:${MEM}`,
            command: { value: 'sleep 3600' },
          },
        ],
      );
      console.log(`${id} placed on ${agent} (rack ${rack})`);
    }
    if (this.instances.size >= INSTANCES && !this.suppressed) {
      driver.suppressOffers();
      this.suppressed = true;
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (!TERMINAL.has(status.state) || !this.instances.delete(status.task_id.value)) return;
    console.warn(`${status.task_id.value} ended (${status.state}): replacing it`);
    if (this.suppressed) {
      driver.reviveOffers();
      this.suppressed = false;
    }
  }
}
