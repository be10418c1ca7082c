/**
 * Mesos's hierarchical DRF allocator (HierarchicalAllocatorProcess, MESOS.md §1): a role sorter over role
 * paths with weights, one framework sorter per role, quota guarantees served first and limits enforced with
 * headroom, refuse filters, suppress/revive, and the min-allocatable rule. The allocator never talks to the
 * master: `allocate()` returns the offers to make and the master turns them into Offer messages.
 */
import {
  Resources,
  addQuantities,
  fixed,
  isEmptyQuantities,
  isRoleAtOrBelow,
  subtractLimits,
  subtractQuantities,
  type Quantities,
} from '../resources';
import { Rng } from '../rng';
import { SECOND, type Micros } from '../time';
import { DrfSorter } from './DrfSorter';
import { Holding } from './Holding';
import { RandomSorter } from './RandomSorter';
import { RefuseFilters, type RefuseFilter } from './RefuseFilters';
import type { Sorter, SorterKind } from './Sorter';
import type { Explanation, SkipReason } from '../trace/explanation';

/** Filters.refuse_seconds default (mesos.proto) and the one-year cap of recoverResources. */
export const DEFAULT_REFUSE_SECONDS = 5;
const MAX_REFUSE: Micros = 365 * 24 * 3600 * SECOND;

export interface AllocatorOptions {
  /** --allocation_interval. */
  interval: Micros;
  /** --min_allocatable_resources alternatives; null or [] disables the check. */
  minAllocatable: Quantities[] | null;
  /** --fair_sharing_excluded_resource_names. */
  excludedResourceNames: readonly string[];
  rng: Rng;
  /** Record, for each offer, why it went where it went (costly; for the UI's "why this offer"). */
  explain?: boolean;
  /** --role_sorter: how roles are ordered ('drf' when omitted, as in Mesos). */
  roleSorter?: SorterKind;
  /** --framework_sorter: how each role's frameworks are ordered ('drf' when omitted). */
  frameworkSorter?: SorterKind;
  /**
   * Visit every candidate agent in every cycle, even those known to have nothing anyone can take (see
   * `AgentState.idle`). The offers are the same either way; tests use this to hold the skip to it.
   */
  visitEveryAgent?: boolean;
}

export interface OfferDecision {
  framework: string;
  role: string;
  agent: string;
  resources: Resources;
  /** Present when `explain` is on. */
  why?: Explanation;
}

export interface Filters {
  refuse_seconds?: number;
}

/** A refuse filter as `recoverResources` installed it. */
export interface InstalledFilter extends RefuseFilter {
  readonly role: string;
  readonly agent: string;
  /** The refuse_seconds read from the Filters (defaulted and capped), before the one-interval minimum. */
  readonly refuse: Micros;
}

interface AgentState {
  id: string;
  total: Resources;
  available: Resources;
  /** Offered or allocated resources by framework, then role. */
  allocated: Map<string, Map<string, Holding>>;
  activated: boolean;
  hasGpus: boolean;
  /**
   * Set when a fair-share visit of this agent found nobody who could take it: its free resources then, the
   * eligibility version, and until when the refuse filters that blocked it hold. While all three still
   * apply, a visit would find the same, so it is skipped (see `isIdle`).
   */
  idle: { available: Resources; version: number; until: Micros } | null;
}

interface FrameworkState {
  id: string;
  roles: Set<string>;
  suppressed: Set<string>;
  active: boolean;
  /** undefined: use the global --min_allocatable_resources. */
  minAllocatable: Quantities[] | null | undefined;
  gpuResources: boolean;
}

interface RoleState {
  frameworks: Set<string>;
  sorter: Sorter;
}

interface Quota {
  guarantees: Quantities;
  limits: Quantities | null;
}

type Stage = Explanation['stage'];

/** The state one allocation run carries from agent to agent (MESOS.md §1.5). */
interface Cycle {
  readonly now: Micros;
  readonly offers: OfferDecision[];
  /** Quota consumption of each role with quota, charged as offers are made. */
  readonly consumed: Map<string, Quantities>;
  /** What unsatisfied guarantees still need, and what is left to keep it with. */
  requiredHeadroom: Quantities;
  availableHeadroom: Quantities;
}

/** One agent offered to one role's frameworks; one record serves a whole stage. */
interface RoleVisit {
  agent: AgentState;
  role: string;
  sorter: Sorter;
  readonly stage: Stage;
  readonly cycle: Cycle;
  /** In the guarantee stage, what the role's guarantees still lack; shrinks as offers meet them. */
  unsat: Quantities;
  /** For explanations: the role order for this agent, and the frameworks that could not take it. */
  roleOrder: string[];
  skipped: Explanation['skipped'];
  /** The earliest time a refuse filter that turned this agent away runs out (Infinity if none did). */
  blockedUntil: Micros;
}

