import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../cluster/trace';
import { LogIndex } from './LogIndex';

const ev = (i: number): TraceEvent =>
  i % 3 === 0
    ? {
        t: i,
        type: 'offer',
        offer: `O-${i}`,
        framework: i % 2 ? 'A' : 'B',
        role: 'r',
        agent: 'a',
        resources: {},
      }
    : { t: i, type: 'log', framework: i % 2 ? 'A' : 'B', level: 'log', text: String(i) };

/** The log's entries the slow way: the first `shown` events, filtered, newest first. */
const naive = (trace: TraceEvent[], shown: number, f: ((e: TraceEvent) => boolean) | null): number[] =>
  trace
    .slice(0, shown)
    .map((e, i) => [e, i] as const)
    .filter(([e]) => f === null || f(e))
    .map(([, i]) => i)
    .reverse();

describe('LogIndex: the rows of the event log', () => {
  it('matches a from-scratch filter for any growth in batches, any moment shown and any filter', () => {
    const filters: Record<string, ((e: TraceEvent) => boolean) | null> = {
      all: null,
      offers: (e) => e.type === 'offer',
      A: (e) => 'framework' in e && e.framework === 'A',
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('all', 'offers', 'A'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (batches, key, at) => {
          const trace: TraceEvent[] = [];
          const index = new LogIndex();
          for (const b of batches) {
            for (let k = 0; k < b; k++) trace.push(ev(trace.length));
            index.update(trace, key, filters[key]!);
          }
          const shown = Math.floor(at * trace.length);
          const all = filters[key] === null;
          const rows = naive(trace, shown, filters[key]!);
          expect(index.count(shown, all)).toBe(rows.length);
          rows.forEach((pos, row) => {
            expect(index.at(row, shown, all)).toBe(pos);
            expect(index.rowOf(pos, shown, all)).toBe(row);
          });
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('a new run (a shorter trace) or another filter rebuilds it', () => {
    const index = new LogIndex();
    const long = Array.from({ length: 30 }, (_, i) => ev(i));
    index.update(long, 'offers', (e) => e.type === 'offer');
    expect(index.count(30, false)).toBe(10);
    const short = long.slice(0, 4);
    index.update(short, 'offers', (e) => e.type === 'offer');
    expect(index.count(4, false)).toBe(2);
    index.update(short, 'logs', (e) => e.type === 'log');
    expect(index.count(4, false)).toBe(2);
    expect(index.rowOf(3, 4, false)).toBe(-1);
  });
});
