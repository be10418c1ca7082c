// A valid alternative in JavaScript: console.log with several arguments, and declines without a filter.
export default class {
  registered(driver, fid, master) {
    console.log(`I am ${fid.value} on ${master.hostname}`);
  }
  resourceOffers(driver, offers) {
    if (!this.done) {
      const o = offers[0];
      const get = (n) => o.resources.filter((r) => r.name === n).reduce((a, r) => a + r.scalar.value, 0);
      console.log('First offer: agent', o.agent_id.value, 'cpus', get('cpus'), 'mem', get('mem'));
      this.done = true;
    }
    for (const o of offers) driver.declineOffer(o.id, { refuse_seconds: 0 });
  }
}
