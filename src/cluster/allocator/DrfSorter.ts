/**
 * Mesos's hierarchical Dominant Resource Fairness sorter, as Mesos 1.8 and later implement it
 * (`DRFSorter`, `src/master/allocator/mesos/sorter/drf/sorter.{hpp,cpp}`; MESOS.md §1.1–1.3, §1.9).
 *
 * The allocator keeps one of these for roles (a tree of role paths such as "eng/web", with weights) and one
 * per role for its frameworks (flat, unweighted). The sorter only answers "in what order should clients be
 * served"; it never decides who gets which agent (mechanism apart from policy, as in Mesos).
 *
 * Shares are computed exactly as `DRFSorter::calculateShare` does, in IEEE doubles and in the same order,
 * and siblings are ordered exactly as `Node::compareDRF` orders them: by share, then allocation count, then
 * path. The order is kept incrementally (`IncrementalOrder.ts`, the mechanism apart from this policy), as
 * Mesos does since it stopped re-sorting the whole tree on every allocation: `allocated()` moves only the
 * changed node and its ancestors within their parents. Changes of the total mark the whole tree for a lazy
 * re-sort at the next `sort()` or `forEachInOrder()`.
 *
 * Quantities are by resource name only. Unreserved, reserved (`cpus(role1)`) and revocable cpus all count
 * as `cpus` in Mesos (test `DRFSorterTest.RevocableResources`), so the caller must sum them by name before
 * passing them in; non-scalar resources (ports) take no part in shares and are simply not passed.
 */

import {
  MILLI,
  ResourceNames,
  addAll,
  addAt,
  isZero,
  subtractAll,
  toMilli,
  type MilliVector,
} from '../fixedPoint';
import type { Quantities } from '../resources';
import { IncrementalOrder, type OrderNode } from './IncrementalOrder';
import type { Sorter } from './Sorter';

export type { Quantities };

export interface DrfSorterOptions {
  /**
   * Resource names left out of every share, like Mesos's `--fair_sharing_excluded_resource_names`
   * (for example `gpus`, so that a GPU framework is not ranked by its scarce GPUs).
   */
  readonly excludedResourceNames?: readonly string[];
}

/**
 * Quantities as integer thousandths (`fixedPoint.ts`), indexed by the sorter's interned resource numbers.
 * Keeping thousandths as integers gives Mesos's fixed-point sums exactly, independent of the order of
 * operations, and lets an allocation return to exactly zero when it is given back.
 */
type Amounts = MilliVector;

/** The name a virtual leaf has under its parent (Mesos uses the same label). */
const VIRTUAL = '.';

/** A node of the client tree: the root, an internal node, or a leaf (a client). */
class Node implements OrderNode<Node> {
  /** The label of the edge from the parent: one path component, or "." for a virtual leaf. */
  readonly name: string;
  /** The full path from the root, "" for the root; a virtual leaf's path ends in "/.". */
  readonly path: string;
  parent: Node | null;
  internal: boolean;
  /** Only meaningful for leaves: inactive leaves are left out of the order. */
  active = true;
  /** For a leaf, the client name it stands for (a virtual leaf "a/." stands for "a"); "" otherwise. */
  client: string;
  readonly children = new Map<string, Node>();
  /**
   * The sortable children (internal nodes and active leaves), kept in DRF order unless this node is
   * dirty or the whole tree is. Inactive leaves are kept in `children` only.
   */
  readonly order: Node[] = [];
  /** Quantities allocated to this leaf, or to the whole subtree for an internal node. */
  alloc: Amounts = [];
  /** For a leaf, its allocation on each agent (what `allocation(client, agent)` returns in Mesos). */
  perAgent: Map<string, Amounts> | null;
  /** Number of `allocated()` calls ever made on this node or below it; never decremented. */
  count = 0;
  /** The dominant share before division by the weight, valid while `rawEpoch` is the sorter's epoch. */
  raw = 0;
  rawEpoch: number;
  weight: number;
  /** The cached sort key: `raw / weight`. */
  share = 0;
  /** Whether `order` must be re-sorted before the next walk. */
  dirty = false;
  /** Set once the node has left the tree, so that a pending re-sort of it is skipped. */
  detached = false;