export class HierarchicalAllocator {
  private readonly agents = new Map<string, AgentState>();
  private readonly frameworks = new Map<string, FrameworkState>();
  private readonly roles = new Map<string, RoleState>();
  private readonly roleSorter: Sorter;
  /** The random sorters' own generator (Mesos's RandomSorter keeps one); null while both sorters are DRF. */
  private readonly sorterRng: Rng | null;
  private readonly weights = new Map<string, number>();
  private readonly quotas = new Map<string, Quota>();
  /** Offered-or-allocated unreserved scalars, and reserved scalars (allocated or not), per exact role. */
  private readonly unreservedAllocatedByRole = new Map<string, Quantities>();
  private readonly reservedTotalByRole = new Map<string, Quantities>();
  private readonly reservedAllocatedByRole = new Map<string, Quantities>();
  private clusterTotal: Quantities = {};
  private clusterAllocated: Quantities = {};
  /** Times of the two most recent periodic allocations, for the filter-expiry rule (MESOS.md §1.7). */
  private periodicTimes: [Micros, Micros] = [-1, -1];
  private paused = false;
  /**
   * Bumped by every change that can let a framework take an agent it could not take before (a framework
   * added or activated, filters cleared, quota changed); idle marks of agents made before it are void.
   */
  private eligibility = 0;
  /** Refuse filters, by (framework, role, agent) and by expiry. */
  private readonly filters = new RefuseFilters((f, now) => this.filterActive(f, now));

  constructor(private readonly options: AllocatorOptions) {
    const random = options.roleSorter === 'random' || options.frameworkSorter === 'random';
    // Drawn from the allocator's generator only when a random sorter is chosen, so DRF runs are untouched.
    this.sorterRng = random ? new Rng(options.rng.nextU32(), 'random-sorter') : null;
    this.roleSorter = this.makeSorter(options.roleSorter);
  }

  // ---------------------------------------------------------------- frameworks

  /**
   * Tracks a framework in its roles (adding roles to the role sorter as their first framework arrives).
   * `used` attaches resources its tasks already hold, as after a master failover.
   */
  addFramework(
    id: string,
    roles: readonly string[],
    options: {
      suppressedRoles?: readonly string[];
      active?: boolean;
      minAllocatable?: Quantities[] | null;
      /** The GPU_RESOURCES capability: only such frameworks are offered agents that have GPUs. */
      gpuResources?: boolean;
    } = {},
  ): void {
    if (this.frameworks.has(id)) return;
    this.eligibility++;
    const fw: FrameworkState = {
      id,
      roles: new Set(roles),
      suppressed: new Set(options.suppressedRoles ?? []),
      active: options.active ?? true,
      minAllocatable: options.minAllocatable,
      gpuResources: options.gpuResources ?? false,
    };
    this.frameworks.set(id, fw);
    for (const role of roles) {
      const r = this.trackRole(role);
      r.frameworks.add(id);
      r.sorter.add(id);
      if (!fw.active || fw.suppressed.has(role)) r.sorter.deactivate(id);
    }
    // Allocations the framework already holds on agents (tracked before it was known) are attached here.
    for (const agent of this.agents.values()) {
      const byRole = agent.allocated.get(id);
      if (!byRole) continue;
      // The role sorter counted these when the agent was added (track()); only the framework sorter is new.
      for (const [role, held] of byRole)
        this.roles.get(role)?.sorter.allocated(id, agent.id, held.total().quantities());
    }
  }

  removeFramework(id: string): void {
    const fw = this.frameworks.get(id);
    if (!fw) return;
    this.eligibility++;
    for (const agent of this.agents.values()) {
      const byRole = agent.allocated.get(id);
      if (!byRole) continue;
      for (const [role, held] of byRole) {
        const res = held.total();
        agent.available = agent.available.plus(res);
        this.untrackQuantities(role, res);
        this.roleSorter.unallocated(role, agent.id, res.quantities());
      }
      agent.allocated.delete(id);
    }
    for (const role of fw.roles) {
      const r = this.roles.get(role);
      if (!r) continue;
      r.sorter.remove(id);
      r.frameworks.delete(id);
      this.maybeUntrackRole(role);
    }
    this.filters.clearFramework(id);
    this.frameworks.delete(id);
  }

  hasFramework(id: string): boolean {
    return this.frameworks.has(id);
  }

  /** activateFramework: every role that is not suppressed becomes active again. The caller triggers an allocation. */
  activateFramework(id: string): void {
    const fw = this.frameworks.get(id);
    if (!fw) return;
    fw.active = true;
    this.eligibility++;
    for (const role of fw.roles) if (!fw.suppressed.has(role)) this.roles.get(role)?.sorter.activate(id);
  }

  /** deactivateFramework: inactive in every role and all its filters cleared; allocations are kept. */
  deactivateFramework(id: string): void {
    const fw = this.frameworks.get(id);
    if (!fw) return;
    fw.active = false;
    this.eligibility++;
    for (const role of fw.roles) this.roles.get(role)?.sorter.deactivate(id);
    this.filters.clearFramework(id);
  }

  /** SUPPRESS: the framework becomes an inactive leaf in those roles (all when empty). No allocation is triggered. */
  suppress(id: string, roles: readonly string[]): void {
    const fw = this.frameworks.get(id);
    if (!fw) return;
    for (const role of roles.length ? roles : fw.roles) {
      if (!fw.roles.has(role)) continue;
      fw.suppressed.add(role);
      this.roles.get(role)?.sorter.deactivate(id);
    }
  }

