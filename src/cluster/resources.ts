/**
 * Resources in Mesos's model: named scalars, ranges and sets, each unreserved or reserved to a role.
 *
 * The text format is the agent's `--resources` flag: `cpus:2;mem:1024;cpus(role1):100;ports:[31000-32000]`.
 * Scalars use Mesos's fixed-point arithmetic (three decimal digits, as `Value::Scalar` does since 1.0), so
 * that 0.1 + 0.2 is 0.3 here as it is in Mesos (the helpers are shared with the sorters, in `fixedPoint.ts`).
 */
import { fixed } from './fixedPoint';

export type ResourceType = 'SCALAR' | 'RANGES' | 'SET';

/** Inclusive range [begin, end]. */
export type Range = readonly [number, number];

export interface Resource {
  readonly name: string;
  /** The role the resource is reserved to; undefined for unreserved ("*") resources. */
  readonly role: string | undefined;
  /**
   * A dynamic reservation (made by a RESERVE operation, undone by UNRESERVE) rather than a static one from
   * the agent's `--resources`. Only reserved resources have it.
   */
  readonly dynamic?: true;
  /** A persistent volume (a CREATE operation on reserved disk): its persistence id and container path. */
  readonly volume?: { readonly id: string; readonly path: string };
  readonly type: ResourceType;
  /** For SCALAR. */
  readonly scalar: number;
  /** For RANGES: sorted, disjoint, non-adjacent inclusive ranges. */
  readonly ranges: readonly Range[];
  /** For SET: sorted, unique items. */
  readonly items: readonly string[];
}

/** Scalar quantities by resource name, e.g. { cpus: 2, mem: 1024 } (ResourceQuantities in Mesos). */
export type Quantities = Record<string, number>;

/** A resource as a learner's scheduler sees it, shaped like Mesos's JSON `Resource` message. */
export interface ResourceJson {
  name: string;
  type?: ResourceType;
  scalar?: { value: number };
  ranges?: { range: { begin: number; end: number }[] };
  set?: { item: string[] };
  /** The reservation role (pre-refinement format); absent or "*" for unreserved resources. */
  role?: string;
  /** Present on a dynamic reservation (a RESERVE operation made it); absent on a static one. */
  reservation?: { principal?: string };
  /** A persistent volume on reserved disk: its persistence id, and where tasks see it. */
  disk?: {
    persistence?: { id: string; principal?: string };
    volume?: { container_path: string; mode?: 'RW' | 'RO' };
  };
  allocation_info?: { role: string };
}

/** A flat trace view: `{"cpus": 1, "mem": 512, "cpus(role1)": 100, "ports": "[31000-32000]"}`. */
export type FlatResources = Record<string, number | string>;

export { fixed };

export class ResourceParseError extends Error {
  constructor(
    readonly text: string,
    /** Zero-based character offset where the problem is. */
    readonly position: number,
    readonly expected: string,
  ) {
    super(`at position ${position + 1} of "${text}": expected ${expected}`);
    this.name = 'ResourceParseError';
  }
}

// Well-known names come first when resources are printed, so that text and traces read naturally.
const NAME_RANK: Record<string, number> = { cpus: 0, gpus: 1, mem: 2, disk: 3, ports: 4 };
const rank = (name: string): number => NAME_RANK[name] ?? 5;

function compareResources(a: Resource, b: Resource): number {
  const ra = rank(a.name);
  const rb = rank(b.name);
  if (ra !== rb) return ra - rb;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.role !== b.role) {
    if (a.role === undefined) return -1;
    if (b.role === undefined) return 1;
    return a.role < b.role ? -1 : 1;
  }
  // Within a role: static reservations before dynamic ones, and plain disk before volumes (by id).
  if (a.dynamic !== b.dynamic) return a.dynamic ? 1 : -1;
  const va = a.volume?.id;
  const vb = b.volume?.id;
  if (va === vb) return 0;
  if (va === undefined) return -1;
  if (vb === undefined) return 1;
  return va < vb ? -1 : 1;
}

/**
 * Two entries are amounts of the same thing when name, role, kind of reservation and volume agree (Mesos
 * compares whole Resource messages, so a dynamic reservation never merges with a static one).
 */
