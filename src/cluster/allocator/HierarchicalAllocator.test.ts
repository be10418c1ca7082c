import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resources, parseMinAllocatable, type Quantities } from '../resources';
import { Rng } from '../rng';
import { SECOND, type Micros } from '../time';
import { HierarchicalAllocator, type Filters, type OfferDecision } from './HierarchicalAllocator';
import type { SorterKind } from './Sorter';

// These tests drive the allocator class directly, the way Mesos's own allocator tests
// (src/tests/hierarchical_allocator_tests.cpp) drive HierarchicalDRFAllocator with a paused clock: each
// call that Mesos turns into an event-triggered allocation (addSlave, addFramework, activateFramework,
// reviveOffers) runs one allocation at once over its candidate agents, and `advance` plays Mesos's
// Clock::advance, running the periodic allocation at every multiple of the interval on the way.
//
// Expected offers come from MESOS.md §1. Before each assertion a comment states the shares the decision
// rests on, as Mesos's tests do. Shares are the dominant share over the whole cluster's total (for both
// the role sorter and the framework sorters, since Mesos 1.8), divided by the role's weight.

// ------------------------------------------------------------------------------------------------ fixture

/** The default --min_allocatable_resources (MIN_CPUS, MIN_MEM in master/constants.hpp). */
const DEFAULT_MIN_ALLOCATABLE = 'cpus:0.01|mem:32';

interface ClusterOptions {
  /** --allocation_interval in seconds (Mesos's default is 1). */
  intervalSeconds?: number;
  /** --min_allocatable_resources; null disables the check. */
  minAllocatable?: string | null;
  /** --fair_sharing_excluded_resource_names. */
  excluded?: string[];
  seed?: number;
  /** --role_sorter and --framework_sorter ('drf' when omitted). */
  roleSorter?: SorterKind;
  frameworkSorter?: SorterKind;
}

interface Used {
  framework: string;
  role: string;
  resources: string;
}

/** One offer as the tests compare it: resources in canonical Mesos text. */
interface Offered {
  framework: string;
  role: string;
  agent: string;
  resources: string;
}

const canonical = (text: string): string => Resources.parse(text).toString();

function offered(framework: string, role: string, agent: string, resources: string): Offered {
  return { framework, role, agent, resources: canonical(resources) };
}

const byKey = (a: Offered, b: Offered): number =>
  a.framework.localeCompare(b.framework) || a.role.localeCompare(b.role) || a.agent.localeCompare(b.agent);

/**
 * An allocator with Mesos's test fixture around it: a virtual clock, the periodic allocation, and the
 * event triggers of MESOS.md §1.4. Offers accumulate until `take()` drains them.
 */
class Cluster {
  readonly allocator: HierarchicalAllocator;
  readonly interval: Micros;
  now: Micros = 0;
  private pending: OfferDecision[] = [];
  private batched: Set<string> | null = null;

  constructor(options: ClusterOptions = {}) {
    this.interval = Math.round((options.intervalSeconds ?? 1) * SECOND);
    const min = options.minAllocatable === undefined ? DEFAULT_MIN_ALLOCATABLE : options.minAllocatable;
    this.allocator = new HierarchicalAllocator({
      interval: this.interval,
      minAllocatable: min === null ? null : parseMinAllocatable(min),
      excludedResourceNames: options.excluded ?? [],
      rng: new Rng(options.seed ?? 7, 'allocator'),
      roleSorter: options.roleSorter,
      frameworkSorter: options.frameworkSorter,
    });
  }

  /**
   * Mesos's Clock::advance: runs the periodic allocation at every multiple of the interval in
   * (now, now + seconds], then leaves the clock at now + seconds.
   */
  advance(seconds: number): void {
    const target = this.now + Math.round(seconds * SECOND);
    for (
      let t = (Math.floor(this.now / this.interval) + 1) * this.interval;
      t <= target;
      t += this.interval
    ) {
      this.now = t;
      this.pending.push(...this.allocator.allocate(this.allocator.agentIds(), t, true));
    }
    this.now = target;
  }

  /**
   * Like `advance`, but stops at now + seconds just before the periodic allocation due at that instant, so
   * that calls made next are processed first, as messages of an instant are in the simulation (MESOS.md
   * §1.4). `tick()` then runs that periodic allocation.
   */
  advanceUntilTick(seconds: number): void {
    const target = this.now + Math.round(seconds * SECOND);
    if (target % this.interval !== 0)
      throw new Error('advanceUntilTick must stop at a multiple of the interval');
    this.advance((target - 1 - this.now) / SECOND);
    this.now = target;
  }

  /** The periodic allocation at the current instant (after `advanceUntilTick`). */
  tick(): void {
    this.pending.push(...this.allocator.allocate(this.allocator.agentIds(), this.now, true));
  }

  /**
   * Makes the calls in `calls` without letting an allocation run in between, as a Mesos test does when it
   * makes several calls before Clock::settle(): their triggers coalesce into one run (MESOS-6904).
   */
  batch(calls: () => void): void {
    this.batched = new Set();
    try {
      calls();
    } finally {
      const candidates = this.batched;
      this.batched = null;
      if (candidates.size > 0) this.trigger(candidates);
    }
  }

  /** addSlave: triggers an allocation on that agent only. */
  addAgent(id: string, resources: string, used: Used[] = []): void {
    this.allocator.addAgent(
      id,
      Resources.parse(resources),
      used.map((u) => ({ ...u, resources: Resources.parse(u.resources) })),
    );
    this.trigger([id]);
  }

  /** addFramework: an active framework triggers an allocation on all agents. */
  addFramework(
    id: string,
    roles: string[],
    options: { suppressedRoles?: string[]; active?: boolean; minAllocatable?: Quantities[] | null } = {},
  ): void {
    this.allocator.addFramework(id, roles, options);
    if (options.active ?? true) this.trigger(this.allocator.agentIds());
  }

  activateFramework(id: string): void {
    this.allocator.activateFramework(id);
    this.trigger(this.allocator.agentIds());
  }

  /** reviveOffers: triggers an allocation on all agents. */
  revive(id: string, roles: string[] = []): void {
    this.allocator.revive(id, roles);
    this.trigger(this.allocator.agentIds());
  }

  /** suppressOffers: triggers nothing. */
  suppress(id: string, roles: string[] = []): void {
    this.allocator.suppress(id, roles);
  }

  /** recoverResources (decline, rescind, task end): triggers nothing (MESOS-3078). null filters = None(). */
  recover(framework: string, agent: string, role: string, resources: string, filters: Filters | null): void {
    this.allocator.recoverResources(framework, agent, role, Resources.parse(resources), filters, this.now);
  }

  /** Recovers everything an offer gave, as the tests' `recoverResources(allocation...)` calls do. */
  recoverOffer(o: Offered, filters: Filters | null): void {
    this.recover(o.framework, o.agent, o.role, o.resources, filters);
  }

  /** The offers made since the last call, sorted by framework, role and agent. */
  take(): Offered[] {
    const out = this.pending.map((d) => ({
      framework: d.framework,
      role: d.role,
      agent: d.agent,
      resources: d.resources.toString(),
    }));
    this.pending = [];
    return out.sort(byKey);
  }

  private trigger(candidates: Iterable<string>): void {
    if (this.batched) {
      for (const id of candidates) this.batched.add(id);
      return;
    }
    this.pending.push(...this.allocator.allocate(candidates, this.now, false));
  }
}

/** Offers summed per framework: what Mesos's tests compare when it does not matter which agent went where. */
function perFramework(
  offers: Offered[],
): Record<string, { role: string; agents: number; resources: string }> {
  const out: Record<string, { role: string; agents: number; total: Resources }> = {};
  for (const o of offers) {
    const entry = (out[o.framework] ??= { role: o.role, agents: 0, total: Resources.EMPTY });
    entry.agents++;
    entry.total = entry.total.plus(Resources.parse(o.resources));
  }
  return Object.fromEntries(
    Object.entries(out).map(([fw, e]) => [
      fw,
      { role: e.role, agents: e.agents, resources: e.total.toString() },
    ]),
  );
}

/** The weighted shares and allocation counts the role sorter holds, rounded for readable assertions. */
function roleShares(cluster: Cluster): Record<string, { share: number; count: number }> {
  const out: Record<string, { share: number; count: number }> = {};
  for (const [role, s] of Object.entries(cluster.allocator.roleShares()))
    out[role] = { share: Math.round(s.share * 1000) / 1000, count: s.count };
  return out;
}

// ------------------------------------------------------------------------------------------------ DRF

