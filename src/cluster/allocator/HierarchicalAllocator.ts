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
import type { Rng } from '../rng';
import { SECOND, type Micros } from '../time';
import { DrfSorter } from './DrfSorter';

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
}

export interface OfferDecision {
  framework: string;
  role: string;
  agent: string;
  resources: Resources;
  /** Present when `explain` is on. */
  why?: Explanation;
}

export type SkipReason =
  'filtered' | 'min-allocatable' | 'quota-limit' | 'headroom' | 'nothing-allocatable' | 'capability';

export interface Explanation {
  stage: 'guarantees' | 'fair-share';
  /** The role order for this agent, with weighted shares and allocation counts. */
  roles: { role: string; share: number; count: number }[];
  /** The framework order within the chosen role. */
  frameworks: { framework: string; share: number; count: number }[];
  /** Frameworks that came earlier in the order and could not take this agent. */
  skipped: { framework: string; role: string; reason: SkipReason }[];
  /** Frameworks of visited roles that were not in the order at all. */
  suppressed: { framework: string; role: string }[];
}

export interface Filters {
  refuse_seconds?: number;
}

interface RefuseFilter {
  resources: Resources;
  createdAt: Micros;
  expiresAt: Micros;
  /** Made at the instant of a periodic allocation, after it ran (its expiry timer then fires later). */
  madeAfterTick: boolean;
}

interface AgentState {
  id: string;
  total: Resources;
  available: Resources;
  /** Offered or allocated resources by framework, then role. */
  allocated: Map<string, Map<string, Resources>>;
  activated: boolean;
  hasGpus: boolean;
}

interface FrameworkState {
  id: string;
  roles: Set<string>;
  suppressed: Set<string>;
  active: boolean;
  /** Refuse filters by role, then agent. */
  filters: Map<string, Map<string, RefuseFilter[]>>;
  /** undefined: use the global --min_allocatable_resources. */
  minAllocatable: Quantities[] | null | undefined;
  gpuResources: boolean;
}

interface RoleState {
  frameworks: Set<string>;
  sorter: DrfSorter;
}

interface Quota {
  guarantees: Quantities;
  limits: Quantities | null;
}

export class HierarchicalAllocator {
  private readonly agents = new Map<string, AgentState>();
  private readonly frameworks = new Map<string, FrameworkState>();
  private readonly roles = new Map<string, RoleState>();
  private readonly roleSorter: DrfSorter;
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

  constructor(private readonly options: AllocatorOptions) {
    this.roleSorter = new DrfSorter({ excludedResourceNames: options.excludedResourceNames });
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
    const fw: FrameworkState = {
      id,
      roles: new Set(roles),
      suppressed: new Set(options.suppressedRoles ?? []),
      active: options.active ?? true,
      filters: new Map(),
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
      for (const [role, res] of byRole)
        this.roles.get(role)?.sorter.allocated(id, agent.id, res.quantities());
    }
  }

