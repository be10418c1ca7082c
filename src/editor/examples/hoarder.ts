/**
 * A bad one to learn from: the hoarder holds offers.
 *
 * It keeps every offer "just in case a big job comes", launches one small task, and never answers the rest.
 * An offer is a lock: while this framework holds it, the allocator cannot offer those resources to anyone
 * else, and in Mesos offers never time out unless the operator sets --offer_timeout. Add another framework
 * and watch it wait for resources that sit idle in the hoard. The fix: decline what you do not use now
 * (with a filter), and suppress when you need nothing.
 *
 * Teaches, by counter-example: offers are exclusive and must be answered.
 */
import type { Offer, OfferID, Scheduler, SchedulerDriver } from 'mesos-lab';

export default class Hoarder implements Scheduler {
  /** Offers kept for later, by id. Later never comes. */
  private hoard = new Map<string, Offer>();
  private launched = false;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      if (!this.launched) {
        this.launched = true;
        driver.launchTasks(
          [offer.id],
          [
            {
              name: 'small',
              task_id: { value: 'small-1' },
              agent_id: offer.agent_id,
              resources: 'cpus:0.5;mem:128',
              command: { value: 'sleep 5' },
            },
          ],
        );
        continue;
      }
      this.hoard.set(offer.id.value, offer); // BAD: neither used nor declined
    }
    console.log(`holding ${this.hoard.size} offers`);
  }

  offerRescinded(driver: SchedulerDriver, offerId: OfferID) {
    this.hoard.delete(offerId.value);
  }
}
