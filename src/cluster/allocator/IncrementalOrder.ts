/**
 * The mechanism that keeps a sorter's client tree in order incrementally, apart from the policy that says
 * what the order is (the DRF sorter's `compareDRF`).
 *
 * Every internal node keeps its sortable children (internal nodes and active leaves) in an array sorted by
 * the policy's comparator. When one node's key changes (an allocation raises its share), only that node
 * moves within its parent, as Mesos's DRF sorter does since it stopped re-sorting the whole tree on every
 * allocation (commit 86653356d, MESOS-9249); a change that invalidates many keys at once (a new total)
 * marks the tree for one lazy re-sort before the next walk.
 *
 * Walks (`forEachInOrder`) may run while their callback changes the tree, as Mesos's allocator changes the
 * sorter while it iterates a sorted copy: a walk then still visits exactly the clients it would have, in
 * the order they had when it started. Moves made during a walk are logged so that the walk can rebuild the
 * order it was following (`freeze`) only if it goes on after a change.
 */

/** The fields of a tree node that the mechanism reads and writes. */
export interface OrderNode<N extends OrderNode<N>> {
  readonly parent: N | null;
  /** Internal nodes always take part in the order; leaves only while active. */
  readonly internal: boolean;
  readonly active: boolean;
  /** For a leaf, the client it stands for. */
  readonly client: string;
  /** The sortable children, in order unless this node or the whole tree is dirty. */
  readonly order: N[];
  /** Whether `order` must be re-sorted before the next walk. */
  dirty: boolean;
  /** Set once the node has left the tree, so that a pending re-sort of it is skipped. */
  readonly detached: boolean;
}

/**
 * One change to an `order` array made while a walk was in progress: the node left index `from` (-1 if it
 * was not there) and then entered index `to` of the shortened array (-1 if it left the order).
 */
interface OrderEdit<N> {
  readonly parent: N;
  readonly node: N;
  readonly from: number;
  readonly to: number;
}

/**
 * The edits made while walks are live, in parallel arrays: every offer the allocator makes during a walk
 * logs one, and the log is read back only if a walk goes on after a change, so entries are not objects.
 */
class EditLog<N> {
  private readonly parents: N[] = [];
  private readonly nodes: N[] = [];
  private readonly froms: number[] = [];
  private readonly tos: number[] = [];

  get length(): number {
    return this.parents.length;
  }

  push(parent: N, node: N, from: number, to: number): void {
    this.parents.push(parent);
    this.nodes.push(node);
    this.froms.push(from);
    this.tos.push(to);
  }

  at(i: number): OrderEdit<N> {
    return {
      parent: this.parents[i] as N,
      node: this.nodes[i] as N,
      from: this.froms[i] as number,
      to: this.tos[i] as number,
    };
  }

  clear(): void {
    this.parents.length = 0;
    this.nodes.length = 0;
    this.froms.length = 0;
    this.tos.length = 0;
  }
}

/** The state of one `forEachInOrder` call. */
interface Walk<N> {
  /** The pre-order walk's stack of internal nodes and, in parallel, the next child index in each. */
  readonly stack: N[];
  readonly next: number[];
  /** Length of the edit log when the callback was last entered. */
  logStart: number;
  /** Once the tree has changed under the walk, the remaining clients in the order as it was. */
  frozen: string[] | null;
  frozenNext: number;
}

/**
 * Removes the element at index i. The allocator mostly moves the first client (the one it just served),
 * and V8 takes an element off the front of a large array in O(1) with `shift()`, where `splice` copies.
 */
function removeAt<T>(array: T[], i: number): void {
  if (i === 0) array.shift();
  else if (i === array.length - 1) array.pop();
  else array.splice(i, 1);
}

export class IncrementalOrder<N extends OrderNode<N>> {
  /** Whether every `order` in the tree must be re-sorted (after a change that moves every key). */
  private allDirty = false;
  private dirtyNodes: N[] = [];
  /** Walks still following the live tree, and the order edits made since the outermost one began. */
  private readonly walks: Walk<N>[] = [];
  private readonly edits = new EditLog<N>();
  /** Finished walks, reused so that a walk per agent allocates nothing. */
  private readonly idleWalks: Walk<N>[] = [];

  /**
   * @param root the tree's root, an internal node that is never a client.
   * @param compare the policy: a total order on siblings.
   * @param refresh brings a node's cached sort key up to date before it is compared.
   */
  constructor(
    private readonly root: N,
    private readonly compare: (a: N, b: N) => number,
    private readonly refresh: (node: N) => void,
  ) {}

  // ---- Changes to the tree ----

  /** Every key may have changed: re-sort the whole tree before the next walk. */
  markAllDirty(): void {
    this.freezeWalks();
    this.allDirty = true;
  }