const sameSlot = (a: Resource, b: Resource): boolean =>
  a.name === b.name && a.role === b.role && a.dynamic === b.dynamic && a.volume?.id === b.volume?.id;

function scalarResource(name: string, role: string | undefined, value: number): Resource {
  return { name, role, type: 'SCALAR', scalar: value, ranges: EMPTY_RANGES, items: EMPTY_ITEMS };
}

/** The same entry with another scalar amount, keeping its reservation kind and volume. */
function withScalar(r: Resource, value: number): Resource {
  return r.dynamic === undefined && r.volume === undefined
    ? scalarResource(r.name, r.role, value)
    : { ...r, scalar: value };
}

/** The flat and text key of an entry: `cpus`, `cpus(r1)`, `cpus(r1,dynamic)`, `disk(r1,dynamic)[v1:data]`. */
function resourceKey(r: Resource): string {
  if (r.role === undefined) return r.name;
  const reservation = r.dynamic ? `(${r.role},dynamic)` : `(${r.role})`;
  return `${r.name}${reservation}${r.volume ? `[${r.volume.id}:${r.volume.path}]` : ''}`;
}
const EMPTY_RANGES: readonly Range[] = Object.freeze([]);
const EMPTY_ITEMS: readonly string[] = Object.freeze([]);

/** Normalises ranges: sorted, and overlapping or adjacent ranges merged. */
export function normalizeRanges(input: readonly Range[]): Range[] {
  const sorted = [...input].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [b, e] of sorted) {
    const last = out[out.length - 1];
    if (last && b <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([b, e]);
  }
  return out;
}

/** Merges two normalised range lists in one pass (both sorted), joining overlapping or adjacent ranges. */
function mergeRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]![0] <= b[j]![0]) ? a[i++]! : b[j++]!;
    const last = out[out.length - 1];
    if (last && next[0] <= last[1] + 1) last[1] = Math.max(last[1], next[1]);
    else out.push([next[0], next[1]]);
  }
  return out;
}

function rangesCount(ranges: readonly Range[]): number {
  let n = 0;
  for (const [b, e] of ranges) n += e - b + 1;
  return n;
}

function rangesContain(outer: readonly Range[], inner: readonly Range[]): boolean {
  // Both are normalised, so each inner range must sit inside a single outer range.
  let i = 0;
  for (const [b, e] of inner) {
    while (i < outer.length && outer[i]![1] < b) i++;
    const o = outer[i];
    if (!o || o[0] > b || o[1] < e) return false;
  }
  return true;
}

