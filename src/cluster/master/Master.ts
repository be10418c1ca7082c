/**
 * The Mesos master (MESOS.md §1.4–1.11, §2, §3): admits agents and frameworks, turns the allocator's
 * decisions into offers, validates ACCEPT calls, tracks tasks through status updates, watches agents with
 * pings, and recovers from the registry after a failover.
 */
import { PHASE_ALLOCATE, type Actor, type Context, type MasterConfig } from '../actor';
import { HierarchicalAllocator, type OfferDecision } from '../allocator/HierarchicalAllocator';
import {
  agentAddress,
  frameworkAddress,
  type AgentInfo,
  type AgentToMaster,
  type ActorId,
  type Call,
  type Control,
  type Event,
  type FrameworkInfo,
  type Message,
  type Registry,
  type TaskRecord,
  type Timer,
} from '../protocol';
import {
  Resources,
  parseMinAllocatable,
  parseQuantities,
  type Quantities,
  type ResourceJson,
} from '../resources';
import { Rng } from '../rng';
import {
  isTerminal,
  type Attribute,
  type Filters,
  type MasterInfo,
  type Offer,
  type TaskInfo,
  type TaskState,
  type TaskStatus,
  type TaskStatusReason,
} from '../scheduler/api';
import { SECOND, toSeconds, type Micros } from '../time';
import { COMMAND_EXECUTOR_ID } from '../executor/Executor';

/** The heartbeat interval announced in SUBSCRIBED (DEFAULT_HEARTBEAT_INTERVAL). */
const HEARTBEAT_SECONDS = 15;
/** --allocator_agent_recovery_factor and --allocator_recovery_timeout (MESOS.md §1.10). */
const RECOVERY_FACTOR = 0.8;
const RECOVERY_TIMEOUT: Micros = 10 * 60 * SECOND;
/** How many terminal tasks the master remembers per framework, for reconciliation. */
const MAX_COMPLETED_TASKS = 1000;

interface TaskEntry {
  id: string;
  framework: string;
  agent: string;
  role: string;
  state: TaskState;
  resources: Resources;
  info: TaskInfo;
  executorId: string;
  /** True once the task's resources went back to the allocator (terminal or unreachable). */
  released: boolean;
}

interface AgentEntry {
  info: AgentInfo;
  total: Resources;
  /** registered: pinged and offered; recovered: known from the registry, not yet re-registered. */
  state: 'registered' | 'recovered' | 'unreachable';
  tasks: Map<string, TaskEntry>;
  awaitingPong: boolean;
  missedPings: number;
  pingToken: number;
  /** The attributes as offers carry them, built on the first offer and shared (frozen) after. */
  offerAttributes?: Attribute[];
}

interface FrameworkEntry {
  id: string;
  info: FrameworkInfo;
  address: ActorId;
  connected: boolean;
  /** Known only from re-registering agents after a failover; not yet subscribed to this master. */
  recovered: boolean;
  tasks: Map<string, TaskEntry>;
  completed: TaskEntry[];
  offers: Set<string>;
  failoverToken: number;
}

interface OfferEntry {
  id: string;
  framework: string;
  agent: string;
  role: string;
  resources: Resources;
}

export class Master implements Actor {
  private leading = false;
  private allocator: HierarchicalAllocator | null = null;
  private registry: Registry = { agents: [], unreachable: [], weights: {}, quotas: {}, epoch: 0 };
  private readonly agents = new Map<string, AgentEntry>();
  private readonly frameworks = new Map<string, FrameworkEntry>();
  private readonly removedFrameworks = new Set<string>();
  private readonly offers = new Map<string, OfferEntry>();
  private nextOffer = 1;
  private allocationPending = false;
  private readonly candidates = new Set<string>();
  private token = 0;
  private expectedAgents = 0;
  private lastShares = '';

  constructor(
    readonly id: ActorId,
    private readonly config: MasterConfig,
    private readonly rng: Rng,
  ) {}

