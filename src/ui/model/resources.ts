/**
 * Small helpers over the trace's flat resources (`{"cpus": 1, "mem": 512, "cpus(role1)": 100}`). The UI only
 * draws scalars; ranges and sets (ports) are shown as text.
 */
import { Resources, fixed, type FlatResources } from '../../cluster/resources';

/** a − b on scalar entries; entries that reach zero disappear, non-scalars of `a` are kept as they are. */
export function subtract(a: FlatResources, b: FlatResources): FlatResources {
  const out: FlatResources = {};
  for (const [k, v] of Object.entries(a)) {
    if (typeof v !== 'number') {
      if (b[k] === undefined) out[k] = v;
      continue;
    }
    const w = b[k];
    const left = fixed(v - (typeof w === 'number' ? w : 0));
    if (left > 0) out[k] = left;
  }
  return out;
}

export const isEmpty = (flat: FlatResources): boolean => Object.keys(flat).length === 0;

/** Back to the `--resources` text format: "cpus:2;mem:1024". */
export const formatResources = (flat: FlatResources): string =>
  Object.entries(flat)
    .map(([k, v]) => `${k}:${v}`)
    .join(';');

/** Resource text to flat resources; null if it does not parse. */
export function parseResourceText(text: string): FlatResources | null {
  try {
    return Resources.parse(text).toFlat();
  } catch {
    return null;
  }
}

/** A compact amount: 18432 MB → "18 GB" for mem and disk, three decimals at most otherwise. */
export function formatAmount(name: string, value: number): string {
  if ((name === 'mem' || name === 'disk') && value >= 1024) {
    const gb = value / 1024;
    return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
  }
  if (name === 'mem' || name === 'disk') return `${fixed(value)} MB`;
  return String(fixed(value));
}

/**
 * Amounts of one resource in a shared unit, for tight spots: "6+10/16 GB" rather than "6 GB+10 GB/16 GB".
 * Returns the numbers and the unit separately.
 */
export function compactAmounts(name: string, values: readonly number[]): { numbers: string[]; unit: string } {
  const big = (name === 'mem' || name === 'disk') && Math.max(...values) >= 1024;
  const unit = name === 'mem' || name === 'disk' ? (big ? 'GB' : 'MB') : '';
  const numbers = values.map((v) => {
    const x = big ? v / 1024 : v;
    return String(Number.isInteger(x) ? x : Number(x.toFixed(1)));
  });
  return { numbers, unit };
}

/** Canonical order of resource names for drawing: Mesos's (cpus, gpus, mem, disk), then by name. */
export function orderNames(names: Iterable<string>): string[] {
  const rank = (n: string): number => {
    const i = ['cpus', 'gpus', 'mem', 'disk'].indexOf(n);
    return i < 0 ? 4 : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * An agent's resources after a finished offer operation that names `named` (the trace's `operation` event):
 * RESERVE turns unreserved amounts into the reservation, UNRESERVE back, CREATE turns reserved disk into a
 * volume, DESTROY back. The amounts never change, only what they are.
 */
export function applyOperation(total: FlatResources, operation: string, named: FlatResources): FlatResources {
  const res = Resources.fromFlat(named);
  const [consumed, converted] =
    operation === 'RESERVE'
      ? [res.toUnreserved(), res]
      : operation === 'UNRESERVE'
        ? [res, res.toUnreserved()]
        : operation === 'CREATE'
          ? [res.withoutVolumes(), res]
          : operation === 'DESTROY'
            ? [res, res.withoutVolumes()]
            : [Resources.EMPTY, Resources.EMPTY];
  const have = Resources.fromFlat(total);
  if (!have.contains(consumed)) return total;
  return have.minus(consumed).plus(converted).toFlat();
}

/** What an agent's resources hold beyond plain amounts: its reservations and persistent volumes. */
export interface Holding {
  readonly role: string;
  /** Made by a RESERVE operation (rather than the agent's `--resources`). */
  readonly dynamic: boolean;
  /** Amounts reserved, as text ("cpus:1;mem:256"); for a volume, its size. */
  readonly amounts: string;
  readonly volume?: { readonly id: string; readonly path: string };
}

/** The reservations (by role and kind) and the volumes in an agent's flat resources, in a stable order. */
export function holdings(total: FlatResources): Holding[] {
  const out: Holding[] = [];
  const reserved = new Map<string, Holding & { parts: string[] }>();
  for (const [key, value] of Object.entries(total)) {
    const m = /^([^()[\]]+)\(([^(),]+)(,dynamic)?\)(?:\[([^:\]]+):([^\]]*)\])?$/.exec(key);
    if (!m) continue;
    const [, name, role, dynamic, volumeId, volumePath] = m;
    if (volumeId !== undefined) {
      out.push({
        role: role!,
        dynamic: dynamic !== undefined,
        amounts: `${value} MB`,
        volume: { id: volumeId, path: volumePath ?? '' },
      });
      continue;
    }
    const slot = `${role}${dynamic ?? ''}`;
    let h = reserved.get(slot);
    if (!h) reserved.set(slot, (h = { role: role!, dynamic: dynamic !== undefined, amounts: '', parts: [] }));
    h.parts.push(`${name}:${value}`);
  }
  const groups = [...reserved.values()].map(({ parts, ...h }) => ({ ...h, amounts: parts.join(';') }));
  return [...groups, ...out];
}
