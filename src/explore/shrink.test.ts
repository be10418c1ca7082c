/**
 * Shrinking: for any failing schedule and any rule of what fails, the result still fails, is never larger,
 * and for the rules below is the one smallest schedule a person would write.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../cluster/rng';
import { drawSchedule, FAULT_KINDS, type Fault, type FaultWorld } from './schedule';
import { scheduleSize, shrink } from './shrink';

const WORLD: FaultWorld = {
  agents: ['agent1', 'agent2', 'agent3'],
  frameworks: [{ id: 'web', scheduler: { file: 'web.ts' }, failoverTimeout: 60 }],
  masters: 2,
  window: 60,
};

/** Lexicographic: is a ≤ b? */
const notLarger = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]! - 1e-9) return true;
    if (a[i]! > b[i]! + 1e-9) return false;
  }
  return true;
};

describe('shrinking', () => {
  it('keeps one fault of several when that one alone fails, at the earliest time that fails', () => {
    // Fails when agent2 crashes at 12 s or later and the master fails over after it.
    const fails = (fs: Fault[]): boolean => {
      const crash = fs.find((f) => f.do === 'kill-agent' && f.agent === 'agent2' && f.at >= 12);
      return crash !== undefined && fs.some((f) => f.do === 'fail-master' && f.at > crash.at);
    };
    const start: Fault[] = [
      { at: 3, do: 'partition', between: ['master', 'agent1'], forSeconds: 9 },
      { at: 20, do: 'kill-agent', agent: 'agent2' },
      { at: 25, do: 'restart-agent', agent: 'agent3' },
      { at: 41, do: 'fail-master' },
      { at: 50, do: 'kill-agent', agent: 'agent1' },
    ];
    const out = shrink(start, fails);
    expect(fails(out)).toBe(true);
    expect(out.map((f) => f.do)).toEqual(['kill-agent', 'fail-master']);
    expect(out[0]!.at).toBe(12);
    expect(out[1]!.at).toBeLessThanOrEqual(12.1);
  });

  it('makes windows shorter and trouble milder while it still fails', () => {
    // Fails while a flaky link to agent1 drops messages for at least 2 s.
    const fails = (fs: Fault[]): boolean =>
      fs.some(
        (f) => f.do === 'flaky-link' && f.between[1] === 'agent1' && (f.drop ?? 0) > 0 && f.forSeconds >= 2,
      );
    const out = shrink(
      [
        {
          at: 30,
          do: 'flaky-link',
          between: ['master', 'agent1'],
          forSeconds: 16,
          drop: 0.6,
          delayMs: 2500,
          repeat: 0.4,
        },
      ],
      fails,
    );
    expect(out).toHaveLength(1);
    const f = out[0]!;
    expect(f).toMatchObject({ at: 0, do: 'flaky-link', between: ['master', 'agent1'] });
    if (f.do !== 'flaky-link') throw new Error('unreachable');
    expect(f.forSeconds).toBeGreaterThanOrEqual(2);
    expect(f.forSeconds).toBeLessThan(4);
    expect(f.delayMs).toBeUndefined();
    expect(f.repeat).toBeUndefined();
    expect(f.drop).toBeLessThanOrEqual(0.2);
  });

  it('never returns a schedule that passes or one larger than it started with', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...FAULT_KINDS),
        (seed, after, kind) => {
          const start = drawSchedule(WORLD, new Rng(seed), { maxFaults: 6, kinds: FAULT_KINDS });
          // An arbitrary rule: some fault of this kind at or after `after` seconds.
          const fails = (fs: Fault[]): boolean => fs.some((f) => f.do === kind && f.at >= after);
          fc.pre(fails(start));
          let tries = 0;
          const out = shrink(start, (fs) => {
            tries++;
            return fails(fs);
          });
          expect(fails(out)).toBe(true);
          expect(notLarger(scheduleSize(out), scheduleSize(start))).toBe(true);
          expect(out).toHaveLength(1);
          expect(out[0]!.at).toBe(after);
          expect(tries).toBeLessThanOrEqual(150);
        },
      ),
      { seed: 5, numRuns: 150 },
    );
  });

  it('leaves out every fault when the scheduler fails without any', () => {
    const start = drawSchedule(WORLD, new Rng(4), { maxFaults: 3 });
    expect(shrink(start, () => true)).toEqual([]);
  });

  it('stops after its budget of tries, with the smallest it found so far', () => {
    const start = drawSchedule(WORLD, new Rng(8), { maxFaults: 6, kinds: FAULT_KINDS });
    // Fails while an agent crashes: each try but the budget's first is refused.
    const fails = (fs: Fault[]): boolean => fs.some((f) => f.do !== 'fail-master');
    let tries = 0;
    const out = shrink(
      start,
      (fs) => {
        tries++;
        return fails(fs);
      },
      { maxTries: 2 },
    );
    expect(tries).toBe(2);
    expect(fails(out)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(start.length);
  });
});