  /** This node's children changed in ways not tracked one by one: re-sort them before the next walk. */
  markDirty(node: N): void {
    if (!node.dirty) {
      node.dirty = true;
      this.dirtyNodes.push(node);
    }
  }

  /** Inserts a node into its parent's order (a no-op for an inactive leaf); returns where, or -1. */
  insert(parent: N, node: N): number {
    if (!node.internal && !node.active) return -1;
    this.refresh(node);
    if (!this.isClean(parent)) return parent.order.push(node) - 1;
    const at = this.lowerBound(parent.order, node);
    parent.order.splice(at, 0, node);
    return at;
  }

  /** Takes a node out of its parent's order without a log entry (the tree is changing under every walk). */
  remove(parent: N, node: N): void {
    parent.order.splice(this.indexInOrder(parent, node), 1);
  }

  /** An inactive leaf became active: it enters its parent's order, and live walks are told. */
  activated(node: N): void {
    const parent = node.parent as N;
    const to = this.insert(parent, node);
    this.logEdit(parent, node, -1, to);
  }

  /** Call before a leaf becomes inactive: it leaves its parent's order, and live walks are told. */
  deactivating(node: N): void {
    const parent = node.parent as N;
    const from = this.indexInOrder(parent, node);
    removeAt(parent.order, from);
    this.logEdit(parent, node, from, -1);
  }

  /** Before a node's key changes: its index in a sorted parent order, or -1 if there is none to keep. */
  beginRekey(node: N): number {
    const parent = node.parent as N;
    if ((!node.internal && !node.active) || !this.isClean(parent)) return -1;
    return this.indexInOrder(parent, node);
  }

  /** After a node's key changed: moves it to its new place, as `DRFSorter::allocated` shifts it. */
  endRekey(node: N, from: number): void {
    if (from < 0) return;
    const parent = node.parent as N;
    const order = parent.order;
    const before = order[from - 1];
    const after = order[from + 1];
    if (
      (before === undefined || this.compare(before, node) < 0) &&
      (after === undefined || this.compare(node, after) < 0)
    ) {
      return;
    }
    // Shift the nodes between the old and the new place by one and drop the node in, in one pass and
    // without the temporary arrays two splices would make; `to` is the same index either way.
    let to: number;
    if (after !== undefined && this.compare(after, node) < 0) {
      // Moving towards the end. A client that has just been allocated resources often has the largest
      // share of its siblings, so the last place is tried first.
      const last = order[order.length - 1] as N;
      to = this.compare(last, node) < 0 ? order.length - 1 : this.lowerBound(order, node, from + 1) - 1;
      for (let k = from; k < to; k++) order[k] = order[k + 1] as N;
    } else {
      to = this.lowerBound(order, node, 0, from);
      for (let k = from; k > to; k--) order[k] = order[k - 1] as N;
    }
    order[to] = node;
    this.logEdit(parent, node, from, to);
  }

  // ---- Reading the order ----

  /** The active clients in order: a pre-order walk of the tree. */
  sorted(): string[] {
    this.flush();
    const result: string[] = [];
    const collect = (node: N): void => {
      for (const child of node.order) {
        if (child.internal) collect(child);
        else result.push(child.client);
      }
    };
    collect(this.root);
    return result;
  }

  /**
   * Calls fn for each active client in order, and stops as soon as fn returns false. It costs O(clients
   * visited) in a flat tree. fn may change the tree; the walk then still visits exactly the clients
   * `sorted()` returned when it began, in that order (clients removed meanwhile included). A change
   * followed by `return false` costs nothing extra; going on after a change costs O(clients left) once.
   */
  forEachInOrder(fn: (client: string) => boolean | void): void {
    this.flush();
    const walk = this.idleWalks.pop() ?? { stack: [], next: [], logStart: 0, frozen: null, frozenNext: 0 };
    walk.stack.push(this.root);
    walk.next.push(0);
    this.walks.push(walk);
    try {
      for (;;) {
        if (walk.frozen === null) {
          const leaf = this.advance(walk);
          if (leaf === null) return;
          walk.logStart = this.edits.length;
          if (fn(leaf.client) === false) return;
          if (walk.frozen === null && this.edits.length > walk.logStart) this.freeze(walk);
        } else {
          if (walk.frozenNext >= walk.frozen.length) return;
          if (fn(walk.frozen[walk.frozenNext++] as string) === false) return;
        }
      }
    } finally {
      const i = this.walks.lastIndexOf(walk);
      if (i >= 0) this.walks.splice(i, 1);
      if (this.walks.length === 0 && this.edits.length > 0) this.edits.clear();
      // Popping is cheaper than setting the length for these short stacks.
      while (walk.stack.length > 0) walk.stack.pop();
      while (walk.next.length > 0) walk.next.pop();
      walk.frozen = null;
      this.idleWalks.push(walk);
    }
  }