  /** REVIVE: clears those roles' filters and unsuppresses them. The caller triggers an allocation on all agents. */
  revive(id: string, roles: readonly string[]): void {
    const fw = this.frameworks.get(id);
    if (!fw) return;
    this.eligibility++;
    for (const role of roles.length ? roles : fw.roles) {
      if (!fw.roles.has(role)) continue;
      this.filters.clearRole(id, role);
      fw.suppressed.delete(role);
      if (fw.active) this.roles.get(role)?.sorter.activate(id);
    }
  }

  isSuppressed(id: string, role: string): boolean {
    return this.frameworks.get(id)?.suppressed.has(role) ?? false;
  }

  // ---------------------------------------------------------------- agents

  /**
   * addSlave: adds an agent's total to the sorters' totals. `used` lists what tasks on it already hold
   * (re-registration after a failover); the caller triggers an allocation on this agent.
   */
  addAgent(
    id: string,
    total: Resources,
    used: readonly { framework: string; role: string; resources: Resources }[] = [],
  ): void {
    if (this.agents.has(id)) return;
    const agent: AgentState = {
      id,
      total,
      available: total,
      allocated: new Map(),
      activated: true,
      hasGpus: total.scalar('gpus') > 0,
      idle: null,
    };
    this.agents.set(id, agent);
    const q = total.quantities();
    addQuantities(this.clusterTotal, q);
    this.roleSorter.addTotal(q);
    for (const r of this.roles.values()) r.sorter.addTotal(q);
    for (const item of total.items) {
      if (item.role === undefined || item.type !== 'SCALAR') continue;
      addQuantities(this.mapEntry(this.reservedTotalByRole, item.role), { [item.name]: item.scalar });
    }
    for (const u of used) this.track(u.framework, u.role, agent, u.resources);
  }

  removeAgent(id: string): void {
    const agent = this.agents.get(id);
    if (!agent) return;
    for (const [fwId, byRole] of agent.allocated) {
      for (const [role, held] of byRole) {
        const res = held.total();
        this.untrackQuantities(role, res);
        const q = res.quantities();
        this.roleSorter.unallocated(role, id, q);
        if (this.frameworks.has(fwId)) this.roles.get(role)?.sorter.unallocated(fwId, id, q);
      }
    }
    agent.allocated.clear();
    const q = agent.total.quantities();
    this.clusterTotal = subtractQuantities(this.clusterTotal, q);
    this.roleSorter.removeTotal(q);
    for (const r of this.roles.values()) r.sorter.removeTotal(q);
    for (const item of agent.total.items) {
      if (item.role === undefined || item.type !== 'SCALAR') continue;
      const m = this.mapEntry(this.reservedTotalByRole, item.role);
      m[item.name] = fixed((m[item.name] ?? 0) - item.scalar);
    }
    this.agents.delete(id);
    this.filters.clearAgent(id);
    for (const role of [...this.roles.keys()]) this.maybeUntrackRole(role);
  }

  hasAgent(id: string): boolean {
    return this.agents.has(id);
  }

  activateAgent(id: string): void {
    const a = this.agents.get(id);
    if (a) a.activated = true;
  }

  deactivateAgent(id: string): void {
    const a = this.agents.get(id);
    if (a) a.activated = false;
  }

  /** Agent ids in the order they were added; the master uses this for "all agents". */
  agentIds(): string[] {
    return [...this.agents.keys()];
  }

  // ---------------------------------------------------------------- weights and quota

  /** updateWeights: no allocation is triggered (MESOS.md §1.9). */
  updateWeight(role: string, weight: number): void {
    this.weights.set(role, weight);
    this.roleSorter.updateWeight(role, weight);
  }

  weight(role: string): number {
    return this.weights.get(role) ?? 1;
  }

  /** updateQuota: guarantees and limits for a top-level role; empty guarantees and null limits remove it. */
  updateQuota(role: string, guarantees: Quantities, limits: Quantities | null): void {
    this.eligibility++;
    if (isEmptyQuantities(guarantees) && limits === null) this.quotas.delete(role);
    else this.quotas.set(role, { guarantees, limits });
  }

  quota(role: string): Quota | undefined {
    return this.quotas.get(role);
  }

