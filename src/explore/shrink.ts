/**
 * Shrinking a failing fault schedule to its smallest form, as fast-check shrinks a counterexample: fewest
 * faults first, then each fault as early as it still fails, then each with its smallest parameters
 * (shortest window, mildest trouble, no downtime). Every candidate is tried by running it; a candidate is
 * kept only if it still fails. The result is never larger than what it started from, and always failed.
 *
 * The search is a generator that asks "does this schedule fail?" and is told, so the same steps drive a
 * synchronous run (Node) and an asynchronous one (browser workers): see `drive` and `driveAsync`.
 */
import { sortFaults, type Fault } from './schedule';

export interface ShrinkOptions {
  /** The most schedules to try. */
  maxTries: number;
}

export const DEFAULT_SHRINK: ShrinkOptions = { maxTries: 150 };

const tenth = (x: number): number => Math.round(x * 10) / 10;

/** Candidates that change one fault's parameters to smaller ones, mildest first. */
function smallerParameters(f: Fault): Fault[] {
  const out: Fault[] = [];
  if (f.do === 'partition' || f.do === 'flaky-link') {
    for (const d of [tenth(f.forSeconds / 4), tenth(f.forSeconds / 2)])
      if (d >= 0.1 && d < f.forSeconds) out.push({ ...f, forSeconds: d });
  }
  if (f.do === 'flaky-link') {
    const knobs = (['drop', 'delayMs', 'repeat'] as const).filter((k) => (f[k] ?? 0) > 0);
    // Fewer kinds of trouble: leave one out, as long as one remains.
    if (knobs.length > 1)
      for (const k of knobs) {
        const rest: Fault = { ...f };
        delete (rest as Record<string, unknown>)[k];
        out.push(rest);
      }
    if (f.drop && f.drop > 0.1) out.push({ ...f, drop: tenth(f.drop / 2) || 0.1 });
    if (f.repeat && f.repeat > 0.1) out.push({ ...f, repeat: tenth(f.repeat / 2) || 0.1 });
    if (f.delayMs && f.delayMs > 100)
      out.push({ ...f, delayMs: Math.max(100, Math.round(f.delayMs / 200) * 100) });
  }
  if (f.do === 'reboot-agent' && (f.downSeconds ?? 0) > 0) {
    const rest: Fault = { ...f };
    delete (rest as Record<string, unknown>).downSeconds;
    out.push(rest);
    if ((f.downSeconds ?? 0) > 0.2) out.push({ ...f, downSeconds: tenth(f.downSeconds! / 2) });
  }
  return out;
}

/** A measure that every accepted step makes smaller: how many faults, then their times, then their size. */
export function scheduleSize(faults: readonly Fault[]): number[] {
  let times = 0;
  let params = 0;
  for (const f of faults) {
    times += f.at;
    if (f.do === 'partition' || f.do === 'flaky-link') params += f.forSeconds;
    if (f.do === 'flaky-link') params += (f.drop ?? 0) + (f.delayMs ?? 0) / 1000 + (f.repeat ?? 0) + 1;
    if (f.do === 'reboot-agent') params += f.downSeconds ?? 0;
  }
  return [faults.length, times, params];
}

/**
 * The shrinking steps. Yields a candidate schedule and is sent whether it still fails; returns the smallest
 * failing schedule found within `maxTries` candidates.
 */
export function* shrinkSteps(
  failing: readonly Fault[],
  options: ShrinkOptions = DEFAULT_SHRINK,
): Generator<Fault[], Fault[], boolean> {
  let current = sortFaults(failing);
  let tries = 0;
  /** Tries a candidate; keeps it if it still fails. */
  function* attempt(candidate: Fault[]): Generator<Fault[], boolean, boolean> {
    if (tries >= options.maxTries) return false;
    tries++;
    const sorted = sortFaults(candidate);
    if (!(yield sorted)) return false;
    current = sorted;
    return true;
  }

  // 1. Fewest faults: leave each one out while that still fails (down to none: a scheduler that fails
  // without any fault is told so).
  for (let i = 0; i < current.length;) {
    if (yield* attempt(current.filter((_, j) => j !== i))) i = 0;
    else i++;
  }

  let changed = true;
  while (changed && tries < options.maxTries) {
    changed = false;
    // 2. Earliest times: each fault at 0 if that fails, else as early as a halving search finds.
    for (let i = 0; i < current.length; i++) {
      const f = current[i]!;
      if (f.at === 0) continue;
      if (yield* attempt(current.map((g, j) => (j === i ? { ...g, at: 0 } : g)))) {
        changed = true;
        continue;
      }
      let lo = 0;
      let hi = f.at;
      let index = i;
      while (hi - lo > 0.1 && tries < options.maxTries) {
        const mid = tenth((lo + hi) / 2);
        if (mid <= lo || mid >= hi) break;
        const target = current[index]!;
        const candidate = current.map((g, j) => (j === index ? { ...g, at: mid } : g));
        if (yield* attempt(candidate)) {
          hi = mid;
          changed = true;
          index = current.findIndex((g) => g.do === target.do && g.at === mid);
          if (index < 0) break;
        } else lo = mid;
      }
    }
    // 3. Smallest parameters.
    for (let i = 0; i < current.length; i++)
      for (const smaller of smallerParameters(current[i]!))
        if (yield* attempt(current.map((g, j) => (j === i ? smaller : g)))) {
          changed = true;
          break;
        }
  }
  return current;
}

/** Runs a question-and-answer generator to its end, answering each question synchronously. */
export function drive<Q, A, R>(steps: Generator<Q, R, A>, answer: (q: Q) => A): R {
  let next = steps.next(undefined as A);
  while (!next.done) next = steps.next(answer(next.value));
  return next.value;
}

/** `drive` for answers that take time (a simulation in a worker). */
export async function driveAsync<Q, A, R>(
  steps: Generator<Q, R, A>,
  answer: (q: Q) => Promise<A>,
): Promise<R> {
  let next = steps.next(undefined as A);
  while (!next.done) next = steps.next(await answer(next.value));
  return next.value;
}

/** Shrinks a failing schedule with a synchronous test; returns the smallest failing one and how many tries. */
export function shrink(
  failing: readonly Fault[],
  fails: (faults: Fault[]) => boolean,
  options: ShrinkOptions = DEFAULT_SHRINK,
): Fault[] {
  return drive(shrinkSteps(failing, options), fails);
}