  /** Called before any change that is not a logged order edit: detaches every live walk from the tree. */
  freezeWalks(): void {
    if (this.walks.length === 0) return;
    for (const walk of this.walks.slice()) this.freeze(walk);
    this.walks.length = 0;
    this.edits.clear();
  }

  // ---- Keeping each `order` sorted ----

  private isClean(parent: N): boolean {
    return !this.allDirty && !parent.dirty;
  }

  /** First index in [lo, hi) of a sorted order whose node does not sort before `node` (hi if none). */
  private lowerBound(order: readonly N[], node: N, lo = 0, hi = order.length): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(order[mid] as N, node) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Where a sortable node sits in its parent's order: binary search while sorted, else a scan. */
  private indexInOrder(parent: N, node: N): number {
    // The allocator mostly changes the client it is serving, which comes first among its siblings.
    if (parent.order[0] === node) return 0;
    if (this.isClean(parent)) {
      const i = this.lowerBound(parent.order, node);
      if (parent.order[i] === node) return i;
    }
    const i = parent.order.indexOf(node);
    if (i < 0) throw new Error(`IncrementalOrder: a node is missing from its parent's order`);
    return i;
  }

  /** Re-sorts what changes of many keys at once left unsorted. */
  private flush(): void {
    if (!this.allDirty && this.dirtyNodes.length === 0) return;
    // No walk can be following the tree here (the changes that dirty it freeze walks first); this only
    // keeps it so if that ever changes.
    this.freezeWalks();
    if (this.allDirty) {
      const resortAll = (node: N): void => {
        this.resortChildren(node);
        for (const child of node.order) if (child.internal) resortAll(child);
      };
      resortAll(this.root);
      this.allDirty = false;
    } else {
      for (const node of this.dirtyNodes) {
        if (node.dirty && !node.detached && node.internal) this.resortChildren(node);
      }
    }
    for (const node of this.dirtyNodes) node.dirty = false;
    this.dirtyNodes = [];
  }

  private resortChildren(node: N): void {
    for (const child of node.order) this.refresh(child);
    node.order.sort(this.compare);
    node.dirty = false;
  }

  // ---- Walks that survive changes ----

  private logEdit(parent: N, node: N, from: number, to: number): void {
    if (this.walks.length > 0) this.edits.push(parent, node, from, to);
  }

  /** The next active leaf of a live walk, or null at the end. */
  private advance(walk: Walk<N>): N | null {
    const { stack, next } = walk;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top] as N;
      const i = next[top] as number;
      if (i >= node.order.length) {
        stack.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const child = node.order[i] as N;
      if (!child.internal) return child;
      stack.push(child);
      next.push(0);
    }
    return null;
  }

  /**
   * Turns a live walk into a list of the clients it has yet to visit, in the order the tree had when the
   * walk's callback was entered. The orders changed since then are rebuilt by undoing the logged edits,
   * newest first; nothing else can have changed, because every other kind of change freezes walks first.
   */
  private freeze(walk: Walk<N>): void {
    const editsOf = new Map<N, OrderEdit<N>[]>();
    for (let e = walk.logStart; e < this.edits.length; e++) {
      const edit = this.edits.at(e);
      const list = editsOf.get(edit.parent);
      if (list === undefined) editsOf.set(edit.parent, [edit]);
      else list.push(edit);
    }
    const orderThen = (node: N): readonly N[] => {
      const list = editsOf.get(node);
      if (list === undefined) return node.order;
      const order = node.order.slice();
      for (let e = list.length - 1; e >= 0; e--) {
        const edit = list[e] as OrderEdit<N>;
        if (edit.to >= 0) order.splice(edit.to, 1);
        if (edit.from >= 0) order.splice(edit.from, 0, edit.node);
      }
      return order;
    };
    const remaining: string[] = [];
    const emit = (node: N): void => {
      if (!node.internal) {
        remaining.push(node.client);
        return;
      }
      for (const child of orderThen(node)) emit(child);
    };
    for (let f = walk.stack.length - 1; f >= 0; f--) {
      const order = orderThen(walk.stack[f] as N);
      for (let i = walk.next[f] as number; i < order.length; i++) emit(order[i] as N);
    }
    walk.frozen = remaining;
    walk.frozenNext = 0;
    walk.stack.length = 0;
    walk.next.length = 0;
    const i = this.walks.indexOf(walk);
    if (i >= 0) this.walks.splice(i, 1);
  }
}