describe('HierarchicalAllocator: DRF across roles and frameworks (MESOS.md §1.2, §1.3, §1.5)', () => {
  it('offers each new agent whole to the role, then the framework, with the lowest share (UnreservedDRF)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    c.addFramework('framework1', ['role1']);
    // shares: role1 = 0 (framework1 = 0); framework1 is the only framework.
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024')]);

    c.addFramework('framework2', ['role2']);
    expect(c.take()).toEqual([]);
    c.addAgent('agent2', 'cpus:1;mem:512;disk:0');
    // Total cpus 3, mem 1536. shares: role1 = .67, role2 = 0.
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent2', 'cpus:1;mem:512')]);

    c.addAgent('agent3', 'cpus:3;mem:2048;disk:0');
    // Total cpus 6, mem 3584. shares: role1 = .33 (cpus 2/6), role2 = .17 (cpus 1/6).
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent3', 'cpus:3;mem:2048')]);

    c.addFramework('framework3', ['role1']);
    c.addAgent('agent4', 'cpus:4;mem:4096;disk:0');
    // Total cpus 10, mem 7680. shares: role1 = .2 (cpus 2/10), role2 = .4 (cpus 4/10);
    //   within role1: framework1 = .2, framework3 = 0.
    expect(c.take()).toEqual([offered('framework3', 'role1', 'agent4', 'cpus:4;mem:4096')]);

    c.addFramework('framework4', ['role1']);
    c.addAgent('agent5', 'cpus:1;mem:512;disk:0');
    // Total cpus 11, mem 8192. shares: role1 = .625 (mem 5120/8192), role2 = .36 (cpus 4/11);
    //   framework4 has nothing, but role2 comes first.
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent5', 'cpus:1;mem:512')]);
  });

  it('counts reservations once they are offered, so reserved holdings weigh in DRF (ReservedDRF)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0;cpus(role1):100;mem(role1):1024;disk(role1):0');
    c.addFramework('framework1', ['role1']);
    // framework1 is the only framework: the whole agent, reservation included.
    expect(c.take()).toEqual([
      offered('framework1', 'role1', 'agent1', 'cpus:1;mem:512;cpus(role1):100;mem(role1):1024'),
    ]);

    c.addFramework('framework2', ['role2']);
    c.addAgent('agent2', 'cpus:2;mem:512;disk:0');
    // Total cpus 103, mem 2048. shares: role1 = .98 (cpus 101/103), role2 = 0.
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent2', 'cpus:2;mem:512')]);

    c.addAgent('agent3', 'cpus:2;mem:512;disk:0');
    // Total cpus 105, mem 2560. shares: role1 = .96 (cpus 101/105), role2 = .2 (mem 512/2560).
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent3', 'cpus:2;mem:512')]);

    c.addFramework('framework3', ['role1']);
    c.addAgent('agent4', 'cpus(role1):2;mem(role1):1024;disk(role1):0');
    // Only role1 may use agent4. Within role1: framework1 = .94 (cpus 101/107), framework3 = 0.
    expect(c.take()).toEqual([offered('framework3', 'role1', 'agent4', 'cpus(role1):2;mem(role1):1024')]);
  });

  it('leaves an unallocated reservation out of its role share (MESOS.md §1.2)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['role1'], { suppressedRoles: ['role1'] });
    c.addFramework('framework2', ['role2']);
    c.addAgent('agent1', 'cpus:1;mem:512;cpus(role1):100;mem(role1):1024');
    // framework1 is suppressed, so only the unreserved part can go anywhere: to framework2.
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent1', 'cpus:1;mem:512')]);
    // Total cpus 101, mem 1536. shares: role1 = 0 (its 100 reserved cpus are not allocated),
    //   role2 = .33 (mem 512/1536).
    expect(roleShares(c)).toEqual({ role1: { share: 0, count: 0 }, role2: { share: 0.333, count: 1 } });

    c.revive('framework1', ['role1']);
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus(role1):100;mem(role1):1024')]);
    // shares: role1 = .99 (cpus 100/101), role2 = .33.
    expect(roleShares(c)).toEqual({ role1: { share: 0.99, count: 1 }, role2: { share: 0.333, count: 1 } });
  });

  it('leaves excluded resource names out of shares (DRFWithFairnessExclusion)', () => {
    // Mesos's test excludes gpus for a GPU_RESOURCES framework; the model has no framework capabilities, so
    // a custom resource stands in for the GPU (the exclusion works by name alone).
    const c = new Cluster({ excluded: ['fpgas'] });
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0;fpgas:1');
    c.addFramework('framework1', ['role1']);
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024;fpgas:1')]);

    c.addFramework('framework2', ['role2']);
    c.addAgent('agent2', 'cpus:1;mem:512;disk:0');
    // shares: role1 = .67 (cpus 2/3; fpgas ignored), role2 = 0.
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent2', 'cpus:1;mem:512')]);

    c.addAgent('agent3', 'cpus:3;mem:2048;disk:0');
    // shares: role1 = .33 (cpus 2/6), role2 = .17 (cpus 1/6).
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent3', 'cpus:3;mem:2048')]);

    c.addFramework('framework3', ['role1']);
    c.addAgent('agent4', 'cpus:4;mem:4096;disk:0');
    // shares: role1 = .2 (cpus 2/10; with fpgas counted it would be 1), role2 = .4;
    //   within role1: framework1 = .2, framework3 = 0.
    expect(c.take()).toEqual([offered('framework3', 'role1', 'agent4', 'cpus:4;mem:4096')]);

    c.addFramework('framework4', ['role1']);
    c.addAgent('agent5', 'cpus:1;mem:512;disk:0');
    // shares: role1 = .625 (mem 5120/8192), role2 = .36 (cpus 4/11).
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent5', 'cpus:1;mem:512')]);
  });

  it('compares role subtrees first, then roles within the winning subtree (NestedRoleDRF)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    c.addFramework('framework1', ['a/b']);
    expect(c.take()).toEqual([offered('framework1', 'a/b', 'agent1', 'cpus:2;mem:1024')]);

    c.addFramework('framework2', ['a/c']);
    c.addFramework('framework3', ['d/e']);
    c.addAgent('agent2', 'cpus:1;mem:512;disk:0');
    // shares: a = .67 (a/b = .67, a/c = 0), d = 0: the d subtree comes first.
    expect(c.take()).toEqual([offered('framework3', 'd/e', 'agent2', 'cpus:1;mem:512')]);

    c.addFramework('framework4', ['d/f']);
    c.addAgent('agent3', 'cpus:2;mem:1024;disk:0');
    // Total cpus 5. shares: a = .4, d = .2 (d/e = .2, d/f = 0).
    expect(c.take()).toEqual([offered('framework4', 'd/f', 'agent3', 'cpus:2;mem:1024')]);
  });

  it('gives each of two frameworks one whole agent, not half of each (CoarseGrained)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    c.addAgent('agent2', 'cpus:2;mem:1024;disk:0');
    c.addFramework('framework1', ['role1']);
    // framework1 is alone: both agents.
    const first = c.take();
    expect(first).toEqual([
      offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024'),
      offered('framework1', 'role1', 'agent2', 'cpus:2;mem:1024'),
    ]);
    for (const o of first) c.recoverOffer(o, null);

    c.addFramework('framework2', ['role2']);
    // First agent: role1 = 0 (count 2), role2 = 0 (count 0): role2 wins the tie on allocation count.
    // Second agent: role1 = 0, role2 = .5: role1.
    expect(perFramework(c.take())).toEqual({
      framework1: { role: 'role1', agents: 1, resources: 'cpus:2;mem:1024' },
      framework2: { role: 'role2', agents: 1, resources: 'cpus:2;mem:1024' },
    });
  });

  it('alternates an agent between two frameworks of equal share (SameShareFairness)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['*']);
    c.addFramework('framework2', ['*']);
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    const winners: string[] = [];
    for (let i = 0; i < 10; i++) {
      const offers = c.take();
      expect(offers).toHaveLength(1);
      expect(offers[0]!.resources).toBe(canonical('cpus:2;mem:1024'));
      winners.push(offers[0]!.framework);
      // Declined with no filter: both shares are 0 again before the next interval.
      c.recoverOffer(offers[0]!, null);
      c.advance(1);
    }
    // shares: framework1 = framework2 = 0 before every allocation; the one with fewer allocations wins,
    //   then the name: framework1, framework2, framework1, ...
    expect(winners.filter((w) => w === 'framework1')).toHaveLength(5);
    expect(winners.filter((w) => w === 'framework2')).toHaveLength(5);
    expect(winners).toEqual([
      'framework1',
      'framework2',
      'framework1',
      'framework2',
      'framework1',
      'framework2',
      'framework1',
      'framework2',
      'framework1',
      'framework2',
    ]);
  });

  it('hands agents out one at a time by weighted share: 3/3, then 2/4, then 1/2/3 (UpdateWeight)', () => {
    const c = new Cluster();
    for (let i = 1; i <= 6; i++) c.addAgent(`agent${i}`, 'cpus:2;mem:1024');
    c.addFramework('framework1', ['role1']);
    c.addFramework('framework2', ['role2']);
    const recoverAll = (offers: Offered[]): Offered[] => {
      for (const o of offers) c.recoverOffer(o, null);
      return offers;
    };
    // framework1 arrived first and got all six agents; give them back.
    expect(perFramework(recoverAll(c.take()))).toEqual({
      framework1: { role: 'role1', agents: 6, resources: 'cpus:12;mem:6144' },
    });

    c.advance(1);
    // Total cpus 12, mem 6144; shares are re-evaluated after every agent.
    // shares at the end: role1 = .5 (cpus 6/12), role2 = .5.
    expect(perFramework(recoverAll(c.take()))).toEqual({
      framework1: { role: 'role1', agents: 3, resources: 'cpus:6;mem:3072' },
      framework2: { role: 'role2', agents: 3, resources: 'cpus:6;mem:3072' },
    });

    c.allocator.updateWeight('role2', 2);
    // updateWeights triggers no allocation.
    expect(c.take()).toEqual([]);
    c.advance(1);
    // shares at the end: role1 = .33 (cpus 4/12), role2 = .67 / 2 = .33.
    expect(perFramework(recoverAll(c.take()))).toEqual({
      framework1: { role: 'role1', agents: 2, resources: 'cpus:4;mem:2048' },
      framework2: { role: 'role2', agents: 4, resources: 'cpus:8;mem:4096' },
    });

    c.allocator.updateWeight('role3', 3);
    expect(c.take()).toEqual([]);
    c.addFramework('framework3', ['role3']);
    // shares at the end: role1 = .17 (cpus 2/12), role2 = .33 / 2 = .17, role3 = .5 / 3 = .17.
    expect(perFramework(c.take())).toEqual({
      framework1: { role: 'role1', agents: 1, resources: 'cpus:2;mem:1024' },
      framework2: { role: 'role2', agents: 2, resources: 'cpus:4;mem:2048' },
      framework3: { role: 'role3', agents: 3, resources: 'cpus:6;mem:3072' },
    });
  });
});

