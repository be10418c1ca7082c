// A valid alternative in JavaScript: launches on the last offer of the first list, using all of that offer.
export default class {
  resourceOffers(driver, offers) {
    const pick = this.done ? null : offers[offers.length - 1];
    for (const o of offers) {
      if (o === pick) {
        this.done = true;
        driver.launchTasks(
          [o.id],
          [
            {
              name: 'g',
              task_id: { value: 'greet' },
              agent_id: o.agent_id,
              resources: o.resources,
              command: { value: "echo 'Hello, world!'" },
            },
          ],
        );
      } else driver.declineOffer(o.id);
    }
  }
}
