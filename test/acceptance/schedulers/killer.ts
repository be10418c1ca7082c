// Asks the master to kill a task that never existed, once, and declines every offer for a long while.
interface Value {
  value: string;
}
interface Offer {
  id: Value;
}
interface Driver {
  declineOffer(offerId: Value, filters?: { refuse_seconds?: number }): void;
  killTask(taskId: Value): void;
}

export default class Killer {
  private asked = false;

  resourceOffers(driver: Driver, offers: Offer[]): void {
    for (const offer of offers) driver.declineOffer(offer.id, { refuse_seconds: 100 });
    if (this.asked) return;
    this.asked = true;
    driver.killTask({ value: 'ghost' });
  }
}