  constructor(
    name: string,
    parent: Node | null,
    internal: boolean,
    client: string,
    weight: number,
    epoch: number,
  ) {
    this.name = name;
    this.parent = parent;
    this.path = parent === null ? '' : parent.parent === null ? name : `${parent.path}/${name}`;
    this.internal = internal;
    this.client = client;
    this.perAgent = internal ? null : new Map();
    this.weight = weight;
    this.rawEpoch = epoch;
  }
}

/**
 * Orders siblings as `Node::compareDRF` does: share ascending, then allocation count ascending, then path
 * bytewise. Sibling paths are unique, so this is a total order and any correct sort gives one result.
 */
function compareNodes(a: Node, b: Node): number {
  if (a.share !== b.share) return a.share < b.share ? -1 : 1;
  if (a.count !== b.count) return a.count < b.count ? -1 : 1;
  return compareBytewise(a.path, b.path);
}

/**
 * Compares strings by their UTF-8 bytes, as `std::string::operator<` does in Mesos. UTF-8 byte order is code
 * point order; UTF-16 code unit order differs from it only between surrogates and units from U+E000 up, so
 * those are shifted before comparing. For ASCII this is plain `<`.
 */
function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

export class DrfSorter implements Sorter {
  private readonly excluded: ReadonlySet<string>;
  private readonly root: Node;
  /** Client name to its leaf; for a client "a" with children, the virtual leaf "a/.". */
  private readonly clients = new Map<string, Node>();
  /** Every node but the root, by path (virtual leaves as "a/."). */
  private readonly nodes = new Map<string, Node>();
  /** Configured weights by path; they outlive the nodes, as in Mesos. */
  private readonly weights = new Map<string, number>();
  /** Every resource name seen, numbered in order of first appearance: the index into `Amounts`. */
  private readonly names = new ResourceNames();
  private readonly totalAmounts: Amounts = [];
  /** By resource index: the total as Mesos's double if it takes part in shares (positive, not excluded). */
  private shareTotals: number[] = [];
  /** The resource indices that take part in shares. */
  private shareIndices: number[] = [];
  /** Bumped whenever the total changes, which invalidates every cached share at once. */
  private epoch = 0;
  /**
   * The resource indices and amounts (thousandths) of the quantities being applied, filled by
   * `readQuantities`. Reused from call to call because `allocated()` runs once per agent per cycle.
   */
  private readonly readIndices: number[] = [];
  private readonly readAmounts: number[] = [];
  /** Keeps every node's children in DRF order as shares change. */
  private readonly order: IncrementalOrder<Node>;

  constructor(options?: DrfSorterOptions) {
    this.excluded = new Set(options?.excludedResourceNames ?? []);
    this.root = new Node('', null, true, '', 1, 0);
    this.order = new IncrementalOrder<Node>(this.root, compareNodes, (node) => this.refreshShare(node));
  }

  /**
   * Adds a client: a role path like "eng/web" or a framework id; "/" separates tree levels. It is a no-op if
   * the client is already in the sorter. New clients are active.
   *
   * Follows `DRFSorter::add`: walk down the existing nodes; if the path ends at an existing internal node,
   * the client becomes its virtual leaf "."; if the walk reaches an existing leaf, that leaf turns into an
   * internal node whose own allocation moves to a new virtual leaf (same allocation, same count, weight 1);
   * the rest of the path is created.
   */
  add(client: string): void {
    if (this.clients.has(client)) return;
    const tokens = client.split('/');
    for (const token of tokens) {
      if (token === '' || token === VIRTUAL) {
        throw new Error(`DrfSorter.add: invalid client path "${client}"`);
      }
    }
    this.order.freezeWalks();

    let current = this.root;
    let k = 0;
    for (;;) {
      if (k === tokens.length) {
        // The path names an existing internal node: the client becomes its virtual leaf.
        const leaf = this.createChild(current, VIRTUAL, false, client);
        this.clients.set(client, leaf);
        return;
      }
      if (current !== this.root && !current.internal) {
        this.turnLeafIntoInternal(current);
        break;
      }
      const child = current.children.get(tokens[k] as string);
      if (child === undefined) break;
      current = child;
      k++;
    }
    for (; k < tokens.length; k++) {
      const last = k === tokens.length - 1;
      current = this.createChild(current, tokens[k] as string, !last, last ? client : '');
    }
    this.clients.set(client, current);
  }