  removeFramework(id: string): void {
    const fw = this.frameworks.get(id);
    if (!fw) return;
    for (const agent of this.agents.values()) {
      const byRole = agent.allocated.get(id);
      if (!byRole) continue;
      for (const [role, res] of byRole) {
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
    for (const role of fw.roles) if (!fw.suppressed.has(role)) this.roles.get(role)?.sorter.activate(id);
  }

  /** deactivateFramework: inactive in every role and all its filters cleared; allocations are kept. */
  deactivateFramework(id: string): void {
    const fw = this.frameworks.get(id);
    if (!fw) return;
    fw.active = false;
    for (const role of fw.roles) this.roles.get(role)?.sorter.deactivate(id);
    fw.filters.clear();
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
    for (const role of roles.length ? roles : fw.roles) {
      if (!fw.roles.has(role)) continue;
      fw.filters.delete(role);
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
      for (const [role, res] of byRole) {
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
    for (const fw of this.frameworks.values()) for (const byAgent of fw.filters.values()) byAgent.delete(id);
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
   * are given, installs a refuse filter on them for that (framework, role, agent) (MESOS.md §1.7).
   */
  recoverResources(
    framework: string,
    agentId: string,
    role: string,
    resources: Resources,
    filters: Filters | null,
    now: Micros,
  ): void {
    if (resources.isEmpty()) return;
    const agent = this.agents.get(agentId);
    if (!agent) return;
    const byRole = agent.allocated.get(framework);
    const held = byRole?.get(role);
    if (!byRole || !held) return;
    // Recover only what is actually tracked, so that a duplicate recovery can never over-fill the agent.
    const recovered = held.contains(resources) ? resources : held.minus(held.minus(resources));
    const remaining = held.minus(recovered);
    if (remaining.isEmpty()) byRole.delete(role);
    else byRole.set(role, remaining);
    if (byRole.size === 0) agent.allocated.delete(framework);
    agent.available = agent.available.plus(recovered);
    this.untrackQuantities(role, recovered);
    const q = recovered.quantities();
    this.roleSorter.unallocated(role, agentId, q);
    const fw = this.frameworks.get(framework);
    if (fw) this.roles.get(role)?.sorter.unallocated(framework, agentId, q);
    this.maybeUntrackRole(role);

    if (!fw || filters === null) return;
    let t =
      filters.refuse_seconds === undefined
        ? DEFAULT_REFUSE_SECONDS * SECOND
        : Math.round(filters.refuse_seconds * SECOND);
    if (t > MAX_REFUSE) t = MAX_REFUSE;
    else if (t < 0) t = DEFAULT_REFUSE_SECONDS * SECOND;
    if (t === 0) return;
    // MESOS-4302: a filter lasts at least one allocation interval, so that some allocation sees it.
    t = Math.max(t, this.options.interval);
    let byAgent = fw.filters.get(role);
    if (!byAgent) fw.filters.set(role, (byAgent = new Map()));
    let list = byAgent.get(agentId);
    if (!list) byAgent.set(agentId, (list = []));
    list.push({
      resources: recovered,
      createdAt: now,
      expiresAt: now + t,
      madeAfterTick: this.periodicTimes[1] === now,
    });
  }

  /** Live refuse filters of a framework, for the UI's countdowns. */
  filtersOf(
    framework: string,
    now: Micros,
  ): { role: string; agent: string; resources: Resources; expiresAt: Micros }[] {
    const out: { role: string; agent: string; resources: Resources; expiresAt: Micros }[] = [];
    const fw = this.frameworks.get(framework);
    if (!fw) return out;
    for (const [role, byAgent] of fw.filters)
      for (const [agent, list] of byAgent)
        for (const f of list)
          if (this.filterActive(f, now))
            out.push({ role, agent, resources: f.resources, expiresAt: f.expiresAt });
    return out;
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
    const agents: AgentState[] = [];
    for (const id of candidates) {
      const a = this.agents.get(id);
      if (a && a.activated) agents.push(a);
    }
    const offers: OfferDecision[] = [];
    const hasQuota = this.quotas.size > 0;
    const consumed = new Map<string, Quantities>();
    let requiredHeadroom: Quantities = {};
    let availableHeadroom: Quantities = {};
    if (hasQuota) {
      for (const role of this.quotas.keys()) consumed.set(role, this.consumedQuota(role));
      for (const [role, quota] of this.quotas)
        addQuantities(requiredHeadroom, subtractQuantities(quota.guarantees, consumed.get(role)!));
      availableHeadroom = this.availableHeadroom();
      this.runStage(
        this.options.rng.shuffle([...agents]),
        'guarantees',
        now,
        offers,
        consumed,
        requiredHeadroom,
        availableHeadroom,
      );
      requiredHeadroom = this.requiredHeadroomNow(consumed);
    }
    this.runStage(
      this.options.rng.shuffle(agents),
      'fair-share',
      now,
      offers,
      consumed,
      requiredHeadroom,
      availableHeadroom,
    );
    return offers;
  }

  private runStage(
    agents: AgentState[],
    stage: 'guarantees' | 'fair-share',
    now: Micros,
    offers: OfferDecision[],
    consumed: Map<string, Quantities>,
    requiredHeadroom: Quantities,
    availableHeadroom: Quantities,
  ): void {
    const explain = this.options.explain === true;
    for (const agent of agents) {
      if (agent.available.isEmpty()) continue;
      const roleOrder = this.roleSorter.sort();
      const skipped: Explanation['skipped'] = [];
      for (const role of roleOrder) {
        if (agent.available.isEmpty()) break;
        // Quota lives on top-level roles only (MESOS.md §1.10), so a role's quota is its own or none.
        const quota = this.quotas.get(role);
        let unsat: Quantities = {};
        if (stage === 'guarantees') {
          if (!quota || isEmptyQuantities(quota.guarantees)) continue;
          unsat = subtractQuantities(quota.guarantees, consumed.get(role)!);
          if (isEmptyQuantities(unsat)) continue;
        }
        const r = this.roles.get(role);
        if (!r || r.frameworks.size === 0) continue;

        const tryFramework = (fwId: string): 'break' | 'next' | 'offered' => {
          const fw = this.frameworks.get(fwId)!;
          const avail = agent.available.allocatableTo(role);
          if (avail.isEmpty()) return 'break';
          // --filter_gpu_resources (the default): GPU agents only go to GPU_RESOURCES frameworks (MESOS-5634).
          if (!fw.gpuResources && agent.hasGpus) {
            if (explain) skipped.push({ framework: fwId, role, reason: 'capability' });
            return 'next';
          }
          if (!this.allocatable(avail, fw)) {
            if (explain) skipped.push({ framework: fwId, role, reason: 'min-allocatable' });
            return 'next';
          }
          const limitsLeft = quota?.limits ? subtractLimits(quota.limits, consumed.get(role) ?? {}) : null;
          const headroomApplies = !isEmptyQuantities(requiredHeadroom);
          if (stage === 'fair-share' && !limitsLeft && !headroomApplies) {
            // Nothing can chop the offer: the framework is offered everything it may take, as is.
            if (this.isFiltered(fw, role, agent.id, avail, now)) {
              if (explain) skipped.push({ framework: fwId, role, reason: 'filtered' });
              return 'next';
            }
            // The explanation shows the shares as they were when the order was decided, before this offer.
            const decision: OfferDecision = { framework: fwId, role, agent: agent.id, resources: avail };
            if (explain) decision.why = this.explanation(stage, roleOrder, role, skipped);
            this.track(fwId, role, agent, avail);
            if (quota) addQuantities(consumed.get(role)!, unreservedScalarQuantities(avail));
            offers.push(decision);
            return 'offered';
          }
          const unreservedScalars = avail.filter((x) => x.role === undefined && x.type === 'SCALAR');
          const fixedPart = avail.filter((x) => x.role !== undefined || x.type !== 'SCALAR');
          let guarOffer = Resources.EMPTY;
          let extra = unreservedScalars;
          let base = fixedPart;
          // Why resources were chopped, should the chopped offer turn out not to be allocatable.
          let chopped: SkipReason = 'min-allocatable';
          if (stage === 'guarantees') {
            guarOffer = unreservedScalars.shrink(unsat);
            if (guarOffer.isEmpty()) {
              if (explain) skipped.push({ framework: fwId, role, reason: 'nothing-allocatable' });
              return 'next';
            }
            // In the guarantee stage only reservations to exactly this role ride along (MESOS.md §1.5).
            base = avail.filter((x) => x.type !== 'SCALAR' || x.role === role);
            extra = unreservedScalars.minus(guarOffer);
            if (limitsLeft) extra = extra.shrink(subtractLimits(limitsLeft, guarOffer.quantities()), true);
          } else if (limitsLeft) {
            const before = extra;
            extra = extra.shrink(limitsLeft, true);
            if (!extra.equals(before)) chopped = 'quota-limit';
          }
          if (headroomApplies && !extra.isEmpty()) {
            const before = extra;
            extra = extra.shrink(subtractQuantities(availableHeadroom, requiredHeadroom));
            if (!extra.equals(before)) chopped = 'headroom';
          }
          const toOffer = stage === 'guarantees' ? guarOffer.plus(base).plus(extra) : base.plus(extra);
          if (!this.allocatable(toOffer, fw)) {
            if (explain) skipped.push({ framework: fwId, role, reason: chopped });
            return 'next';
          }
          if (this.isFiltered(fw, role, agent.id, toOffer, now)) {
            if (explain) skipped.push({ framework: fwId, role, reason: 'filtered' });
            return 'next';
          }
          const decision: OfferDecision = { framework: fwId, role, agent: agent.id, resources: toOffer };
          if (explain) decision.why = this.explanation(stage, roleOrder, role, skipped);
          this.track(fwId, role, agent, toOffer);
          const quotaCharged =
            stage === 'guarantees' ? guarOffer.plus(extra).quantities() : extra.quantities();
          if (stage === 'guarantees') {
            unsat = subtractQuantities(unsat, quotaCharged);
            const g = guarOffer.quantities();
            for (const k in g) requiredHeadroom[k] = fixed((requiredHeadroom[k] ?? 0) - g[k]!);
          }
          if (quota) addQuantities(consumed.get(role)!, quotaCharged);
          for (const k in quotaCharged)
            availableHeadroom[k] = fixed((availableHeadroom[k] ?? 0) - quotaCharged[k]!);
          offers.push(decision);
          return 'offered';
        };

        // Walk the framework order lazily; after an offer that leaves something on the agent, continue in the
        // order as it was when this role's walk began (Mesos iterates a sorted copy), skipping those visited.
        const visited: string[] = [];
        let offered = false;
        r.sorter.forEachInOrder((fwId) => {
          visited.push(fwId);
          const outcome = tryFramework(fwId);
          offered = outcome === 'offered';
          if (stage === 'guarantees' && isEmptyQuantities(unsat)) return false;
          return outcome === 'next';
        });
        if (
          (offered as boolean) &&
          !agent.available.isEmpty() &&
          !(stage === 'guarantees' && isEmptyQuantities(unsat))
        ) {
          const seen = new Set(visited);
          for (const fwId of r.sorter.sort()) {
            if (seen.has(fwId)) continue;
            const o = tryFramework(fwId);
            if (o === 'break' || (stage === 'guarantees' && isEmptyQuantities(unsat))) break;
          }
        }
      }
    }
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
        .sort()
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

  private isFiltered(
    fw: FrameworkState,
    role: string,
    agentId: string,
    toOffer: Resources,
    now: Micros,
  ): boolean {
    const list = fw.filters.get(role)?.get(agentId);
    if (!list) return false;
    let filtered = false;
    for (let i = list.length - 1; i >= 0; i--) {
      const f = list[i]!;
      if (!this.filterActive(f, now)) {
        if (now >= f.expiresAt) list.splice(i, 1);
        continue;
      }
      if (f.resources.contains(toOffer)) filtered = true;
    }
    return filtered;
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

  private trackRole(role: string): RoleState {
    let r = this.roles.get(role);
    if (!r) {
      r = {
        frameworks: new Set(),
        sorter: new DrfSorter({ excludedResourceNames: this.options.excludedResourceNames }),
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
    const prev = byRole.get(role);
    byRole.set(role, prev ? prev.plus(res) : res);
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
    const q = res.quantities();
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
    return this.agents.get(agentId)?.allocated.get(framework)?.get(role) ?? Resources.EMPTY;
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

function unreservedScalarQuantities(r: Resources): Quantities {
  const q: Quantities = {};
  for (const item of r.items)
    if (item.role === undefined && item.type === 'SCALAR')
      q[item.name] = fixed((q[item.name] ?? 0) + item.scalar);
  return q;
}

/** True when `r` holds at least `q`, counting scalars by amount and ranges and sets by element (MESOS-9516). */
function containsCounted(r: Resources, q: Quantities): boolean {
  for (const name in q) {
    let have = 0;
    for (const item of r.items) {
      if (item.name !== name) continue;
      if (item.type === 'SCALAR') have += item.scalar;
      else if (item.type === 'RANGES') for (const [b, e] of item.ranges) have += e - b + 1;
      else have += item.items.length;
    }
    if (fixed(have) < q[name]!) return false;
  }
  return true;
}