// ------------------------------------------------------------------------------------------------ counts

describe('HierarchicalAllocator: the allocation-count tie-break (MESOS.md §1.3, AllocationCountTieBreak)', () => {
  it('prefers the role with fewer allocations on a share tie, and never decrements the count', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:1;mem:512');
    c.addFramework('framework1', ['a']);
    const [first] = c.take();
    expect(first).toEqual(offered('framework1', 'a', 'agent1', 'cpus:1;mem:512'));
    c.recoverOffer(first!, null);
    // Recovering takes the share back to 0 but leaves the count at 1.
    expect(roleShares(c)).toEqual({ a: { share: 0, count: 1 } });

    c.addFramework('framework2', ['b']);
    // shares: a = 0 (count 1), b = 0 (count 0): b wins although "a" sorts first.
    const [second] = c.take();
    expect(second).toEqual(offered('framework2', 'b', 'agent1', 'cpus:1;mem:512'));
    c.recoverOffer(second!, null);

    c.advance(1);
    // shares: a = 0 (count 1), b = 0 (count 1): now the name decides.
    expect(c.take()).toEqual([offered('framework1', 'a', 'agent1', 'cpus:1;mem:512')]);
  });

  it('keeps a framework count across deactivate/activate and suppress/revive', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:1;mem:512');
    c.addFramework('framework1', ['r']);
    c.addFramework('framework2', ['r']);
    const next = (): Offered => {
      const offers = c.take();
      expect(offers).toHaveLength(1);
      c.recoverOffer(offers[0]!, null);
      return offers[0]!;
    };
    // counts: framework1 = 0, framework2 = 0: the name.
    expect(next().framework).toBe('framework1');
    c.advance(1);
    // counts: framework1 = 1, framework2 = 0.
    expect(next().framework).toBe('framework2');
    c.advance(1);
    // counts: 1 and 1: the name.
    expect(next().framework).toBe('framework1');

    c.allocator.deactivateFramework('framework1');
    c.activateFramework('framework1');
    // counts: framework1 = 2 (kept while inactive), framework2 = 1.
    expect(next().framework).toBe('framework2');

    c.suppress('framework2');
    c.revive('framework2');
    // counts: 2 and 2 (kept while suppressed): the name.
    expect(next().framework).toBe('framework1');
    c.advance(1);
    // counts: framework1 = 3, framework2 = 2.
    expect(next().framework).toBe('framework2');
  });

  it('restarts a role count when the role leaves the sorter and comes back', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:1;mem:512');
    const next = (): Offered => {
      const offers = c.take();
      expect(offers).toHaveLength(1);
      c.recoverOffer(offers[0]!, null);
      return offers[0]!;
    };
    c.addFramework('frameworkB', ['b']);
    expect(next().role).toBe('b');
    c.addFramework('frameworkA', ['a']);
    // counts: a = 0, b = 1.
    expect(next().role).toBe('a');
    c.advance(1);
    // counts: a = 1, b = 1: the name.
    expect(next().role).toBe('a');
    c.advance(1);
    // counts: a = 2, b = 1.
    expect(next().role).toBe('b');
    expect(roleShares(c)).toEqual({ a: { share: 0, count: 2 }, b: { share: 0, count: 2 } });

    // Its last framework gone and nothing allocated, role b leaves the role sorter.
    c.allocator.removeFramework('frameworkB');
    c.addFramework('frameworkB2', ['b']);
    // counts: a = 2, b = 0 (a new node): b wins although "a" sorts first and had the same count before.
    expect(next()).toEqual(offered('frameworkB2', 'b', 'agent1', 'cpus:1;mem:512'));
  });
});

// ------------------------------------------------------------------------------------------------ filters

