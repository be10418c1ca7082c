/**
 * The one per-framework fold, read against what happened: real traces of the example scenarios, folded whole
 * or batch by batch, must add up — every offer made is accepted, declined, rescinded or still held; every
 * task id is running or ended; a batch-by-batch fold (the editor's) agrees with a whole fold (the summary's
 * and the lessons').
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import agentFailure from '../../../scenarios/agent-failure.json';
import drfPaper from '../../../scenarios/drf-paper.json';
import masterFailover from '../../../scenarios/master-failover.json';
import { parseScenario } from '../scenario/validate';
import { Simulation } from '../sim/Simulation';
import type { TraceEvent } from '../trace';
import { FrameworkLedger, newStats, statsOf } from './FrameworkLedger';

const traces: Record<string, TraceEvent[]> = Object.fromEntries(
  Object.entries({
    'agent-failure': agentFailure,
    'drf-paper': drfPaper,
    'master-failover': masterFailover,
  }).map(([name, json]) => [name, new Simulation(parseScenario(json)).run()]),
);

const count = (trace: readonly TraceEvent[], type: TraceEvent['type'], framework: string): number =>
  trace.filter((e) => e.type === type && 'framework' in e && e.framework === framework).length;

describe.each(Object.keys(traces))('the ledger of %s', (name) => {
  const trace = traces[name]!;
  const ledger = new FrameworkLedger().addAll(trace);

  it('lists every framework the master added, in the order it added them', () => {
    const added = [...new Set(trace.flatMap((e) => (e.type === 'framework-added' ? [e.framework] : [])))];
    expect(ledger.frameworks()).toEqual(added);
  });

  it('accounts for every offer and every task of each framework', () => {
    for (const id of ledger.frameworks()) {
      const s = ledger.stats(id);
      expect(s.offers).toBe(count(trace, 'offer', id));
      expect(s.declined).toBe(count(trace, 'decline', id));
      expect(s.rescinded).toBe(count(trace, 'rescind', id));
      expect(s.launched).toBe(count(trace, 'launch', id));
      const offers = ledger.offers.filter((o) => o.framework === id);
      const by = (outcome: string): number => offers.filter((o) => o.outcome === outcome).length;
      // Every offer made ends one way: accepted, declined, rescinded, or still held at the end.
      expect(by('accepted') + by('declined') + by('rescinded') + s.held.length).toBe(s.offers);
      expect(offers.filter((o) => o.outcome === 'outstanding').map((o) => o.id)).toEqual(s.held);
      const ids = new Set(ledger.runs.filter((r) => r.framework === id).map((r) => r.id));
      expect(s.running + s.finished + s.failed).toBe(ids.size);
      expect(Object.values(s.states).reduce((a, b) => a + b, 0)).toBe(ids.size);
    }
  });

  it('gives the same counters fed batch by batch as fed whole (as the editor feeds it)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const id = ledger.frameworks()[0]!;
        const batched = new FrameworkLedger(id);
        let at = 0;
        for (let i = 0; at < trace.length; i++) {
          const n = sizes[i % sizes.length]!;
          batched.addAll(trace.slice(at, at + n));
          at += n;
        }
        expect(batched.stats(id)).toEqual(statsOf(trace, id));
        expect(batched.stats(id)).toEqual(ledger.stats(id));
      }),
      { seed: 17, numRuns: 20 },
    );
  });
});

describe('a framework the ledger has not seen', () => {
  it('counts nothing and is pending', () => {
    expect(new FrameworkLedger('ghost').stats('ghost')).toEqual(newStats('ghost'));
  });

  it('follows the master: active, disconnected (offers rescinded), removed (nothing held)', () => {
    const events: TraceEvent[] = [
      { t: 0, type: 'framework-added', framework: 'f', roles: ['*'] },
      { t: 1, type: 'offer', offer: 'O-1', framework: 'f', role: '*', agent: 'a1', resources: { cpus: 1 } },
      { t: 1, type: 'offer', offer: 'O-2', framework: 'f', role: '*', agent: 'a2', resources: { cpus: 1 } },
      { t: 2, type: 'framework-disconnected', framework: 'f', reason: 'unresponsive' },
      { t: 2, type: 'rescind', offer: 'O-1', framework: 'f', reason: 'framework disconnected' },
    ];
    const l = new FrameworkLedger('f').addAll(events);
    expect(l.stats('f')).toMatchObject({ lifecycle: 'disconnected', offers: 2, rescinded: 1, held: ['O-2'] });
    l.add({ t: 3, type: 'framework-removed', framework: 'f' });
    expect(l.stats('f')).toMatchObject({ lifecycle: 'removed', held: [] });
  });
});
