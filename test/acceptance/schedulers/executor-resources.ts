// A framework whose custom executor asks for resources of its own. On its first offer it launches two
// tasks on executor "hold" (cpus:1;mem:32): "big" asks for so much that task and executor together exceed
// the offer, "small" fits. The executor finishes "small" after 5 s and exits; every other offer is declined
// with a one-second filter.
interface Value {
  value: string;
}
interface Offer {
  id: Value;
  agent_id: Value;
}
interface Driver {
  launchTasks(offerIds: Value[], tasks: unknown[], filters?: { refuse_seconds?: number }): void;
  declineOffer(offerId: Value, filters?: { refuse_seconds?: number }): void;
}
interface ExecutorDriver {
  sendStatusUpdate(status: { task_id: Value; state: string }): void;
  setTimer(seconds: number, name: string): void;
  stop(): void;
}

export class Holder {
  launchTask(driver: ExecutorDriver, task: { task_id: Value }): void {
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_RUNNING' });
    driver.setTimer(5, task.task_id.value);
  }

  timer(driver: ExecutorDriver, name: string): void {
    driver.sendStatusUpdate({ task_id: { value: name }, state: 'TASK_FINISHED' });
    driver.stop();
  }
}

const executor = { executor_id: { value: 'hold' }, name: 'Holder', resources: 'cpus:1;mem:32' };

export default class ExecutorResources {
  private launched = false;

  resourceOffers(driver: Driver, offers: Offer[]): void {
    for (const offer of offers) {
      if (this.launched) {
        driver.declineOffer(offer.id, { refuse_seconds: 1 });
        continue;
      }
      this.launched = true;
      const task = (id: string, resources: string): unknown => ({
        name: id,
        task_id: { value: id },
        agent_id: offer.agent_id,
        resources,
        executor,
      });
      driver.launchTasks([offer.id], [task('big', 'cpus:3.5;mem:64'), task('small', 'cpus:1;mem:128')], {
        refuse_seconds: 1,
      });
    }
  }
}
