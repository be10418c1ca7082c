// A valid alternative in JavaScript: dumps the whole first offer as JSON and declines offers for a minute.
export default class {
  registered(driver, frameworkId) {
    console.info('framework id:', frameworkId.value);
  }

  resourceOffers(driver, offers) {
    if (!this.first) {
      this.first = offers[0];
      console.log(this.first);
    }
    for (const offer of offers) driver.declineOffer(offer.id, { refuse_seconds: 60 });
  }
}
