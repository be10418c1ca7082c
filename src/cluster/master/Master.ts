/**
 * The Mesos master (MESOS.md §1.4–1.11, §2, §3): admits agents and frameworks, turns the allocator's
 * decisions into offers, validates ACCEPT calls, tracks tasks through status updates, watches agents with
 * pings, and recovers from the registry after a failover.
 */
import { PHASE_ALLOCATE, type Actor, type Context, type MasterConfig } from '../actor';
import {
  HierarchicalAllocator,
  type InstalledFilter,
  type OfferDecision,
} from '../allocator/HierarchicalAllocator';
import {
  agentAddress,
  frameworkAddress,
  type AgentInfo,
  type AgentToMaster,
  type ActorId,
  type Call,
  type Control,
  type Event,
  type ExecutorRecord,
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
  type ExecutorInfo,
  type Filters,
  type MasterInfo,
  type Offer,
  type Operation,
  type TaskInfo,
  type TaskState,
  type TaskStatus,
  type TaskStatusReason,
} from '../scheduler/api';
import { SECOND, toSeconds, type Micros } from '../time';

/** The heartbeat interval announced in SUBSCRIBED (DEFAULT_HEARTBEAT_INTERVAL). */
const HEARTBEAT_SECONDS = 15;
/** --allocator_agent_recovery_factor and --allocator_recovery_timeout (MESOS.md §1.10). */
const RECOVERY_FACTOR = 0.8;
const RECOVERY_TIMEOUT: Micros = 10 * 60 * SECOND;
/**
 * --max_unreachable_tasks_per_framework: how many tasks lost with an unreachable agent the master keeps
 * apart per framework (Framework::unreachableTasks is a bounded cache in Mesos too).
 */
const MAX_UNREACHABLE_TASKS = 1000;

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
  /** The agent process on its machine. */
  address: ActorId;
  total: Resources;
  /** registered: pinged and offered; recovered: known from the registry, not yet re-registered. */
  state: 'registered' | 'recovered' | 'unreachable';
  /** False from the agent process's exit until it re-registers (Slave::connected). */
  connected: boolean;
  tasks: Map<string, TaskEntry>;
  /** Executors of custom executor tasks, by framework and executor id (command executors are not tracked). */
  executors: Map<string, ExecutorEntry>;
  awaitingPong: boolean;
  missedPings: number;
  pingToken: number;
  reregisterToken: number;
  /** The attributes as offers carry them, built on the first offer and shared (frozen) after. */
  offerAttributes?: Attribute[];
}

/** An executor the master accounts for (Slave::executors): its resources stay allocated until it exits. */
interface ExecutorEntry {
  id: string;
  framework: string;
  agent: string;
  role: string;
  resources: Resources;
  info: ExecutorInfo;
}