  /** While paused (master recovery with quota), allocation runs do nothing (MESOS.md §1.4). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  // ---------------------------------------------------------------- recovering resources

  /**
   * recoverResources: untracks resources offered or allocated to a framework on an agent, and, if `filters`
   * are given, installs a refuse filter on them for that (framework, role, agent) (MESOS.md §1.7). Returns
   * the filter installed, if any, so that the master can record it in the trace.
   */
  recoverResources(
    framework: string,
    agentId: string,
    role: string,
    resources: Resources,
    filters: Filters | null,
    now: Micros,
  ): InstalledFilter | null {
    if (resources.isEmpty()) return null;
    const agent = this.agents.get(agentId);
    if (!agent) return null;
    const byRole = agent.allocated.get(framework);
    const held = byRole?.get(role);
    if (!byRole || !held) return null;
    // Recover only what is actually tracked, so that a duplicate recovery can never over-fill the agent.
    const recovered = held.take(resources);
    if (held.isEmpty()) byRole.delete(role);
    if (byRole.size === 0) agent.allocated.delete(framework);
    agent.available = agent.available.plus(recovered);
    this.untrackQuantities(role, recovered);
    const q = recovered.scalarQuantities();
    this.roleSorter.unallocated(role, agentId, q);
    const fw = this.frameworks.get(framework);
    if (fw) this.roles.get(role)?.sorter.unallocated(framework, agentId, q);
    this.maybeUntrackRole(role);

    if (!fw || filters === null) return null;
    let t =
      filters.refuse_seconds === undefined
        ? DEFAULT_REFUSE_SECONDS * SECOND
        : Math.round(filters.refuse_seconds * SECOND);
    if (t > MAX_REFUSE) t = MAX_REFUSE;
    else if (t < 0) t = DEFAULT_REFUSE_SECONDS * SECOND;
    if (t === 0) return null;
    const refuse = t;
    // MESOS-4302: a filter lasts at least one allocation interval, so that some allocation sees it.
    t = Math.max(t, this.options.interval);
    const filter: RefuseFilter = {
      resources: recovered,
      createdAt: now,
      expiresAt: now + t,
      madeAfterTick: this.periodicTimes[1] === now,
    };
    this.filters.add(framework, role, agentId, filter);
    return { ...filter, role, agent: agentId, refuse };
  }

  /**
   * updateAllocation (hierarchical.cpp): an accepted offer's RESERVE, UNRESERVE, CREATE or DESTROY turned
   * `consumed` into `converted` in what the framework holds on the agent, and in the agent's total. The
   * amounts are the same, so shares do not move; what is reserved to which role does (quota counts it).
   * Returns false, changing nothing, when the framework does not hold `consumed` there.
   */
  updateAllocation(
    framework: string,
    agentId: string,
    role: string,
    consumed: Resources,
    converted: Resources,
  ): boolean {
    const agent = this.agents.get(agentId);
    const held = agent?.allocated.get(framework)?.get(role);
    if (!agent || !held || !held.total().contains(consumed) || !agent.total.contains(consumed)) return false;
    held.take(consumed);
    held.add(converted);
    const adjust = (res: Resources, sign: 1 | -1): void => {
      for (const item of res.items) {
        if (item.type !== 'SCALAR') continue;
        const amount = sign * item.scalar;
        if (item.role === undefined)
          addOne(this.mapEntry(this.unreservedAllocatedByRole, role), item.name, amount);
        else {
          addOne(this.mapEntry(this.reservedAllocatedByRole, item.role), item.name, amount);
          addOne(this.mapEntry(this.reservedTotalByRole, item.role), item.name, amount);
        }
      }
    };
    adjust(consumed, -1);
    adjust(converted, 1);
    agent.total = agent.total.minus(consumed).plus(converted);
    return true;
  }

  /** Live refuse filters of a framework, for the UI's countdowns. */
  filtersOf(
    framework: string,
    now: Micros,
  ): { role: string; agent: string; resources: Resources; expiresAt: Micros }[] {
    return this.filters.live(framework, now);
  }

  // ---------------------------------------------------------------- the allocation cycle

  /**
   * One allocation run over `candidates` (MESOS.md §1.5): stage 1 serves unsatisfied quota guarantees,
   * stage 2 everyone in DRF order, each agent going to the first eligible (role, framework) with everything
   * it may take. Shares are updated after every offer, so the next agent sees the new order.
   */
  allocate(candidates: Iterable<string>, now: Micros, periodic: boolean): OfferDecision[] {
    if (periodic) this.periodicTimes = [this.periodicTimes[1], now];
    if (this.paused) return [];
    this.filters.expire(now);
    const agents: AgentState[] = [];
    for (const id of candidates) {
      const a = this.agents.get(id);
      if (a && a.activated) agents.push(a);
    }
    const cycle: Cycle = {
      now,
      offers: [],
      consumed: new Map(),
      requiredHeadroom: {},
      availableHeadroom: {},
    };
    if (this.quotas.size > 0) {
      for (const role of this.quotas.keys()) cycle.consumed.set(role, this.consumedQuota(role));
      cycle.requiredHeadroom = this.requiredHeadroomNow(cycle.consumed);
      cycle.availableHeadroom = this.availableHeadroom();
      // Mesos shuffles the candidates independently before each stage (hierarchical.cpp, MESOS.md §1.4).
      this.runStage(this.options.rng.shuffle([...agents]), 'guarantees', cycle);
      cycle.requiredHeadroom = this.requiredHeadroomNow(cycle.consumed);
    }
    this.runStage(this.options.rng.shuffle(agents), 'fair-share', cycle);
    return cycle.offers;
  }

