// Mistake: packs instances onto as few agents as possible, so one agent's death takes two instances with it.
import type { AgentID, Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from 'mesos-lab';
import { scalar } from 'mesos-lab';

export default class WebService implements Scheduler {
  private live = new Set<string>();
  private next = 0;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const offer of offers) {
      let cpus = scalar(offer.resources, 'cpus');
      const tasks: TaskInfo[] = [];
      while (this.live.size < 3 && cpus >= 1) {
        const id = `web-${++this.next}`;
        this.live.add(id);
        cpus -= 1;
        tasks.push({
          name: id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:512',
          command: { value: 'sleep 1000' },
        });
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks);
      else driver.declineOffer(offer.id);
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus) {
    if (['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST'].includes(status.state))
      this.live.delete(status.task_id.value);
  }

  agentLost(driver: SchedulerDriver, agentId: AgentID) {
    console.log(`agent ${agentId.value} lost`);
  }
}
