/**
 * The allocator's refuse filters (MESOS.md §1.7): what a framework declined on an agent in a role, not to be
 * offered to it there again until the filter expires (`RefusedOfferFilter` in Mesos's hierarchical
 * allocator). Filters are kept by framework, role and agent, so an offer is tested only against the
 * filters of its own (framework, role, agent); and by expiry time, so that filters on agents nobody visits
 * any more (agents that stay busy) are dropped when they run out instead of piling up.
 *
 * Whether a filter is still active at the exact instant of its expiry depends on the allocation timing
 * (MESOS-4302), which the allocator knows; it hands that rule in as `active`.
 */
import type { Resources } from '../resources';
import type { Micros } from '../time';
import { EventQueue } from '../sim/EventQueue';

export interface RefuseFilter {
  /** What was declined: an offer that is a subset of it is filtered. */
  readonly resources: Resources;
  readonly createdAt: Micros;
  readonly expiresAt: Micros;
  /** Made at the instant of a periodic allocation, after it ran (its expiry timer then fires later). */
  readonly madeAfterTick: boolean;
}

/** A filter as filed: one object is both the entry of its list and its place in the expiry queue. */
interface Filed extends RefuseFilter {
  time: Micros;
  phase: number;
  seq: number;
  readonly framework: string;
  readonly role: string;
  readonly agent: string;
}

type ByAgent = Map<string, Filed[]>;

export class RefuseFilters {
  /** Framework, then role, then agent: the filters of each (framework, role, agent). */
  private readonly filters = new Map<string, Map<string, ByAgent>>();
  private readonly expiry = new EventQueue<Filed>();
  private seq = 0;

  constructor(private readonly active: (f: RefuseFilter, now: Micros) => boolean) {}

  add(framework: string, role: string, agent: string, filter: RefuseFilter): void {
    let byRole = this.filters.get(framework);
    if (!byRole) this.filters.set(framework, (byRole = new Map()));
    let byAgent = byRole.get(role);
    if (!byAgent) byRole.set(role, (byAgent = new Map()));
    let list = byAgent.get(agent);
    if (!list) byAgent.set(agent, (list = []));
    const filed: Filed = {
      ...filter,
      time: filter.expiresAt,
      phase: 0,
      seq: this.seq++,
      framework,
      role,
      agent,
    };
    list.push(filed);
    this.expiry.push(filed);
  }

  /**
   * `isFiltered`: true iff an active filter of this (framework, role, agent) holds all of `toOffer`, i.e.
   * the offer is a subset of something declined. Filters found expired on the way are dropped.
   */
  isFiltered(framework: string, role: string, agent: string, toOffer: Resources, now: Micros): boolean {
    return this.filteredUntil(framework, role, agent, toOffer, now) >= 0;
  }

  /**
   * Like `isFiltered`, but says for how long: the latest expiry among the active filters that hold all of
   * `toOffer` (the offer stays filtered at least until then), or -1 if none does.
   */
  filteredUntil(framework: string, role: string, agent: string, toOffer: Resources, now: Micros): Micros {
    const byAgent = this.filters.get(framework)?.get(role);
    const list = byAgent?.get(agent);
    if (!list) return -1;
    let until = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      const f = list[i]!;
      if (!this.active(f, now)) {
        if (now >= f.expiresAt) list.splice(i, 1);
        continue;
      }
      if (f.expiresAt > until && f.resources.contains(toOffer)) until = f.expiresAt;
    }
    if (list.length === 0) this.forgetList(framework, role, agent);
    return until;
  }

  /**
   * Drops every filter whose expiry lies strictly before `now`: no rule keeps such a filter active, so
   * this changes no answer; it only frees what nobody would ask about again. O(expired · log filters).
   */
  expire(now: Micros): void {
    for (let next = this.expiry.peek(); next && next.time < now; next = this.expiry.peek()) {
      this.expiry.pop();
      const list = this.filters.get(next.framework)?.get(next.role)?.get(next.agent);
      if (!list) continue;
      const i = list.indexOf(next);
      if (i < 0) continue;
      list.splice(i, 1);
      if (list.length === 0) this.forgetList(next.framework, next.role, next.agent);
    }
  }

  /** Removes every filter of a framework (deactivation, removal). */
  clearFramework(framework: string): void {
    this.filters.delete(framework);
  }

  /** Removes a framework's filters in one role (REVIVE). */
  clearRole(framework: string, role: string): void {
    const byRole = this.filters.get(framework);
    if (!byRole) return;
    byRole.delete(role);
    if (byRole.size === 0) this.filters.delete(framework);
  }

  /** Removes every filter on an agent (agent removal). */
  clearAgent(agent: string): void {
    for (const [framework, byRole] of this.filters)
      for (const role of [...byRole.keys()])
        if (byRole.get(role)!.delete(agent)) this.forgetList(framework, role, agent);
  }

  /** The active filters of a framework, for the UI's countdowns. */
  live(
    framework: string,
    now: Micros,
  ): { role: string; agent: string; resources: Resources; expiresAt: Micros }[] {
    const out: { role: string; agent: string; resources: Resources; expiresAt: Micros }[] = [];
    const byRole = this.filters.get(framework);
    if (!byRole) return out;
    for (const [role, byAgent] of byRole)
      for (const [agent, list] of byAgent)
        for (const f of list)
          if (this.active(f, now)) out.push({ role, agent, resources: f.resources, expiresAt: f.expiresAt });
    return out;
  }

  /** The number of filters held (live or not yet dropped), for tests. */
  get size(): number {
    let n = 0;
    for (const byRole of this.filters.values())
      for (const byAgent of byRole.values()) for (const list of byAgent.values()) n += list.length;
    return n;
  }

  /** Removes the empty maps left above a (framework, role, agent) whose list is empty or gone. */
  private forgetList(framework: string, role: string, agent: string): void {
    const byRole = this.filters.get(framework);
    const byAgent = byRole?.get(role);
    if (!byRole || !byAgent) return;
    if (byAgent.get(agent)?.length === 0) byAgent.delete(agent);
    if (byAgent.size === 0) byRole.delete(role);
    if (byRole.size === 0) this.filters.delete(framework);
  }
}