  /**
   * One stage of the cycle: each agent in turn is offered to roles in the role sorter's order, and within
   * a role to its frameworks in their sorter's order. One visit record and one callback per level serve
   * the whole stage, so that walking ten thousand agents allocates nothing but the offers.
   */
  private runStage(agents: AgentState[], stage: Stage, cycle: Cycle): void {
    const explain = this.options.explain === true;
    const visit: RoleVisit = {
      agent: agents[0]!,
      role: '',
      sorter: this.roleSorter,
      stage,
      cycle,
      unsat: {},
      roleOrder: [],
      skipped: [],
      blockedUntil: Infinity,
    };
    const skipIdle = this.canSkipIdle(stage);
    const frameworkStep = (fwId: string): boolean => this.frameworkStep(visit, fwId);
    // Returns false once the agent is used up: no later role can be offered anything (MESOS.md §1.5).
    const roleStep = (role: string): boolean => {
      if (visit.agent.available.isEmpty()) return false;
      const unsat = this.unsatisfiedGuarantees(role, stage, cycle);
      if (unsat === null) return true;
      const r = this.roles.get(role);
      if (!r || r.frameworks.size === 0) return true;
      visit.role = role;
      visit.sorter = r.sorter;
      visit.unsat = unsat;
      r.sorter.forEachInOrder(frameworkStep);
      return !visit.agent.available.isEmpty();
    };
    for (const agent of agents) {
      if (agent.available.isEmpty()) continue;
      if (skipIdle && this.isIdle(agent, cycle.now)) continue;
      visit.agent = agent;
      visit.blockedUntil = Infinity;
      const offersBefore = cycle.offers.length;
      if (explain) {
        // The explanation shows the whole role order for this agent, so it is listed up front.
        visit.roleOrder = this.roleSorter.sort();
        visit.skipped = [];
        for (const role of visit.roleOrder) if (!roleStep(role)) break;
      } else {
        this.roleSorter.forEachInOrder(roleStep);
      }
      if (skipIdle) {
        agent.idle =
          cycle.offers.length === offersBefore
            ? { available: agent.available, version: this.eligibility, until: visit.blockedUntil }
            : null;
      }
    }
  }

  /**
   * Whether agents found idle may be passed over in this stage. A visit that offers nothing changes
   * nothing, so passing over an agent that would again turn everyone away gives the same offers. That is
   * known only where eligibility depends on the agent, the frameworks and the filters alone: in the
   * fair-share stage with no quota (limits and headroom move with every offer), and with DRF sorters
   * (a random sorter draws from its generator at every visit, and the draws must stay the same).
   */
  private canSkipIdle(stage: Stage): boolean {
    return (
      stage === 'fair-share' &&
      this.quotas.size === 0 &&
      this.sorterRng === null &&
      this.options.visitEveryAgent !== true
    );
  }

  /**
   * An agent is idle while its free resources are the very ones it had when a visit found nobody who could
   * take them, no framework has become able to take anything since (the eligibility version), and the
   * refuse filters that turned it away still hold. Everything else that turned it away (capabilities,
   * min-allocatable, nothing allocatable to a role, inactive or suppressed frameworks) depends on those
   * alone.
   */
  private isIdle(agent: AgentState, now: Micros): boolean {
    const idle = agent.idle;
    return (
      idle !== null &&
      idle.available === agent.available &&
      idle.version === this.eligibility &&
      now < idle.until
    );
  }

  /**
   * What a role may still be offered on quota grounds in this stage: in the guarantee stage its unsatisfied
   * guarantees, or null when it has none left to serve (quota lives on top-level roles only, MESOS.md
   * §1.10, so a role's quota is its own or none); in the fair-share stage nothing limits it here ({}).
   */
  private unsatisfiedGuarantees(role: string, stage: Stage, cycle: Cycle): Quantities | null {
    if (stage !== 'guarantees') return {};
    const quota = this.quotas.get(role);
    if (!quota || isEmptyQuantities(quota.guarantees)) return null;
    const unsat = subtractQuantities(quota.guarantees, cycle.consumed.get(role)!);
    return isEmptyQuantities(unsat) ? null : unsat;
  }

  /**
   * One framework of a role's walk: the agent is offered to it if it can take it. The walk goes on after
   * an offer that leaves something on the agent, in the order as it was when it began (Mesos iterates a
   * sorted copy), until the agent is used up or, in the guarantee stage, the guarantees are met.
   */
  private frameworkStep(visit: RoleVisit, fwId: string): boolean {
    const outcome = this.tryFramework(visit, fwId);
    if (outcome === 'break') return false;
    if (visit.stage === 'guarantees' && isEmptyQuantities(visit.unsat)) return false;
    // Going on after an offer costs the walk a copy of the order, so stop when nothing is left.
    if (outcome === 'offered') return !visit.agent.available.isEmpty();
    return true;
  }

