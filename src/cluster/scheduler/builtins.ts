/**
 * The built-in schedulers of scenario files (CONTRACTS.md §2): `scripted` holds every offer until an action
 * says otherwise (like the schedulers of Mesos's allocator tests); `batch` runs a number of tasks to
 * completion; `service` keeps a number of instances running. Both real ones follow good framework habits:
 * they decline what they cannot use with a filter, suppress when idle and revive when work returns.
 */
import { Resources, type Quantities } from '../resources';
import type { SchedulerSpec, TaskSpec } from '../scenario/types';
import {
  isTerminal,
  type Offer,
  type Scheduler,
  type SchedulerDriver,
  type TaskInfo,
  type TaskStatus,
} from './api';

/** Holds every offer; scenario actions decline or launch on them through the driver. */
export class ScriptedScheduler implements Scheduler {}

/**
 * Takes `demand` out of an offer's resources, reservations of the offer's role first, so that a task
 * launched by a built-in scheduler always lies within its offer. Returns null when it does not fit.
 */
export function pick(available: Resources, demand: Quantities): Resources | null {
  const taken: Resources[] = [];
  for (const [name, amount] of Object.entries(demand)) {
    let need = amount;
    const candidates = available.items
      .filter((r) => r.name === name && r.type === 'SCALAR')
      .sort((a, b) => (a.role === undefined ? 1 : 0) - (b.role === undefined ? 1 : 0));
    for (const r of candidates) {
      if (need <= 0) break;
      const take = Math.min(need, r.scalar);
      if (take <= 0) continue;
      // Keep the reservation as it is (a dynamic one stays dynamic); never take part of a volume.
      if (r.volume) continue;
      taken.push(Resources.of([{ ...r, scalar: take }]));
      need = Math.round((need - take) * 1000) / 1000;
    }
    if (need > 0) return null;
  }
  return taken.reduce((a, b) => a.plus(b), Resources.EMPTY);
}

abstract class TaskRunner implements Scheduler {
  protected readonly demand: Quantities;
  protected readonly demandText: string;
  /** Tasks in flight (launched and not yet terminal), with the agent each was launched on. */
  protected readonly inFlight = new Map<string, string>();
  private suppressed = false;

  constructor(
    protected readonly frameworkId: string,
    protected readonly task: TaskSpec,
    protected readonly maxPerOffer: number,
    protected readonly refuseSeconds: number,
  ) {
    this.demandText = task.resources;
    this.demand = Resources.parse(task.resources).quantities();
  }

  /** How many more tasks the scheduler wants to launch now. */
  protected abstract wanted(): number;
  protected abstract nextTaskId(): string;
  protected abstract accepts(offer: Offer): boolean;
  protected abstract onTerminal(status: TaskStatus): void;

  resourceOffers(driver: SchedulerDriver, offers: Offer[]): void {
    // No answer yet for some tasks (their agent may still be recovering): ask again, backing off in rounds.
    if (this.unconfirmed.size > 0 && ++this.roundsSinceReconcile >= this.reconcileEvery) {
      this.roundsSinceReconcile = 0;
      this.reconcileEvery = Math.min(this.reconcileEvery * 2, 64);
      this.reconcile(driver);
    }
    for (const offer of offers) {
      let left = Resources.fromJson(offer.resources);
      const tasks: TaskInfo[] = [];
      while (tasks.length < this.maxPerOffer && this.wanted() > 0 && this.accepts(offer)) {
        const res = pick(left, this.demand);
        if (!res) break;
        left = left.minus(res);
        const id = this.nextTaskId();
        this.inFlight.set(id, offer.agent_id.value);
        tasks.push({
          name: `${this.task.name ?? this.frameworkId} ${id}`,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: res.toJson(offer.allocation_info.role),
          command: { value: this.task.command, shell: true },
        });
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: this.refuseSeconds });
      else driver.declineOffer(offer.id, { refuse_seconds: this.refuseSeconds });
    }
    // An idle framework suppresses offers rather than declining them forever (MESOS.md §1.13).
    // Offers are also this scheduler's only clock for retrying reconciliation, so it stays revived while
    // some task's fate is unknown.
    if (this.wanted() === 0 && !this.suppressed && this.unconfirmed.size === 0) {
      this.suppressed = true;
      driver.suppressOffers();
    }
  }

  statusUpdate(driver: SchedulerDriver, status: TaskStatus): void {
    this.unconfirmed.delete(status.task_id.value);
    if (!isTerminal(status.state) && status.state !== 'TASK_UNREACHABLE') return;
    if (!this.inFlight.delete(status.task_id.value)) return;
    this.onTerminal(status);
    if (this.wanted() > 0 && this.suppressed) {
      this.suppressed = false;
      driver.reviveOffers();
    }
  }

  reregistered(driver: SchedulerDriver): void {
    // After a master failover, ask where every task stands (MESOS.md §3.5): explicitly for the tasks in
    // flight (the new master answers TASK_LOST for one it has never heard of), and implicitly for the rest.
    this.unconfirmed = new Set(this.inFlight.keys());
    this.roundsSinceReconcile = 0;
    this.reconcileEvery = 1;
    this.reconcile(driver);
    driver.reconcileTasks([]);
    if (this.unconfirmed.size > 0) {
      this.suppressed = false;
      driver.reviveOffers();
    } else if (this.suppressed) driver.suppressOffers();
  }

  /** Tasks in flight with no update since the last re-registration; reconciled again with backoff. */
  private unconfirmed = new Set<string>();
  private roundsSinceReconcile = 0;
  private reconcileEvery = 1;

  private reconcile(driver: SchedulerDriver): void {
    if (this.unconfirmed.size === 0) return;
    // With the agent id, the master can answer even while other agents are still recovering (MESOS.md §3.5).
    driver.reconcileTasks(
      [...this.unconfirmed].map((id) => {
        const agent = this.inFlight.get(id);
        return agent ? { task_id: { value: id }, agent_id: { value: agent } } : { task_id: { value: id } };
      }),
    );
  }
}