describe('HierarchicalAllocator: refuse filters (MESOS.md §1.7)', () => {
  it('holds a declined agent back for refuse_seconds longer than the interval (OfferFilter)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['role']);
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0');
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'role', 'agent1', 'cpus:1;mem:512'));
    // Declined at t=0 for 2 s (twice the interval).
    c.recoverOffer(offer!, { refuse_seconds: 2 });

    c.advance(1);
    // t=1: the filter is active.
    expect(c.take()).toEqual([]);
    c.advance(1);
    // t=2 = t0 + 2 s, and a periodic allocation ran in between (t=1): the filter has expired.
    expect(c.take()).toEqual([offered('framework1', 'role', 'agent1', 'cpus:1;mem:512')]);
  });

  it('keeps a filter shorter than the interval until the next periodic allocation (SmallOfferFilterTimeout)', () => {
    const c = new Cluster({ intervalSeconds: 60 });
    c.addFramework('framework1', ['role']);
    c.addFramework('framework2', ['role']);
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0', [
      { framework: 'framework1', role: 'role', resources: 'cpus:1;mem:512' },
    ]);
    expect(c.take()).toEqual([]);

    c.addAgent('agent2', 'cpus:1;mem:512;disk:0');
    // shares: framework1 = .5 (agent1 in use), framework2 = 0.
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework2', 'role', 'agent2', 'cpus:1;mem:512'));
    // Declined at t=0 for 1 s; MESOS-4302 stretches the filter to one interval (60 s).
    c.recoverOffer(offer!, { refuse_seconds: 1 });

    c.advance(1);
    c.advance(60);
    // t=60: the first periodic allocation since the decline still sees the filter, so agent2 goes to
    // framework1 although shares: framework1 = .5, framework2 = 0.
    const [second] = c.take();
    expect(second).toEqual(offered('framework1', 'role', 'agent2', 'cpus:1;mem:512'));

    c.recoverOffer(second!, null);
    c.advance(60);
    // t=120: the filter is gone. shares: framework1 = .5, framework2 = 0.
    expect(c.take()).toEqual([offered('framework2', 'role', 'agent2', 'cpus:1;mem:512')]);
  });

  it('stretches a filter to at least one interval even between periodic allocations (MESOS-4302)', () => {
    const c = new Cluster({ intervalSeconds: 10 });
    c.addFramework('framework1', ['role']);
    c.addAgent('agent1', 'cpus:1;mem:512');
    c.advance(2);
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'role', 'agent1', 'cpus:1;mem:512'));
    // Declined at t=2 for 1 s: the filter lasts max(1 s, 10 s), until t=12.
    c.recoverOffer(offer!, { refuse_seconds: 1 });

    c.advance(3);
    // t=5: a new framework (its only role suppressed) triggers an allocation on all agents; agent1 is still
    // filtered for framework1 although its 1 s has long passed.
    c.addFramework('framework2', ['other'], { suppressedRoles: ['other'] });
    expect(c.take()).toEqual([]);
    c.advance(5);
    // t=10: still filtered.
    expect(c.take()).toEqual([]);
    c.advance(10);
    // t=20: expired.
    expect(c.take()).toEqual([offered('framework1', 'role', 'agent1', 'cpus:1;mem:512')]);
  });

  it('expires a one-interval filter made just before a periodic allocation at the next tick (MESOS-4302)', () => {
    // Mesos schedules each periodic allocation when the previous one finishes, and a filter's expiry when the
    // filter is made; when both timers fall due at the same instant, the one created first fires first, and
    // `expire` goes through one more dispatch than the allocation does (hierarchical.cpp, recoverResources).
    // A filter made at t0, before the periodic allocation of that same instant, has its timer created before
    // the timer of the allocation at t0 + interval: it is removed before that allocation runs. (The
    // allocation at t0 itself ran after the filter was made and saw it, which is all MESOS-4302 asks.)
    const c = new Cluster();
    c.addFramework('framework1', ['role']);
    c.addAgent('agent1', 'cpus:1;mem:512');
    const [offer] = c.take();
    c.advanceUntilTick(1);
    // t=1: the decline is processed before the periodic allocation of t=1; the filter lasts
    // max(1 s, 1 s) = 1 s, until t=2.
    c.recoverOffer(offer!, { refuse_seconds: 1 });
    c.tick();
    expect(c.take()).toEqual([]);
    c.advance(1);
    // t=2 = t0 + 1 s, and the allocation at t=1 ran after the filter was made: expired.
    expect(c.take()).toEqual([offered('framework1', 'role', 'agent1', 'cpus:1;mem:512')]);
  });

  it('installs no filter for refuse_seconds 0, and the 5 s default for a negative or missing value', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['role']);
    c.addAgent('agent1', 'cpus:1;mem:512');
    let [offer] = c.take();

    // refuse_seconds = 0: no filter; offered again at the very next allocation.
    c.recoverOffer(offer!, { refuse_seconds: 0 });
    c.advance(1);
    [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'role', 'agent1', 'cpus:1;mem:512'));

    // A negative value means the default, 5 s: filtered at t=2..5, offered at t=6 (t0 + 5 s, with
    // periodic allocations in between).
    c.recoverOffer(offer!, { refuse_seconds: -3 });
    c.advance(4);
    expect(c.take()).toEqual([]);
    c.advance(1);
    [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'role', 'agent1', 'cpus:1;mem:512'));

    // No refuse_seconds at all: the protobuf default, 5 s.
    c.recoverOffer(offer!, {});
    c.advance(4);
    expect(c.take()).toEqual([]);
    c.advance(1);
    [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'role', 'agent1', 'cpus:1;mem:512'));
  });

  it('caps refuse_seconds at 365 days', () => {
    const day = 24 * 3600;
    const c = new Cluster({ intervalSeconds: day });
    c.addFramework('framework1', ['role']);
    c.addAgent('agent1', 'cpus:1;mem:512');
    const [offer] = c.take();
    // Declined at t=0 for ~31.7 years: capped at 365 days.
    c.recoverOffer(offer!, { refuse_seconds: 1e9 });
    c.advance(364 * day);
    expect(c.take()).toEqual([]);
    c.advance(day);
    // Day 365 = t0 + 365 days, with periodic allocations in between: expired.
    expect(c.take()).toEqual([offered('framework1', 'role', 'agent1', 'cpus:1;mem:512')]);
  });

  it('filters only offers that the declined resources contain (MESOS.md §1.7)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['role']);
    c.addAgent('agent1', 'cpus:2;mem:1024');
    c.take();
    // Half of the offer is declined for 10 s; the other half stays offered.
    c.recover('framework1', 'agent1', 'role', 'cpus:1;mem:512', { refuse_seconds: 10 });
    c.advance(1);
    // The free half is exactly what was declined: filtered.
    expect(c.take()).toEqual([]);
    // The other half comes back without a filter: the agent now offers more than was declined.
    c.recover('framework1', 'agent1', 'role', 'cpus:1;mem:512', null);
    c.advance(1);
    expect(c.take()).toEqual([offered('framework1', 'role', 'agent1', 'cpus:2;mem:1024')]);
  });

  it('keeps filters per role: a decline in role2 does not filter role1 (SuppressAndReviveOffersWithMultiRole)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['role1', 'role2']);
    c.suppress('framework1', ['role1']);
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    // role1 is suppressed: the agent goes to framework1 in role2.
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'role2', 'agent1', 'cpus:2;mem:1024'));
    c.recoverOffer(offer!, { refuse_seconds: 24 * 3600 });
    c.advance(1);
    expect(c.take()).toEqual([]);

    // Reviving role1 neither touches role2's filter nor needs to: role1 has none.
    c.revive('framework1', ['role1']);
    const [again] = c.take();
    expect(again).toEqual(offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024'));
    c.recoverOffer(again!, { refuse_seconds: 24 * 3600 });
    c.advance(1);
    // Both roles are filtered now.
    expect(c.take()).toEqual([]);
  });

  it('clears filters on revive (ReviveOffers)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    c.addFramework('framework1', ['role1']);
    const [offer] = c.take();
    c.recoverOffer(offer!, { refuse_seconds: 1000 });
    c.advance(1);
    expect(c.take()).toEqual([]);
    c.revive('framework1');
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024')]);
  });
});

// ------------------------------------------------------------------------------------------------ suppress

describe('HierarchicalAllocator: suppress, revive, deactivate (MESOS.md §1.8)', () => {
  it('tolerates a redundant revive and offers nothing while suppressed (SuppressAndReviveOffers)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    c.addFramework('framework1', ['role1']);
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024'));

    c.revive('framework1');
    // Nothing is free: the redundant revive offers nothing.
    expect(c.take()).toEqual([]);

    c.recoverOffer(offer!, null);
    c.suppress('framework1');
    c.advance(1);
    expect(c.take()).toEqual([]);

    c.revive('framework1');
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024')]);
  });

  it('offers again after deactivate, activate and revive (DeactivateAndReactivateFramework)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:0');
    c.addFramework('framework1', ['role1']);
    const [offer] = c.take();
    c.recoverOffer(offer!, null);
    c.suppress('framework1');
    c.allocator.deactivateFramework('framework1');
    c.advance(1);
    expect(c.take()).toEqual([]);

    c.batch(() => {
      c.activateFramework('framework1');
      c.revive('framework1');
    });
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus:2;mem:1024')]);
  });
});

// ------------------------------------------------------------------------------------------------ allocatable

describe('HierarchicalAllocator: min_allocatable_resources (MESOS.md §1.6)', () => {
  it('offers an agent only with 0.01 cpus or 32 MB free, counting reserved and unreserved (Allocatable)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['role1']);
    c.addAgent('agent1', 'cpus:0.005;mem:16;disk:128');
    // Neither 0.01 cpus nor 32 MB.
    expect(c.take()).toEqual([]);
    c.addAgent('agent2', 'cpus:0.01;mem:16;disk:128');
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent2', 'cpus:0.01;mem:16;disk:128')]);
    c.addAgent('agent3', 'cpus:0.005;mem:32;disk:128');
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent3', 'cpus:0.005;mem:32;disk:128')]);
    c.addAgent('agent4', 'cpus:0.015;mem:16;cpus(role1):0.015;mem(role1):16;disk:128');
    // 0.015 unreserved + 0.015 reserved cpus = 0.03 >= 0.01.
    expect(c.take()).toEqual([
      offered('framework1', 'role1', 'agent4', 'cpus:0.015;mem:16;disk:128;cpus(role1):0.015;mem(role1):16'),
    ]);
    c.advance(1);
    // agent1 is never allocatable.
    expect(c.take()).toEqual([]);
  });

  it('lets a framework override the global minimum (FrameworkMinAllocatable)', () => {
    // The model has no updateFramework, so where Mesos updates one framework's offer_filters, a second
    // framework subscribes with them.
    const c = new Cluster();
    c.addFramework('framework1', ['role1']);
    c.addAgent('agent1', 'cpus:0.005;mem:16;disk:128');
    // Below the global cpus:0.01|mem:32: no offer.
    expect(c.take()).toEqual([]);
    c.advance(1);
    expect(c.take()).toEqual([]);

    // 0.01 / 3 cpus, which Mesos's fixed point holds as 0.003.
    c.addFramework('framework2', ['role2'], { minAllocatable: [{ cpus: 0.003 }] });
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent1', 'cpus:0.005;mem:16;disk:128')]);
  });

  it('treats an empty framework minimum as "anything goes" (FrameworkEmptyMinAllocatable)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['role1'], { minAllocatable: [] });
    c.addAgent('agent1', 'cpus:0.005;mem:16;disk:128');
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus:0.005;mem:16;disk:128')]);
  });

  it('requires every quantity of one alternative and any one alternative (OR across sets, AND within)', () => {
    const c = new Cluster({ minAllocatable: 'cpus:1;mem:100|fpgas:1' });
    c.addFramework('framework1', ['role1']);
    c.addAgent('agent1', 'cpus:1;mem:50');
    c.addAgent('agent2', 'cpus:0.5;mem:500');
    // Each has only one half of "cpus:1;mem:100" and no fpgas.
    expect(c.take()).toEqual([]);
    c.addAgent('agent3', 'cpus:1;mem:100');
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent3', 'cpus:1;mem:100')]);
    c.addAgent('agent4', 'cpus:0.1;fpgas:1');
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent4', 'cpus:0.1;fpgas:1')]);
  });
});

