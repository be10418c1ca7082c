/**
 * Fault schedules: what the generator draws is always a valid scenario (the validator says so), names only
 * what exists, stays inside the run, and is the same for the same seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../cluster/rng';
import { parseScenario } from '../cluster/scenario/validate';
import {
  DEFAULT_KINDS,
  drawSchedule,
  faultsOver,
  FAULT_KINDS,
  kindsFor,
  QUIET_SECONDS,
  runSeed,
  withFaults,
  worldOf,
  type FaultWorld,
} from './schedule';

const raw = (agents: number, masters: number, failoverTimeout = 60): Record<string, unknown> => ({
  until: 60,
  masters,
  agents: [{ id: 'agent', count: agents, resources: 'cpus:2;mem:1024' }],
  frameworks: [
    { id: 'mine', failoverTimeout, scheduler: { file: 'mine.ts' } },
    { id: 'other', scheduler: { builtin: 'scripted' } },
  ],
  actions: [{ at: 5, do: 'set-weight', role: '*', weight: 2 }],
});

const world = (agents: number, masters: number, failoverTimeout = 60): FaultWorld =>
  worldOf(parseScenario(raw(agents, masters, failoverTimeout)), ['mine']);

describe('the fault generator', () => {
  it('draws only valid schedules that name what exists, inside the run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(),
        fc.integer({ min: 1, max: 8 }),
        (agents, masters, seed, maxFaults) => {
          const w = world(agents, masters);
          const faults = drawSchedule(w, new Rng(seed), { maxFaults, kinds: FAULT_KINDS });
          expect(faults.length).toBeGreaterThanOrEqual(1);
          expect(faults.length).toBeLessThanOrEqual(maxFaults);
          // In order of time, inside the scenario's own run.
          for (let i = 1; i < faults.length; i++)
            expect(faults[i]!.at).toBeGreaterThanOrEqual(faults[i - 1]!.at);
          for (const f of faults) {
            expect(f.at).toBeGreaterThanOrEqual(0);
            expect(f.at).toBeLessThanOrEqual(60);
            if ('agent' in f) expect(w.agents).toContain(f.agent);
            if (f.do === 'fail-master') expect(masters).toBeGreaterThanOrEqual(2);
            if (f.do === 'restart-framework') expect(f.framework).toBe('mine');
            if (f.do === 'partition' || f.do === 'flaky-link') {
              expect(f.between[0]).toBe('master');
              expect([...w.agents, 'mine']).toContain(f.between[1]);
            }
            // A scheduler's own messages are never repeated (Mesos delivers each call once).
            if (f.do === 'flaky-link' && f.between[1] === 'mine') expect(f.repeat).toBeUndefined();
          }
          // The validator accepts the scenario, which runs until the faults are long over.
          const s = parseScenario(withFaults(raw(agents, masters), faults, 7));
          expect(s.seed).toBe(7);
          expect(s.until).toBeGreaterThanOrEqual(faultsOver(faults) + QUIET_SECONDS);
          expect(s.actions).toHaveLength(faults.length + 1);
        },
      ),
      { seed: 19, numRuns: 200 },
    );
  });

  it('is the same for the same seed, and differs between runs', () => {
    const w = world(5, 2);
    expect(drawSchedule(w, new Rng(3))).toEqual(drawSchedule(w, new Rng(3)));
    const seeds = new Set(Array.from({ length: 50 }, (_, i) => runSeed(1, i)));
    expect(seeds.size).toBe(50);
    expect(runSeed(1, 4)).toBe(runSeed(1, 4));
  });

  it('draws every kind it may, and no scheduler failover unless asked', () => {
    const w = world(3, 2);
    const drawn = (kinds?: typeof FAULT_KINDS) =>
      new Set(
        Array.from({ length: 300 }, (_, i) =>
          drawSchedule(w, new Rng(i), { maxFaults: 3, ...(kinds ? { kinds } : {}) }),
        ).flatMap((fs) => fs.map((f) => f.do)),
      );
    expect([...drawn()].sort()).toEqual([...DEFAULT_KINDS].sort());
    expect([...drawn(FAULT_KINDS)].sort()).toEqual([...FAULT_KINDS].sort());
  });

  it('leaves out faults that make no sense in the cluster', () => {
    // One master: nothing to fail over to. A framework that is removed when its scheduler goes: no failover.
    expect(kindsFor(world(2, 1, 0), FAULT_KINDS)).not.toContain('fail-master');
    expect(kindsFor(world(2, 1, 0), FAULT_KINDS)).not.toContain('restart-framework');
    expect(kindsFor(world(2, 2, 60), FAULT_KINDS)).toContain('restart-framework');
  });
});