  /**
   * Offers the agent to one framework of the role if it is eligible (MESOS.md §1.5, §1.12): 'break' when
   * nothing on the agent is allocatable to the role, 'next' when this framework cannot take it (and why,
   * when explaining), 'offered' after an offer.
   */
  private tryFramework(visit: RoleVisit, fwId: string): 'break' | 'next' | 'offered' {
    const { agent, role, stage, cycle } = visit;
    const fw = this.frameworks.get(fwId)!;
    const avail = agent.available.allocatableTo(role);
    if (avail.isEmpty()) return 'break';
    // --filter_gpu_resources (the default): GPU agents only go to GPU_RESOURCES frameworks (MESOS-5634).
    if (!fw.gpuResources && agent.hasGpus) return this.skip(visit, fwId, 'capability');
    if (!this.allocatable(avail, fw)) return this.skip(visit, fwId, 'min-allocatable');
    const quota = this.quotas.get(role);
    const limitsLeft = quota?.limits ? subtractLimits(quota.limits, cycle.consumed.get(role) ?? {}) : null;
    const headroomApplies = !isEmptyQuantities(cycle.requiredHeadroom);
    if (stage === 'fair-share' && !limitsLeft && !headroomApplies) {
      // Nothing can chop the offer: the framework is offered everything it may take, as is.
      const until = this.filters.filteredUntil(fwId, role, agent.id, avail, cycle.now);
      if (until >= 0) {
        if (until < visit.blockedUntil) visit.blockedUntil = until;
        return this.skip(visit, fwId, 'filtered');
      }
      this.commitOffer(visit, fwId, avail, avail.unreservedScalarQuantities(), null);
      return 'offered';
    }
    const chopped = this.chopOffer(visit, avail, limitsLeft, headroomApplies);
    if (chopped === null) return this.skip(visit, fwId, 'nothing-allocatable');
    if (!this.allocatable(chopped.toOffer, fw)) return this.skip(visit, fwId, chopped.reason);
    if (this.filters.isFiltered(fwId, role, agent.id, chopped.toOffer, cycle.now))
      return this.skip(visit, fwId, 'filtered');
    this.commitOffer(visit, fwId, chopped.toOffer, chopped.charged, chopped.guaranteed);
    return 'offered';
  }

  /** Notes why a framework could not take the agent, when explaining; the walk goes on. */
  private skip(visit: RoleVisit, fwId: string, reason: SkipReason): 'next' {
    if (this.options.explain === true) visit.skipped.push({ framework: fwId, role: visit.role, reason });
    return 'next';
  }

  /**
   * The offer after quota and headroom have had their say (MESOS.md §1.5): in the guarantee stage the
   * unreserved scalars are chopped to the unsatisfied guarantees, and what comes on top of them (and, in
   * either stage, the unreserved scalars) to the role's limits and to the headroom that unsatisfied
   * guarantees elsewhere need. Null when the guarantee stage has nothing to offer this role.
   */
  private chopOffer(
    visit: RoleVisit,
    avail: Resources,
    limitsLeft: Quantities | null,
    headroomApplies: boolean,
  ): { toOffer: Resources; charged: Quantities; guaranteed: Quantities | null; reason: SkipReason } | null {
    const { role, stage, cycle } = visit;
    const unreservedScalars = avail.filter((x) => x.role === undefined && x.type === 'SCALAR');
    let guarOffer = Resources.EMPTY;
    let extra = unreservedScalars;
    let base = avail.filter((x) => x.role !== undefined || x.type !== 'SCALAR');
    // Why resources were chopped, should the chopped offer turn out not to be allocatable.
    let reason: SkipReason = 'min-allocatable';
    if (stage === 'guarantees') {
      guarOffer = unreservedScalars.shrink(visit.unsat);
      if (guarOffer.isEmpty()) return null;
      // In the guarantee stage only reservations to exactly this role ride along (MESOS.md §1.5).
      base = avail.filter((x) => x.type !== 'SCALAR' || x.role === role);
      extra = unreservedScalars.minus(guarOffer);
      if (limitsLeft) extra = extra.shrink(subtractLimits(limitsLeft, guarOffer.quantities()), true);
    } else if (limitsLeft) {
      const before = extra;
      extra = extra.shrink(limitsLeft, true);
      if (!extra.equals(before)) reason = 'quota-limit';
    }
    if (headroomApplies && !extra.isEmpty()) {
      const before = extra;
      extra = extra.shrink(subtractQuantities(cycle.availableHeadroom, cycle.requiredHeadroom));
      if (!extra.equals(before)) reason = 'headroom';
    }
    const toOffer = stage === 'guarantees' ? guarOffer.plus(base).plus(extra) : base.plus(extra);
    const charged = stage === 'guarantees' ? guarOffer.plus(extra).quantities() : extra.quantities();
    return { toOffer, charged, guaranteed: stage === 'guarantees' ? guarOffer.quantities() : null, reason };
  }