  /**
   * Removes a client and its allocations; a no-op if it is absent. As `DRFSorter::remove` does, internal
   * nodes left without children are deleted, and an internal node left with only its virtual leaf turns
   * back into a leaf (keeping its own allocation count, and the virtual leaf's active state). The counts
   * of the remaining ancestors are not decremented.
   */
  remove(client: string): void {
    const leaf = this.clients.get(client);
    if (leaf === undefined) return;
    this.order.freezeWalks();
    this.clients.delete(client);

    const removed = leaf.alloc;
    let current = leaf;
    while (current !== this.root) {
      const parent = current.parent as Node;
      if (current.children.size === 0) {
        this.detach(current);
      } else if (current.children.size === 1 && current.children.has(VIRTUAL)) {
        this.turnInternalIntoLeaf(current);
      }
      if (parent !== this.root) {
        subtractAll(parent.alloc, removed);
        this.recomputeShare(parent);
        this.order.markDirty(parent.parent as Node);
      }
      current = parent;
    }
  }

  contains(client: string): boolean {
    return this.clients.has(client);
  }

  /** Makes a client eligible for `sort()` again; a no-op if it is absent or already active. */
  activate(client: string): void {
    const leaf = this.clients.get(client);
    if (leaf === undefined || leaf.active) return;
    leaf.active = true;
    this.order.activated(leaf);
  }

  /**
   * Leaves a client out of `sort()` (a suppressed or deactivated framework); a no-op if it is absent or
   * already inactive. Its allocation still counts towards its ancestors' shares.
   */
  deactivate(client: string): void {
    const leaf = this.clients.get(client);
    if (leaf === undefined || !leaf.active) return;
    this.order.deactivating(leaf);
    leaf.active = false;
  }

  isActive(client: string): boolean {
    return this.clients.get(client)?.active ?? false;
  }