  receive(msg: Message, ctx: Context): void {
    if (msg.type === 'ELECTED') return this.elected(msg.registry, ctx);
    if (!this.leading) return; // A standby ignores everything until elected (non-leaders answer 307 in Mesos).
    switch (msg.type) {
      case 'TIMER':
        return this.timer(msg, ctx);
      case 'SUBSCRIBE':
      case 'TEARDOWN':
      case 'ACCEPT':
      case 'DECLINE':
      case 'REVIVE':
      case 'SUPPRESS':
      case 'KILL':
      case 'ACKNOWLEDGE':
      case 'RECONCILE':
      case 'MESSAGE':
        return this.call(msg as Call, ctx);
      case 'REGISTER_AGENT':
      case 'REREGISTER_AGENT':
      case 'PONG':
      case 'STATUS_UPDATE':
      case 'EXECUTOR_TO_FRAMEWORK':
      case 'EXITED_EXECUTOR':
        return this.fromAgent(msg, ctx);
      case 'EXITED':
      case 'SET_WEIGHT':
      case 'SET_QUOTA':
      case 'TEARDOWN_FRAMEWORK':
        return this.control(msg, ctx);
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ leadership

  private elected(registry: Registry, ctx: Context): void {
    this.leading = true;
    this.registry = structuredCloneRegistry(registry);
    const a = this.config.allocator;
    this.allocator = new HierarchicalAllocator({
      interval: Math.round(a.intervalSeconds * SECOND),
      minAllocatable: a.minAllocatable === null ? null : parseMinAllocatable(a.minAllocatable),
      excludedResourceNames: a.fairnessExcludedResourceNames,
      rng: this.rng,
      explain: this.config.explain === true,
      roleSorter: a.roleSorter,
      frameworkSorter: a.frameworkSorter,
    });
    for (const [role, weight] of Object.entries(this.registry.weights))
      this.allocator.updateWeight(role, weight);
    for (const [role, q] of Object.entries(this.registry.quotas))
      this.applyQuota(role, q.guarantees, q.limits);
    // Agents admitted before the failover are "recovered" until they re-register (MESOS.md §3.6).
    for (const info of this.registry.agents) {
      if (this.registry.unreachable.includes(info.id)) continue;
      this.agents.set(info.id, this.newAgentEntry(info, 'recovered'));
    }
    this.expectedAgents = this.agents.size;
    if (this.expectedAgents > 0) {
      ctx.after(this.config.agentReregisterTimeout, { name: 'reregister-timeout' });
      if (Object.keys(this.registry.quotas).length > 0) {
        this.allocator.pause();
        ctx.after(RECOVERY_TIMEOUT, { name: 'recovery-timeout' });
      }
    }
    this.schedulePeriodic(ctx);
  }

  private schedulePeriodic(ctx: Context): void {
    const interval = Math.round(this.config.allocator.intervalSeconds * SECOND);
    const next = (Math.floor(ctx.now / interval) + 1) * interval;
    ctx.after(next - ctx.now, { name: 'periodic' }, PHASE_ALLOCATE);
  }

  private masterInfo(): MasterInfo {
    return { id: `${this.id}-E${this.registry.epoch}`, hostname: this.id.replace('/', '-'), port: 5050 };
  }

  // ------------------------------------------------------------------ timers

  private timer(t: Timer, ctx: Context): void {
    switch (t.name) {
      case 'periodic':
        this.runAllocation(ctx, true);
        this.schedulePeriodic(ctx);
        return;
      case 'allocate':
        this.runAllocation(ctx, false);
        return;
      case 'ping':
        return this.pingTimer(t.key!, t.token!, ctx);
      case 'failover': {
        const fw = this.frameworks.get(t.key!);
        if (fw && !fw.connected && fw.failoverToken === t.token)
          this.removeFramework(fw, 'failover timeout expired', ctx);
        return;
      }
      case 'offer-timeout': {
        const offer = this.offers.get(t.key!);
        if (offer) this.rescind(offer, 'offer timeout', ctx);
        return;
      }
      case 'reregister-timeout':
        for (const [id, agent] of this.agents)
          if (agent.state === 'recovered')
            this.markUnreachable(id, 'did not re-register after master failover', ctx);
        return;
      case 'recovery-timeout':
        this.resumeAllocator();
        return;
      default:
        return;
    }
  }

  /** Resuming triggers nothing: agents that re-registered while paused wait for the next periodic run. */
  private resumeAllocator(): void {
    this.allocator?.resume();
  }

  // ------------------------------------------------------------------ allocation

  /** Event-triggered allocations coalesce into one run at the end of the instant (MESOS-6904). */
  private triggerAllocation(agentIds: Iterable<string>, ctx: Context): void {
    // While paused, generateOffers returns at once and does not even record candidates (MESOS.md §1.4).
    if (this.allocator?.isPaused) return;
    for (const id of agentIds) this.candidates.add(id);
    if (this.allocationPending) return;
    this.allocationPending = true;
    ctx.after(0, { name: 'allocate' }, PHASE_ALLOCATE);
  }

  private runAllocation(ctx: Context, periodic: boolean): void {
    const allocator = this.allocator!;
    const candidates = periodic
      ? allocator.agentIds()
      : [...this.candidates].filter((id) => allocator.hasAgent(id));
    this.candidates.clear();
    this.allocationPending = false;
    const decisions = allocator.allocate(candidates, ctx.now, periodic);
    this.makeOffers(decisions, ctx);
    const roles = allocator.roleShares();
    const frameworks = allocator.frameworkShares();
    const snapshot = JSON.stringify([roles, frameworks]);
    if (decisions.length > 0 || snapshot !== this.lastShares) {
      this.lastShares = snapshot;
      ctx.trace({
        type: 'allocation',
        agents: candidates.length,
        offers: decisions.length,
        periodic,
        roles,
        frameworks,
      });
    }
  }

  /** Master::offer: one Offer per (framework, role, agent), sent in one OFFERS event per framework. */
  private makeOffers(decisions: OfferDecision[], ctx: Context): void {
    const byFramework = new Map<string, Offer[]>();
    for (const d of decisions) {
      const fw = this.frameworks.get(d.framework);
      const agent = this.agents.get(d.agent);
      if (!fw || !fw.connected || !agent || agent.state !== 'registered') {
        // The framework or agent went away in the meantime: recover with no filter (Master::offer).
        this.allocator!.recoverResources(d.framework, d.agent, d.role, d.resources, null, ctx.now);
        continue;
      }
      const id =
        this.registry.epoch <= 1 ? `O-${this.nextOffer++}` : `O${this.registry.epoch}-${this.nextOffer++}`;
      const entry: OfferEntry = {
        id,
        framework: d.framework,
        agent: d.agent,
        role: d.role,
        resources: d.resources,
      };
      this.offers.set(id, entry);
      fw.offers.add(id);
      ctx.trace({
        type: 'offer',
        offer: id,
        framework: d.framework,
        role: d.role,
        agent: d.agent,
        resources: d.resources.flatView(),
      });
      if (d.why) ctx.trace({ type: 'why', offer: id, why: d.why });
      let list = byFramework.get(d.framework);
      if (!list) byFramework.set(d.framework, (list = []));
      list.push(this.offerJson(entry, agent));
      const timeout = this.config.allocator.offerTimeoutSeconds;
      if (timeout !== null) ctx.after(Math.round(timeout * SECOND), { name: 'offer-timeout', key: id });
    }
    for (const [fwId, offers] of byFramework)
      this.sendToFramework(fwId, { type: 'OFFERS', offers: { offers } }, ctx);
  }

  private offerJson(o: OfferEntry, agent: AgentEntry): Offer {
    return {
      id: { value: o.id },
      framework_id: { value: o.framework },
      agent_id: { value: o.agent },
      hostname: agent.info.hostname,
      allocation_info: { role: o.role },
      // Shared frozen views: an agent's free resources and its attributes are offered again and again.
      // (Schedulers only read offers; learner code gets its own copy through its sandbox.)
      resources: o.resources.jsonView(o.role) as ResourceJson[],
      attributes: (agent.offerAttributes ??= Object.freeze(
        attributesJson(agent.info.attributes),
      ) as Attribute[]),
    };
  }

  /** Removes an outstanding offer (returns it), without touching the allocator. */
  private takeOffer(id: string): OfferEntry | undefined {
    const o = this.offers.get(id);
    if (!o) return undefined;
    this.offers.delete(id);
    this.frameworks.get(o.framework)?.offers.delete(id);
    return o;
  }

  /** RESCIND: the offer is withdrawn and its resources recovered with no filter (MESOS.md §1.11). */
  private rescind(offer: OfferEntry, reason: string, ctx: Context): void {
    this.takeOffer(offer.id);
    this.allocator!.recoverResources(
      offer.framework,
      offer.agent,
      offer.role,
      offer.resources,
      null,
      ctx.now,
    );
    ctx.trace({ type: 'rescind', offer: offer.id, framework: offer.framework, reason });
    this.sendToFramework(
      offer.framework,
      { type: 'RESCIND', rescind: { offer_id: { value: offer.id } } },
      ctx,
    );
  }

  // ------------------------------------------------------------------ scheduler calls

  private call(call: Call, ctx: Context): void {
    if (call.type === 'SUBSCRIBE')
      return this.subscribe(
        call.subscribe.framework_info,
        call.subscribe.suppressed_roles ?? [],
        call.subscribe.reregister === true,
        ctx,
      );
    const fw = this.frameworks.get(call.framework_id.value);
    // Calls from a framework that is not subscribed are refused (403 in the HTTP API).
    if (!fw || !fw.connected) return;
    const allocator = this.allocator!;
    switch (call.type) {
      case 'TEARDOWN':
        return this.removeFramework(fw, 'teardown', ctx);
      case 'ACCEPT':
        return this.accept(
          fw,
          call.accept.offer_ids.map((o) => o.value),
          call.accept.operations,
          call.accept.filters,
          ctx,
        );
      case 'DECLINE':
        for (const { value } of call.decline.offer_ids) {
          const o = this.offers.get(value);
          if (!o || o.framework !== fw.id) continue; // Mesos ignores declines of unknown offers.
          this.takeOffer(value);
          const filters = call.decline.filters ?? {};
          allocator.recoverResources(fw.id, o.agent, o.role, o.resources, filters, ctx.now);
          ctx.trace({ type: 'decline', offer: value, framework: fw.id, refuseSeconds: refuseOf(filters) });
        }
        return;
      case 'REVIVE':
        allocator.revive(fw.id, call.revive.roles);
        ctx.trace({
          type: 'revive',
          framework: fw.id,
          roles: call.revive.roles.length ? call.revive.roles : fw.info.roles,
        });
        this.triggerAllocation(allocator.agentIds(), ctx);
        return;
      case 'SUPPRESS':
        allocator.suppress(fw.id, call.suppress.roles);
        ctx.trace({
          type: 'suppress',
          framework: fw.id,
          roles: call.suppress.roles.length ? call.suppress.roles : fw.info.roles,
        });
        return;
      case 'KILL':
        return this.kill(fw, call.kill.task_id.value, ctx);
      case 'ACKNOWLEDGE': {
        const { agent_id, task_id, uuid } = call.acknowledge;
        const task = fw.tasks.get(task_id.value);
        if (task && isTerminal(task.state)) this.forgetTask(task);
        const agent = this.agents.get(agent_id.value);
        if (agent && agent.state === 'registered')
          ctx.send(agentAddress(agent_id.value), {
            type: 'STATUS_UPDATE_ACK',
            framework_id: fw.id,
            task_id,
            uuid,
          });
        return;
      }
      case 'RECONCILE':
        return this.reconcile(fw, call.reconcile.tasks, ctx);
      case 'MESSAGE': {
        const agent = this.agents.get(call.message.agent_id.value);
        if (agent && agent.state === 'registered')
          ctx.send(agentAddress(agent.info.id), {
            type: 'FRAMEWORK_TO_EXECUTOR',
            framework_id: fw.id,
            executor_id: call.message.executor_id.value,
            data: call.message.data,
          });
        return;
      }
    }
  }

  private subscribe(info: FrameworkInfo, suppressedRoles: string[], reregister: boolean, ctx: Context): void {
    const id = info.id?.value;
    if (!id) return;
    const address = frameworkAddress(id);
    if (this.removedFrameworks.has(id)) {
      ctx.send(address, { type: 'ERROR', error: { message: 'Framework has been removed' } });
      return;
    }
    const allocator = this.allocator!;
    const existing = this.frameworks.get(id);
    const subscribed: Event = {
      type: 'SUBSCRIBED',
      subscribed: {
        framework_id: { value: id },
        heartbeat_interval_seconds: HEARTBEAT_SECONDS,
        master_info: this.masterInfo(),
      },
    };
    if (!existing) {
      const fw: FrameworkEntry = {
        id,
        info,
        address,
        connected: true,
        recovered: false,
        tasks: new Map(),
        completed: [],
        offers: new Set(),
        failoverToken: 0,
      };
      this.frameworks.set(id, fw);
      allocator.addFramework(id, info.roles, {
        suppressedRoles,
        minAllocatable: frameworkMinAllocatable(info),
        gpuResources: hasGpuCapability(info),
      });
      // A framework that was subscribed to an earlier master re-registers with this one (MESOS.md §3.6).
      ctx.trace(
        reregister
          ? { type: 'framework-reregistered', framework: id }
          : { type: 'framework-added', framework: id, roles: info.roles },
      );
      ctx.send(address, subscribed);
      this.triggerAllocation(allocator.agentIds(), ctx);
      return;
    }
    // A known framework subscribes again: after its scheduler failed over, after a disconnection, or to a
    // new master. Offers made to the old connection are rescinded (master.cpp "Rescind any offers").
    for (const offerId of [...existing.offers])
      this.rescind(this.offers.get(offerId)!, 'framework failed over', ctx);
    existing.info = { ...info, roles: existing.recovered ? info.roles : existing.info.roles };
    existing.connected = true;
    existing.recovered = false;
    existing.failoverToken++;
    if (!allocator.hasFramework(id))
      allocator.addFramework(id, info.roles, {
        suppressedRoles,
        minAllocatable: frameworkMinAllocatable(info),
        gpuResources: hasGpuCapability(info),
      });
    else {
      allocator.activateFramework(id);
      if (suppressedRoles.length) allocator.suppress(id, suppressedRoles);
    }
    ctx.trace({ type: 'framework-reregistered', framework: id });
    ctx.send(address, subscribed);
    this.triggerAllocation(allocator.agentIds(), ctx);
  }

  /** ACCEPT with LAUNCH operations, validated as Mesos does (MESOS.md §1.11, §2.1). */
  private accept(
    fw: FrameworkEntry,
    offerIds: string[],
    operations: { type: 'LAUNCH'; launch: { task_infos: TaskInfo[] } }[],
    filters: Filters | undefined,
    ctx: Context,
  ): void {
    const allocator = this.allocator!;
    const tasks = (operations ?? []).flatMap((op) =>
      op?.type === 'LAUNCH' ? (op.launch?.task_infos ?? []) : [],
    );
    const valid: OfferEntry[] = [];
    let error: string | null = offerIds.length === 0 ? 'No offers specified' : null;
    const seen = new Set<string>();
    for (const id of offerIds) {
      const o = this.offers.get(id);
      if (seen.has(id)) error ??= `Duplicate offer ${id} in ACCEPT`;
      seen.add(id);
      if (!o) error ??= `Offer ${id} is no longer valid`;
      else if (o.framework !== fw.id) error ??= `Offer ${id} belongs to another framework`;
      else valid.push(o);
    }
    const agentId = valid[0]?.agent;
    const role = valid[0]?.role;
    if (valid.some((o) => o.agent !== agentId))
      error ??= 'Offers in one ACCEPT must all be on the same agent';
    if (valid.some((o) => o.role !== role))
      error ??= 'Offers in one ACCEPT must all be allocated to the same role';
    if (error !== null) {
      for (const o of valid) {
        this.takeOffer(o.id);
        allocator.recoverResources(fw.id, o.agent, o.role, o.resources, null, ctx.now);
      }
      ctx.trace({ type: 'error', framework: fw.id, message: error });
      const lost: TaskState = isPartitionAware(fw.info) ? 'TASK_DROPPED' : 'TASK_LOST';
      for (const t of tasks)
        this.masterUpdate(
          fw,
          taskIdOf(t),
          agentIdOf(t) ?? agentId ?? '',
          lost,
          'REASON_INVALID_OFFERS',
          error,
          ctx,
        );
      return;
    }
    const agent = this.agents.get(agentId!)!;
    let remaining = Resources.EMPTY;
    for (const o of valid) {
      this.takeOffer(o.id);
      remaining = remaining.plus(o.resources);
    }
    const launched: string[] = [];
    for (const task of tasks) {
      const taskId = taskIdOf(task);
      const problem = this.validateTask(fw, task, agentId!, remaining, launched);
      if (typeof problem === 'string') {
        this.masterUpdate(fw, taskId, agentId!, 'TASK_ERROR', 'REASON_TASK_INVALID', problem, ctx);
        continue;
      }
      remaining = remaining.minus(problem);
      const executorId = task.executor?.executor_id?.value ?? COMMAND_EXECUTOR_ID;
      const entry: TaskEntry = {
        id: taskId,
        framework: fw.id,
        agent: agentId!,
        role: role!,
        state: 'TASK_STAGING',
        resources: problem,
        info: task,
        executorId,
        released: false,
      };
      fw.tasks.set(taskId, entry);
      agent.tasks.set(taskKey(fw.id, taskId), entry);
      launched.push(taskId);
      ctx.trace({
        type: 'launch',
        task: taskId,
        framework: fw.id,
        agent: agentId!,
        resources: problem.toFlat(),
        offers: offerIds,
        role: role!,
        ...(task.executor ? { executor: executorId } : {}),
      });
      ctx.send(agentAddress(agentId!), {
        type: 'RUN_TASK',
        framework_id: fw.id,
        framework_info: fw.info,
        task: { ...task, resources: problem.toJson(role) },
        role: role!,
      });
    }
    ctx.trace({
      type: 'accept',
      offers: offerIds,
      framework: fw.id,
      agent: agentId!,
      tasks: launched,
      refuseSeconds: refuseOf(filters ?? {}),
    });
    // The unused part of the offers is declined with the ACCEPT's filters (MESOS.md §1.7).
    allocator.recoverResources(fw.id, agentId!, role!, remaining, filters ?? {}, ctx.now);
  }

  /** Task validation: returns the task's resources, or what is wrong (which becomes TASK_ERROR). */
  private validateTask(
    fw: FrameworkEntry,
    task: TaskInfo,
    agentId: string,
    remaining: Resources,
    launched: string[],
  ): Resources | string {
    if (typeof task !== 'object' || task === null) return 'Task must be an object';
    const taskId = taskIdOf(task);
    if (!taskId) return 'Task has no task_id.value';
    if (/[\s/]/.test(taskId)) return `Task ID '${taskId}' may not contain whitespace or '/'`;
    const existing = fw.tasks.get(taskId);
    if (launched.includes(taskId) || (existing && !isTerminal(existing.state)))
      return `Task has duplicate ID: ${taskId}`;
    const agent = agentIdOf(task);
    if (agent !== agentId) return `Task uses agent ${agent ?? '(none)'} but its offer is on agent ${agentId}`;
    if ((task.command ? 1 : 0) + (task.executor ? 1 : 0) !== 1)
      return 'Task should have exactly one of command or executor';
    if (task.command && (typeof task.command.value !== 'string' || task.command.value.trim() === ''))
      return 'Task command.value must be a non-empty string';
    let res: Resources;
    try {
      res = Resources.fromJson(task.resources, 'resources');
    } catch (e) {
      return `Task resources are invalid: ${(e as Error).message}`;
    }
    if (res.isEmpty()) return 'Task uses no resources';
    if (!remaining.contains(res))
      return `Task uses more resources ${res.toString()} than available ${remaining.toString() || '(nothing)'} in its offers`;
    return res;
  }

  private kill(fw: FrameworkEntry, taskId: string, ctx: Context): void {
    const task = fw.tasks.get(taskId);
    if (!task) {
      // KILL of an unknown task answers TASK_LOST (MESOS.md §2.1).
      this.masterUpdate(
        fw,
        taskId,
        '',
        'TASK_LOST',
        'REASON_TASK_UNKNOWN',
        'Cannot kill an unknown task',
        ctx,
      );
      return;
    }
    if (isTerminal(task.state)) return;
    const agent = this.agents.get(task.agent);
    if (agent && agent.state === 'registered')
      ctx.send(agentAddress(task.agent), {
        type: 'KILL_TASK',
        framework_id: fw.id,
        task_id: { value: taskId },
      });
  }

  /** Master::reconcile (MESOS.md §3.5): implicit with no tasks, explicit otherwise. */
  private reconcile(
    fw: FrameworkEntry,
    tasks: { task_id: { value: string }; agent_id?: { value: string } }[],
    ctx: Context,
  ): void {
    // Answers are master-generated updates (no uuid) and are traced like every other status report.
    const answer = (task: TaskEntry): void =>
      this.masterUpdate(
        fw,
        task.id,
        task.agent,
        task.state,
        'REASON_RECONCILIATION',
        'Reconciliation: the latest known state',
        ctx,
      );
    if (tasks.length === 0) {
      for (const t of fw.tasks.values()) answer(t);
      return;
    }
    const recovering = [...this.agents.values()].some((a) => a.state === 'recovered');
    const legacy = !isPartitionAware(fw.info);
    for (const { task_id, agent_id } of tasks) {
      const known = fw.tasks.get(task_id.value) ?? fw.completed.find((t) => t.id === task_id.value);
      if (known) {
        answer(known);
        continue;
      }
      const agent = agent_id ? this.agents.get(agent_id.value) : undefined;
      if (agent_id ? agent?.state === 'recovered' : recovering) continue; // No reply: the scheduler retries.
      let state: TaskState;
      if (agent?.state === 'registered') state = legacy ? 'TASK_LOST' : 'TASK_GONE';
      else if (
        agent?.state === 'unreachable' ||
        (agent_id && this.registry.unreachable.includes(agent_id.value))
      )
        state = legacy ? 'TASK_LOST' : 'TASK_UNREACHABLE';
      else state = legacy ? 'TASK_LOST' : 'TASK_UNKNOWN';
      this.masterUpdate(
        fw,
        task_id.value,
        agent_id?.value ?? '',
        state,
        'REASON_RECONCILIATION',
        'Reconciliation: the master does not know this task',
        ctx,
      );
    }
  }

  // ------------------------------------------------------------------ agents

  private newAgentEntry(info: AgentInfo, state: AgentEntry['state']): AgentEntry {
    return {
      info,
      total: Resources.parse(info.resources),
      state,
      tasks: new Map(),
      awaitingPong: false,
      missedPings: 0,
      pingToken: 0,
    };
  }

  private fromAgent(msg: AgentToMaster, ctx: Context): void {
    switch (msg.type) {
      case 'REGISTER_AGENT':
        return this.registerAgent(msg.agent_info, [], false, ctx);
      case 'REREGISTER_AGENT':
        return this.registerAgent(msg.agent_info, msg.tasks, true, ctx);
      case 'PONG': {
        const a = this.agents.get(msg.agent_id);
        if (a) {
          a.awaitingPong = false;
          a.missedPings = 0;
        }
        return;
      }
      case 'STATUS_UPDATE':
        return this.statusUpdate(
          msg.agent_id,
          msg.update.framework_id,
          msg.update.status,
          msg.update.latest_state,
          ctx,
        );
      case 'EXECUTOR_TO_FRAMEWORK':
        this.sendToFramework(
          msg.framework_id,
          {
            type: 'MESSAGE',
            message: {
              agent_id: { value: msg.agent_id },
              executor_id: { value: msg.executor_id },
              data: msg.data,
            },
          },
          ctx,
        );
        return;
      case 'EXITED_EXECUTOR':
        this.sendToFramework(
          msg.framework_id,
          {
            type: 'FAILURE',
            failure: {
              agent_id: { value: msg.agent_id },
              executor_id: { value: msg.executor_id },
              status: msg.status,
            },
          },
          ctx,
        );
        return;
    }
  }

  /**
   * Registration and re-registration. A fresh agent is admitted into the registry and added to the
   * allocator, which triggers an allocation on it. A re-registering agent reports its tasks: they are
   * re-added, and known tasks it no longer has are lost (MESOS.md §3.3).
   */
  private registerAgent(info: AgentInfo, reported: TaskRecord[], reregister: boolean, ctx: Context): void {
    const allocator = this.allocator!;
    const address = agentAddress(info.id);
    const existing = this.agents.get(info.id);
    if (existing && existing.state === 'registered') {
      if (!reregister) {
        // A restarted agent with a fresh process: what the master knew of its tasks is gone.
        this.reconcileAgentTasks(existing, [], ctx);
      } else this.reconcileAgentTasks(existing, reported, ctx);
      existing.awaitingPong = false;
      existing.missedPings = 0;
      ctx.trace({ type: 'agent-reregistered', agent: info.id });
      ctx.send(address, {
        type: reregister ? 'AGENT_REREGISTERED' : 'AGENT_REGISTERED',
        agent_id: info.id,
        master: this.id,
      });
      return;
    }
    const wasUnreachable = existing?.state === 'unreachable' || this.registry.unreachable.includes(info.id);
    const entry = existing ?? this.newAgentEntry(info, 'registered');
    entry.state = 'registered';
    entry.info = info;
    this.agents.set(info.id, entry);
    if (!this.registry.agents.some((a) => a.id === info.id)) this.registry.agents.push(info);
    this.registry.unreachable = this.registry.unreachable.filter((a) => a !== info.id);
    ctx.writeRegistry(structuredCloneRegistry(this.registry));

    // Tasks the agent reports: the master learns of their frameworks from them, as after a failover.
    const used: { framework: string; role: string; resources: Resources }[] = [];
    for (const rec of reported) {
      const fwId = rec.framework_id;
      let fw = this.frameworks.get(fwId);
      if (!fw) {
        fw = {
          id: fwId,
          info: rec.framework_info,
          address: frameworkAddress(fwId),
          connected: false,
          recovered: true,
          tasks: new Map(),
          completed: [],
          offers: new Set(),
          failoverToken: 0,
        };
        this.frameworks.set(fwId, fw);
      }
      if (isTerminal(rec.state)) continue;
      const taskId = rec.task.task_id.value;
      const resources = Resources.fromJson(rec.task.resources);
      const task: TaskEntry = {
        id: taskId,
        framework: fwId,
        agent: info.id,
        role: rec.role,
        state: rec.state,
        resources,
        info: rec.task,
        executorId: rec.executor_id,
        released: false,
      };
      const before = fw.tasks.get(taskId);
      fw.tasks.set(taskId, task);
      entry.tasks.set(taskKey(fwId, taskId), task);
      used.push({ framework: fwId, role: rec.role, resources });
      // Tasks that were reported lost come back with their current state (REASON_AGENT_REREGISTERED).
      if (wasUnreachable && (!before || before.state === 'TASK_LOST' || before.state === 'TASK_UNREACHABLE'))
        this.masterUpdate(
          fw,
          task.id,
          info.id,
          task.state,
          'REASON_AGENT_REREGISTERED',
          `Agent ${info.id} re-registered`,
          ctx,
        );
    }
    allocator.addAgent(info.id, entry.total, used);
    for (const fwId of new Set(used.map((u) => u.framework))) {
      const fw = this.frameworks.get(fwId)!;
      if (!allocator.hasFramework(fwId))
        allocator.addFramework(fwId, fw.info.roles, {
          active: fw.connected,
          minAllocatable: frameworkMinAllocatable(fw.info),
          gpuResources: hasGpuCapability(fw.info),
        });
    }
    if (existing && reregister && !wasUnreachable) this.reconcileAgentTasks(entry, reported, ctx);
    ctx.trace(
      existing
        ? { type: 'agent-reregistered', agent: info.id }
        : {
            type: 'agent-added',
            agent: info.id,
            resources: entry.total.toFlat(),
            ...(Object.keys(info.attributes).length ? { attributes: info.attributes } : {}),
          },
    );
    ctx.send(address, {
      type: existing ? 'AGENT_REREGISTERED' : 'AGENT_REGISTERED',
      agent_id: info.id,
      master: this.id,
    });
    entry.awaitingPong = false;
    entry.missedPings = 0;
    entry.pingToken++;
    ctx.after(this.config.agentPingTimeout, { name: 'ping', key: info.id, token: entry.pingToken });
    // The agent whose registration completes recovery allocates itself, as addSlave after resume would.
    if (allocator.isPaused) {
      const registered = [...this.agents.values()].filter((a) => a.state === 'registered').length;
      if (registered >= Math.floor(RECOVERY_FACTOR * this.expectedAgents)) this.resumeAllocator();
    }
    this.triggerAllocation([info.id], ctx);
  }

  /** Tasks the master knows on an agent that the agent no longer reports are lost. */
  private reconcileAgentTasks(agent: AgentEntry, reported: TaskRecord[], ctx: Context): void {
    const present = new Set(reported.map((r) => taskKey(r.framework_id, r.task.task_id.value)));
    for (const [key, task] of [...agent.tasks]) {
      if (present.has(key) || isTerminal(task.state)) continue;
      const fw = this.frameworks.get(task.framework);
      if (!fw) continue;
      this.transition(task, 'TASK_LOST', ctx);
      this.masterUpdate(
        fw,
        task.id,
        task.agent,
        'TASK_LOST',
        'REASON_AGENT_RESTARTED',
        'Task was not reported by the re-registering agent',
        ctx,
      );
    }
  }

  /** SlaveObserver: a PING every agent_ping_timeout; max_agent_ping_timeouts missed in a row → unreachable. */
  private pingTimer(agentId: string, token: number, ctx: Context): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.state !== 'registered' || agent.pingToken !== token) return;
    if (agent.awaitingPong) {
      agent.missedPings++;
      if (agent.missedPings >= this.config.maxAgentPingTimeouts) {
        this.markUnreachable(agentId, `health check timed out after ${agent.missedPings} missed pings`, ctx);
        return;
      }
    }
    agent.awaitingPong = true;
    ctx.send(agentAddress(agentId), { type: 'PING', master: this.id });
    ctx.after(this.config.agentPingTimeout, { name: 'ping', key: agentId, token });
  }