// ------------------------------------------------------------------------------------------------ reservations

describe('HierarchicalAllocator: reservations', () => {
  it('offers reservations only to their role, the unreserved rest to anyone (Reservations)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus(role1):2;mem(role1):1024;disk(role1):0');
    c.addAgent('agent2', 'cpus(role2):2;mem(role2):1024;cpus:1;mem:1024;disk:0');
    c.addAgent('agent3', 'cpus(role3):1;mem(role3):1024;disk(role3):0');
    c.addFramework('framework1', ['role1']);
    // framework1 gets its reservation on agent1 and the unreserved part of agent2; agent3 is role3's.
    expect(c.take()).toEqual([
      offered('framework1', 'role1', 'agent1', 'cpus(role1):2;mem(role1):1024'),
      offered('framework1', 'role1', 'agent2', 'cpus:1;mem:1024'),
    ]);
    c.addFramework('framework2', ['role2']);
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent2', 'cpus(role2):2;mem(role2):1024')]);
  });

  it('re-offers recovered reserved and unreserved resources (RecoverResources)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus(role1):1;mem(role1):200;cpus:1;mem:200;disk:0');
    c.addFramework('framework1', ['role1']);
    expect(c.take()).toEqual([
      offered('framework1', 'role1', 'agent1', 'cpus:1;mem:200;cpus(role1):1;mem(role1):200'),
    ]);
    c.recover('framework1', 'agent1', 'role1', 'cpus(role1):1;mem(role1):200', null);
    c.advance(1);
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus(role1):1;mem(role1):200')]);
    c.recover('framework1', 'agent1', 'role1', 'cpus:1;mem:200', null);
    c.advance(1);
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent1', 'cpus:1;mem:200')]);
  });

  it('offers an ancestor role reservation to a descendant role (OfferAncestorReservationsToDescendantChild)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['a/b/c']);
    c.addAgent('agent1', 'cpus(a):1;mem(a):512;disk(a):0');
    expect(c.take()).toEqual([offered('framework1', 'a/b/c', 'agent1', 'cpus(a):1;mem(a):512')]);
    c.addAgent('agent2', 'cpus:2;mem:1024;disk:0;cpus(a/b):4;mem(a/b):2048;disk(a/b):0');
    expect(c.take()).toEqual([
      offered('framework1', 'a/b/c', 'agent2', 'cpus:2;mem:1024;cpus(a/b):4;mem(a/b):2048'),
    ]);
  });
});

// ------------------------------------------------------------------------------------------------ bookkeeping

describe('HierarchicalAllocator: bookkeeping of agents and frameworks', () => {
  it('accounts a framework allocation once whether its agent or the framework comes first (NoDoubleAccounting)', () => {
    const c = new Cluster();
    // framework1 is known before its agent; framework2 only after its agent reports its resources, as
    // after a master failover when an agent re-registers before its framework.
    c.addFramework('framework1', ['ROLE1']);
    c.addAgent('agent1', 'cpus:1;mem:0;disk:0', [
      { framework: 'framework1', role: 'ROLE1', resources: 'cpus:1' },
    ]);
    c.addAgent('agent2', 'cpus:1;mem:0;disk:0', [
      { framework: 'framework2', role: 'ROLE2', resources: 'cpus:1' },
    ]);
    c.addFramework('framework2', ['ROLE2']);
    // Total cpus 2. shares: ROLE1 = .5 (framework1 = 1), ROLE2 = .5 (framework2 = 1); each allocation was
    // tracked by one allocated() call.
    expect(roleShares(c)).toEqual({ ROLE1: { share: 0.5, count: 1 }, ROLE2: { share: 0.5, count: 1 } });
  });

  it('lets the shares of a framework added after its agent decide the next offer correctly', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2.5;mem:1280', [
      { framework: 'framework1', role: 'role1', resources: 'cpus:1;mem:512' },
    ]);
    // The master adds a framework it learnt of from an agent as inactive until it re-subscribes.
    c.addFramework('framework1', ['role1'], { active: false });
    c.addFramework('framework2', ['role2']);
    // shares: role1 = .4 (cpus 1/2.5), role2 = 0: the free rest of agent1 goes to framework2.
    expect(c.take()).toEqual([offered('framework2', 'role2', 'agent1', 'cpus:1.5;mem:768')]);
    c.activateFramework('framework1');
    expect(c.take()).toEqual([]);
    c.addAgent('agent2', 'cpus:2.5;mem:1280');
    // Total cpus 5, mem 2560. shares: role1 = .2 (cpus 1/5), role2 = .3 (cpus 1.5/5).
    expect(c.take()).toEqual([offered('framework1', 'role1', 'agent2', 'cpus:2.5;mem:1280')]);
  });

  it('takes a removed agent out of every share (RemoveSlaveRecoverResources)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:200');
    c.addFramework('framework1', ['role']);
    expect(c.take()).toEqual([offered('framework1', 'role', 'agent1', 'cpus:2;mem:200')]);
    c.addFramework('framework2', ['role']);
    c.addAgent('agent2', 'cpus:1;mem:100');
    // Within role: framework1 = .67, framework2 = 0.
    expect(c.take()).toEqual([offered('framework2', 'role', 'agent2', 'cpus:1;mem:100')]);
    c.allocator.removeAgent('agent1');
    c.addAgent('agent3', 'cpus:1;mem:100');
    // agent1 is gone with framework1's allocation: framework1 = 0, framework2 = .5.
    expect(c.take()).toEqual([offered('framework1', 'role', 'agent3', 'cpus:1;mem:100')]);
  });
});

// ------------------------------------------------------------------------------------------------ quota

/** The old SET_QUOTA and Mesos's createQuota(x): guarantee = limit = x (MESOS.md §1.10). */
function setQuota(c: Cluster, role: string, text: string): void {
  const q = text === '' ? {} : Resources.parse(text).quantities();
  c.allocator.updateQuota(role, q, { ...q });
}