function sameRanges(a: readonly Range[], b: readonly Range[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}

/**
 * Removes `take` from `from` in one pass over both (each sorted and disjoint): a decline gives back an
 * offer's ports, so this runs once per recovered offer.
 */
function rangesSubtract(from: readonly Range[], take: readonly Range[]): Range[] {
  if (sameRanges(from, take)) return [];
  const out: Range[] = [];
  let j = 0;
  for (const [b0, e] of from) {
    let b = b0;
    // Skip the taken ranges that end before this one starts; they cannot touch later ones either.
    while (j < take.length && take[j]![1] < b) j++;
    let k = j;
    while (b <= e && k < take.length && take[k]![0] <= e) {
      const [tb, te] = take[k]!;
      if (tb > b) out.push([b, tb - 1]);
      if (te >= b) b = te + 1;
      k++;
    }
    if (b <= e) out.push([b, e]);
  }
  return out;
}

function formatRanges(ranges: readonly Range[]): string {
  return `[${ranges.map(([b, e]) => `${b}-${e}`).join(',')}]`;
}

function isEmptyResource(r: Resource): boolean {
  if (r.type === 'SCALAR') return r.scalar <= 0;
  if (r.type === 'RANGES') return r.ranges.length === 0;
  return r.items.length === 0;
}

function combine(a: Resource, b: Resource): Resource {
  if (a.type !== b.type) throw new Error(`resource ${a.name} is both ${a.type} and ${b.type}`);
  if (a.type === 'SCALAR') return withScalar(a, fixed(a.scalar + b.scalar));
  if (a.type === 'RANGES') {
    if (a.ranges.length === 0) return { ...a, ranges: b.ranges };
    if (b.ranges.length === 0) return a;
    return { ...a, ranges: mergeRanges(a.ranges, b.ranges) };
  }
  return { ...a, items: [...new Set([...a.items, ...b.items])].sort() };
}

function difference(a: Resource, b: Resource): Resource {
  if (a.type === 'SCALAR') return withScalar(a, fixed(a.scalar - b.scalar));
  if (a.type === 'RANGES') return { ...a, ranges: rangesSubtract(a.ranges, b.ranges) };
  const drop = new Set(b.items);
  return { ...a, items: a.items.filter((i) => !drop.has(i)) };
}

function resourceContains(a: Resource, b: Resource): boolean {
  if (a.type !== b.type) return false;
  // A persistent volume is used whole, never in part (Mesos compares volumes for equality).
  if (a.volume !== undefined) return a.scalar === b.scalar;
  if (a.type === 'SCALAR') return a.scalar >= b.scalar;
  if (a.type === 'RANGES') return rangesContain(a.ranges, b.ranges);
  const have = new Set(a.items);
  return b.items.every((i) => have.has(i));
}

/** True when `role` is `ancestor` or lies below it in the role tree ("eng/web" is below "eng"). */
export function isRoleAtOrBelow(role: string, ancestor: string): boolean {
  return (
    role === ancestor ||
    (role.length > ancestor.length && role.startsWith(ancestor) && role[ancestor.length] === '/')
  );
}

/** Every ancestor of a role path, nearest first: "a/b/c" → ["a/b", "a"]. */
export function roleAncestors(role: string): string[] {
  const out: string[] = [];
  for (let i = role.lastIndexOf('/'); i > 0; i = role.lastIndexOf('/', i - 1)) out.push(role.slice(0, i));
  return out;
}

const ROLE_RE = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;

/** Checks a role name as Mesos does (roles::validate): returns what is wrong, or null. */
export function validateRole(role: string): string | null {
  if (role === '*') return null;
  if (role.length === 0) return 'a role name must not be empty';
  if (!ROLE_RE.test(role)) return `role "${role}" may only contain letters, digits, '_', '-', '.' and '/'`;
  for (const part of role.split('/')) {
    if (part === '' || part === '.' || part === '..')
      return `role "${role}" has an empty, "." or ".." path component`;
    if (part.startsWith('-')) return `role "${role}" has a component starting with '-'`;
  }
  return null;
}

/**
 * An immutable bag of resources. Operations return new values; entries are kept in a canonical order
 * (cpus, gpus, mem, disk, ports, then by name; unreserved before reserved) so that printing is stable.
 */
export class Resources {
  static readonly EMPTY = new Resources([]);

  private constructor(readonly items: readonly Resource[]) {}

  // A bag never changes, so what is derived from it is computed once, on first use: the allocator asks
  // the same agent's resources the same questions for every framework it considers.
  private cachedQuantities: Readonly<Quantities> | undefined;
  private cachedCounted: Readonly<Quantities> | undefined;
  private cachedUnreservedScalars: Readonly<Quantities> | undefined;
  private cachedReserved: boolean | undefined;
  private cachedFlat: Readonly<FlatResources> | undefined;
  private cachedJson: { role: string | undefined; json: readonly ResourceJson[] } | undefined;

  /** Builds from entries that may repeat a (name, role) slot; they are combined. Zero entries are dropped. */
  static of(entries: readonly Resource[]): Resources {
    const out: Resource[] = [];
    for (const r of entries) {
      const i = out.findIndex((o) => sameSlot(o, r));
      if (i >= 0) out[i] = combine(out[i]!, r);
      else out.push(r);
    }
    return new Resources(out.filter((r) => !isEmptyResource(r)).sort(compareResources));
  }

  static scalars(quantities: Quantities, role?: string): Resources {
    return Resources.of(Object.entries(quantities).map(([name, v]) => scalarResource(name, role, fixed(v))));
  }

  /**
   * Parses the agent `--resources` text format. Whitespace around tokens is allowed; `;` separates entries.
   * Throws a ResourceParseError naming the position and what was expected.
   */
  static parse(text: string): Resources {
    return Resources.of(new ResourceTextParser(text).parse());
  }

  /** Parses a learner's or scenario's resources in Mesos's JSON shape; throws an Error naming the bad field. */
  static fromJson(list: unknown, where = 'resources'): Resources {
    if (typeof list === 'string') return Resources.parse(list);
    if (!Array.isArray(list)) throw new Error(`${where} must be an array of Resource objects`);
    const entries: Resource[] = [];
    list.forEach((raw: unknown, i) => {
      const at = `${where}[${i}]`;
      if (typeof raw !== 'object' || raw === null) throw new Error(`${at} must be an object`);
      const r = raw as Record<string, unknown>;
      if (typeof r.name !== 'string' || r.name === '')
        throw new Error(`${at}.name must be a non-empty string`);
      const role = r.role === undefined || r.role === '*' ? undefined : r.role;
      if (role !== undefined && (typeof role !== 'string' || validateRole(role)))
        throw new Error(`${at}.role must be a valid role name`);
      const scalar = r.scalar as { value?: unknown } | undefined;
      const ranges = r.ranges as { range?: unknown } | undefined;
      const set = r.set as { item?: unknown } | undefined;
      const type = r.type ?? (scalar ? 'SCALAR' : ranges ? 'RANGES' : set ? 'SET' : undefined);
      // validateDynamicReservationInfo and validateDiskInfo: a dynamic reservation and a persistent volume
      // are both to a role, and a volume is a scalar of disk with a persistence id and a container path.
      const dynamic = r.reservation !== undefined && r.reservation !== null;
      if (dynamic && typeof r.reservation !== 'object')
        throw new Error(`${at}.reservation must be an object`);
      if (dynamic && role === undefined)
        throw new Error(`${at} has a dynamic reservation to "*": a reservation needs a role`);
      const volume = readVolume(r.disk, at);
      if (volume && role === undefined)
        throw new Error(`${at}: persistent volumes cannot be created from unreserved resources`);
      if (volume && (r.name !== 'disk' || (type !== undefined && type !== 'SCALAR')))
        throw new Error(`${at}: only disk can hold a persistent volume`);
      const extra = { ...(dynamic ? { dynamic: true as const } : {}), ...(volume ? { volume } : {}) };
      if (type === 'SCALAR') {
        const v = scalar?.value;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
          throw new Error(`${at}.scalar.value must be a non-negative number`);
        entries.push({ ...scalarResource(r.name, role, fixed(v)), ...extra });
      } else if (type === 'RANGES') {
        const rs = ranges?.range;
        if (!Array.isArray(rs)) throw new Error(`${at}.ranges.range must be an array`);
        const parsed: Range[] = rs.map((x: unknown, j) => {
          const { begin, end } = (x ?? {}) as { begin?: unknown; end?: unknown };
          if (!Number.isInteger(begin) || !Number.isInteger(end) || (begin as number) > (end as number))
            throw new Error(`${at}.ranges.range[${j}] must have integer begin <= end`);
          return [begin as number, end as number];
        });
        entries.push({
          name: r.name,
          role,
          type: 'RANGES',
          scalar: 0,
          ranges: normalizeRanges(parsed),
          items: EMPTY_ITEMS,
          ...extra,
        });
      } else if (type === 'SET') {
        const items = set?.item;
        if (!Array.isArray(items) || !items.every((x) => typeof x === 'string'))
          throw new Error(`${at}.set.item must be an array of strings`);
        entries.push({
          name: r.name,
          role,
          type: 'SET',
          scalar: 0,
          ranges: EMPTY_RANGES,
          items: [...new Set(items as string[])].sort(),
          ...extra,
        });
      } else {
        throw new Error(`${at} needs a scalar, ranges or set value`);
      }
    });
    return Resources.of(entries);
  }

  isEmpty(): boolean {
    return this.items.length === 0;
  }

  get size(): number {
    return this.items.length;
  }

  plus(other: Resources): Resources {
    if (other.items.length === 0) return this;
    if (this.items.length === 0) return other;
    // Both sides are in canonical order, so a merge keeps it without sorting (this is on the allocator's
    // hot path: every decline and every finished task adds resources back to an agent).
    const a = this.items;
    const b = other.items;
    const out: Resource[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = a[i];
      const y = b[j];
      const c = x === undefined ? 1 : y === undefined ? -1 : compareResources(x, y);
      if (c < 0) {
        out.push(x!);
        i++;
      } else if (c > 0) {
        out.push(y!);
        j++;
      } else {
        const merged = combine(x!, y!);
        if (!isEmptyResource(merged)) out.push(merged);
        i++;
        j++;
      }
    }
    return new Resources(out);
  }

  /** Subtracts what `other` holds in the same (name, role) slots; amounts that reach zero are dropped. */
  minus(other: Resources): Resources {
    if (other.items.length === 0 || this.items.length === 0) return this;
    if (other === this) return Resources.EMPTY;
    const out: Resource[] = [];
    for (const r of this.items) {
      let cur: Resource = r;
      for (const o of other.items) if (sameSlot(cur, o) && cur.type === o.type) cur = difference(cur, o);
      if (!isEmptyResource(cur)) out.push(cur);
    }
    return new Resources(out);
  }

  /** Mesos's Resources::contains: every entry of `other` fits in the same (name, role) slot here. */
  contains(other: Resources): boolean {
    if (other === this) return true;
    for (const o of other.items) {
      const mine = this.items.find((r) => sameSlot(r, o));
      if (!mine || !resourceContains(mine, o)) return false;
    }
    return true;
  }

  equals(other: Resources): boolean {
    if (other === this) return true;
    return this.contains(other) && other.contains(this);
  }

  filter(keep: (r: Resource) => boolean): Resources {
    const out = this.items.filter(keep);
    return out.length === this.items.length ? this : new Resources(out);
  }

  unreserved(): Resources {
    return this.filter((r) => r.role === undefined);
  }

  /** Resources reserved to exactly `role`, or, with no argument, every reserved resource. */
  reserved(role?: string): Resources {
    return this.filter((r) => r.role !== undefined && (role === undefined || r.role === role));
  }

  /** What a framework in `role` may be offered: unreserved resources and reservations of the role or an ancestor. */
  allocatableTo(role: string): Resources {
    if (!this.hasReservations()) return this;
    return this.filter((r) => r.role === undefined || isRoleAtOrBelow(role, r.role));
  }

  /** Whether any entry is reserved to a role. */
  hasReservations(): boolean {
    if (this.cachedReserved === undefined) {
      this.cachedReserved = false;
      for (const r of this.items) if (r.role !== undefined) this.cachedReserved = true;
    }
    return this.cachedReserved;
  }

  scalarsOnly(): Resources {
    return this.filter((r) => r.type === 'SCALAR');
  }

  nonScalars(): Resources {
    return this.filter((r) => r.type !== 'SCALAR');
  }

  /** Total amount of a scalar by name, reserved or not. */
  scalar(name: string): number {
    let sum = 0;
    for (const r of this.items) if (r.name === name && r.type === 'SCALAR') sum += r.scalar;
    return fixed(sum);
  }

  /** Scalar quantities by name, reservations folded in (what DRF sorters count). */
  quantities(): Quantities {
    const q: Quantities = {};
    for (const r of this.items) if (r.type === 'SCALAR') q[r.name] = fixed((q[r.name] ?? 0) + r.scalar);
    return q;
  }

  /** `quantities()` computed once and shared: for readers only (it is frozen). */
  scalarQuantities(): Readonly<Quantities> {
    return (this.cachedQuantities ??= Object.freeze(this.quantities()));
  }

  /** The unreserved scalars by name, computed once and shared (frozen): what quota and headroom count. */
  unreservedScalarQuantities(): Readonly<Quantities> {
    if (this.cachedUnreservedScalars === undefined) {
      const q: Quantities = {};
      for (const r of this.items)
        if (r.role === undefined && r.type === 'SCALAR') q[r.name] = fixed((q[r.name] ?? 0) + r.scalar);
      this.cachedUnreservedScalars = Object.freeze(q);
    }
    return this.cachedUnreservedScalars;
  }

  /** `countedQuantities()` computed once and shared (frozen). */
  countedQuantitiesView(): Readonly<Quantities> {
    return (this.cachedCounted ??= Object.freeze(this.countedQuantities()));
  }

  /**
   * Quantities as min_allocatable_resources counts them: scalars by amount, ranges and sets by number of
   * elements (MESOS-9516).
   */
  countedQuantities(): Quantities {
    const q: Quantities = {};
    for (const r of this.items) {
      const amount =
        r.type === 'SCALAR' ? r.scalar : r.type === 'RANGES' ? rangesCount(r.ranges) : r.items.length;
      q[r.name] = fixed((q[r.name] ?? 0) + amount);
    }
    return q;
  }

  /**
   * Mesos's `shrink`: keeps at most `limit[name]` of each scalar; names absent from `limit` are dropped unless
   * `keepUnlisted` (shrinkLimits keeps names that have no limit). Entries are visited in canonical order.
   */
  shrink(limit: Quantities, keepUnlisted = false): Resources {
    const left: Quantities = { ...limit };
    const out: Resource[] = [];
    for (const r of this.items) {
      if (r.type !== 'SCALAR') continue;
      const cap = left[r.name];
      if (cap === undefined) {
        if (keepUnlisted) out.push(r);
        continue;
      }
      const take = fixed(Math.min(r.scalar, cap));
      if (take > 0) {
        out.push(withScalar(r, take));
        left[r.name] = fixed(cap - take);
      }
    }
    return new Resources(out);
  }

  /** Mesos text format (dynamic reservations and volumes in the keys `toFlat` uses). */
  toString(): string {
    return this.items
      .map((r) => {
        const key = resourceKey(r);
        if (r.type === 'SCALAR') return `${key}:${r.scalar}`;
        if (r.type === 'RANGES') return `${key}:${formatRanges(r.ranges)}`;
        return `${key}:{${r.items.join(',')}}`;
      })
      .join(';');
  }

  /** The trace's flat form (CONTRACTS.md §3). */
  toFlat(): FlatResources {
    const out: FlatResources = {};
    for (const r of this.items) {
      const key = resourceKey(r);
      out[key] =
        r.type === 'SCALAR'
          ? r.scalar
          : r.type === 'RANGES'
            ? formatRanges(r.ranges)
            : `{${r.items.join(',')}}`;
    }
    return out;
  }

  /**
   * `toFlat()` computed once and shared, frozen: an agent's free resources are offered again and again
   * while frameworks decline them, so the master's offer trace need not rebuild them each time.
   */
  flatView(): Readonly<FlatResources> {
    return (this.cachedFlat ??= Object.freeze(this.toFlat()));
  }

  /** `toJson(allocationRole)` computed once for the last role asked and shared, frozen all the way down. */
  jsonView(allocationRole?: string): readonly ResourceJson[] {
    if (this.cachedJson === undefined || this.cachedJson.role !== allocationRole)
      this.cachedJson = { role: allocationRole, json: deepFreeze(this.toJson(allocationRole)) };
    return this.cachedJson.json;
  }

  /** Mesos's JSON shape, tagged with the role the resources are allocated to when given. */
  toJson(allocationRole?: string): ResourceJson[] {
    return this.items.map((r) => {
      const j: ResourceJson = { name: r.name, type: r.type };
      if (r.type === 'SCALAR') j.scalar = { value: r.scalar };
      else if (r.type === 'RANGES') j.ranges = { range: r.ranges.map(([begin, end]) => ({ begin, end })) };
      else j.set = { item: [...r.items] };
      if (r.role !== undefined) j.role = r.role;
      // Pre-refinement format: a dynamic reservation carries a ReservationInfo, a volume its DiskInfo.
      if (r.dynamic) j.reservation = {};
      if (r.volume)
        j.disk = { persistence: { id: r.volume.id }, volume: { container_path: r.volume.path, mode: 'RW' } };
      if (allocationRole !== undefined) j.allocation_info = { role: allocationRole };
      return j;
    });
  }

  /** Without reservations and volumes: what the same amounts are when unreserved (Resources::toUnreserved). */
  toUnreserved(): Resources {
    return Resources.of(
      this.items.map((r) =>
        r.type === 'SCALAR'
          ? scalarResource(r.name, undefined, r.scalar)
          : { name: r.name, role: undefined, type: r.type, scalar: 0, ranges: r.ranges, items: r.items },
      ),
    );
  }

  /** Persistent volumes stripped to the reserved disk they were made of. */
  withoutVolumes(): Resources {
    if (!this.items.some((r) => r.volume)) return this;
    return Resources.of(this.items.map((r) => (r.volume ? { ...r, volume: undefined } : r)));
  }

  /** The persistent volumes. */
  volumes(): Resources {
    return this.filter((r) => r.volume !== undefined);
  }

  /** Dynamic reservations turned into the same reservations made statically, and back. */
  withReservationKind(dynamic: boolean): Resources {
    return Resources.of(
      this.items.map((r) => (r.role === undefined ? r : { ...r, dynamic: dynamic ? true : undefined })),
    );
  }

  /**
   * Reads the trace's flat form back (`toFlat`'s keys): `cpus`, `cpus(r1)`, `cpus(r1,dynamic)`,
   * `disk(r1,dynamic)[v1:data]`; scalar values are numbers, ranges and sets their text.
   */
  static fromFlat(flat: Readonly<FlatResources>): Resources {
    const entries: Resource[] = [];
    for (const [key, value] of Object.entries(flat)) {
      const m = /^([^()[\]]+)(?:\(([^(),]+)(,dynamic)?\))?(?:\[([^:\]]+):([^\]]*)\])?$/.exec(key);
      if (!m) throw new Error(`not a resource key: ${key}`);
      const [, name, role, dynamic, volumeId, volumePath] = m;
      const base = Resources.parse(`${name!}:${typeof value === 'number' ? value : value}`).items[0];
      if (!base) continue;
      entries.push({
        ...base,
        role,
        ...(dynamic ? { dynamic: true as const } : {}),
        ...(volumeId !== undefined ? { volume: { id: volumeId, path: volumePath ?? '' } } : {}),
      });
    }
    return Resources.of(entries);
  }
}