interface FrameworkEntry {
  id: string;
  info: FrameworkInfo;
  address: ActorId;
  connected: boolean;
  /** Known only from re-registering agents after a failover; not yet subscribed to this master. */
  recovered: boolean;
  /**
   * Tasks the master tracks (Framework::tasks): live ones, and terminal ones whose last update has not been
   * acknowledged yet. Reconciliation answers only for these.
   */
  tasks: Map<string, TaskEntry>;
  /**
   * Tasks that were lost with an unreachable agent (Framework::unreachableTasks): kept apart, never
   * reported by implicit reconciliation, and re-added if their agent comes back.
   */
  unreachable: Map<string, TaskEntry>;
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
  /** Agent ids removed for good (Master::slaves.removed): a rebooted machine's old agent id. */
  private readonly removedAgents = new Set<string>();
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
      case 'agent-reregister-timeout': {
        // Master::agentReregisterTimeout: a disconnected agent that did not come back is marked unreachable.
        const agent = this.agents.get(t.key!);
        if (agent && !agent.connected && agent.state === 'registered' && agent.reregisterToken === t.token)
          this.markUnreachable(t.key!, 'agent did not re-register after its process exited', ctx);
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
      if (!fw || !fw.connected || !agent || agent.state !== 'registered' || !agent.connected) {
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
    // Master::offer lists the framework's executors already running on the agent (Offer.executor_ids).
    const executorIds = [...agent.executors.values()]
      .filter((e) => e.framework === o.framework)
      .map((e) => ({ value: e.id }));
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
      ...(executorIds.length ? { executor_ids: executorIds } : {}),
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
          const filter = allocator.recoverResources(fw.id, o.agent, o.role, o.resources, filters, ctx.now);
          ctx.trace({ type: 'decline', offer: value, framework: fw.id, refuseSeconds: refuseOf(filters) });
          traceFilter(fw.id, filter, ctx);
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
        return this.kill(fw, call.kill.task_id.value, call.kill.agent_id?.value, ctx);
      case 'ACKNOWLEDGE': {
        const { agent_id, task_id, uuid } = call.acknowledge;
        // Master::_statusUpdateAcknowledgement: once a terminal update is acknowledged the master stops
        // tracking the task, so reconciliation no longer knows it.
        const task = fw.tasks.get(task_id.value);
        if (task && isTerminal(task.state)) this.removeTask(task, false);
        const agent = this.agents.get(agent_id.value);
        if (agent && agent.state === 'registered')
          ctx.send(agent.address, {
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
        if (agent && agent.state === 'registered' && agent.connected)
          ctx.send(agent.address, {
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
      // A framework whose failover_timeout expired, or that was torn down, cannot come back under its id
      // (validateFramework: "Framework has been removed"; FaultToleranceTest.SchedulerReregisterAfterFailoverTimeout).
      const message = 'Framework has been removed';
      ctx.trace({ type: 'error', framework: id, message: `subscription refused: ${message}` });
      ctx.send(address, { type: 'ERROR', error: { message } });
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
    const suppressed = suppressedRoles.filter((r) => info.roles.includes(r));
    if (!existing) {
      const fw: FrameworkEntry = {
        id,
        info,
        address,
        connected: true,
        recovered: false,
        tasks: new Map(),
        unreachable: new Map(),
        offers: new Set(),
        failoverToken: 0,
      };
      this.frameworks.set(id, fw);
      allocator.addFramework(id, info.roles, {
        suppressedRoles: suppressed,
        minAllocatable: frameworkMinAllocatable(info),
        gpuResources: hasGpuCapability(info),
      });
      // A framework that was subscribed to an earlier master re-registers with this one (MESOS.md §3.6).
      ctx.trace(
        reregister
          ? { type: 'framework-reregistered', framework: id }
          : { type: 'framework-added', framework: id, roles: info.roles },
      );
      if (suppressed.length) ctx.trace({ type: 'suppress', framework: id, roles: suppressed });
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
    if (!allocator.hasFramework(id)) {
      allocator.addFramework(id, existing.info.roles, {
        suppressedRoles: suppressed,
        minAllocatable: frameworkMinAllocatable(info),
        gpuResources: hasGpuCapability(info),
      });
      if (suppressed.length) ctx.trace({ type: 'suppress', framework: id, roles: suppressed });
    } else {
      this.updateSuppressedRoles(existing, suppressed, ctx);
      allocator.activateFramework(id);
    }
    ctx.trace({ type: 'framework-reregistered', framework: id });
    ctx.send(address, subscribed);
    this.triggerAllocation(allocator.agentIds(), ctx);
  }

  /**
   * Master::_subscribe hands the SUBSCRIBE call's suppressed roles to the allocator's updateFramework,
   * which suppresses the roles newly listed and revives the roles no longer listed (reviveRoles: their
   * filters are cleared and they are offered again). A scheduler that failed over to new code therefore
   * starts with the suppression it asks for, not with what its predecessor left behind
   * (MasterAllocatorTest.SchedulerFailover).
   */
  private updateSuppressedRoles(fw: FrameworkEntry, suppressed: string[], ctx: Context): void {
    const allocator = this.allocator!;
    const wanted = new Set(suppressed);
    const was = fw.info.roles.filter((r) => allocator.isSuppressed(fw.id, r));
    const suppress = suppressed.filter((r) => !was.includes(r));
    const revive = was.filter((r) => !wanted.has(r));
    // Both calls take an empty list to mean "every role", so they are made only for a non-empty one.
    if (suppress.length) {
      allocator.suppress(fw.id, suppress);
      ctx.trace({ type: 'suppress', framework: fw.id, roles: suppress });
    }
    if (revive.length) {
      allocator.revive(fw.id, revive);
      ctx.trace({ type: 'revive', framework: fw.id, roles: revive });
    }
  }

  /**
   * ACCEPT (Master::accept and Master::_accept, MESOS.md §1.11, §2.1): the offers are validated, then the
   * operations apply in order to what the offers hold: RESERVE, UNRESERVE, CREATE and DESTROY convert
   * resources at once (they are speculative), LAUNCH consumes them. What is left, converted or not, is
   * declined with the ACCEPT's filters.
   */
  private accept(
    fw: FrameworkEntry,
    offerIds: string[],
    operations: Operation[],
    filters: Filters | undefined,
    ctx: Context,
  ): void {
    const allocator = this.allocator!;
    const ops: Operation[] = Array.isArray(operations) ? operations : [];
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
      for (const op of ops) {
        if (op?.type !== 'LAUNCH') {
          // Non-LAUNCH operations on invalid offers are dropped (OPERATION_ERROR).
          this.traceOperation(
            fw,
            agentId ?? '',
            op,
            Resources.EMPTY,
            'OPERATION_ERROR',
            ctx,
            `Operation attempted with invalid offers: ${error}`,
          );
          continue;
        }
        for (const t of op.launch?.task_infos ?? [])
          this.masterUpdate(
            fw,
            taskIdOf(t),
            agentIdOf(t) ?? agentId ?? '',
            lost,
            'REASON_INVALID_OFFERS',
            error,
            ctx,
          );
      }
      return;
    }
    const agent = this.agents.get(agentId!)!;
    let offered = Resources.EMPTY;
    for (const o of valid) {
      this.takeOffer(o.id);
      offered = offered.plus(o.resources);
    }
    let remaining = offered;
    const launched: string[] = [];
    for (const op of ops) {
      if (op?.type === 'LAUNCH') {
        for (const task of op.launch?.task_infos ?? [])
          remaining = this.launchTask(fw, agent, role!, task, remaining, offerIds, launched, ctx);
      } else if (
        op?.type === 'RESERVE' ||
        op?.type === 'UNRESERVE' ||
        op?.type === 'CREATE' ||
        op?.type === 'DESTROY'
      ) {
        remaining = this.operate(fw, agent, role!, op, remaining, ctx);
      } else {
        ctx.trace({
          type: 'error',
          framework: fw.id,
          message: `Ignoring an unknown operation ${JSON.stringify((op as { type?: unknown } | null)?.type) ?? String(op)}: expected LAUNCH, RESERVE, UNRESERVE, CREATE or DESTROY`,
        });
      }
    }
    ctx.trace({
      type: 'accept',
      offers: offerIds,
      framework: fw.id,
      agent: agentId!,
      tasks: launched,
      refuseSeconds: refuseOf(filters ?? {}),
    });
    // The unused rest of the offers, with what operations converted and no task used, is declined with the
    // ACCEPT's filters in one piece (Master::_accept recovers `_offeredResources` with `accept.filters()`;
    // MESOS.md §1.7). A framework that wants its new reservation offered at once passes refuse_seconds 0, as
    // ReservationTest.ReserveThenUnreserve does.
    const filter = allocator.recoverResources(fw.id, agentId!, role!, remaining, filters ?? {}, ctx.now);
    traceFilter(fw.id, filter, ctx);
  }

  /** One task of a LAUNCH operation; returns what is left of the offers after it. */
  private launchTask(
    fw: FrameworkEntry,
    agent: AgentEntry,
    role: string,
    task: TaskInfo,
    remaining: Resources,
    offerIds: string[],
    launched: string[],
    ctx: Context,
  ): Resources {
    const agentId = agent.info.id;
    const taskId = taskIdOf(task);
    const checked = this.validateTask(fw, task, agent, role, remaining, launched);
    if (typeof checked === 'string') {
      this.masterUpdate(fw, taskId, agentId, 'TASK_ERROR', 'REASON_TASK_INVALID', checked, ctx);
      return remaining;
    }
    const { resources, executor } = checked;
    let left = remaining.minus(resources);
    const executorId = task.executor?.executor_id?.value ?? taskId;
    // A custom executor not yet running on the agent is launched with the task, and its resources are
    // taken from the same offers (Master::_accept, isLaunchExecutor and addExecutor).
    let executorResources: Resources | null = null;
    if (executor) {
      left = left.minus(executor.resources);
      agent.executors.set(taskKey(fw.id, executor.id), executor);
      if (!executor.resources.isEmpty()) executorResources = executor.resources;
    }
    const entry: TaskEntry = {
      id: taskId,
      framework: fw.id,
      agent: agentId,
      role,
      state: 'TASK_STAGING',
      resources,
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
      agent: agentId,
      resources: resources.toFlat(),
      offers: offerIds,
      role,
      ...(task.executor ? { executor: executorId } : {}),
      ...(executorResources ? { executorResources: executorResources.toFlat() } : {}),
    });
    ctx.send(agent.address, {
      type: 'RUN_TASK',
      framework_id: fw.id,
      framework_info: fw.info,
      task: {
        ...task,
        resources: resources.toJson(role),
        ...(task.executor
          ? {
              executor: {
                ...task.executor,
                resources: (executor?.resources ?? executorResourcesOf(task.executor)).toJson(role),
              },
            }
          : {}),
      },
      role,
    });
    return left;
  }

  /**
   * RESERVE, UNRESERVE, CREATE and DESTROY (Master::_accept with validation::operation::validate): checked,
   * then applied at once to what the ACCEPT has left, to the framework's allocation (updateAllocation) and
   * to the agent's resources, which the agent checkpoints. An invalid operation is dropped and the rest of
   * the ACCEPT goes on. Returns what is left of the offers after it.
   */
  private operate(
    fw: FrameworkEntry,
    agent: AgentEntry,
    role: string,
    op: Exclude<Operation, { type: 'LAUNCH' }>,
    remaining: Resources,
    ctx: Context,
  ): Resources {
    const drop = (message: string, resources = Resources.EMPTY): Resources => {
      this.traceOperation(fw, agent.info.id, op, resources, 'OPERATION_ERROR', ctx, message);
      return remaining;
    };
    let conversion: { consumed: Resources; converted: Resources; resources: Resources };
    try {
      conversion = this.conversionOf(fw, agent, role, op);
    } catch (e) {
      return drop((e as Error).message);
    }
    const { consumed, converted, resources } = conversion;
    // Resources::apply: the operation must find what it converts among what the ACCEPT has left.
    if (!remaining.contains(consumed))
      return drop(
        `${remaining.toString() || '(nothing)'} does not contain ${consumed.toString()}`,
        resources,
      );
    if (op.type === 'DESTROY')
      // A volume being destroyed may still sit in another offer of the agent: that offer is rescinded.
      for (const offer of [...this.offers.values()])
        if (
          offer.agent === agent.info.id &&
          offer.resources
            .volumes()
            .items.some((v) => consumed.volumes().items.some((c) => c.volume?.id === v.volume?.id))
        )
          this.rescind(offer, 'persistent volume destroyed', ctx);
    this.allocator!.updateAllocation(fw.id, agent.info.id, role, consumed, converted);
    agent.total = agent.total.minus(consumed).plus(converted);
    ctx.send(agent.address, { type: 'CHECKPOINT_RESOURCES', resources: checkpointedOf(agent.total) });
    this.traceOperation(fw, agent.info.id, op, resources, 'OPERATION_FINISHED', ctx);
    return remaining.minus(consumed).plus(converted);
  }

  /** What an operation consumes and what it turns it into, or throws what is wrong with it (validation). */
  private conversionOf(
    fw: FrameworkEntry,
    agent: AgentEntry,
    role: string,
    op: Exclude<Operation, { type: 'LAUNCH' }>,
  ): { consumed: Resources; converted: Resources; resources: Resources } {
    switch (op.type) {
      case 'RESERVE': {
        const res = reservationsOf(op.reserve?.resources, 'reserve.resources');
        for (const r of res.items) {
          if (r.volume)
            throw new Error(
              `Resource ${Resources.of([r]).toString()} is a persistent volume, not a reservation`,
            );
          // A framework reserves what was allocated to its role, for that role.
          if (r.role !== role)
            throw new Error(
              `A reserve operation was attempted for a resource with role '${r.role}', but the resource was allocated to role '${role}'`,
            );
        }
        if (!fw.info.roles.includes(role))
          throw new Error(
            `A reserve operation was attempted for role '${role}', but the framework only has roles ${fw.info.roles.join(', ')}`,
          );
        return { consumed: res.toUnreserved(), converted: res, resources: res };
      }
      case 'UNRESERVE': {
        const res = reservationsOf(op.unreserve?.resources, 'unreserve.resources');
        for (const r of res.items)
          if (r.volume)
            throw new Error(
              `A dynamically reserved persistent volume ${Resources.of([r]).toString()} cannot be unreserved directly. Please destroy the persistent volume first then unreserve the resource`,
            );
        return { consumed: res, converted: res.toUnreserved(), resources: res };
      }
      case 'CREATE': {
        const volumes = volumesOf(op.create?.volumes, 'create.volumes');
        // validateUniquePersistenceID: a persistence id is unique on the agent.
        const ids = new Set(agent.total.volumes().items.map((v) => v.volume!.id));
        for (const v of volumes.items) {
          if (ids.has(v.volume!.id)) throw new Error(`Persistence ID '${v.volume!.id}' is not unique`);
          ids.add(v.volume!.id);
          if (v.role !== role)
            throw new Error(
              `Invalid volume resources: the volume is reserved to '${v.role}', but the offer is allocated to role '${role}'`,
            );
        }
        return { consumed: volumes.withoutVolumes(), converted: volumes, resources: volumes };
      }
      case 'DESTROY': {
        const volumes = volumesOf(op.destroy?.volumes, 'destroy.volumes');
        if (!agent.total.contains(volumes)) throw new Error('Persistent volumes not found');
        for (const t of agent.tasks.values())
          if (
            !isTerminal(t.state) &&
            !t.released &&
            t.resources.volumes().items.some((u) => volumes.items.some((v) => v.volume!.id === u.volume!.id))
          )
            throw new Error('Persistent volumes in use');
        return { consumed: volumes, converted: volumes.withoutVolumes(), resources: volumes };
      }
    }
  }

  /** The trace's record of an offer operation (the status Mesos's operation feedback would carry). */
  private traceOperation(
    fw: FrameworkEntry,
    agentId: string,
    op: Operation | null | undefined,
    resources: Resources,
    status: 'OPERATION_FINISHED' | 'OPERATION_ERROR',
    ctx: Context,
    message?: string,
  ): void {
    ctx.trace({
      type: 'operation',
      framework: fw.id,
      agent: agentId,
      operation: String((op as { type?: unknown } | null | undefined)?.type ?? 'UNKNOWN'),
      resources: resources.toFlat(),
      status,
      ...(message !== undefined ? { message } : {}),
    });
  }

  /**
   * Task validation (validation::task::validate): returns the task's resources and the executor to launch
   * with it, if any, or what is wrong (which becomes TASK_ERROR). A custom executor that is not yet running
   * on the agent needs its own resources too: task and executor together must fit in the offers
   * (validateExecutor, "Total resources ... required by task and its executor is more than available").
   */
  private validateTask(
    fw: FrameworkEntry,
    task: TaskInfo,
    agent: AgentEntry,
    role: string,
    remaining: Resources,
    launched: string[],
  ): { resources: Resources; executor: ExecutorEntry | null } | string {
    const agentId = agent.info.id;
    if (typeof task !== 'object' || task === null) return 'Task must be an object';
    const taskId = taskIdOf(task);
    if (!taskId) return 'Task has no task_id.value';
    if (/[\s/]/.test(taskId)) return `Task ID '${taskId}' may not contain whitespace or '/'`;
    // validateUniqueTaskID: the id of a task the master still tracks (even a finished one whose update is
    // not yet acknowledged) or of an unreachable task cannot be used again.
    if (launched.includes(taskId) || fw.tasks.has(taskId)) return `Task has duplicate ID: ${taskId}`;
    if (fw.unreachable.has(taskId)) return `Task reuses the ID of an unreachable task: ${taskId}`;
    const target = agentIdOf(task);
    if (target !== agentId)
      return `Task uses invalid agent ${target ?? '(none)'} while agent ${agentId} is expected`;
    if ((task.command ? 1 : 0) + (task.executor ? 1 : 0) !== 1)
      return 'Task should have at least one (but not both) of CommandInfo or ExecutorInfo present';
    if (task.command && (typeof task.command.value !== 'string' || task.command.value.trim() === ''))
      return 'Task command.value must be a non-empty string';
    let res: Resources;
    try {
      res = Resources.fromJson(task.resources, 'resources');
    } catch (e) {
      return `Task uses invalid resources: ${(e as Error).message}`;
    }
    if (res.isEmpty()) return 'Task uses no resources';
    let executor: ExecutorEntry | null = null;
    let total = res;
    if (task.executor) {
      const e = task.executor as unknown as Record<string, unknown>;
      const executorId = (e.executor_id as { value?: unknown } | undefined)?.value;
      if (typeof executorId !== 'string' || executorId === '' || /[\s/]/.test(executorId))
        return 'Executor ID must be a non-empty string without whitespace or "/"';
      let exRes: Resources;
      try {
        exRes = executorResourcesOf(task.executor);
      } catch (err) {
        return `Executor uses invalid resources: ${(err as Error).message}`;
      }
      const running = agent.executors.get(taskKey(fw.id, executorId));
      if (running) {
        // validateCompatibleExecutorInfo: an executor id already running must be given the same ExecutorInfo.
        if (!sameExecutorInfo(running.info, task.executor))
          return `ExecutorInfo is not compatible with existing ExecutorInfo with same ExecutorID '${executorId}'`;
      } else {
        executor = {
          id: executorId,
          framework: fw.id,
          agent: agentId,
          role,
          resources: exRes,
          info: task.executor,
        };
        total = total.plus(exRes);
      }
    }
    if (!remaining.contains(total))
      return `Total resources ${total.toString()} required by task and its executor is more than available ${remaining.toString() || '(nothing)'}`;
    return { resources: res, executor };
  }

  /**
   * Master::kill. A task the master does not know is answered as reconciliation answers it
   * (MasterTest.KillUnknownTask: TASK_LOST; ReconciliationTest.UnknownKillTask: TASK_UNKNOWN for a
   * partition-aware framework); a known one is killed by its agent, even if it already ended.
   */
  private kill(fw: FrameworkEntry, taskId: string, agentId: string | undefined, ctx: Context): void {
    const task = fw.tasks.get(taskId);
    if (!task) {
      this.reconcile(
        fw,
        [{ task_id: { value: taskId }, ...(agentId !== undefined ? { agent_id: { value: agentId } } : {}) }],
        ctx,
      );
      return;
    }
    if (agentId !== undefined && agentId !== task.agent) return; // Mesos drops a KILL naming another agent.
    const agent = this.agents.get(task.agent);
    // A kill for a disconnected agent is not sent; the agent's re-registration reconciles the task.
    if (agent && agent.state === 'registered' && agent.connected)
      ctx.send(agent.address, {
        type: 'KILL_TASK',
        framework_id: fw.id,
        task_id: { value: taskId },
      });
  }

  /**
   * Master::reconcile (MESOS.md §3.5): implicit with no tasks (the latest state of every task the master
   * tracks), explicit otherwise, with Mesos's six cases for each task asked about. Legacy frameworks get
   * TASK_LOST wherever partition-aware ones get TASK_GONE, TASK_UNREACHABLE or TASK_UNKNOWN.
   */
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
        'Reconciliation: Latest task state',
        ctx,
        task.executorId,
      );
    if (tasks.length === 0) {
      for (const t of fw.tasks.values()) answer(t);
      return;
    }
    const recovering = [...this.agents.values()].some((a) => a.state === 'recovered');
    const legacy = !isPartitionAware(fw.info);
    for (const { task_id, agent_id } of tasks) {
      // (1) The task is known: its latest state. Framework::getTask looks only at tracked tasks, so a
      // finished and acknowledged task, or one lost with an unreachable agent, is unknown here.
      const known = fw.tasks.get(task_id.value);
      if (known) {
        answer(known);
        continue;
      }
      const agentId = agent_id?.value;
      const agent = agentId !== undefined ? this.agents.get(agentId) : undefined;
      // (2) Its agent, or with no agent id any agent, is recovered but not back: no reply; the scheduler retries.
      if (agentId !== undefined ? agent?.state === 'recovered' : recovering) continue;
      let state: TaskState;
      let message: string;
      if (agentId !== undefined && agent?.state === 'registered') {
        // (3) The agent is registered and does not have the task.
        state = legacy ? 'TASK_LOST' : 'TASK_GONE';
        message = 'Reconciliation: Task is unknown to the agent';
      } else if (
        agentId !== undefined &&
        (agent?.state === 'unreachable' || this.registry.unreachable.includes(agentId))
      ) {
        // (4) The agent is unreachable.
        state = legacy ? 'TASK_LOST' : 'TASK_UNREACHABLE';
        message = 'Reconciliation: Task is unreachable';
      } else {
        // (6) Neither the task nor the agent is known. ((5), an agent marked gone by an operator, is not
        // modelled.)
        state = legacy ? 'TASK_LOST' : 'TASK_UNKNOWN';
        message = 'Reconciliation: Task is unknown';
      }
      this.masterUpdate(fw, task_id.value, agentId ?? '', state, 'REASON_RECONCILIATION', message, ctx);
    }
  }

  // ------------------------------------------------------------------ agents

  private newAgentEntry(info: AgentInfo, state: AgentEntry['state']): AgentEntry {
    return {
      info,
      address: agentAddress(info.hostname),
      total: Resources.parse(info.resources),
      state,
      connected: state === 'registered',
      tasks: new Map(),
      executors: new Map(),
      awaitingPong: false,
      missedPings: 0,
      pingToken: 0,
      reregisterToken: 0,
    };
  }

  private fromAgent(msg: AgentToMaster, ctx: Context): void {
    switch (msg.type) {
      case 'REGISTER_AGENT':
        return this.registerAgent(msg.agent_info, [], [], msg.checkpointed_resources, false, ctx);
      case 'REREGISTER_AGENT':
        return this.registerAgent(
          msg.agent_info,
          msg.tasks,
          msg.executors,
          msg.checkpointed_resources,
          true,
          ctx,
        );
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
      case 'EXITED_EXECUTOR': {
        // Master::exitedExecutor: the executor's resources go back to the allocator (removeExecutor), and
        // the framework hears of it (executorLost).
        const agent = this.agents.get(msg.agent_id);
        if (!agent || agent.state !== 'registered') return;
        const ex = agent.executors.get(taskKey(msg.framework_id, msg.executor_id));
        if (ex) this.removeExecutor(agent, ex, ctx);
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
  }

  /**
   * Registration and re-registration (Master::_registerSlave, Master::_reregisterSlave).
   *
   * - A known, registered agent that registers again is answered again (it retried). One that
   *   re-registers after its process restarted is reconnected, and the tasks the master knows that it no
   *   longer reports are reconciled with it (Master::reconcileKnownSlave).
   * - An unreachable agent that comes back, or one known only from the registry after a master failover, is
   *   admitted again with the tasks and executors it reports.
   * - A new agent id is admitted into the registry; if an earlier agent ran on the same machine, it is
   *   removed first: the machine rebooted, and its old agent id never comes back ("a new agent registered
   *   at the same address").
   */
  private registerAgent(
    info: AgentInfo,
    reported: TaskRecord[],
    reportedExecutors: ExecutorRecord[],
    checkpointed: ResourceJson[],
    reregister: boolean,
    ctx: Context,
  ): void {
    const allocator = this.allocator!;
    const existing = this.agents.get(info.id);
    if (this.removedAgents.has(info.id)) return; // A removed agent id is never admitted again.
    if (existing && existing.state === 'registered') {
      existing.awaitingPong = false;
      existing.missedPings = 0;
      if (reregister) this.reconcileKnownAgent(existing, reported, reportedExecutors, ctx);
      if (!existing.connected) {
        existing.connected = true;
        existing.reregisterToken++;
        allocator.activateAgent(info.id);
      }
      ctx.trace({ type: 'agent-reregistered', agent: info.id });
      // Reactivation triggers no allocation (activateSlave): the agent is offered at the next periodic run.
      ctx.send(existing.address, {
        type: reregister ? 'AGENT_REREGISTERED' : 'AGENT_REGISTERED',
        agent_id: info.id,
        master: this.id,
      });
      // The master's view of the agent's reservations and volumes wins: an operation whose checkpoint the
      // agent missed (a broken connection) is sent again (Master::___reregisterSlave).
      if (reregister)
        ctx.send(existing.address, {
          type: 'CHECKPOINT_RESOURCES',
          resources: checkpointedOf(existing.total),
        });
      return;
    }
    if (!existing)
      for (const other of [...this.agents.values()])
        if (
          other.info.hostname === info.hostname &&
          other.info.id !== info.id &&
          other.state === 'registered'
        )
          this.removeAgent(other, 'a new agent registered at the same address', ctx);
    const wasUnreachable = existing?.state === 'unreachable' || this.registry.unreachable.includes(info.id);
    const entry = existing ?? this.newAgentEntry(info, 'registered');
    entry.state = 'registered';
    entry.connected = true;
    entry.info = info;
    // The agent's resources are its --resources with the reservations and volumes it checkpointed applied
    // (Slave::applyCheckpointedResources): they survive its restarts, and a reboot of its machine.
    entry.total = applyCheckpointed(Resources.parse(info.resources), checkpointed);
    this.agents.set(info.id, entry);
    if (!this.registry.agents.some((a) => a.id === info.id)) this.registry.agents.push(info);
    this.registry.unreachable = this.registry.unreachable.filter((a) => a !== info.id);
    ctx.writeRegistry(structuredCloneRegistry(this.registry));

    // Tasks and executors the agent reports: the master learns of their frameworks from them, as after a
    // failover, and takes back tasks it had set apart as unreachable.
    const used: { framework: string; role: string; resources: Resources }[] = [];
    const knownFramework = (id: string, frameworkInfo: FrameworkInfo): FrameworkEntry | null => {
      if (this.removedFrameworks.has(id)) return null;
      let fw = this.frameworks.get(id);
      if (!fw) {
        fw = {
          id,
          info: frameworkInfo,
          address: frameworkAddress(id),
          connected: false,
          recovered: true,
          tasks: new Map(),
          unreachable: new Map(),
          offers: new Set(),
          failoverToken: 0,
        };
        this.frameworks.set(id, fw);
      }
      return fw;
    };
    for (const rec of reportedExecutors) {
      if (!knownFramework(rec.framework_id, rec.framework_info)) continue;
      const ex = this.newExecutorEntry(rec.framework_id, info.id, rec.role, rec.executor);
      entry.executors.set(taskKey(ex.framework, ex.id), ex);
      if (!ex.resources.isEmpty())
        used.push({ framework: ex.framework, role: ex.role, resources: ex.resources });
    }
    for (const rec of reported) {
      const fw = knownFramework(rec.framework_id, rec.framework_info);
      if (!fw || isTerminal(rec.state)) continue;
      const taskId = rec.task.task_id.value;
      const resources = Resources.fromJson(rec.task.resources);
      const task: TaskEntry = {
        id: taskId,
        framework: fw.id,
        agent: info.id,
        role: rec.role,
        state: rec.state,
        resources,
        info: rec.task,
        executorId: rec.executor_id,
        released: false,
      };
      fw.tasks.set(taskId, task);
      entry.tasks.set(taskKey(fw.id, taskId), task);
      used.push({ framework: fw.id, role: rec.role, resources });
      // An agent that comes back from being unreachable reports each task's current state to its framework
      // (REASON_AGENT_REREGISTERED, "Unreachable agent re-registered"); after a master failover the
      // frameworks reconcile instead.
      if (wasUnreachable)
        this.masterUpdate(
          fw,
          task.id,
          info.id,
          task.state,
          'REASON_AGENT_REREGISTERED',
          `Unreachable agent ${info.id} re-registered`,
          ctx,
          task.executorId,
        );
    }
    // Every task of this agent is reachable again: none stays set apart as unreachable.
    for (const fw of this.frameworks.values())
      for (const [id, t] of [...fw.unreachable]) if (t.agent === info.id) fw.unreachable.delete(id);
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
    ctx.trace(
      existing
        ? { type: 'agent-reregistered', agent: info.id, resources: entry.total.toFlat() }
        : {
            type: 'agent-added',
            agent: info.id,
            resources: entry.total.toFlat(),
            ...(Object.keys(info.attributes).length ? { attributes: info.attributes } : {}),
            ...(info.hostname !== info.id ? { hostname: info.hostname } : {}),
          },
    );
    ctx.send(entry.address, {
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

  /**
   * Master::reconcileKnownSlave: tasks the master knows on the agent that the agent did not report are
   * reconciled with the agent, which answers TASK_LOST (TASK_DROPPED for partition-aware frameworks) for
   * those it does not have; executors it did not report are gone, and their resources go back.
   */
  private reconcileKnownAgent(
    agent: AgentEntry,
    reported: TaskRecord[],
    reportedExecutors: ExecutorRecord[],
    ctx: Context,
  ): void {
    const present = new Set(reported.map((r) => taskKey(r.framework_id, r.task.task_id.value)));
    const missing = new Map<string, string[]>();
    for (const [key, task] of agent.tasks) {
      if (present.has(key)) continue;
      let list = missing.get(task.framework);
      if (!list) missing.set(task.framework, (list = []));
      list.push(task.id);
    }
    for (const [framework, ids] of missing)
      ctx.send(agent.address, { type: 'RECONCILE_TASKS', framework_id: framework, task_ids: ids });
    const executors = new Set(
      reportedExecutors.map((e) => taskKey(e.framework_id, e.executor.executor_id.value)),
    );
    for (const [key, ex] of [...agent.executors])
      if (!executors.has(key)) this.removeExecutor(agent, ex, ctx);
  }

  /**
   * Master::exited for an agent whose process exited (its connection closed, MESOS.md §3.3): the agent is
   * deactivated and its offers rescinded; the tasks and executors of frameworks that do not checkpoint are
   * lost at once (TASK_LOST, REASON_AGENT_DISCONNECTED); the others wait for the agent to re-register
   * within --agent_reregister_timeout.
   */
  private disconnectAgent(agent: AgentEntry, ctx: Context): void {
    if (agent.state !== 'registered' || !agent.connected) return;
    agent.connected = false;
    const agentId = agent.info.id;
    ctx.trace({ type: 'agent-disconnected', agent: agentId });
    this.allocator!.deactivateAgent(agentId);
    for (const offer of [...this.offers.values()])
      if (offer.agent === agentId) this.rescind(offer, 'agent disconnected', ctx);
    for (const task of [...agent.tasks.values()]) {
      const fw = this.frameworks.get(task.framework);
      if (!fw || fw.info.checkpoint) continue;
      this.transition(task, 'TASK_LOST', ctx);
      this.masterUpdate(
        fw,
        task.id,
        agentId,
        'TASK_LOST',
        'REASON_AGENT_DISCONNECTED',
        `Agent ${agent.info.hostname} disconnected`,
        ctx,
        task.executorId,
      );
      this.removeTask(task, false);
    }
    for (const ex of [...agent.executors.values()])
      if (!this.frameworks.get(ex.framework)?.info.checkpoint) this.removeExecutor(agent, ex, ctx);
    agent.reregisterToken++;
    ctx.after(this.config.agentReregisterTimeout, {
      name: 'agent-reregister-timeout',
      key: agentId,
      token: agent.reregisterToken,
    });
  }

  /**
   * Master::removeSlave (an agent that will never come back under this id, here because its machine
   * rebooted): its offers are rescinded, every task becomes TASK_LOST (REASON_AGENT_REMOVED), its executors'
   * resources go back, and every framework hears agentLost.
   */
  private removeAgent(agent: AgentEntry, cause: string, ctx: Context): void {
    const agentId = agent.info.id;
    for (const offer of [...this.offers.values()])
      if (offer.agent === agentId) this.rescind(offer, 'agent removed', ctx);
    this.allocator!.removeAgent(agentId);
    ctx.trace({ type: 'agent-removed', agent: agentId, reason: cause });
    for (const task of [...agent.tasks.values()]) {
      const fw = this.frameworks.get(task.framework);
      task.released = true; // removeAgent already released everything on the agent.
      if (fw) {
        this.transition(task, 'TASK_LOST', ctx);
        this.masterUpdate(
          fw,
          task.id,
          agentId,
          'TASK_LOST',
          'REASON_AGENT_REMOVED',
          `Agent ${agent.info.hostname} removed: ${cause}`,
          ctx,
          task.executorId,
        );
      }
      this.removeTask(task, false);
    }
    agent.executors.clear();
    this.agents.delete(agentId);
    this.removedAgents.add(agentId);
    this.registry.agents = this.registry.agents.filter((a) => a.id !== agentId);
    this.registry.unreachable = this.registry.unreachable.filter((a) => a !== agentId);
    ctx.writeRegistry(structuredCloneRegistry(this.registry));
    for (const fw of this.frameworks.values())
      if (fw.connected) ctx.send(fw.address, { type: 'FAILURE', failure: { agent_id: { value: agentId } } });
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
    ctx.send(agent.address, { type: 'PING', master: this.id });
    ctx.after(this.config.agentPingTimeout, { name: 'ping', key: agentId, token });
  }

  /**
   * markUnreachable (MESOS.md §3.3, Master::__removeSlave): registry update, allocator removal, offers
   * rescinded, every task TASK_LOST (TASK_UNREACHABLE for partition-aware frameworks) and set apart as
   * unreachable, executors dropped, and agentLost to every framework.
   */
  private markUnreachable(agentId: string, reason: string, ctx: Context): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.state === 'unreachable') return;
    agent.state = 'unreachable';
    agent.connected = false;
    agent.pingToken++;
    agent.reregisterToken++;
    if (!this.registry.unreachable.includes(agentId)) this.registry.unreachable.push(agentId);
    ctx.writeRegistry(structuredCloneRegistry(this.registry));
    for (const offer of [...this.offers.values()])
      if (offer.agent === agentId) this.rescind(offer, 'agent removed', ctx);
    this.allocator!.removeAgent(agentId);
    ctx.trace({ type: 'agent-removed', agent: agentId, reason });
    for (const task of [...agent.tasks.values()]) {
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
        task.executorId,
      );
      this.removeTask(task, true);
    }
    agent.executors.clear();
    for (const fw of this.frameworks.values())
      if (fw.connected) ctx.send(fw.address, { type: 'FAILURE', failure: { agent_id: { value: agentId } } });
  }

  // ------------------------------------------------------------------ executors

  private newExecutorEntry(
    framework: string,
    agent: string,
    role: string,
    info: ExecutorInfo,
  ): ExecutorEntry {
    let resources = Resources.EMPTY;
    try {
      resources = Resources.fromJson(info.resources ?? [], 'executor.resources');
    } catch {
      // Reported by an agent, so it was validated at launch.
    }
    return { id: info.executor_id.value, framework, agent, role, resources, info };
  }

  /** Master::removeExecutor: the executor's resources go back to the allocator with no filter. */
  private removeExecutor(agent: AgentEntry, ex: ExecutorEntry, ctx: Context): void {
    agent.executors.delete(taskKey(ex.framework, ex.id));
    if (!ex.resources.isEmpty())
      this.allocator!.recoverResources(ex.framework, ex.agent, ex.role, ex.resources, null, ctx.now);
  }

  // ------------------------------------------------------------------ status updates

  /**
   * Master::statusUpdate. Updates from an agent that is not registered (unreachable, removed, or not yet
   * back after a failover) are dropped: the agent retries them once it has re-registered.
   */
  private statusUpdate(
    agentId: string,
    fwId: string,
    status: TaskStatus,
    latest: TaskState | undefined,
    ctx: Context,
  ): void {
    if (this.agents.get(agentId)?.state !== 'registered') return;
    const fw = this.frameworks.get(fwId);
    const task = fw?.tasks.get(status.task_id.value);
    // The master sets the task's state from latest_state, so resources are released on a terminal state
    // even before older updates are acknowledged (MESOS.md §3.2).
    if (task && task.agent === agentId) this.transition(task, latest ?? status.state, ctx);
    if (fw) this.sendToFramework(fw.id, { type: 'UPDATE', update: { status } }, ctx);
  }

  /**
   * Master::updateTask: applies a new state, never to a task already terminal; a task that becomes terminal
   * or unreachable gives its resources back with no filter.
   */
  private transition(task: TaskEntry, state: TaskState, ctx: Context): void {
    if (isTerminal(task.state)) return;
    task.state = state;
    if ((isTerminal(state) || state === 'TASK_UNREACHABLE') && !task.released) {
      task.released = true;
      this.allocator!.recoverResources(task.framework, task.agent, task.role, task.resources, null, ctx.now);
    }
  }

  /**
   * Master::removeTask: the master stops tracking the task (after its terminal update was acknowledged, or
   * when the master itself ended it). A task lost with an unreachable agent is set apart instead.
   */
  private removeTask(task: TaskEntry, unreachable: boolean): void {
    this.agents.get(task.agent)?.tasks.delete(taskKey(task.framework, task.id));
    const fw = this.frameworks.get(task.framework);
    if (!fw || fw.tasks.get(task.id) !== task) return;
    fw.tasks.delete(task.id);
    if (!unreachable) return;
    fw.unreachable.set(task.id, task);
    if (fw.unreachable.size > MAX_UNREACHABLE_TASKS)
      fw.unreachable.delete(fw.unreachable.keys().next().value!);
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
    executorId?: string,
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
        ...(executorId !== undefined ? { executor_id: { value: executorId } } : {}),
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
        const agent = [...this.agents.values()].find(
          (a) => a.address === msg.peer && a.state === 'registered',
        );
        if (agent) this.disconnectAgent(agent, ctx);
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

  /**
   * Master::_exited(framework): deactivated, offers rescinded, failover_timeout started (MESOS.md §3.4).
   * With a failover_timeout of 0 the framework is removed before anything else can happen: in Mesos the
   * zero-second delay fires before any new subscription can reach the master, so a scheduler that fails
   * over to new code finds its framework gone and is refused.
   */
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
    const timeout = Math.round(fw.info.failover_timeout * SECOND);
    if (timeout <= 0) {
      this.removeFramework(fw, 'failover timeout expired', ctx);
      return;
    }
    ctx.after(timeout, { name: 'failover', key: fw.id, token: fw.failoverToken });
  }

  /**
   * Master::removeFramework: every task it has, and every task set apart as unreachable, becomes
   * TASK_KILLED (REASON_FRAMEWORK_REMOVED, "Framework <id> removed"; the framework is not told), agents
   * shut the framework down, its executors' resources go back, and its id can never subscribe again.
   */
  private removeFramework(fw: FrameworkEntry, reason: string, ctx: Context): void {
    for (const offerId of [...fw.offers]) {
      const o = this.takeOffer(offerId)!;
      this.allocator!.recoverResources(o.framework, o.agent, o.role, o.resources, null, ctx.now);
      ctx.trace({ type: 'rescind', offer: o.id, framework: fw.id, reason: 'framework removed' });
    }
    const killed = (task: TaskEntry): void => {
      if (isTerminal(task.state)) return;
      task.state = 'TASK_KILLED';
      ctx.trace({
        type: 'status',
        task: task.id,
        framework: fw.id,
        agent: task.agent,
        state: 'TASK_KILLED',
        reason: 'REASON_FRAMEWORK_REMOVED',
        message: `Framework ${fw.id} removed: ${reason}`,
        source: 'SOURCE_MASTER',
      });
    };
    for (const task of fw.tasks.values()) killed(task);
    for (const task of fw.unreachable.values()) killed(task);
    // Every registered agent is told to shut the framework down, whether or not it runs its tasks.
    for (const agent of this.agents.values())
      if (agent.state === 'registered' && agent.connected)
        ctx.send(agent.address, { type: 'SHUTDOWN_FRAMEWORK', framework_id: fw.id });
    for (const agent of this.agents.values()) {
      for (const [key, t] of agent.tasks) if (t.framework === fw.id) agent.tasks.delete(key);
      for (const [key, ex] of agent.executors) if (ex.framework === fw.id) agent.executors.delete(key);
    }
    // The allocator forgets everything the framework held: tasks, executors and offers alike.
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

/**
 * The resources of a RESERVE or UNRESERVE: Mesos's JSON, where a dynamic reservation carries
 * `reservation`, or text, whose reservations these operations read as dynamic ones.
 */
function reservationsOf(list: unknown, where: string): Resources {
  if (list === undefined || list === null) throw new Error(`${where} must list the resources`);
  const res =
    typeof list === 'string'
      ? Resources.parse(list).withReservationKind(true)
      : Resources.fromJson(list, where);
  if (res.isEmpty()) throw new Error(`${where} must not be empty`);
  for (const r of res.items)
    if (r.role === undefined || !r.dynamic)
      throw new Error(`Resource ${Resources.of([r]).toString()} is not dynamically reserved`);
  return res;
}

/** The volumes of a CREATE or DESTROY: reserved disk with a persistence id and a container path. */
function volumesOf(list: unknown, where: string): Resources {
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${where} must list the persistent volumes`);
  const volumes = Resources.fromJson(list, where);
  for (const v of volumes.items)
    if (!v.volume)
      throw new Error(
        `Not a persistent volume: 'persistence' is not set in DiskInfo of ${Resources.of([v]).toString()}`,
      );
  return volumes;
}

/**
 * An agent's resources with its checkpointed reservations and volumes applied: each takes the place of
 * what it was made from (a dynamic reservation of unreserved resources, a volume of reserved disk).
 */
function applyCheckpointed(base: Resources, checkpointed: ResourceJson[]): Resources {
  let list: Resources;
  try {
    list = Resources.fromJson(checkpointed ?? [], 'checkpointed_resources');
  } catch {
    return base;
  }
  let total = base;
  for (const r of list.items) {
    const one = Resources.of([r]);
    const source = r.volume && !r.dynamic ? one.withoutVolumes() : one.toUnreserved();
    if (total.contains(source)) total = total.minus(source).plus(one);
  }
  return total;
}

/** What an agent checkpoints of its resources: dynamic reservations and persistent volumes. */
function checkpointedOf(total: Resources): ResourceJson[] {
  return total.filter((r) => r.dynamic === true || r.volume !== undefined).toJson();
}

/** An ExecutorInfo's resources (JSON or text); an executor may ask for none. */
const executorResourcesOf = (info: ExecutorInfo): Resources =>
  Resources.fromJson(info.resources ?? [], 'executor.resources');

/** validateCompatibleExecutorInfo compares whole ExecutorInfos; these are the fields a learner sets. */
function sameExecutorInfo(a: ExecutorInfo, b: ExecutorInfo): boolean {
  let resourcesEqual: boolean;
  try {
    resourcesEqual = executorResourcesOf(a).equals(executorResourcesOf(b));
  } catch {
    resourcesEqual = false;
  }
  return (
    resourcesEqual &&
    a.executor_id.value === b.executor_id?.value &&
    (a.name ?? '') === (b.name ?? '') &&
    (a.command?.value ?? '') === (b.command?.value ?? '')
  );
}

const refuseOf = (f: Filters): number => (typeof f.refuse_seconds === 'number' ? f.refuse_seconds : 5);

/**
 * Records a refuse filter the allocator installed, as it installed it: what it holds back and until when
 * (the allocator's own reading of refuse_seconds, with its one-interval minimum), so that whoever reads
 * the trace never has to re-derive it. A filter on nothing (the allocator had nothing left to recover)
 * holds nothing back and is not recorded.
 */
function traceFilter(framework: string, filter: InstalledFilter | null, ctx: Context): void {
  if (!filter || filter.resources.isEmpty()) return;
  ctx.trace({
    type: 'filter',
    framework,
    role: filter.role,
    agent: filter.agent,
    resources: filter.resources.toFlat(),
    refuseSeconds: toSeconds(filter.refuse),
    until: toSeconds(filter.expiresAt),
  });
}

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
