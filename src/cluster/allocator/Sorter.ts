/**
 * The order in which the allocator serves its clients, apart from who gets which agent (Mesos's abstract
 * `Sorter`, `src/master/allocator/mesos/sorter/sorter.hpp`). The allocator keeps one sorter over role paths
 * and one per role over its frameworks; which implementation each is comes from the scenario, as Mesos's
 * `--role_sorter` and `--framework_sorter` flags choose:
 *
 * - `drf` (`DrfSorter`, the default): Dominant Resource Fairness, lowest weighted share first;
 * - `random` (`RandomSorter`): a weighted random order, drawn anew at every `sort()`.
 *
 * Clients are paths ("eng/web"); "/" separates tree levels, and a client that also has children is served
 * as its virtual leaf. Quantities are scalar amounts by resource name, reservations folded in.
 */
import type { Quantities } from '../resources';

/** The sorters Mesos offers for `--role_sorter` and `--framework_sorter`. */
export const SORTER_KINDS = ['drf', 'random'] as const;
export type SorterKind = (typeof SORTER_KINDS)[number];

export interface Sorter {
  /** Adds a client, active. It is a no-op if the client is already in the sorter. */
  add(client: string): void;
  /** Removes a client and its allocations. It is a no-op if the client is absent. */
  remove(client: string): void;
  contains(client: string): boolean;
  /** Makes a client eligible for `sort()` again. It is a no-op if it is absent or already active. */
  activate(client: string): void;
  /**
   * Leaves a client out of `sort()` (a suppressed or deactivated framework), its allocation still counted.
   * It is a no-op if the client is absent or already inactive.
   */
  deactivate(client: string): void;
  isActive(client: string): boolean;
  /** Sets the weight of a path; weights may be set before the path exists and outlive its nodes. */
  updateWeight(path: string, weight: number): void;

  /** Adds to the total that shares are taken of (all agents' scalars, MESOS.md §1.1). */
  addTotal(q: Quantities): void;
  /** Removes from the total; throws if that would take a name below zero (a CHECK in Mesos). */
  removeTotal(q: Quantities): void;
  total(): Quantities;

  /** Records quantities offered or allocated to a client on an agent. Throws if the client is absent. */
  allocated(client: string, agentId: string, q: Quantities): void;
  /** Gives back what `allocated` recorded. Throws, changing nothing, if the client holds less. */
  unallocated(client: string, agentId: string, q: Quantities): void;
  /** The client's allocated quantities over all agents ({} if none or absent). */
  allocation(client: string): Quantities;
  /** The client's allocated quantities on one agent ({} if none). */
  allocationOnAgent(client: string, agentId: string): Quantities;
  /** The weighted dominant share of the node at this path (what the UI shows; 0 if none). */
  share(path: string): number;
  /** The number of `allocated()` calls made on the node at this path (0 if none). */
  count(path: string): number;

  /** The active clients in the order they are to be served. */
  sort(): string[];
  /**
   * Calls fn for each client of the order `sort()` would give now, stopping when fn returns false. fn may
   * change the sorter; the walk still visits the clients of the order as it was when the walk began, as
   * Mesos's allocator iterates a copy of `sort()`.
   */
  forEachInOrder(fn: (client: string) => boolean | void): void;
  /**
   * The order as it stands, for display (the allocator's "why this offer"): for DRF the same as `sort()`;
   * for a random sorter the order it drew last, so that showing it draws nothing.
   */
  currentOrder(): string[];
  /** The number of clients, active or not. */
  size(): number;
}
