/**
 * The trace's resources are flat objects in Mesos names (CONTRACTS.md §3): `{"cpus": 1, "cpus(prod)": 2,
 * "ports": "[31000-31009]"}`. Whoever reads them as amounts (the summary, the page, the lesson checks) wants
 * the scalars by name with reservations folded in, as Mesos's DRF sorters count them
 * (`Resources::createStrippedScalarQuantity`); this is the one place that converts.
 */
import { fixed } from '../fixedPoint';
import type { FlatResources, Quantities } from '../resources';

/** "cpus(role1)" → "cpus"; "mem" → "mem". */
export const baseName = (key: string): string => {
  const i = key.indexOf('(');
  return i < 0 ? key : key.slice(0, i);
};

/**
 * The scalar amounts by resource name, reservations folded in ("cpus(prod)" counts as "cpus"), in fixed
 * point as Mesos's Value::Scalar. Ranges and sets (text in the trace) are left out.
 */
export function flatQuantities(flat: FlatResources): Quantities {
  const q: Quantities = {};
  for (const [k, v] of Object.entries(flat)) {
    if (typeof v !== 'number') continue;
    const name = baseName(k);
    q[name] = fixed((q[name] ?? 0) + v);
  }
  return q;
}