  /**
   * OFFER (MESOS.md §1.5): records the decision and charges the quota bookkeeping of this cycle. `charged`
   * is the unreserved scalars that count against quota and headroom; `guaranteed`, in the guarantee stage,
   * the part of them that meets unsatisfied guarantees.
   */
  private commitOffer(
    visit: RoleVisit,
    fwId: string,
    toOffer: Resources,
    charged: Readonly<Quantities>,
    guaranteed: Quantities | null,
  ): void {
    const { agent, role, stage, cycle } = visit;
    const quota = this.quotas.get(role);
    const decision: OfferDecision = { framework: fwId, role, agent: agent.id, resources: toOffer };
    // The explanation shows the shares as they were when the order was decided, before this offer.
    if (this.options.explain === true)
      decision.why = this.explanation(stage, visit.roleOrder, role, visit.skipped);
    this.track(fwId, role, agent, toOffer);
    if (guaranteed !== null) {
      visit.unsat = subtractQuantities(visit.unsat, charged);
      for (const k in guaranteed)
        cycle.requiredHeadroom[k] = fixed((cycle.requiredHeadroom[k] ?? 0) - guaranteed[k]!);
    }
    if (quota) addQuantities(cycle.consumed.get(role)!, charged);
    for (const k in charged)
      cycle.availableHeadroom[k] = fixed((cycle.availableHeadroom[k] ?? 0) - charged[k]!);
    cycle.offers.push(decision);
  }

  private explanation(
    stage: Explanation['stage'],
    roleOrder: string[],
    role: string,
    skipped: Explanation['skipped'],
  ): Explanation {
    const r = this.roles.get(role)!;
    const suppressed: Explanation['suppressed'] = [];
    const visitedRoles = roleOrder.slice(0, roleOrder.indexOf(role) + 1);
    for (const vr of visitedRoles)
      for (const fwId of this.roles.get(vr)?.frameworks ?? [])
        if (!this.roles.get(vr)!.sorter.isActive(fwId)) suppressed.push({ framework: fwId, role: vr });
    return {
      stage,
      roles: roleOrder.map((x) => ({
        role: x,
        share: this.roleSorter.share(x),
        count: this.roleSorter.count(x),
      })),
      frameworks: r.sorter
        .currentOrder()
        .map((f) => ({ framework: f, share: r.sorter.share(f), count: r.sorter.count(f) })),
      skipped: [...skipped],
      suppressed,
    };
  }

  /** allocatable(): the min_allocatable_resources rule, per-framework override first (MESOS.md §1.6). */
  private allocatable(r: Resources, fw: FrameworkState): boolean {
    if (r.isEmpty()) return false;
    const mins = fw.minAllocatable !== undefined ? fw.minAllocatable : this.options.minAllocatable;
    if (!mins || mins.length === 0) return true;
    for (const q of mins) if (containsCounted(r, q)) return true;
    return false;
  }

  /**
   * A filter made at t0 for d is active at T < t0 + d; at exactly T = t0 + d only if no periodic allocation
   * ran strictly between t0 and T (the timer-then-dispatch ordering of MESOS-4302; MESOS.md §1.7).
   */
  private filterActive(f: RefuseFilter, now: Micros): boolean {
    if (now < f.expiresAt) return true;
    if (now > f.expiresAt) return false;
    // Mesos's expiry timer is created when the filter is, so it fires before an allocation timer created
    // later for the same instant: the filter has expired if a periodic allocation ran after it was made.
    const [prev, last] = this.periodicTimes;
    const lastBefore = last < now ? last : prev;
    const ranAfter = lastBefore > f.createdAt || (lastBefore === f.createdAt && !f.madeAfterTick);
    return !ranAfter;
  }

  // ---------------------------------------------------------------- bookkeeping

  /** A sorter of the kind `--role_sorter` / `--framework_sorter` name (MESOS.md §1.1). */
  private makeSorter(kind: SorterKind | undefined): Sorter {
    const options = { excludedResourceNames: this.options.excludedResourceNames };
    return kind === 'random' ? new RandomSorter(this.sorterRng!, options) : new DrfSorter(options);
  }

  private trackRole(role: string): RoleState {
    let r = this.roles.get(role);
    if (!r) {
      r = {
        frameworks: new Set(),
        sorter: this.makeSorter(this.options.frameworkSorter),
      };
      r.sorter.addTotal(this.clusterTotal);
      this.roles.set(role, r);
      this.roleSorter.add(role);
    }
    return r;
  }

  /** A role leaves the sorters when it has no framework and holds nothing (MESOS.md §1.3). */
  private maybeUntrackRole(role: string): void {
    const r = this.roles.get(role);
    if (!r || r.frameworks.size > 0) return;
    if (!isEmptyQuantities(this.roleSorter.allocation(role))) return;
    this.roles.delete(role);
    this.roleSorter.remove(role);
  }

  /** OFFER (MESOS.md §1.5): the agent's available shrinks and the sorters see the new shares at once. */
  private track(framework: string, role: string, agent: AgentState, res: Resources): void {
    if (res.isEmpty()) return;
    agent.available = agent.available.minus(res);
    let byRole = agent.allocated.get(framework);
    if (!byRole) agent.allocated.set(framework, (byRole = new Map()));
    const held = byRole.get(role);
    if (held) held.add(res);
    else byRole.set(role, new Holding(res));
    for (const item of res.items) {
      if (item.type !== 'SCALAR') continue;
      if (item.role === undefined)
        addOne(this.mapEntry(this.unreservedAllocatedByRole, role), item.name, item.scalar);
      else addOne(this.mapEntry(this.reservedAllocatedByRole, item.role), item.name, item.scalar);
      addOne(this.clusterAllocated, item.name, item.scalar);
    }
    this.trackRole(role);
    this.sortersAllocated(framework, role, agent.id, res);
  }