/** A persistent volume's DiskInfo (`disk.persistence.id`, `disk.volume.container_path`), or null for none. */
function readVolume(disk: unknown, at: string): { id: string; path: string } | null {
  if (disk === undefined || disk === null) return null;
  if (typeof disk !== 'object') throw new Error(`${at}.disk must be an object`);
  const d = disk as { persistence?: { id?: unknown }; volume?: { container_path?: unknown; mode?: unknown } };
  if (d.persistence === undefined) return null;
  const id = d.persistence?.id;
  if (typeof id !== 'string' || id === '' || /[\s/]/.test(id))
    throw new Error(`${at}.disk.persistence.id must be a non-empty string without whitespace or '/'`);
  const path = d.volume?.container_path;
  if (typeof path !== 'string' || path === '')
    throw new Error(`${at}.disk.volume.container_path must be set for a persistent volume`);
  if (d.volume?.mode === 'RO') throw new Error(`${at}: read-only persistent volumes are not supported`);
  return { id, path };
}

/** Freezes a plain JSON value and everything in it, so that a shared copy cannot be changed by a reader. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Adds quantities (fixed-point), in place on `into`. */
export function addQuantities(into: Quantities, q: Quantities): Quantities {
  for (const k in q) into[k] = fixed((into[k] ?? 0) + q[k]!);
  return into;
}