  /**
   * markUnreachable (MESOS.md §3.3): registry update, allocator removal, offers rescinded, every task
   * TASK_LOST (TASK_UNREACHABLE for partition-aware frameworks), and agentLost to every framework.
   */
  private markUnreachable(agentId: string, reason: string, ctx: Context): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.state === 'unreachable') return;
    agent.state = 'unreachable';
    agent.pingToken++;
    if (!this.registry.unreachable.includes(agentId)) this.registry.unreachable.push(agentId);
    ctx.writeRegistry(structuredCloneRegistry(this.registry));
    for (const offer of [...this.offers.values()])
      if (offer.agent === agentId) this.rescind(offer, 'agent removed', ctx);
    this.allocator!.removeAgent(agentId);
    ctx.trace({ type: 'agent-removed', agent: agentId, reason });
    for (const task of agent.tasks.values()) {
      if (isTerminal(task.state)) continue;
      const fw = this.frameworks.get(task.framework);
      if (!fw) continue;
      const state: TaskState = isPartitionAware(fw.info) ? 'TASK_UNREACHABLE' : 'TASK_LOST';
      task.released = true; // removeAgent already released everything on the agent.
      this.transition(task, state, ctx);
      this.masterUpdate(
        fw,
        task.id,
        agentId,
        state,
        'REASON_AGENT_REMOVED',
        `Agent ${agentId} is unreachable: ${reason}`,
        ctx,
      );
    }
    for (const fw of this.frameworks.values())
      if (fw.connected) ctx.send(fw.address, { type: 'FAILURE', failure: { agent_id: { value: agentId } } });
  }

  // ------------------------------------------------------------------ status updates

  private statusUpdate(
    agentId: string,
    fwId: string,
    status: TaskStatus,
    latest: TaskState | undefined,
    ctx: Context,
  ): void {
    const fw = this.frameworks.get(fwId);
    const task = fw?.tasks.get(status.task_id.value);
    // The master sets the task's state from latest_state, so resources are released on a terminal state
    // even before older updates are acknowledged (MESOS.md §3.2).
    if (task && task.agent === agentId) this.transition(task, latest ?? status.state, ctx);
    if (fw) this.sendToFramework(fw.id, { type: 'UPDATE', update: { status } }, ctx);
  }

  /** Applies a new state; terminal or unreachable tasks give their resources back with no filter. */
  private transition(task: TaskEntry, state: TaskState, ctx: Context): void {
    if (isTerminal(task.state) && task.state !== 'TASK_LOST') return; // The master never changes a terminal state.
    task.state = state;
    if ((isTerminal(state) || state === 'TASK_UNREACHABLE') && !task.released) {
      task.released = true;
      this.allocator!.recoverResources(task.framework, task.agent, task.role, task.resources, null, ctx.now);
    }
  }

  /** Drops a terminal task from the active set once acknowledged; it stays findable by reconciliation. */
  private forgetTask(task: TaskEntry): void {
    const fw = this.frameworks.get(task.framework);
    if (!fw) return;
    fw.tasks.delete(task.id);
    fw.completed.push(task);
    if (fw.completed.length > MAX_COMPLETED_TASKS) fw.completed.shift();
    this.agents.get(task.agent)?.tasks.delete(taskKey(task.framework, task.id));
  }

  private statusOf(task: TaskEntry, reason: TaskStatusReason): TaskStatus {
    return {
      task_id: { value: task.id },
      state: task.state,
      source: 'SOURCE_MASTER',
      reason,
      agent_id: { value: task.agent },
      executor_id: { value: task.executorId },
    };
  }

  /**
   * A status update the master itself generates (launch errors, lost agents, reconciliation): traced here,
   * sent without a uuid, never retried, never acknowledged.
   */
  private masterUpdate(
    fw: FrameworkEntry,
    taskId: string,
    agentId: string,
    state: TaskState,
    reason: TaskStatusReason,
    message: string,
    ctx: Context,
  ): void {
    ctx.trace({
      type: 'status',
      task: taskId,
      framework: fw.id,
      agent: agentId,
      state,
      reason,
      message,
      source: 'SOURCE_MASTER',
    });
    this.sendUpdate(
      fw,
      {
        task_id: { value: taskId },
        state,
        source: 'SOURCE_MASTER',
        reason,
        message,
        ...(agentId ? { agent_id: { value: agentId } } : {}),
        timestamp: toSeconds(ctx.now),
      },
      ctx,
    );
  }

  private sendUpdate(fw: FrameworkEntry, status: TaskStatus, ctx: Context): void {
    this.sendToFramework(fw.id, { type: 'UPDATE', update: { status } }, ctx);
  }

  private sendToFramework(fwId: string, event: Event, ctx: Context): void {
    const fw = this.frameworks.get(fwId);
    if (fw && fw.connected) ctx.send(fw.address, event);
  }

  // ------------------------------------------------------------------ frameworks leaving

  private control(msg: Control, ctx: Context): void {
    switch (msg.type) {
      case 'EXITED': {
        const fw = [...this.frameworks.values()].find((f) => f.address === msg.peer);
        if (fw && fw.connected) this.disconnectFramework(fw, 'scheduler stopped responding', ctx);
        return;
      }
      case 'SET_WEIGHT': {
        this.registry.weights[msg.role] = msg.weight;
        ctx.writeRegistry(structuredCloneRegistry(this.registry));
        this.allocator!.updateWeight(msg.role, msg.weight);
        ctx.trace({ type: 'weight', role: msg.role, weight: msg.weight });
        // The /weights handler rescinds every outstanding offer when the role has frameworks (MESOS.md §1.9).
        const hasFrameworks = [...this.frameworks.values()].some(
          (f) => f.connected && f.info.roles.includes(msg.role),
        );
        if (hasFrameworks)
          for (const offer of [...this.offers.values()]) this.rescind(offer, 'weights updated', ctx);
        return;
      }
      case 'SET_QUOTA': {
        this.registry.quotas[msg.role] = {
          ...(msg.guarantees !== undefined ? { guarantees: msg.guarantees } : {}),
          ...(msg.limits !== undefined ? { limits: msg.limits } : {}),
        };
        ctx.writeRegistry(structuredCloneRegistry(this.registry));
        const { guarantees, limits } = this.applyQuota(msg.role, msg.guarantees, msg.limits);
        ctx.trace({
          type: 'quota',
          role: msg.role,
          guarantees: flatQuantities(guarantees),
          limits: limits ? flatQuantities(limits) : {},
        });
        this.rescindForQuota(msg.role, guarantees, ctx);
        return;
      }
      case 'TEARDOWN_FRAMEWORK': {
        const fw = this.frameworks.get(msg.framework);
        if (fw) this.removeFramework(fw, 'teardown by operator', ctx);
        return;
      }
      default:
        return;
    }
  }

  private applyQuota(
    role: string,
    guaranteesText: string | undefined,
    limitsText: string | undefined,
  ): { guarantees: Quantities; limits: Quantities | null } {
    const guarantees = guaranteesText ? parseQuantities(guaranteesText) : {};
    const limits = limitsText ? parseQuantities(limitsText) : null;
    this.allocator!.updateQuota(role, guarantees, limits);
    return { guarantees, limits };
  }

  /**
   * Setting quota rescinds offers so the allocator can satisfy it: from enough agents to cover the
   * guarantee, and from at least as many agents as the role has frameworks (quota_handler.cpp).
   */
  private rescindForQuota(role: string, guarantees: Quantities, ctx: Context): void {
    const roleFrameworks = [...this.frameworks.values()].filter((f) => f.info.roles.includes(role)).length;
    const covered: Quantities = {};
    const agentsVisited = new Set<string>();
    const needMore = (): boolean =>
      Object.entries(guarantees).some(([k, v]) => (covered[k] ?? 0) < v) ||
      agentsVisited.size < roleFrameworks;
    for (const offer of [...this.offers.values()]) {
      if (!needMore()) break;
      if (offer.role === role) continue;
      agentsVisited.add(offer.agent);
      const q = offer.resources.quantities();
      for (const k in q) covered[k] = (covered[k] ?? 0) + q[k]!;
      this.rescind(offer, 'quota updated', ctx);
    }
  }

  /** Master::exited(framework): deactivated, offers rescinded, failover_timeout started (MESOS.md §3.4). */
  private disconnectFramework(fw: FrameworkEntry, reason: string, ctx: Context): void {
    fw.connected = false;
    ctx.trace({ type: 'framework-disconnected', framework: fw.id, reason });
    for (const offerId of [...fw.offers]) {
      const o = this.takeOffer(offerId)!;
      this.allocator!.recoverResources(o.framework, o.agent, o.role, o.resources, null, ctx.now);
      ctx.trace({ type: 'rescind', offer: o.id, framework: fw.id, reason: 'framework disconnected' });
    }
    this.allocator!.deactivateFramework(fw.id);
    fw.failoverToken++;
    ctx.after(Math.round(fw.info.failover_timeout * SECOND), {
      name: 'failover',
      key: fw.id,
      token: fw.failoverToken,
    });
  }

  /** removeFramework: every task killed, executors shut down, everything it held recovered. */
  private removeFramework(fw: FrameworkEntry, reason: string, ctx: Context): void {
    for (const offerId of [...fw.offers]) {
      const o = this.takeOffer(offerId)!;
      this.allocator!.recoverResources(o.framework, o.agent, o.role, o.resources, null, ctx.now);
      ctx.trace({ type: 'rescind', offer: o.id, framework: fw.id, reason: 'framework removed' });
    }
    const agentsWithTasks = new Set<string>();
    for (const task of fw.tasks.values()) {
      if (isTerminal(task.state)) continue;
      agentsWithTasks.add(task.agent);
      task.state = 'TASK_KILLED';
      ctx.trace({
        type: 'status',
        task: task.id,
        framework: fw.id,
        agent: task.agent,
        state: 'TASK_KILLED',
        reason: 'REASON_FRAMEWORK_REMOVED',
        message: `Framework removed: ${reason}`,
        source: 'SOURCE_MASTER',
      });
    }
    for (const agentId of agentsWithTasks) {
      const agent = this.agents.get(agentId);
      if (agent?.state === 'registered')
        ctx.send(agentAddress(agentId), { type: 'SHUTDOWN_FRAMEWORK', framework_id: fw.id });
    }
    for (const agent of this.agents.values())
      for (const [key, t] of agent.tasks) if (t.framework === fw.id) agent.tasks.delete(key);
    this.allocator!.removeFramework(fw.id);
    if (fw.connected)
      ctx.send(fw.address, { type: 'ERROR', error: { message: `Framework removed: ${reason}` } });
    this.frameworks.delete(fw.id);
    this.removedFrameworks.add(fw.id);
    ctx.trace({ type: 'framework-removed', framework: fw.id, reason });
  }

  // ------------------------------------------------------------------ inspection

  /**
   * What this master holds, as plain data, for tests that hold a view of the cluster to the model (the UI's
   * view-drift property test). Read-only: nothing in the model calls it.
   */
  snapshot(): MasterSnapshot {
    return {
      leading: this.leading,
      agents: [...this.agents.values()].map((a) => ({
        id: a.info.id,
        state: a.state,
        tasks: [...a.tasks.values()]
          .filter((t) => !isTerminal(t.state) && !t.released)
          .map((t) => ({ id: t.id, framework: t.framework, state: t.state })),
      })),
      offers: [...this.offers.values()].map((o) => ({ id: o.id, framework: o.framework, agent: o.agent })),
      frameworks: [...this.frameworks.values()].map((f) => ({ id: f.id, connected: f.connected })),
    };
  }
}

