import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resources } from '../resources';
import { baseName, flatQuantities } from './flatQuantities';

describe('flatQuantities', () => {
  it('folds reservations into their name and leaves ranges and sets out', () => {
    const flat = Resources.parse('cpus:2;mem:1024;cpus(prod):1.5;ports:[31000-31009];disks:{a,b}').toFlat();
    expect(flatQuantities(flat)).toEqual({ cpus: 3.5, mem: 1024 });
    expect(baseName('cpus(prod)')).toBe('cpus');
    expect(baseName('eng/web')).toBe('eng/web');
  });

  it('reads back from a trace exactly the quantities the model counts (Resources.quantities)', () => {
    const name = fc.constantFrom('cpus', 'mem', 'disk', 'gpus');
    const role = fc.option(fc.constantFrom('prod', 'eng', 'eng/web'), { nil: undefined });
    const amount = fc.integer({ min: 1, max: 100_000 }).map((m) => m / 1000);
    const item = fc.tuple(name, role, amount).map(([n, r, a]) => `${n}${r ? `(${r})` : ''}:${a}`);
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (items) => {
        const r = Resources.parse(items.join(';'));
        expect(flatQuantities(r.toFlat())).toEqual(r.quantities());
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
