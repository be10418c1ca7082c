import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resources } from '../resources';
import { Holding } from './Holding';

// A holding keeps offered pieces apart; it must always equal the single merged bag the allocator kept
// before, whatever is added and given back (whole pieces, parts of them, or more than is held).

/** Disjoint pieces of one agent, as offers of it are: cpus and mem add up, ports never overlap. */
const pieces = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 2048 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((amounts) =>
    amounts.map(([cpus, mem], i) =>
      Resources.parse(`cpus:${cpus / 1000};mem:${mem};ports:[${31000 + i * 10}-${31004 + i * 10}]`),
    ),
  );

describe('Holding', () => {
  it('equals the merged bag after any adds and recoveries (fast-check)', () => {
    fc.assert(
      fc.property(pieces, fc.array(fc.nat(), { maxLength: 10 }), (ps, takes) => {
        const holding = new Holding(ps[0]!);
        let merged = ps[0]!;
        for (const p of ps.slice(1)) {
          holding.add(p);
          merged = merged.plus(p);
        }
        for (const k of takes) {
          // Give back a whole piece, half a piece's cpus, or something never held.
          const p = ps[k % ps.length]!;
          const back =
            k % 3 === 0
              ? p
              : k % 3 === 1
                ? Resources.scalars({ cpus: p.scalar('cpus') / 2 })
                : Resources.parse('gpus:1');
          const wantRecovered = merged.contains(back) ? back : merged.minus(merged.minus(back));
          const got = holding.take(back);
          expect(got.toString()).toBe(wantRecovered.toString());
          merged = merged.minus(wantRecovered);
          expect(holding.total().toString()).toBe(merged.toString());
          expect(holding.isEmpty()).toBe(merged.isEmpty());
          if (holding.isEmpty()) return;
        }
      }),
      { seed: 41, numRuns: 300 },
    );
  });
});
