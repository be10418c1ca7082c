// Runs task "quick" to completion, then, at its next offers, asks the master about it explicitly (with its
// agent id) and reconciles implicitly. Declines everything else with a short filter, so offers keep coming.
interface Value {
  value: string;
}
interface Offer {
  id: Value;
  agent_id: Value;
}
interface Status {
  task_id: Value;
  state: string;
}
interface Driver {
  launchTasks(offerIds: Value[], tasks: unknown[], filters?: { refuse_seconds?: number }): void;
  declineOffer(offerId: Value, filters?: { refuse_seconds?: number }): void;
  reconcileTasks(statuses: { task_id: Value; agent_id?: Value }[]): void;
}

export default class Reconciler {
  private step = 0;
  private agent: Value | null = null;

  resourceOffers(driver: Driver, offers: Offer[]): void {
    for (const offer of offers) {
      if (this.step === 0) {
        this.step = 1;
        this.agent = offer.agent_id;
        driver.launchTasks(
          [offer.id],
          [
            {
              name: 'quick',
              task_id: { value: 'quick' },
              agent_id: offer.agent_id,
              resources: 'cpus:1;mem:128',
              command: { value: 'sleep 1' },
            },
          ],
          { refuse_seconds: 1 },
        );
      } else driver.declineOffer(offer.id, { refuse_seconds: 1 });
    }
    if (this.step === 2 && this.agent) {
      this.step = 3;
      driver.reconcileTasks([{ task_id: { value: 'quick' }, agent_id: this.agent }]);
      driver.reconcileTasks([]);
    }
  }

  statusUpdate(_driver: Driver, status: Status): void {
    if (status.task_id.value === 'quick' && status.state === 'TASK_FINISHED') this.step = 2;
  }
}