/** Quantity subtraction: entries that reach zero or below are dropped (as ResourceQuantities does). */
export function subtractQuantities(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = {};
  for (const k in a) {
    const v = fixed(a[k]! - (b[k] ?? 0));
    if (v > 0) out[k] = v;
  }
  return out;
}

/** Limit subtraction: clamps at zero but keeps every key of `a` (as ResourceLimits does). */
export function subtractLimits(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = {};
  for (const k in a) out[k] = Math.max(0, fixed(a[k]! - (b[k] ?? 0)));
  return out;
}

export function quantitiesContain(a: Quantities, b: Quantities): boolean {
  for (const k in b) if ((a[k] ?? 0) < b[k]!) return false;
  return true;
}

export function isEmptyQuantities(q: Quantities): boolean {
  for (const k in q) if (q[k]! > 0) return false;
  return true;
}

/**
 * Parses quantities text such as "cpus:2;mem:1024" (quota guarantees and limits): scalars, no roles.
 * Zero amounts are kept: a limit of "cpus:0" means no cpus at all, not "no limit".
 */
export function parseQuantities(text: string): Quantities {
  const q: Quantities = Object.create(null) as Quantities;
  for (const item of new ResourceTextParser(text).parse()) {
    if (item.type !== 'SCALAR')
      throw new ResourceParseError(text, text.indexOf(item.name), `a scalar quantity for "${item.name}"`);
    if (item.role !== undefined)
      throw new ResourceParseError(
        text,
        text.indexOf(`(${item.role})`),
        `a quantity without a role for "${item.name}"`,
      );
    q[item.name] = fixed((q[item.name] ?? 0) + item.scalar);
  }
  return { ...q };
}