  private sortersAllocated(framework: string, role: string, agentId: string, res: Resources): void {
    const q = res.scalarQuantities();
    this.roleSorter.allocated(role, agentId, q);
    if (this.frameworks.has(framework)) this.roles.get(role)?.sorter.allocated(framework, agentId, q);
  }

  private untrackQuantities(role: string, res: Resources): void {
    for (const item of res.items) {
      if (item.type !== 'SCALAR') continue;
      const m =
        item.role === undefined
          ? this.mapEntry(this.unreservedAllocatedByRole, role)
          : this.mapEntry(this.reservedAllocatedByRole, item.role);
      m[item.name] = Math.max(0, fixed((m[item.name] ?? 0) - item.scalar));
      this.clusterAllocated[item.name] = Math.max(
        0,
        fixed((this.clusterAllocated[item.name] ?? 0) - item.scalar),
      );
    }
  }

  private mapEntry(m: Map<string, Quantities>, key: string): Quantities {
    let q = m.get(key);
    if (!q) m.set(key, (q = {}));
    return q;
  }

  /** Quota consumption of a top-level role's subtree: allocated unreserved scalars plus all its reservations. */
  private consumedQuota(role: string): Quantities {
    const out: Quantities = {};
    for (const [r, q] of this.unreservedAllocatedByRole) if (isRoleAtOrBelow(r, role)) addQuantities(out, q);
    for (const [r, q] of this.reservedTotalByRole) if (isRoleAtOrBelow(r, role)) addQuantities(out, q);
    return out;
  }

  private requiredHeadroomNow(consumed: Map<string, Quantities>): Quantities {
    const out: Quantities = {};
    for (const [role, quota] of this.quotas)
      addQuantities(out, subtractQuantities(quota.guarantees, consumed.get(role)!));
    return out;
  }

  /** Total − everything offered or allocated − unallocated reservations (no revocable resources here). */
  private availableHeadroom(): Quantities {
    const unallocatedReserved: Quantities = {};
    for (const [role, total] of this.reservedTotalByRole)
      addQuantities(
        unallocatedReserved,
        subtractQuantities(total, this.reservedAllocatedByRole.get(role) ?? {}),
      );
    const h: Quantities = {};
    for (const k in this.clusterTotal)
      h[k] = fixed(this.clusterTotal[k]! - (this.clusterAllocated[k] ?? 0) - (unallocatedReserved[k] ?? 0));
    return h;
  }

  // ---------------------------------------------------------------- views

  /** Weighted dominant shares and allocation counts, as the sorters hold them. */
  roleShares(): Record<string, { share: number; count: number }> {
    const out: Record<string, { share: number; count: number }> = {};
    for (const role of [...this.roles.keys()].sort())
      out[role] = { share: this.roleSorter.share(role), count: this.roleSorter.count(role) };
    return out;
  }

  /** Each framework's dominant share of the cluster over all its roles, and its allocation count. */
  frameworkShares(): Record<string, { share: number; count: number }> {
    const out: Record<string, { share: number; count: number }> = {};
    for (const id of [...this.frameworks.keys()].sort()) {
      const fw = this.frameworks.get(id)!;
      const alloc: Quantities = {};
      let count = 0;
      for (const role of fw.roles) {
        const s = this.roles.get(role)?.sorter;
        if (!s) continue;
        addQuantities(alloc, s.allocation(id));
        count += s.count(id);
      }
      out[id] = { share: dominantShare(alloc, this.clusterTotal, this.options.excludedResourceNames), count };
    }
    return out;
  }

  /** What a framework holds (offered or allocated) on an agent in a role. */
  allocationOf(framework: string, agentId: string, role: string): Resources {
    return this.agents.get(agentId)?.allocated.get(framework)?.get(role)?.total() ?? Resources.EMPTY;
  }

  available(agentId: string): Resources {
    return this.agents.get(agentId)?.available ?? Resources.EMPTY;
  }

  totals(): Quantities {
    return { ...this.clusterTotal };
  }
}

function addOne(q: Quantities, name: string, amount: number): void {
  q[name] = fixed((q[name] ?? 0) + amount);
}

/** Unweighted dominant share (§1.2's formula with weight 1). */
export function dominantShare(
  alloc: Quantities,
  total: Quantities,
  excluded: readonly string[] = [],
): number {
  let share = 0;
  for (const k in total) {
    const t = total[k]!;
    if (t <= 0 || excluded.includes(k)) continue;
    const s = (alloc[k] ?? 0) / t;
    if (s > share) share = s;
  }
  return share;
}

/** True when `r` holds at least `q`, counting scalars by amount and ranges and sets by element (MESOS-9516). */
function containsCounted(r: Resources, q: Quantities): boolean {
  const have = r.countedQuantitiesView();
  for (const name in q) if ((have[name] ?? 0) < q[name]!) return false;
  return true;
}