export interface MasterSnapshot {
  readonly leading: boolean;
  /** Agents as the master knows them, with the tasks it counts against their resources. */
  readonly agents: readonly {
    readonly id: string;
    readonly state: AgentEntry['state'];
    readonly tasks: readonly { readonly id: string; readonly framework: string; readonly state: TaskState }[];
  }[];
  readonly offers: readonly { readonly id: string; readonly framework: string; readonly agent: string }[];
  readonly frameworks: readonly { readonly id: string; readonly connected: boolean }[];
}

// ------------------------------------------------------------------ helpers

const taskKey = (framework: string, task: string): string => `${framework}\u0000${task}`;
const taskIdOf = (t: TaskInfo): string => (typeof t?.task_id?.value === 'string' ? t.task_id.value : '');
const agentIdOf = (t: TaskInfo): string | undefined =>
  typeof t?.agent_id?.value === 'string' ? t.agent_id.value : undefined;

const refuseOf = (f: Filters): number => (typeof f.refuse_seconds === 'number' ? f.refuse_seconds : 5);

const hasGpuCapability = (info: FrameworkInfo): boolean =>
  info.capabilities.some((c) => c.type === 'GPU_RESOURCES');

const isPartitionAware = (info: FrameworkInfo): boolean =>
  info.capabilities.some((c) => c.type === 'PARTITION_AWARE');

function frameworkMinAllocatable(info: FrameworkInfo): Quantities[] | null | undefined {
  if (info.min_allocatable === undefined || info.min_allocatable === null) return undefined;
  return parseMinAllocatable(info.min_allocatable);
}

/** Quantities as a flat trace object; zero amounts are kept, since a zero limit means "none at all". */
function flatQuantities(q: Quantities): Record<string, number> {
  return Object.fromEntries(
    Object.keys(q)
      .sort()
      .map((k) => [k, q[k]!]),
  );
}

function attributesJson(attrs: Record<string, string | number>): Attribute[] {
  return Object.keys(attrs)
    .sort()
    .map((name) => {
      const v = attrs[name]!;
      return typeof v === 'number'
        ? { name, type: 'SCALAR', scalar: { value: v } }
        : { name, type: 'TEXT', text: { value: v } };
    });
}

function structuredCloneRegistry(r: Registry): Registry {
  return {
    agents: r.agents.map((a) => ({ ...a, attributes: { ...a.attributes } })),
    unreachable: [...r.unreachable],
    weights: { ...r.weights },
    quotas: Object.fromEntries(Object.entries(r.quotas).map(([k, v]) => [k, { ...v }])),
    epoch: r.epoch,
  };
}
