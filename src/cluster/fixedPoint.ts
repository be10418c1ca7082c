/**
 * Mesos's fixed-point scalars, in one place for the resources and the sorters.
 *
 * Mesos adds and subtracts scalar resources in fixed point with three decimal digits (`Value::Scalar`'s
 * operators in `common/values.cpp`, via `convertToFixed`), so 0.1 + 0.2 is exactly 0.3 there. Two views of
 * the same rule live here: `fixed` rounds a double to that precision (what `Resources` stores), and
 * `toMilli` turns an amount into integer thousandths (what the sorters and the allocator's vectors add up).
 * Sums of thousandths are exact and independent of the order of operations, and give back exactly zero
 * when everything allocated is returned.
 */

/** Thousandths per unit: three decimal digits, as `Value::Scalar` keeps. */
export const MILLI = 1000;

/** Rounds to Mesos's fixed-point precision of three decimal digits. */
export function fixed(value: number): number {
  return Math.round(value * MILLI) / MILLI;
}

/**
 * An amount in integer thousandths, rounded to nearest as `convertToFixed` does. Throws a RangeError naming
 * `what` for a negative or non-finite amount, which no resource can have.
 */
export function toMilli(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${value}`);
  }
  return Math.round(value * MILLI);
}

/** Thousandths back to units. */
export function fromMilli(milli: number): number {
  return milli / MILLI;
}

/**
 * Quantities as integer thousandths indexed by an interned resource number (see `ResourceNames`); a
 * missing entry is 0. Small arrays rather than maps keep the sorters' hot paths cheap.
 */
export type MilliVector = number[];

/** Adds m at index i, growing the vector with zeros as needed; returns the new amount. */
export function addAt(amounts: MilliVector, i: number, m: number): number {
  while (amounts.length <= i) amounts.push(0);
  const sum = (amounts[i] as number) + m;
  amounts[i] = sum;
  return sum;
}

/** Adds every entry of `from` into `into`. */
export function addAll(into: MilliVector, from: MilliVector): void {
  for (let i = 0; i < from.length; i++) {
    const m = from[i] as number;
    if (m !== 0) addAt(into, i, m);
  }
}

/** Subtracts every entry; amounts stay at or above zero because callers check first. */
export function subtractAll(from: MilliVector, amounts: MilliVector): void {
  for (let i = 0; i < amounts.length; i++) {
    const m = amounts[i] as number;
    if (m !== 0) from[i] = (from[i] ?? 0) - m;
  }
}

/** True when every entry is zero. */
export function isZero(amounts: MilliVector): boolean {
  for (const m of amounts) if (m !== 0) return false;
  return true;
}

/**
 * Interned resource names: each name seen gets the next small integer, the index into a `MilliVector`.
 * The numbering is in order of first appearance, so it is deterministic for a deterministic run.
 */
export class ResourceNames {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];

  /** The number of `name`, interning it on first sight. */
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
    }
    return i;
  }

  /** The name numbered i. */
  name(i: number): string {
    return this.names[i] as string;
  }

  get size(): number {
    return this.names.length;
  }
}
