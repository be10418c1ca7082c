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
