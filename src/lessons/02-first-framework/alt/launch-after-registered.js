// A valid alternative in plain JavaScript: the task is prepared in registered() and launched on the first offer.
export default class {
  registered(driver, frameworkId) {
    this.task = {
      name: 'hi',
      task_id: { value: `${frameworkId.value}-greeting` },
      command: { value: "echo 'Hello, world!'" },
    };
  }

  resourceOffers(driver, offers) {
    for (const offer of offers) {
      if (this.task) {
        driver.launchTasks(offer.id, [
          { ...this.task, agent_id: offer.agent_id, resources: 'cpus:0.2;mem:128' },
        ]);
        this.task = null;
      } else driver.declineOffer(offer.id);
    }
  }
}