  /**
   * Sets the weight of a path: the share of the node at that path is divided by it when it competes with
   * its siblings. A weight on "a" applies to the whole "a" subtree against a's siblings, not to a's
   * children; the virtual leaf "a/." of a client "a" that has children always has weight 1, as in Mesos
   * (test `AddChildToLeaf`). Weights may be set before the path exists and outlive its nodes.
   */
  updateWeight(path: string, weight: number): void {
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`DrfSorter.updateWeight: weight of "${path}" must be positive, got ${weight}`);
    }
    this.weights.set(path, weight);
    const node = this.nodes.get(path);
    if (node === undefined || node.name === VIRTUAL || node.weight === weight) return;
    const from = this.order.beginRekey(node);
    node.weight = weight;
    node.share = node.raw / weight;
    this.order.endRekey(node, from);
  }

  /**
   * Adds to the sorter total, the denominator of every share. For both kinds of sorter Mesos uses the
   * total scalar quantities of all agents in the cluster (MESOS.md §1.1), so call this when an agent is
   * added or grows.
   */
  addTotal(q: Quantities): void {
    const n = this.readQuantities(q);
    if (n === 0) return;
    this.order.freezeWalks();
    for (let i = 0; i < n; i++)
      addAt(this.totalAmounts, this.readIndices[i] as number, this.readAmounts[i] as number);
    this.totalChanged();
  }

  /** Removes from the sorter total; throws if that would take a name below zero (a CHECK in Mesos). */
  removeTotal(q: Quantities): void {
    const n = this.readQuantities(q);
    this.checkHolds(this.totalAmounts, n, 'the total has');
    if (n === 0) return;
    this.order.freezeWalks();
    this.subtractRead(this.totalAmounts, n);
    this.totalChanged();
  }

  total(): Quantities {
    return this.toQuantities(this.totalAmounts);
  }

  /**
   * Records quantities offered or allocated to a client on an agent. As `DRFSorter::allocated` does, this
   * adds q to the client's and every ancestor's allocation and increments their allocation counts by one,
   * even when q is empty or the client is inactive, and moves each of them to its new place among its
   * siblings at once, so that the next agent of the same allocation cycle sees the new order.
   * Costs O(names in q) per tree level plus the move. Throws if the client is absent (a CHECK in Mesos).
   */
  allocated(client: string, agentId: string, q: Quantities): void {
    const leaf = this.clients.get(client);
    if (leaf === undefined) throw new Error(`DrfSorter.allocated: unknown client "${client}"`);
    const n = this.readQuantities(q);
    const { readIndices, readAmounts, shareTotals } = this;
    if (n > 0) {
      const perAgent = leaf.perAgent as Map<string, Amounts>;
      let onAgent = perAgent.get(agentId);
      if (onAgent === undefined) {
        onAgent = [];
        perAgent.set(agentId, onAgent);
      }
      for (let i = 0; i < n; i++) addAt(onAgent, readIndices[i] as number, readAmounts[i] as number);
    }
    for (let node = leaf; node !== this.root; node = node.parent as Node) {
      const from = this.order.beginRekey(node);
      // While the cached share is current, only the resources added here can raise it, and max is exact,
      // so updating it from them alone equals a full `calculateShare`, at O(names in q).
      const current = node.rawEpoch === this.epoch;
      let raw = node.raw;
      for (let i = 0; i < n; i++) {
        const r = readIndices[i] as number;
        const sum = addAt(node.alloc, r, readAmounts[i] as number);
        const total = shareTotals[r];
        if (current && total !== undefined && total > 0) raw = Math.max(raw, sum / MILLI / total);
      }
      node.count += 1;
      if (current) {
        node.raw = raw;
        node.share = raw / node.weight;
      } else {
        this.recomputeShare(node);
      }
      this.order.endRekey(node, from);
    }
  }

  /**
   * Removes previously allocated quantities from a client on an agent, and from its ancestors. Allocation
   * counts are not decremented (test `AllocationCountTieBreak`). Throws, changing nothing, if the client is
   * absent or holds less than q on that agent (CHECKs in Mesos).
   */
  unallocated(client: string, agentId: string, q: Quantities): void {
    const leaf = this.clients.get(client);
    if (leaf === undefined) throw new Error(`DrfSorter.unallocated: unknown client "${client}"`);
    const n = this.readQuantities(q);
    if (n === 0) return;
    const perAgent = leaf.perAgent as Map<string, Amounts>;
    const onAgent = perAgent.get(agentId) ?? [];
    this.checkHolds(onAgent, n, `"${client}" holds on agent "${agentId}"`);
    this.subtractRead(onAgent, n);
    if (isZero(onAgent)) perAgent.delete(agentId);
    for (let node = leaf; node !== this.root; node = node.parent as Node) {
      const from = this.order.beginRekey(node);
      this.subtractRead(node.alloc, n);
      this.recomputeShare(node);
      this.order.endRekey(node, from);
    }
  }

  /**
   * The client's allocated quantities, summed over agents; {} if none or absent. For a client "a" that
   * also has children this is a's own allocation (its virtual leaf's), as `DRFSorter::allocation` gives.
   * For a path that is only an internal node, it is the whole subtree's.
   */
  allocation(client: string): Quantities {
    const node = this.clients.get(client) ?? this.nodes.get(client);
    return node === undefined ? {} : this.toQuantities(node.alloc);
  }

  /** The client's allocated quantities on one agent ({} if none); for an internal path, the subtree's. */
  allocationOnAgent(client: string, agentId: string): Quantities {
    const node = this.clients.get(client) ?? this.nodes.get(client);
    if (node === undefined) return {};
    const sum: Amounts = [];
    const visit = (n: Node): void => {
      if (!n.internal) {
        const onAgent = n.perAgent?.get(agentId);
        if (onAgent !== undefined) addAll(sum, onAgent);
        return;
      }
      for (const child of n.children.values()) visit(child);
    };
    visit(node);
    return this.toQuantities(sum);
  }

  /**
   * The weighted dominant share of the node at this path (MESOS.md §1.2), computed afresh; 0 if there is
   * no such node. For a client "a" that also has children, "a" is the internal node (the whole subtree,
   * divided by a's weight) and "a/." is its virtual leaf (a's own allocation, weight 1).
   */
  share(path: string): number {
    const node = this.nodes.get(path);
    return node === undefined ? 0 : this.computeRaw(node) / node.weight;
  }

  /** The allocation count of the node at this path (see `share` for "a" versus "a/."); 0 if none. */
  count(path: string): number {
    return this.nodes.get(path)?.count ?? 0;
  }

  /**
   * The active clients in DRF order: a pre-order walk of the tree in which each node's internal children
   * and active leaves are ordered by (share, count, path), as `DRFSorter::sort` returns them. Internal nodes
   * take part even when no active leaf is left below them; they then contribute nothing.
   */
  sort(): string[] {
    return this.order.sorted();
  }

  /** The same as `sort()`: the DRF order depends only on the state. */
  currentOrder(): string[] {
    return this.sort();
  }

  /**
   * Calls fn for each active client in the order `sort()` gives, and stops as soon as fn returns false.
   * It costs O(clients visited) in a flat sorter, so the allocator can stop at the first framework that
   * can take an agent without listing them all.
   *
   * fn may change the sorter (typically `allocated()` on the client it was handed, as Mesos's allocator
   * does inside its loops). The walk then still visits exactly the clients `sort()` returned when
   * forEachInOrder was called, in that order, as iterating over Mesos's copy of `sort()` would; clients
   * removed meanwhile are still visited. A change followed by `return false` costs nothing extra; going
   * on after a change costs O(clients left) once.
   */
  forEachInOrder(fn: (client: string) => boolean | void): void {
    this.order.forEachInOrder(fn);
  }

  /**
   * Every active client with its relative weight, as Mesos's RandomSorter weighs them
   * (`RandomSorter::SortInfo::updateRelativeWeights`): a node's relative weight is its parent's times its
   * own weight over the sum of the weights of its active siblings and itself, where an internal node is
   * active while some leaf below it is. Clients come in the tree's insertion order, so the list is
   * deterministic; the weights of all clients add up to 1.
   */
  relativeWeights(): { client: string; weight: number }[] {
    const out: { client: string; weight: number }[] = [];
    const activeBelow = new Map<Node, boolean>();
    const isActive = (node: Node): boolean => {
      if (!node.internal) return node.active;
      let known = activeBelow.get(node);
      if (known === undefined) {
        known = false;
        for (const child of node.children.values()) if (isActive(child)) known = true;
        activeBelow.set(node, known);
      }
      return known;
    };
    const visit = (node: Node, weight: number): void => {
      let sum = 0;
      for (const child of node.children.values()) if (isActive(child)) sum += child.weight;
      for (const child of node.children.values()) {
        if (!isActive(child)) continue;
        const w = (weight * child.weight) / sum;
        if (child.internal) visit(child, w);
        else out.push({ client: child.client, weight: w });
      }
    };
    visit(this.root, 1);
    return out;
  }

  /** The number of clients, active or not. */
  size(): number {
    return this.clients.size;
  }

  // ---- Tree structure ----

  private createChild(parent: Node, name: string, internal: boolean, client: string): Node {
    const path = parent === this.root ? name : `${parent.path}/${name}`;
    const weight = name === VIRTUAL ? 1 : (this.weights.get(path) ?? 1);
    const node = new Node(name, parent, internal, client, weight, this.epoch);
    parent.children.set(name, node);
    this.nodes.set(node.path, node);
    this.order.insert(parent, node);
    return node;
  }

  /**
   * A client "a" gains a child: "a" becomes an internal node and its own allocation moves to a new virtual
   * leaf "a/.", which copies a's allocation, allocation count and active state, as Mesos copies the whole
   * `Allocation` (count included) in `DRFSorter::add`. The internal node keeps a's weight and count.
   */
  private turnLeafIntoInternal(node: Node): void {
    const parent = node.parent as Node;
    const wasActive = node.active;
    const virt = new Node(VIRTUAL, node, false, node.client, 1, node.rawEpoch);
    virt.active = wasActive;
    virt.alloc = node.alloc.slice();
    virt.perAgent = node.perAgent;
    virt.count = node.count;
    virt.raw = node.raw;
    virt.share = node.raw;

    node.internal = true;
    node.active = true;
    node.client = '';
    node.perAgent = null;
    // An inactive leaf was outside its parent's order; as an internal node it now takes part in the sort.
    if (!wasActive) this.order.insert(parent, node);

    node.children.set(VIRTUAL, virt);
    this.nodes.set(virt.path, virt);
    this.clients.set(virt.client, virt);
    this.order.insert(node, virt);
  }

  /**
   * The inverse of `turnLeafIntoInternal`, when only the virtual leaf is left: the node becomes the
   * client's leaf again, with the virtual leaf's active state and its own (internal) allocation count.
   */
  private turnInternalIntoLeaf(node: Node): void {
    const virt = node.children.get(VIRTUAL) as Node;
    const parent = node.parent as Node;
    node.children.delete(VIRTUAL);
    node.order.length = 0;
    this.nodes.delete(virt.path);
    virt.detached = true;

    node.internal = false;
    node.active = virt.active;
    node.client = virt.client;
    node.perAgent = virt.perAgent;
    this.clients.set(node.client, node);
    if (!node.active) this.order.remove(parent, node);
  }

  private detach(node: Node): void {
    const parent = node.parent as Node;
    parent.children.delete(node.name);
    if (node.internal || node.active) this.order.remove(parent, node);
    this.nodes.delete(node.path);
    node.detached = true;
  }

  /**
   * Reads the non-zero quantities of q, in thousandths, into `readIndices` and `readAmounts` and returns how
   * many there are; throws before anything changes if one is negative or not finite. O(names in q).
   */
  private readQuantities(q: Quantities): number {
    const { readIndices, readAmounts } = this;
    let n = 0;
    for (const name in q) {
      const m = toMilli(q[name] as number, `DrfSorter: quantity of "${name}"`);
      if (m > 0) {
        readIndices[n] = this.names.of(name);
        readAmounts[n] = m;
        n++;
      }
    }
    return n;
  }

  /** Throws unless `amounts` holds each of the first n quantities read (a CHECK in Mesos). */
  private checkHolds(amounts: Amounts, n: number, what: string): void {
    for (let i = 0; i < n; i++) {
      const r = this.readIndices[i] as number;
      const m = this.readAmounts[i] as number;
      if ((amounts[r] ?? 0) < m) {
        throw new Error(`DrfSorter: ${what} less "${this.names.name(r)}" than ${m / MILLI}`);
      }
    }
  }

  /** Subtracts the first n quantities read by `readQuantities`. */
  private subtractRead(from: Amounts, n: number): void {
    for (let i = 0; i < n; i++) {
      const r = this.readIndices[i] as number;
      from[r] = (from[r] ?? 0) - (this.readAmounts[i] as number);
    }
  }

  /** Named quantities in units, leaving out zeros, as Mesos's quantities drop empty entries. */
  private toQuantities(amounts: Amounts): Quantities {
    const q: Quantities = {};
    for (let i = 0; i < amounts.length; i++) {
      const m = amounts[i] as number;
      if (m > 0) q[this.names.name(i)] = m / MILLI;
    }
    return q;
  }

  // ---- Shares ----

  /** `DRFSorter::calculateShare` before the division by the weight: the largest allocation/total ratio. */
  private computeRaw(node: Node): number {
    let share = 0;
    const alloc = node.alloc;
    for (const r of this.shareIndices) {
      const m = alloc[r];
      if (m !== undefined && m > 0) share = Math.max(share, m / MILLI / (this.shareTotals[r] as number));
    }
    return share;
  }

  private recomputeShare(node: Node): void {
    node.raw = this.computeRaw(node);
    node.rawEpoch = this.epoch;
    node.share = node.raw / node.weight;
  }

  /** Brings a share cached under an older total up to date. */
  private refreshShare(node: Node): void {
    if (node.rawEpoch !== this.epoch) this.recomputeShare(node);
  }

  private totalChanged(): void {
    this.shareTotals = [];
    this.shareIndices = [];
    for (let r = 0; r < this.totalAmounts.length; r++) {
      const m = this.totalAmounts[r] as number;
      const counts = m > 0 && !this.excluded.has(this.names.name(r));
      this.shareTotals.push(counts ? m / MILLI : 0);
      if (counts) this.shareIndices.push(r);
    }
    this.epoch++;
    this.order.markAllDirty();
  }
}
