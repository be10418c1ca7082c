/**
 * Virtual time. Internally the simulation counts whole microseconds, so that adding latencies and
 * intervals never accumulates floating-point error; traces and the public API speak seconds.
 */
export type Micros = number;

export const SECOND: Micros = 1_000_000;
export const MS: Micros = 1_000;

export const seconds = (s: number): Micros => Math.round(s * SECOND);
export const toSeconds = (us: Micros): number => us / SECOND;
