import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resources } from '../resources';
import { RefuseFilters, type RefuseFilter } from './RefuseFilters';

// The indexed filter store must answer exactly as the plain rule of MESOS.md §1.7 does: an offer is
// filtered iff some active filter of its (framework, role, agent) holds all of it. The reference below
// keeps every filter in one list and scans it all; the store files them by (framework, role, agent) and
// drops them by expiry.

const BAGS = ['cpus:1;mem:512', 'cpus:2;mem:1024', 'cpus:4;mem:2048;ports:[31000-31009]', 'cpus:1'].map((t) =>
  Resources.parse(t),
);

/** Active before expiry; at the exact instant only if made after a tick (a stand-in for MESOS-4302's rule). */
const active = (f: RefuseFilter, now: number): boolean =>
  now < f.expiresAt || (now === f.expiresAt && f.madeAfterTick);

interface NaiveFilter extends RefuseFilter {
  framework: string;
  role: string;
  agent: string;
}

const name = (prefix: string, n: number) => fc.integer({ min: 0, max: n - 1 }).map((i) => `${prefix}${i}`);
const op = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    framework: name('f', 3),
    role: name('r', 2),
    agent: name('a', 3),
    bag: fc.integer({ min: 0, max: BAGS.length - 1 }),
    duration: fc.integer({ min: 1, max: 6 }),
    madeAfterTick: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('advance' as const), by: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('expire' as const) }),
  fc.record({ kind: fc.constant('clear-framework' as const), framework: name('f', 3) }),
  fc.record({ kind: fc.constant('clear-role' as const), framework: name('f', 3), role: name('r', 2) }),
  fc.record({ kind: fc.constant('clear-agent' as const), agent: name('a', 3) }),
);

describe('RefuseFilters', () => {
  it(
    'answers every query as a scan of all filters does, whatever is added, cleared and expired',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
          const store = new RefuseFilters(active);
          let naive: NaiveFilter[] = [];
          let now = 0;
          for (const o of ops) {
            if (o.kind === 'add') {
              const f = {
                resources: BAGS[o.bag]!,
                createdAt: now,
                expiresAt: now + o.duration,
                madeAfterTick: o.madeAfterTick,
              };
              store.add(o.framework, o.role, o.agent, f);
              naive.push({ ...f, framework: o.framework, role: o.role, agent: o.agent });
            } else if (o.kind === 'advance') now += o.by;
            else if (o.kind === 'expire') store.expire(now);
            else if (o.kind === 'clear-framework') {
              store.clearFramework(o.framework);
              naive = naive.filter((f) => f.framework !== o.framework);
            } else if (o.kind === 'clear-role') {
              store.clearRole(o.framework, o.role);
              naive = naive.filter((f) => f.framework !== o.framework || f.role !== o.role);
            } else {
              store.clearAgent(o.agent);
              naive = naive.filter((f) => f.agent !== o.agent);
            }
            // Every (framework, role, agent) and offer is asked after every step.
            for (const framework of ['f0', 'f1', 'f2'])
              for (const role of ['r0', 'r1'])
                for (const agent of ['a0', 'a1', 'a2'])
                  for (const offer of BAGS) {
                    const want = naive.some(
                      (f) =>
                        f.framework === framework &&
                        f.role === role &&
                        f.agent === agent &&
                        active(f, now) &&
                        f.resources.contains(offer),
                    );
                    expect(store.isFiltered(framework, role, agent, offer, now)).toBe(want);
                  }
            for (const framework of ['f0', 'f1', 'f2'])
              expect(store.live(framework, now).length).toBe(
                naive.filter((f) => f.framework === framework && active(f, now)).length,
              );
          }
        }),
        { seed: 31, numRuns: 200 },
      );
    },
  );

  it('drops filters on agents nobody asks about once they have expired', () => {
    const store = new RefuseFilters(active);
    for (let a = 0; a < 100; a++)
      store.add('f0', 'r0', `a${a}`, {
        resources: BAGS[0]!,
        createdAt: 0,
        expiresAt: 5,
        madeAfterTick: false,
      });
    store.expire(5);
    // At the instant of expiry a filter may still count (MESOS-4302), so it is kept...
    expect(store.size).toBe(100);
    store.expire(6);
    // ...and after it, it is gone without a single offer having been tested against it.
    expect(store.size).toBe(0);
  });
});