/** Runs `tasks` tasks to completion, relaunching failed or lost ones. */
export class BatchScheduler extends TaskRunner {
  private launched = 0;
  private finished = 0;
  private readonly retry: string[] = [];
  private attempts = new Map<string, number>();

  constructor(
    frameworkId: string,
    private readonly total: number,
    task: TaskSpec,
    maxPerOffer: number,
    refuseSeconds: number,
  ) {
    super(frameworkId, task, maxPerOffer, refuseSeconds);
  }

  protected wanted(): number {
    return this.total - this.launched + this.retry.length;
  }

  protected nextTaskId(): string {
    const again = this.retry.shift();
    if (again !== undefined) {
      const n = (this.attempts.get(again) ?? 0) + 1;
      this.attempts.set(again, n);
      return `${again}.${n}`;
    }
    return `${this.frameworkId}-${++this.launched}`;
  }

  protected accepts(): boolean {
    return true;
  }

  protected onTerminal(status: TaskStatus): void {
    const id = status.task_id.value;
    if (status.state === 'TASK_FINISHED') this.finished++;
    // A task the master rejected as invalid would be rejected again; everything else is retried.
    else if (status.state !== 'TASK_ERROR' && status.state !== 'TASK_KILLED')
      this.retry.push(id.replace(/\.\d+$/, ''));
  }

  get done(): number {
    return this.finished;
  }
}

/** Keeps `instances` tasks running, spread by optional attribute constraints and a per-agent cap. */
export class ServiceScheduler extends TaskRunner {
  private next = 0;

  constructor(
    frameworkId: string,
    private readonly instances: number,
    task: TaskSpec,
    maxPerOffer: number,
    refuseSeconds: number,
    private readonly constraints: Record<string, string | number>,
    private readonly maxPerAgent: number,
  ) {
    super(frameworkId, task, maxPerOffer, refuseSeconds);
  }

  protected wanted(): number {
    return this.instances - this.inFlight.size;
  }

  protected nextTaskId(): string {
    return `${this.frameworkId}-${++this.next}`;
  }

  protected accepts(offer: Offer): boolean {
    for (const [name, want] of Object.entries(this.constraints)) {
      const a = offer.attributes.find((x) => x.name === name);
      const have = a?.type === 'SCALAR' ? a.scalar?.value : a?.text?.value;
      if (have === undefined || String(have) !== String(want)) return false;
    }
    if (this.maxPerAgent === Infinity) return true;
    let onAgent = 0;
    for (const agent of this.inFlight.values()) if (agent === offer.agent_id.value) onAgent++;
    return onAgent < this.maxPerAgent;
  }

  protected onTerminal(): void {
    // Nothing to remember: the instance left inFlight, so wanted() asks for a replacement.
  }
}

/** Builds the scheduler object for a built-in spec. */
export function builtinScheduler(frameworkId: string, spec: SchedulerSpec): Scheduler {
  if (!('builtin' in spec)) throw new Error(`framework ${frameworkId} has no built-in scheduler`);
  switch (spec.builtin) {
    case 'scripted':
      return new ScriptedScheduler();
    case 'batch':
      return new BatchScheduler(
        frameworkId,
        spec.tasks,
        spec.task,
        spec.maxTasksPerOffer ?? Infinity,
        spec.refuseSeconds ?? 5,
      );
    case 'service':
      return new ServiceScheduler(
        frameworkId,
        spec.instances,
        spec.task,
        spec.maxTasksPerOffer ?? Infinity,
        spec.refuseSeconds ?? 5,
        spec.constraints ?? {},
        spec.maxPerAgent ?? Infinity,
      );
  }
}
