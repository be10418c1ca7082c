/**
 * Mesos's random sorter (`RandomSorter`, `src/master/allocator/mesos/sorter/random/sorter.cpp`), chosen
 * with `--role_sorter=random` or `--framework_sorter=random`: every `sort()` draws a new weighted random
 * order of the active clients, ignoring what they hold. A lesson can set it against DRF to show what
 * fairness buys.
 *
 * The tree of clients, their allocations, totals and counts are the same as the DRF sorter's (Mesos's two
 * sorters share that structure), so this sorter keeps them in a `DrfSorter` and replaces only the order.
 * As in Mesos, a client's chance to come first is its relative weight: its weight over the sum of its
 * active siblings' weights, times its parent's relative weight (`SortInfo::updateRelativeWeights`).
 *
 * The order is a weighted random permutation drawn from the seeded generator, never `Math.random`. Mesos
 * (`weightedShuffle`, `sorter/random/utils.hpp`) picks the first client with probability proportional to
 * its weight, then the next among the rest, and so on; the keys of Efraimidis and Spirakis (each client
 * draws u in (0, 1] and sorts by -ln(u) / weight, smallest first) give that same distribution in
 * O(n log n) instead of O(n²), which matters with a thousand frameworks in a role.
 */
import type { Quantities } from '../resources';
import type { Rng } from '../rng';
import { DrfSorter, type DrfSorterOptions } from './DrfSorter';
import type { Sorter } from './Sorter';

export class RandomSorter implements Sorter {
  /** The client tree and its bookkeeping; its DRF order is not used. */
  private readonly tree: DrfSorter;
  /** The active clients and their relative weights, rebuilt only after a change of the tree. */
  private weighted: { client: string; weight: number }[] | null = null;
  /** The order drawn last, for display. */
  private last: string[] | null = null;

  constructor(
    private readonly rng: Rng,
    options?: DrfSorterOptions,
  ) {
    this.tree = new DrfSorter(options);
  }

  add(client: string): void {
    if (this.tree.contains(client)) return;
    this.tree.add(client);
    this.weighted = null;
  }

  remove(client: string): void {
    if (!this.tree.contains(client)) return;
    this.tree.remove(client);
    this.weighted = null;
  }

  contains(client: string): boolean {
    return this.tree.contains(client);
  }

  activate(client: string): void {
    this.tree.activate(client);
    this.weighted = null;
  }

  deactivate(client: string): void {
    this.tree.deactivate(client);
    this.weighted = null;
  }

  isActive(client: string): boolean {
    return this.tree.isActive(client);
  }

  updateWeight(path: string, weight: number): void {
    this.tree.updateWeight(path, weight);
    this.weighted = null;
  }

  addTotal(q: Quantities): void {
    this.tree.addTotal(q);
  }

  removeTotal(q: Quantities): void {
    this.tree.removeTotal(q);
  }

  total(): Quantities {
    return this.tree.total();
  }

  allocated(client: string, agentId: string, q: Quantities): void {
    this.tree.allocated(client, agentId, q);
  }

  unallocated(client: string, agentId: string, q: Quantities): void {
    this.tree.unallocated(client, agentId, q);
  }

  allocation(client: string): Quantities {
    return this.tree.allocation(client);
  }

  allocationOnAgent(client: string, agentId: string): Quantities {
    return this.tree.allocationOnAgent(client, agentId);
  }

  /** The dominant share, for display: the random sorter itself never looks at it. */
  share(path: string): number {
    return this.tree.share(path);
  }

  count(path: string): number {
    return this.tree.count(path);
  }

  /** A new weighted random order of the active clients at every call, as `RandomSorter::sort` draws. */
  sort(): string[] {
    this.weighted ??= this.tree.relativeWeights();
    const keyed = this.weighted.map(({ client, weight }) => ({
      client,
      // 1 - next() lies in (0, 1], so the logarithm is finite.
      key: -Math.log(1 - this.rng.next()) / weight,
    }));
    // Ties (a probability-zero event) fall back to the client name, so the order is always total.
    keyed.sort((a, b) => a.key - b.key || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
    this.last = keyed.map((k) => k.client);
    return this.last.slice();
  }

  currentOrder(): string[] {
    return (this.last ?? this.sort()).slice();
  }

  /** Walks one drawn order; changes made by fn do not reorder it, as Mesos iterates its copy. */
  forEachInOrder(fn: (client: string) => boolean | void): void {
    for (const client of this.sort()) if (fn(client) === false) return;
  }

  size(): number {
    return this.tree.size();
  }
}