describe('HierarchicalAllocator: quota guarantees, limits and headroom (MESOS.md §1.10)', () => {
  it('keeps declined resources of a quota role from a non-quota role (QuotaProvidesGuarantee)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['quota-role']);
    setQuota(c, 'quota-role', 'cpus:2;mem:1024');
    c.addFramework('framework2', ['no-quota-role']);
    expect(c.take()).toEqual([]);

    c.addAgent('agent1', 'cpus:1;mem:512;disk:0');
    // quota-role is the only role with unsatisfied quota.
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent1', 'cpus:1;mem:512')]);
    c.addAgent('agent2', 'cpus:1;mem:512;disk:0');
    // shares: quota-role = .5 [quota cpus 2, mem 1024], no-quota-role = 0; the guarantee comes first.
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'quota-role', 'agent2', 'cpus:1;mem:512'));

    c.recoverOffer(offer!, { refuse_seconds: 2 });
    c.advance(1);
    // shares: quota-role = .5, no-quota-role = 0; framework1 is filtered and agent2 is the headroom
    //   quota-role still needs (cpus 1, mem 512), so framework2 gets nothing.
    expect(c.take()).toEqual([]);
    c.advance(1);
    // The filter has expired: quota-role gets agent2 back.
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent2', 'cpus:1;mem:512')]);
  });

  it('chops an agent at a quota limit and gives the rest to others (QuotaProvidesLimit, on "*")', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['*']);
    // No guarantees, zero limits.
    c.allocator.updateQuota('*', {}, { cpus: 0, mem: 0, disk: 0 });
    c.addAgent('agent1', 'cpus:2;mem:1024;disk:1024');
    expect(c.take()).toEqual([]);

    c.addFramework('framework2', ['no-quota-role']);
    expect(c.take()).toEqual([offered('framework2', 'no-quota-role', 'agent1', 'cpus:2;mem:1024;disk:1024')]);

    c.allocator.updateQuota('*', {}, { cpus: 1, mem: 512, disk: 512 });
    c.addAgent('agent2', 'cpus:2;mem:1024;disk:1024');
    // shares: "*" = 0, no-quota-role = .5: "*" first, chopped at its limits; the rest to framework2.
    expect(c.take()).toEqual([
      offered('framework1', '*', 'agent2', 'cpus:1;mem:512;disk:512'),
      offered('framework2', 'no-quota-role', 'agent2', 'cpus:1;mem:512;disk:512'),
    ]);
  });

  it('lets a quota role burst above its guarantee up to its limit (MESOS.md §1.5, stage 1)', () => {
    const c = new Cluster();
    c.allocator.updateQuota('quota-role', { cpus: 1 }, { cpus: 4 });
    c.addFramework('framework1', ['quota-role']);
    c.addAgent('agent1', 'cpus:8;mem:1024');
    // The guaranteed cpu, 3 more up to the limit, and all the memory (quota-role has no quota on it).
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent1', 'cpus:4;mem:1024')]);
  });

  it("keeps a quota role's burst within the headroom other guarantees need (MESOS.md §1.5, stage 1)", () => {
    const c = new Cluster();
    c.allocator.updateQuota('quota-role', { cpus: 1 }, { cpus: 4 });
    c.allocator.updateQuota('other-quota-role', { cpus: 6 }, null);
    c.addFramework('framework1', ['quota-role']);
    c.addAgent('agent1', 'cpus:8;mem:1024');
    // Required headroom: cpus 1 + 6 = 7 of the 8 free: the guaranteed cpu plus a surplus of 1, and all the
    // memory. In stage 2 the remaining 6 cpus are exactly other-quota-role's headroom.
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent1', 'cpus:2;mem:1024')]);
  });

  it('restores fair sharing when quota is removed (RemoveQuota)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role', 'cpus:2;mem:1024');
    c.addFramework('framework1', ['quota-role']);
    c.addFramework('framework2', ['no-quota-role']);
    const used = [{ framework: 'framework1', role: 'quota-role', resources: 'cpus:1;mem:512' }];
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0', used);
    c.addAgent('agent2', 'cpus:1;mem:512;disk:0', used);
    expect(c.take()).toEqual([]);

    c.allocator.updateQuota('quota-role', {}, null);
    c.recover('framework1', 'agent1', 'quota-role', 'cpus:1;mem:512', null);
    c.advance(1);
    // shares: quota-role = .5, no-quota-role = 0.
    expect(c.take()).toEqual([offered('framework2', 'no-quota-role', 'agent1', 'cpus:1;mem:512')]);
  });

  it('shares a quota role fairly between its frameworks (MultipleFrameworksInRoleWithQuota)', () => {
    const c = new Cluster();
    c.addFramework('framework1a', ['quota-role']);
    setQuota(c, 'quota-role', 'cpus:4;mem:2048');
    c.addFramework('framework2', ['no-quota-role']);
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0');
    expect(c.take()).toEqual([offered('framework1a', 'quota-role', 'agent1', 'cpus:1;mem:512')]);

    c.addFramework('framework1b', ['quota-role']);
    c.addAgent('agent2', 'cpus:2;mem:1024;disk:0');
    // Total cpus 3. Within quota-role: framework1a = .33 (cpus 1/3), framework1b = 0.
    expect(c.take()).toEqual([offered('framework1b', 'quota-role', 'agent2', 'cpus:2;mem:1024')]);

    c.addAgent('agent3', 'cpus:1;mem:512;disk:0');
    // Total cpus 4. Within quota-role: framework1a = .25, framework1b = .5.
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1a', 'quota-role', 'agent3', 'cpus:1;mem:512'));

    c.recoverOffer(offer!, { refuse_seconds: 5 });
    c.advance(1);
    // framework1a (.25) is filtered; framework1b (.5) takes the rest of the role's guarantee.
    expect(c.take()).toEqual([offered('framework1b', 'quota-role', 'agent3', 'cpus:1;mem:512')]);
  });

  it('offers a quota role exactly its guarantee, chopping the agent (QuotaAllocationGranularity)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['quota-role']);
    setQuota(c, 'quota-role', 'cpus:0.5;mem:200');
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0');
    // quota-role: guarantee = limit = cpus 0.5, mem 200.
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent1', 'cpus:0.5;mem:200')]);

    c.addFramework('framework2', ['no-quota-role']);
    // framework2 gets the remaining resources of agent1.
    expect(c.take()).toEqual([offered('framework2', 'no-quota-role', 'agent1', 'cpus:0.5;mem:312')]);
  });

  it('gives a quota role resources it has no quota for only within headroom (QuotaRoleAllocateNonQuotaResource)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role-1', 'cpus:2');
    c.addAgent('agent1', 'cpus:1;mem:1024;ports:[31000-32000]');
    c.addFramework('framework1', ['quota-role-1']);
    // No other quota: memory and ports ride along with the guaranteed cpus.
    expect(c.take()).toEqual([
      offered('framework1', 'quota-role-1', 'agent1', 'cpus:1;mem:1024;ports:[31000-32000]'),
    ]);

    setQuota(c, 'quota-role-2', 'mem:1024');
    c.addAgent('agent2', 'cpus:1;mem:1024;ports:[31000-32000]');
    // quota-role-1 still needs 1 cpu; agent2's memory is the headroom quota-role-2 needs.
    expect(c.take()).toEqual([offered('framework1', 'quota-role-1', 'agent2', 'cpus:1;ports:[31000-32000]')]);

    c.addAgent('agent3', 'cpus:1;mem:1024;ports:[31000-32000]');
    // quota-role-1 is at its cpu limit; memory has no limit for it and agent2's 1024 MB cover the headroom.
    expect(c.take()).toEqual([
      offered('framework1', 'quota-role-1', 'agent3', 'mem:1024;ports:[31000-32000]'),
    ]);
  });

  it('shares what is left after all guarantees by DRF among the other roles (DRFWithQuota)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role', 'cpus:0.25;mem:128');
    c.addFramework('framework1', ['quota-role']);
    c.addFramework('framework2', ['no-quota-role']);
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0', [
      { framework: 'framework1', role: 'quota-role', resources: 'cpus:0.25;mem:128' },
    ]);
    // shares: quota-role = .25 [quota met], no-quota-role = 0.
    expect(c.take()).toEqual([offered('framework2', 'no-quota-role', 'agent1', 'cpus:0.75;mem:384')]);

    c.addAgent('agent2', 'cpus:1;mem:512;disk:0');
    // shares: quota-role = .125, no-quota-role = .375; quota-role comes first but is at its limit.
    expect(c.take()).toEqual([offered('framework2', 'no-quota-role', 'agent2', 'cpus:1;mem:512')]);
  });

  it('lets quota end the starvation of a role by decliners (QuotaAgainstStarvation)', () => {
    const c = new Cluster();
    c.addFramework('framework1', ['quota-role']);
    c.addFramework('framework2', ['no-quota-role']);
    c.addAgent('agent1', 'cpus:1;mem:512;disk:0', [
      { framework: 'framework1', role: 'quota-role', resources: 'cpus:1;mem:512' },
    ]);
    c.addAgent('agent2', 'cpus:1;mem:512;disk:0');
    // shares: quota-role = 1 (agent1 in use), no-quota-role = 0.
    let [offer] = c.take();
    expect(offer).toEqual(offered('framework2', 'no-quota-role', 'agent2', 'cpus:1;mem:512'));
    c.recoverOffer(offer!, { refuse_seconds: 0 });
    c.advance(1);
    // shares: quota-role = .5, no-quota-role = 0 again after the decline.
    [offer] = c.take();
    expect(offer).toEqual(offered('framework2', 'no-quota-role', 'agent2', 'cpus:1;mem:512'));
    c.recoverOffer(offer!, { refuse_seconds: 0 });

    setQuota(c, 'quota-role', 'cpus:2;mem:1024');
    c.advance(1);
    // quota-role is under its guarantee: served first.
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent2', 'cpus:1;mem:512')]);
  });

  it('holds headroom even for a quota role without frameworks (QuotaAbsentFrameworkWholeAgent)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role', 'cpus:2;mem:1024');
    c.addFramework('framework1', ['no-quota-role']);
    c.addAgent('agent1', 'cpus:2;mem:1024');
    // All of agent1 is needed as headroom for quota-role.
    expect(c.take()).toEqual([]);
    c.addAgent('agent2', 'cpus:2;mem:1024');
    // One agent is enough headroom now: the other goes to framework1.
    const offers = c.take();
    expect(perFramework(offers)).toEqual({
      framework1: { role: 'no-quota-role', agents: 1, resources: 'cpus:2;mem:1024' },
    });
    c.advance(1);
    expect(c.take()).toEqual([]);
  });

  it('does not hold headroom back from another quota role with frameworks (MultiQuotaAbsentFrameworks)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:2048;disk:0');
    setQuota(c, 'quota-role-1', 'cpus:1;mem:1024');
    setQuota(c, 'quota-role-2', 'cpus:2;mem:2048');
    c.addFramework('framework1', ['quota-role-2']);
    expect(c.take()).toEqual([offered('framework1', 'quota-role-2', 'agent1', 'cpus:2;mem:2048')]);
  });

  it('serves the quota role still under its guarantee (MultiQuotaWithFrameworks)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role-1', 'cpus:1;mem:200');
    setQuota(c, 'quota-role-2', 'cpus:2;mem:2000');
    c.addFramework('framework1', ['quota-role-1']);
    c.addFramework('framework2', ['quota-role-2']);
    c.addAgent('agent1', 'cpus:1;mem:1024;disk:0', [
      { framework: 'framework1', role: 'quota-role-1', resources: 'cpus:1;mem:1024' },
    ]);
    c.addAgent('agent2', 'cpus:1;mem:1024;disk:0', [
      { framework: 'framework2', role: 'quota-role-2', resources: 'cpus:1;mem:1024' },
    ]);
    expect(c.take()).toEqual([]);
    c.addAgent('agent3', 'cpus:2;mem:2048');
    // shares: quota-role-1 = .25 [quota met], quota-role-2 = .25 [needs cpus 1, mem 976].
    expect(c.take()).toEqual([offered('framework2', 'quota-role-2', 'agent3', 'cpus:1;mem:976')]);
  });

  it('counts allocated reservations towards quota and DRF (ReservationWithinQuota)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role', 'cpus:2;mem:256');
    c.addFramework('framework1', ['quota-role']);
    c.addFramework('framework2', ['non-quota-role']);
    c.addAgent('agent1', 'cpus:8;mem(quota-role):256', [
      { framework: 'framework1', role: 'quota-role', resources: 'cpus:2;mem(quota-role):256' },
    ]);
    // shares: quota-role = 1 (mem 256/256) [quota met], non-quota-role = 0.
    expect(c.take()).toEqual([offered('framework2', 'non-quota-role', 'agent1', 'cpus:6')]);
    c.addAgent('agent2', 'cpus:4');
    // shares: quota-role = 1, non-quota-role = .5 (cpus 6/12).
    expect(c.take()).toEqual([offered('framework2', 'non-quota-role', 'agent2', 'cpus:4')]);
  });

  it('does not count resources reserved to another role as headroom (QuotaSetAsideReservedResources)', () => {
    // Mesos reserves agent2 dynamically with updateAvailable, which the model lacks; a static reservation
    // is the same to the allocator.
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:4;mem:512;disk:0');
    c.addAgent('agent2', 'cpus(no-quota-role):4;mem(no-quota-role):512;disk:0');
    c.batch(() => {
      c.addFramework('framework1', ['quota-role']);
      setQuota(c, 'quota-role', 'cpus:4;mem:512');
    });
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'quota-role', 'agent1', 'cpus:4;mem:512'));
    c.recoverOffer(offer!, { refuse_seconds: 10 });
    c.advance(1);
    expect(c.take()).toEqual([]);

    c.addFramework('framework2', ['no-quota-role']);
    const [reserved] = c.take();
    expect(reserved).toEqual(
      offered('framework2', 'no-quota-role', 'agent2', 'cpus(no-quota-role):4;mem(no-quota-role):512'),
    );
    c.recoverOffer(reserved!, { refuse_seconds: 10 });
    c.advance(1);
    // agent1 is quota-role's headroom; agent2 is reserved for no-quota-role and filtered.
    expect(c.take()).toEqual([]);
  });

  it('offers only the resources still under quota (DisproportionateQuotaVsAllocation)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role', 'cpus:4;mem:1024');
    c.addFramework('framework1', ['quota-role']);
    c.addAgent('agent1', 'cpus:2;mem:1024');
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent1', 'cpus:2;mem:1024')]);
    c.addAgent('agent2', 'cpus:2;mem:1024');
    // mem is at its limit, cpus 2 short.
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent2', 'cpus:2')]);
  });

  it('counts unallocated reservations towards quota (ReservationUnallocated)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus(quota-role):1;mem(quota-role):1024');
    setQuota(c, 'quota-role', 'cpus:1;mem:1024');
    c.addFramework('framework1', ['quota-role']);
    const [offer] = c.take();
    expect(offer).toEqual(
      offered('framework1', 'quota-role', 'agent1', 'cpus(quota-role):1;mem(quota-role):1024'),
    );
    c.recoverOffer(offer!, { refuse_seconds: 24 * 3600 });
    c.addAgent('agent2', 'cpus:1;mem:1024');
    // The declined reservation still counts: quota-role is at its limit.
    expect(c.take()).toEqual([]);
  });

  it('counts allocated reservations towards quota (ReservationAllocated)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus(quota-role):1;mem(quota-role):1024');
    setQuota(c, 'quota-role', 'cpus:2;mem:2048');
    c.addFramework('framework1', ['quota-role']);
    expect(c.take()).toEqual([
      offered('framework1', 'quota-role', 'agent1', 'cpus(quota-role):1;mem(quota-role):1024'),
    ]);
    c.addAgent('agent2', 'cpus:1;mem:1024');
    expect(c.take()).toEqual([offered('framework1', 'quota-role', 'agent2', 'cpus:1;mem:1024')]);
    c.addAgent('agent3', 'cpus:1;mem:1024');
    expect(c.take()).toEqual([]);
  });

  it('offers a non-quota role its reservation despite headroom (NonQuotaRoleReservationWithQuotaRole)', () => {
    const c = new Cluster();
    c.addAgent('agent1', 'cpus:2;mem:2048;cpus(non-quota-role):2;mem(non-quota-role):2048');
    setQuota(c, 'quota-role', 'cpus:2;mem:2048');
    c.addFramework('framework1', ['quota-role']);
    const [offer] = c.take();
    expect(offer).toEqual(offered('framework1', 'quota-role', 'agent1', 'cpus:2;mem:2048'));
    c.recoverOffer(offer!, { refuse_seconds: 24 * 3600 });
    c.addFramework('framework2', ['non-quota-role']);
    expect(c.take()).toEqual([
      offered('framework2', 'non-quota-role', 'agent1', 'cpus(non-quota-role):2;mem(non-quota-role):2048'),
    ]);
  });

  it('needs no headroom for a role whose reservations exceed its quota (QuotaHeadroomWhenReservationsExceedQuota)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role-w-reservation', 'cpus:1;mem:1024');
    setQuota(c, 'quota-role-no-reservation', 'cpus:1;mem:1024');
    c.addAgent('agent1', 'cpus(quota-role-w-reservation):2;mem(quota-role-w-reservation):2048');
    c.addAgent('agent2', 'cpus:1;mem:1024');
    c.addFramework('framework1', ['non-quota-role']);
    // agent2 is the headroom of quota-role-no-reservation.
    expect(c.take()).toEqual([]);
    c.addAgent('agent3', 'cpus:1;mem:1024');
    expect(c.take()).toEqual([offered('framework1', 'non-quota-role', 'agent3', 'cpus:1;mem:1024')]);
  });

  it('counts an ancestor reservation allocated to a child as allocated in headroom (QuotaWithAncestorReservations)', () => {
    const c = new Cluster();
    setQuota(c, 'quota-role', 'cpus:1;mem:1024');
    c.addAgent('agent1', 'cpus(a):1;mem(a):1024');
    c.addFramework('framework1', ['a/b']);
    expect(c.take()).toEqual([offered('framework1', 'a/b', 'agent1', 'cpus(a):1;mem(a):1024')]);
    c.addFramework('framework2', ['no-quota-role']);
    expect(c.take()).toEqual([]);
    c.batch(() => {
      c.addAgent('agent2', 'cpus:1;mem:1024');
      c.addAgent('agent3', 'cpus:1;mem:1024');
    });
    // One of the two agents is quota-role's headroom; the other goes to framework2.
    expect(perFramework(c.take())).toEqual({
      framework2: { role: 'no-quota-role', agents: 1, resources: 'cpus:1;mem:1024' },
    });
  });

  it("counts a child role's reservation towards its parent's quota (QuotaWithNestedRoleReservation)", () => {
    const c = new Cluster();
    setQuota(c, 'a', 'cpus:2;mem:200');
    c.addAgent('agent1', 'cpus(a/b):1;mem(a/b):100');
    c.addAgent('agent2', 'cpus:10;mem:1000');
    c.addFramework('framework1', ['a']);
    // a already consumes cpus 1, mem 100 through a/b's reservation.
    expect(c.take()).toEqual([offered('framework1', 'a', 'agent2', 'cpus:1;mem:100')]);
  });

  it("counts a child role's allocation towards its parent's quota (QuotaWithNestedRoleAllocation)", () => {
    const c = new Cluster();
    c.addFramework('framework1', ['a/b']);
    c.addAgent('agent1', 'cpus:1;mem:1024');
    expect(c.take()).toEqual([offered('framework1', 'a/b', 'agent1', 'cpus:1;mem:1024')]);
    setQuota(c, 'a', 'cpus:1;mem:1024');
    c.addFramework('framework2', ['a']);
    c.addAgent('agent2', 'cpus:1;mem:1024');
    // a is at its limit through a/b; a/b itself is not bound by a's quota (yet, in Mesos).
    expect(c.take()).toEqual([offered('framework1', 'a/b', 'agent2', 'cpus:1;mem:1024')]);
  });
});

