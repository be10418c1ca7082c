// Launches one long task on agent a1, then at every round of offers reconciles implicitly and asks about that
// task explicitly (with its agent id). Declines what it does not use with a one-second filter.
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
  reconcileTasks(statuses: { task_id: Value; agent_id?: Value }[]): void;
}

export default class Watcher {
  private launched = false;

  resourceOffers(driver: Driver, offers: Offer[]): void {
    for (const offer of offers) {
      if (!this.launched && offer.agent_id.value === 'a1') {
        this.launched = true;
        driver.launchTasks(
          [offer.id],
          [
            {
              name: 'far',
              task_id: { value: 'far' },
              agent_id: offer.agent_id,
              resources: 'cpus:1;mem:128',
              command: { value: 'sleep 100000' },
            },
          ],
          { refuse_seconds: 1 },
        );
      } else driver.declineOffer(offer.id, { refuse_seconds: 1 });
    }
    if (!this.launched) return;
    driver.reconcileTasks([]);
    driver.reconcileTasks([{ task_id: { value: 'far' }, agent_id: { value: 'a1' } }]);
  }
}