/**
 * Parses `--min_allocatable_resources`: alternatives separated by '|', each a set of quantities that must all
 * be met ("cpus:0.01|mem:32"). Ranges and sets count by number of elements.
 */
export function parseMinAllocatable(text: string): Quantities[] {
  if (text.trim() === '') return [];
  let offset = 0;
  return text.split('|').map((part) => {
    try {
      const q = Resources.parse(part).countedQuantities();
      offset += part.length + 1;
      return q;
    } catch (e) {
      if (e instanceof ResourceParseError)
        throw new ResourceParseError(text, offset + e.position, e.expected);
      throw e;
    }
  });
}

/** A small recursive-descent parser for the text format, with positions for every error. */
class ResourceTextParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): Resource[] {
    const out: Resource[] = [];
    this.skipSpace();
    if (this.pos >= this.text.length) return out;
    for (;;) {
      out.push(this.entry());
      this.skipSpace();
      if (this.pos >= this.text.length) return out;
      this.expect(';', "';' between resources, or the end");
      this.skipSpace();
      if (this.pos >= this.text.length) return out; // A trailing ';' is tolerated, as Mesos does.
    }
  }

  private entry(): Resource {
    const name = this.word(/[A-Za-z0-9_\-.]/, 'a resource name');
    let role: string | undefined;
    this.skipSpace();
    if (this.peek() === '(') {
      this.pos++;
      const start = this.pos;
      role = this.word(/[A-Za-z0-9_\-./*]/, 'a role name');
      const bad = validateRole(role);
      if (bad) throw new ResourceParseError(this.text, start, `a valid role name (${bad})`);
      if (role === '*') role = undefined;
      this.expect(')', "')' after the role");
    }
    this.skipSpace();
    this.expect(':', `':' after "${name}"`);
    this.skipSpace();
    const c = this.peek();
    if (c === '[')
      return { name, role, type: 'RANGES', scalar: 0, ranges: this.ranges(), items: EMPTY_ITEMS };
    if (c === '{') return { name, role, type: 'SET', scalar: 0, ranges: EMPTY_RANGES, items: this.set() };
    return scalarResource(name, role, fixed(this.number('a number, [ranges] or {set}')));
  }

  private ranges(): Range[] {
    this.pos++; // '['
    const out: Range[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const at = this.pos;
      const b = this.number('a range start');
      this.skipSpace();
      this.expect('-', "'-' inside a range");
      this.skipSpace();
      const e = this.number('a range end');
      if (!Number.isInteger(b) || !Number.isInteger(e))
        throw new ResourceParseError(this.text, at, 'integer range bounds');
      if (b > e)
        throw new ResourceParseError(this.text, at, `a range whose start is not above its end (${b}-${e})`);
      out.push([b, e]);
      this.skipSpace();
      if (this.peek() === ']') {
        this.pos++;
        return normalizeRanges(out);
      }
      this.expect(',', "',' or ']' in a range list");
    }
  }

  private set(): string[] {
    this.pos++; // '{'
    const out: string[] = [];
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.word(/[^,}\s;]/, 'a set item'));
      this.skipSpace();
      if (this.peek() === '}') {
        this.pos++;
        return [...new Set(out)].sort();
      }
      this.expect(',', "',' or '}' in a set");
    }
  }

  private number(expected: string): number {
    const m = /^[0-9]+(\.[0-9]+)?/.exec(this.text.slice(this.pos));
    if (!m) throw new ResourceParseError(this.text, this.pos, expected);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private word(chars: RegExp, expected: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && chars.test(this.text[this.pos]!)) this.pos++;
    if (this.pos === start) throw new ResourceParseError(this.text, start, expected);
    return this.text.slice(start, this.pos);
  }

  private expect(c: string, expected: string): void {
    if (this.peek() !== c) throw new ResourceParseError(this.text, this.pos, expected);
    this.pos++;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
}