describe('HierarchicalAllocator: --role_sorter and --framework_sorter (MESOS.md §1.1)', () => {
  /** Adds framework1 holding a big agent, framework2 holding nothing, then 40 small free agents. */
  function hoarderAndNewcomer(c: Cluster): Record<string, number> {
    c.addFramework('framework1', ['role1']);
    c.addAgent('big', 'cpus:100;mem:100000');
    c.take();
    c.addFramework('framework2', ['role1']);
    c.batch(() => {
      for (let i = 0; i < 40; i++) c.addAgent(`agent${i}`, 'cpus:1;mem:1024');
    });
    const agents: Record<string, number> = {};
    for (const o of c.take()) agents[o.framework] = (agents[o.framework] ?? 0) + 1;
    return agents;
  }

  it('with the DRF framework sorter, every small agent goes to the framework with the lower share', () => {
    // shares: framework1 ≈ 0.71 (cpus 100 of 140), framework2 = 0 and stays lowest to the end (40 of 140).
    expect(hoarderAndNewcomer(new Cluster())).toEqual({ framework2: 40 });
  });

  it('with the random framework sorter, shares do not matter: both frameworks get small agents', () => {
    const agents = hoarderAndNewcomer(new Cluster({ frameworkSorter: 'random' }));
    expect(agents.framework1! + agents.framework2!).toBe(40);
    expect(agents.framework1).toBeGreaterThan(8);
    expect(agents.framework2).toBeGreaterThan(8);
  });

  it('with the random role sorter, a role with weight 3 is served first about 3 times as often', () => {
    const c = new Cluster({ roleSorter: 'random' });
    c.allocator.updateWeight('heavy', 3);
    c.addFramework('framework1', ['heavy']);
    c.addFramework('framework2', ['light']);
    c.batch(() => {
      for (let i = 0; i < 400; i++) c.addAgent(`agent${i}`, 'cpus:1;mem:1024');
    });
    const heavy = c.take().filter((o) => o.role === 'heavy').length;
    expect(heavy / 400).toBeGreaterThan(0.68);
    expect(heavy / 400).toBeLessThan(0.82);
  });

  it('draws the same offers for the same seed', () => {
    const run = (seed: number): Offered[] => {
      const c = new Cluster({ seed, roleSorter: 'random', frameworkSorter: 'random' });
      for (const f of ['f1', 'f2', 'f3']) c.addFramework(f, [f === 'f3' ? 'other' : 'shared']);
      c.batch(() => {
        for (let i = 0; i < 30; i++) c.addAgent(`agent${i}`, 'cpus:1;mem:1024');
      });
      return c.take();
    };
    expect(run(21)).toEqual(run(21));
    expect(run(21)).not.toEqual(run(22));
  });
});

describe('HierarchicalAllocator: agents nobody can take are passed over, with the same offers (fast-check)', () => {
  type Op =
    | { kind: 'tick'; seconds: number }
    | { kind: 'decline'; pick: number; refuse: number }
    | { kind: 'decline-all'; refuse: number }
    | { kind: 'launch'; pick: number; refuse: number }
    | { kind: 'finish'; pick: number }
    | { kind: 'suppress' | 'revive' | 'deactivate' | 'activate'; framework: number }
    | { kind: 'add-agent'; size: number }
    | { kind: 'quota'; on: boolean }
    | { kind: 'weight'; weight: number };

  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('tick' as const), seconds: fc.integer({ min: 1, max: 4 }) }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('decline' as const),
        pick: fc.nat(),
        refuse: fc.constantFrom(0, 1, 2, 3, 5, 1000),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('decline-all' as const),
        refuse: fc.constantFrom(1, 2, 3, 7),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('launch' as const),
        pick: fc.nat(),
        refuse: fc.constantFrom(0, 1, 5, 1000),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom(
          'suppress' as const,
          'revive' as const,
          'deactivate' as const,
          'activate' as const,
        ),
        framework: fc.integer({ min: 0, max: 3 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('add-agent' as const), size: fc.integer({ min: 1, max: 8 }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('quota' as const), on: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('weight' as const), weight: fc.integer({ min: 1, max: 4 }) }),
    },
  );

  /** Runs the operations on one allocator and returns every offer it made, in order, as text. */
  function run(frameworks: number, ops: Op[], visitEveryAgent: boolean): string[] {
    const allocator = new HierarchicalAllocator({
      interval: SECOND,
      minAllocatable: parseMinAllocatable(DEFAULT_MIN_ALLOCATABLE),
      excludedResourceNames: [],
      rng: new Rng(3, 'allocator'),
      visitEveryAgent,
    });
    const log: string[] = [];
    const held: OfferDecision[] = [];
    const tasks: OfferDecision[] = [];
    let now = 0;
    let agents = 0;
    const allocate = (periodic: boolean) => {
      for (const o of allocator.allocate(allocator.agentIds(), now, periodic)) {
        log.push(`${now} ${o.framework} ${o.role} ${o.agent} ${o.resources}`);
        held.push(o);
      }
    };
    const addAgent = (size: number) => {
      allocator.addAgent(
        `agent${agents++}`,
        Resources.parse(`cpus:${size};mem:${size * 1024};ports:[31000-31009]`),
      );
      allocate(false);
    };
    for (let i = 0; i < 6; i++) addAgent(2 + (i % 3) * 2);
    for (let f = 0; f < frameworks; f++) allocator.addFramework(`framework${f}`, [f % 2 ? 'batch' : 'web']);
    allocate(false);
    for (const o of ops) {
      if (o.kind === 'tick') {
        for (let s = 0; s < o.seconds; s++) {
          now += SECOND;
          allocate(true);
        }
      } else if (o.kind === 'decline' && held.length > 0) {
        const [d] = held.splice(o.pick % held.length, 1);
        allocator.recoverResources(
          d!.framework,
          d!.agent,
          d!.role,
          d!.resources,
          { refuse_seconds: o.refuse },
          now,
        );
      } else if (o.kind === 'decline-all') {
        // Every outstanding offer declined at once, as Mesos's DeclineOffers benchmark does.
        for (const d of held.splice(0))
          allocator.recoverResources(
            d.framework,
            d.agent,
            d.role,
            d.resources,
            { refuse_seconds: o.refuse },
            now,
          );
      } else if (o.kind === 'launch' && held.length > 0) {
        // A task takes one cpu and 512 MB; the rest of the offer comes back with the ACCEPT's filter.
        const [d] = held.splice(o.pick % held.length, 1);
        const task = Resources.parse('cpus:1;mem:512');
        if (d!.resources.contains(task)) {
          tasks.push({ ...d!, resources: task });
          allocator.recoverResources(
            d!.framework,
            d!.agent,
            d!.role,
            d!.resources.minus(task),
            { refuse_seconds: o.refuse },
            now,
          );
        } else {
          allocator.recoverResources(d!.framework, d!.agent, d!.role, d!.resources, null, now);
        }
      } else if (o.kind === 'finish' && tasks.length > 0) {
        const [t] = tasks.splice(o.pick % tasks.length, 1);
        allocator.recoverResources(t!.framework, t!.agent, t!.role, t!.resources, null, now);
      } else if (o.kind === 'suppress') allocator.suppress(`framework${o.framework}`, []);
      else if (o.kind === 'revive') {
        allocator.revive(`framework${o.framework}`, []);
        allocate(false);
      } else if (o.kind === 'deactivate') allocator.deactivateFramework(`framework${o.framework}`);
      else if (o.kind === 'activate') {
        allocator.activateFramework(`framework${o.framework}`);
        allocate(false);
      } else if (o.kind === 'add-agent') addAgent(o.size);
      else if (o.kind === 'quota') {
        if (o.on) allocator.updateQuota('batch', { cpus: 4, mem: 4096 }, { cpus: 8, mem: 8192 });
        else allocator.updateQuota('batch', {}, null);
      } else if (o.kind === 'weight') allocator.updateWeight('web', o.weight);
    }
    return log;
  }

  it('makes exactly the offers a visit of every agent makes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 80 }), (frameworks, ops) => {
        expect(run(frameworks, ops, false)).toEqual(run(frameworks, ops, true));
      }),
      { seed: 61, numRuns: 150 },
    );
  });

  it('visits an idle agent again as soon as more of it is free (a task ended under a filter)', () => {
    // framework1 declines the rest of agent1 for 10 s after launching one task; agent1 is then idle. When
    // the task ends, agent1 has more free than was declined, so the filter no longer holds (MESOS.md §1.7).
    for (const visitEveryAgent of [false, true]) {
      const allocator = new HierarchicalAllocator({
        interval: SECOND,
        minAllocatable: parseMinAllocatable(DEFAULT_MIN_ALLOCATABLE),
        excludedResourceNames: [],
        rng: new Rng(3, 'allocator'),
        visitEveryAgent,
      });
      allocator.addAgent('agent1', Resources.parse('cpus:4;mem:4096'));
      allocator.addFramework('framework1', ['*']);
      const [offer] = allocator.allocate(['agent1'], 0, false);
      const task = Resources.parse('cpus:1;mem:1024');
      allocator.recoverResources(
        'framework1',
        'agent1',
        '*',
        offer!.resources.minus(task),
        { refuse_seconds: 10 },
        0,
      );
      expect(allocator.allocate(['agent1'], SECOND, true)).toEqual([]);
      allocator.recoverResources('framework1', 'agent1', '*', task, null, SECOND + 1);
      const again = allocator.allocate(['agent1'], 2 * SECOND, true);
      expect(again.map((o) => o.resources.toString())).toEqual(['cpus:4;mem:4096']);
    }
  });
});
