import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ResourceParseError,
  Resources,
  fixed,
  normalizeRanges,
  parseMinAllocatable,
  parseQuantities,
  type Resource,
} from './resources';

/** The ResourceParseError that parsing `text` throws (fails the test if it throws nothing, or something else). */
function parseErrorOf(parse: () => unknown): ResourceParseError {
  try {
    parse();
  } catch (e) {
    if (e instanceof ResourceParseError) return e;
    throw e;
  }
  throw new Error('expected a ResourceParseError, but the text was accepted');
}

const r = (text: string): Resources => Resources.parse(text);

describe('the text format', () => {
  it('prints what it parses, in the canonical order', () => {
    // Well-known names first (cpus, gpus, mem, disk, ports), then by name; unreserved before reserved.
    const text = 'cpus:2;mem:1024;disk:10;cpus(role1):100;ports:[31000-32000]';
    expect(r(text).toString()).toBe('cpus:2;cpus(role1):100;mem:1024;disk:10;ports:[31000-32000]');
    expect(r(r(text).toString()).toString()).toBe(r(text).toString());
  });

  it('reads a reservation NAME(ROLE) into its own slot, apart from the unreserved amount', () => {
    const res = r('cpus:2;cpus(role1):3');
    expect(res.unreserved().toString()).toBe('cpus:2');
    expect(res.reserved('role1').toString()).toBe('cpus(role1):3');
    // Both count towards the scalar total of the name.
    expect(res.scalar('cpus')).toBe(5);
    expect(res.items.map((i) => i.role)).toEqual([undefined, 'role1']);
  });

  it('treats cpus(*) as unreserved, as Mesos does', () => {
    expect(r('cpus(*):3').toString()).toBe('cpus:3');
    expect(r('cpus(*):3;cpus:1').equals(r('cpus:4'))).toBe(true);
  });

  it('keeps nested roles in reservations', () => {
    expect(r('cpus(eng/web):1').items[0]!.role).toBe('eng/web');
  });

  it('normalises ranges: sorted, overlapping and adjacent ranges merged', () => {
    expect(r('ports:[33000-33001,31000-32000]').toString()).toBe('ports:[31000-32000,33000-33001]');
    // 32001 is adjacent to 32000, so the two ranges become one.
    expect(r('ports:[31000-32000,32001-32005]').toString()).toBe('ports:[31000-32005]');
    expect(r('ports:[5-10,1-7]').toString()).toBe('ports:[1-10]');
    expect(r('ports:[1-1]').toString()).toBe('ports:[1-1]');
  });

  it('reads sets, sorted and without duplicates', () => {
    expect(r('disks:{b,a}').toString()).toBe('disks:{a,b}');
    expect(r('disks:{a,b,a}').items[0]!.items).toEqual(['a', 'b']);
  });

  it('allows whitespace around tokens and a trailing ";"', () => {
    expect(r(' cpus : 2 ; mem : 3 ; ').toString()).toBe('cpus:2;mem:3');
    expect(r('ports: [ 1 - 2 , 4 - 5 ]').toString()).toBe('ports:[1-2,4-5]');
    expect(r('disks:{ a , b }').toString()).toBe('disks:{a,b}');
    expect(r('cpus:1;').toString()).toBe('cpus:1');
    expect(r('').isEmpty()).toBe(true);
    expect(r('   ').isEmpty()).toBe(true);
  });

  it('adds up repeated entries of the same name and role, and drops zero amounts', () => {
    expect(r('cpus:1;cpus:2.5').toString()).toBe('cpus:3.5');
    expect(r('mem:0;cpus:1').toString()).toBe('cpus:1');
    expect(r('ports:[1-2];ports:[3-4]').toString()).toBe('ports:[1-4]');
  });

  it('rounds scalars to three decimal digits (Value::Scalar fixed point)', () => {
    expect(r('cpus:0.1234').scalar('cpus')).toBe(0.123);
    expect(r('cpus:0.0004').isEmpty()).toBe(true);
  });

  it('refuses a name that is a scalar in one entry and a range in another', () => {
    expect(() => r('ports:1;ports:[1-2]')).toThrow(/both SCALAR and RANGES/);
  });

  it('gives the trace a flat form, zero amounts left out', () => {
    expect(r('cpus:1;mem:512;cpus(role1):100;ports:[1-2];mem(x):0').toFlat()).toEqual({
      cpus: 1,
      'cpus(role1)': 100,
      mem: 512,
      ports: '[1-2]',
    });
  });

  it('gives a learner Mesos JSON, and reads it back', () => {
    const res = r('cpus:1;cpus(role1):2;ports:[1-2];disks:{a}');
    const json = res.toJson('role1');
    expect(json[0]).toEqual({
      name: 'cpus',
      type: 'SCALAR',
      scalar: { value: 1 },
      allocation_info: { role: 'role1' },
    });
    expect(json[1]).toMatchObject({ name: 'cpus', role: 'role1', scalar: { value: 2 } });
    expect(Resources.fromJson(json).equals(res)).toBe(true);
  });
});

describe('parse errors name the position and what was expected', () => {
  // Positions are zero-based character offsets; the message counts from 1.
  it.each([
    ['cpus:', 5, /a number, \[ranges\] or \{set\}/],
    ['cpus:abc', 5, /a number, \[ranges\] or \{set\}/],
    ['cpus(:1', 5, /a role name/],
    ['ports:[5-3]', 7, /start is not above its end/],
    ['mem:1;;', 6, /a resource name/],
    ['cpus:1 mem:2', 7, /';' between resources/],
    ['ports:[1-2', 10, /',' or ']'/],
    ['disks:{a,', 9, /a set item/],
    ['cpus(r1:1', 7, /'\)' after the role/],
    ['ports:[1.5-3]', 7, /integer range bounds/],
    [':1', 0, /a resource name/],
    ['cpus:-1', 5, /a number/],
  ])('%j fails at offset %i', (text, position, expected) => {
    const e = parseErrorOf(() => r(text));
    expect(e.position).toBe(position);
    expect(e.expected).toMatch(expected);
    expect(e.text).toBe(text);
    expect(e.message).toContain(`at position ${position + 1} of "${text}"`);
  });
});

describe('fixed-point arithmetic', () => {
  it('0.1 + 0.2 is 0.3, as in Mesos', () => {
    const sum = r('cpus:0.1').plus(r('cpus:0.2'));
    expect(sum.scalar('cpus')).toBe(0.3);
    expect(sum.equals(r('cpus:0.3'))).toBe(true);
    expect(fixed(0.1 + 0.2)).toBe(0.3);
  });

  it('subtracting to zero leaves nothing behind', () => {
    expect(r('cpus:0.3').minus(r('cpus:0.1')).minus(r('cpus:0.2')).isEmpty()).toBe(true);
  });

  it('ten times 0.1 fits exactly in 1', () => {
    let sum = Resources.EMPTY;
    for (let i = 0; i < 10; i++) sum = sum.plus(r('cpus:0.1'));
    expect(r('cpus:1').contains(sum)).toBe(true);
    expect(sum.contains(r('cpus:1'))).toBe(true);
  });
});

describe('plus, minus and contains respect reservations', () => {
  const agent = r('cpus:4;cpus(role1):2;mem:1024;ports:[31000-32000]');

  it('contains looks in the same (name, role) slot only', () => {
    expect(agent.contains(r('cpus(role1):2'))).toBe(true);
    // Unreserved cpus do not stand in for a reservation, nor a reservation for unreserved cpus.
    expect(agent.contains(r('cpus(role1):3'))).toBe(false);
    expect(agent.contains(r('cpus:5'))).toBe(false);
    expect(agent.contains(r('cpus(role2):1'))).toBe(false);
    expect(agent.contains(r('ports:[31000-31005]'))).toBe(true);
    expect(agent.contains(r('ports:[31999-32001]'))).toBe(false);
    expect(agent.contains(Resources.EMPTY)).toBe(true);
  });

  it('minus takes from the same slot and splits ranges', () => {
    expect(agent.minus(r('cpus(role1):1;cpus:4;ports:[31100-31199]')).toString()).toBe(
      'cpus(role1):1;mem:1024;ports:[31000-31099,31200-32000]',
    );
    // Taking a reservation that is not there leaves the unreserved amount alone.
    expect(agent.minus(r('cpus(role2):1')).equals(agent)).toBe(true);
  });

  it('plus keeps reservations apart', () => {
    const sum = r('cpus:1').plus(r('cpus(role1):1'));
    expect(sum.size).toBe(2);
    expect(sum.scalar('cpus')).toBe(2);
  });
});

describe('allocatableTo: what a role may be offered', () => {
  const agent = r('cpus:4;cpus(eng):2;cpus(eng/web):1;cpus(ops):3;mem:100');

  it('gives a role the unreserved part and reservations of the role and its ancestors', () => {
    // eng/web may use eng's reservation (an ancestor), not ops's.
    expect(agent.allocatableTo('eng/web').toString()).toBe('cpus:4;cpus(eng):2;cpus(eng/web):1;mem:100');
    expect(agent.allocatableTo('eng/web/api').toString()).toBe('cpus:4;cpus(eng):2;cpus(eng/web):1;mem:100');
  });

  it("does not give a parent its children's reservations", () => {
    expect(agent.allocatableTo('eng').toString()).toBe('cpus:4;cpus(eng):2;mem:100');
  });

  it('gives "*" only unreserved resources', () => {
    expect(agent.allocatableTo('*').toString()).toBe('cpus:4;mem:100');
  });

  it('does not mistake a name prefix for an ancestor', () => {
    expect(r('cpus(eng):1').allocatableTo('engine').isEmpty()).toBe(true);
  });
});

describe('shrink, quantities and the quantity parsers', () => {
  const res = r('cpus:4;cpus(eng):2;mem:100;ports:[1-10]');

  it('shrink keeps at most the target of each listed scalar and drops names not listed', () => {
    // Visited in canonical order: the unreserved 4 cpus first, then 1 of eng's 2.
    expect(res.shrink({ cpus: 5 }).toString()).toBe('cpus:4;cpus(eng):1');
    expect(res.shrink({ cpus: 0, mem: 50 }).toString()).toBe('mem:50');
  });

  it('shrink with keepUnlisted (shrinkLimits) keeps scalar names without a limit', () => {
    expect(res.shrink({ cpus: 1 }, true).toString()).toBe('cpus:1;mem:100');
  });

  it('quantities fold reservations in; countedQuantities count range and set elements', () => {
    expect(res.quantities()).toEqual({ cpus: 6, mem: 100 });
    expect(res.countedQuantities()).toEqual({ cpus: 6, mem: 100, ports: 10 });
  });

  it('parseQuantities keeps zero amounts: a limit of cpus:0 means none', () => {
    expect(parseQuantities('cpus:0;mem:10')).toEqual({ cpus: 0, mem: 10 });
    expect(parseQuantities('cpus:0.1;cpus:0.2')).toEqual({ cpus: 0.3 });
  });

  it('parseQuantities refuses ranges and reservations, naming the position', () => {
    const ranges = parseErrorOf(() => parseQuantities('cpus:1;ports:[1-2]'));
    expect(ranges.position).toBe(7);
    expect(ranges.expected).toMatch(/scalar quantity for "ports"/);
    const role = parseErrorOf(() => parseQuantities('cpus(r):2'));
    expect(role.position).toBe(4);
    expect(role.expected).toMatch(/without a role/);
  });

  it('parseMinAllocatable reads "|" alternatives, counting ranges by elements', () => {
    expect(parseMinAllocatable('cpus:0.01|mem:32')).toEqual([{ cpus: 0.01 }, { mem: 32 }]);
    expect(parseMinAllocatable('cpus:1;ports:[1-10]')).toEqual([{ cpus: 1, ports: 10 }]);
    expect(parseMinAllocatable('')).toEqual([]);
  });

  it('parseMinAllocatable positions count across the alternatives', () => {
    const e = parseErrorOf(() => parseMinAllocatable('cpus:1|mem:x'));
    // "mem:x" starts at offset 7; the bad value at 7 + 4.
    expect(e.position).toBe(11);
    expect(e.text).toBe('cpus:1|mem:x');
  });
});

describe('dynamic reservations and persistent volumes', () => {
  const dynamicCpus = { name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, role: 'db', reservation: {} };
  const volume = {
    name: 'disk',
    type: 'SCALAR',
    scalar: { value: 512 },
    role: 'db',
    reservation: {},
    disk: { persistence: { id: 'pg' }, volume: { container_path: 'pgdata', mode: 'RW' } },
  };

  it('a dynamic reservation is kept apart from a static one of the same role (Mesos compares whole Resources)', () => {
    const both = Resources.fromJson([dynamicCpus]).plus(r('cpus(db):2'));
    expect(both.toString()).toBe('cpus(db):2;cpus(db,dynamic):1');
    expect(both.contains(r('cpus(db):3'))).toBe(false);
    expect(both.minus(r('cpus(db):2')).toFlat()).toEqual({ 'cpus(db,dynamic)': 1 });
    expect(both.toUnreserved().toString()).toBe('cpus:3');
  });

  it('a volume is used whole, never in part, and strips back to the reserved disk it was made of', () => {
    const v = Resources.fromJson([volume]);
    expect(v.toFlat()).toEqual({ 'disk(db,dynamic)[pg:pgdata]': 512 });
    expect(v.contains(v)).toBe(true);
    const half = Resources.fromJson([{ ...volume, scalar: { value: 256 } }]);
    expect(v.contains(half)).toBe(false);
    expect(v.withoutVolumes().toFlat()).toEqual({ 'disk(db,dynamic)': 512 });
    expect(v.plus(r('disk:100')).volumes().equals(v)).toBe(true);
  });

  it('JSON and the flat form round-trip reservations and volumes', () => {
    const res = Resources.fromJson([dynamicCpus, volume]).plus(r('mem:64;cpus(eng):1'));
    expect(Resources.fromJson(res.toJson()).equals(res)).toBe(true);
    expect(Resources.fromFlat(res.toFlat()).equals(res)).toBe(true);
    expect(res.toJson().find((j) => j.disk)?.disk?.persistence?.id).toBe('pg');
  });

  it('refuses a dynamic reservation to "*", a volume of unreserved disk or of another resource', () => {
    expect(() => Resources.fromJson([{ ...dynamicCpus, role: '*' }])).toThrow(/needs a role/);
    expect(() => Resources.fromJson([{ ...volume, role: undefined, reservation: undefined }])).toThrow(
      /cannot be created from unreserved resources/,
    );
    expect(() => Resources.fromJson([{ ...volume, name: 'mem' }])).toThrow(/only disk can hold/);
    expect(() =>
      Resources.fromJson([
        { ...volume, disk: { persistence: { id: 'a b' }, volume: { container_path: 'x' } } },
      ]),
    ).toThrow(/persistence.id/);
  });
});

// ---------------------------------------------------------------- properties

const ROLES = [undefined, 'r1', 'eng', 'eng/web'] as const;
const SET_ITEMS = ['a', 'b', 'c', 'd', 'e'] as const;

/** A scalar on the fixed-point grid (thousandths), so that generated values are exactly representable. */
const amount = fc.integer({ min: 1, max: 20_000_000 }).map((n) => n / 1000);

const scalarEntry = fc
  .record({
    name: fc.constantFrom('cpus', 'mem', 'disk', 'gpus', 'licenses'),
    role: fc.constantFrom(...ROLES),
    v: amount,
  })
  .map(({ name, role, v }): Resource => ({ name, role, type: 'SCALAR', scalar: v, ranges: [], items: [] }));

const rangeEntry = fc
  .record({
    role: fc.constantFrom(...ROLES),
    ranges: fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 40 }))
        .map(([b, w]) => [b, b + w] as const),
      { minLength: 1, maxLength: 4 },
    ),
  })
  // A Resource's ranges are normalised by contract (sorted, disjoint, non-adjacent).
  .map(({ role, ranges }): Resource => ({
    name: 'ports',
    role,
    type: 'RANGES',
    scalar: 0,
    ranges: normalizeRanges(ranges),
    items: [],
  }));

const setEntry = fc
  .record({ role: fc.constantFrom(...ROLES), items: fc.subarray([...SET_ITEMS], { minLength: 1 }) })
  .map(({ role, items }): Resource => ({ name: 'disks', role, type: 'SET', scalar: 0, ranges: [], items }));

const anyResources = fc
  .array(fc.oneof(scalarEntry, rangeEntry, setEntry), { maxLength: 8 })
  .map((entries) => Resources.of(entries));
const scalarResources = fc.array(scalarEntry, { maxLength: 8 }).map((e) => Resources.of(e));

/**
 * Two bags whose ranges and sets are disjoint: ranges and sets add as unions, so (a + b) − b gives back a
 * only when b shares no port or set item with a (as with Mesos's Value::Ranges).
 */
const disjointPair = fc.tuple(scalarResources, scalarResources, anyResources).map(([sa, sb, mixed]) => {
  const a: Resource[] = [...sa.items];
  const b: Resource[] = [...sb.items];
  // Deal the non-scalar entries out: even ports and items a, b to a; odd ports and items c, d, e to b.
  for (const e of mixed.nonScalars().items) {
    if (e.type === 'RANGES') {
      const ports = e.ranges.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
      const side = (odd: number): Resource => ({
        ...e,
        ranges: normalizeRanges(ports.filter((p) => p % 2 === odd).map((p) => [p, p] as const)),
      });
      a.push(side(0));
      b.push(side(1));
    } else {
      a.push({ ...e, items: e.items.filter((i) => i < 'c') });
      b.push({ ...e, items: e.items.filter((i) => i >= 'c') });
    }
  }
  return [Resources.of(a), Resources.of(b)] as const;
});

const PROPERTY_RUNS = { numRuns: 300 };

describe('resource properties (fast-check, fixed seeds)', () => {
  it('minus on ranges removes exactly the taken ports (one-pass subtraction against element sets)', () => {
    const ports = fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 30 }))
        .map(([b, n]) => `${b}-${b + n}`),
      { minLength: 1, maxLength: 8 },
    );
    const elements = (res: Resources): Set<number> => {
      const out = new Set<number>();
      for (const item of res.items) for (const [b, e] of item.ranges) for (let p = b; p <= e; p++) out.add(p);
      return out;
    };
    fc.assert(
      fc.property(ports, ports, (from, take) => {
        const a = Resources.parse(`ports:[${from.join(',')}]`);
        const b = Resources.parse(`ports:[${take.join(',')}]`);
        const want = [...elements(a)].filter((p) => !elements(b).has(p));
        expect([...elements(a.minus(b))]).toEqual(want);
        // The result is normalised: sorted ranges with gaps between them.
        const ranges = a.minus(b).items[0]?.ranges ?? [];
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1] + 1);
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('(a + b) − b equals a', () => {
    fc.assert(
      fc.property(disjointPair, ([a, b]) => {
        const back = a.plus(b).minus(b);
        expect(back.equals(a)).toBe(true);
        expect(back.toString()).toBe(a.toString());
      }),
      { seed: 1, ...PROPERTY_RUNS },
    );
  });

  it('a + b contains a and b', () => {
    fc.assert(
      fc.property(anyResources, anyResources, (a, b) => {
        expect(a.plus(b).contains(a)).toBe(true);
        expect(a.plus(b).contains(b)).toBe(true);
      }),
      { seed: 2, ...PROPERTY_RUNS },
    );
  });

  it('contains is reflexive', () => {
    fc.assert(
      fc.property(anyResources, (a) => {
        expect(a.contains(a)).toBe(true);
        expect(a.equals(a)).toBe(true);
      }),
      { seed: 3, ...PROPERTY_RUNS },
    );
  });

  it('contains is transitive', () => {
    // Built chains c ⊆ b ⊆ a, and random triples, which rarely chain but must never break the rule.
    fc.assert(
      fc.property(anyResources, anyResources, anyResources, (x, y, z) => {
        const c = x;
        const b = c.plus(y);
        const a = b.plus(z);
        expect(a.contains(c)).toBe(true);
        if (x.contains(y) && y.contains(z)) expect(x.contains(z)).toBe(true);
        if (z.contains(y) && y.contains(x)) expect(z.contains(x)).toBe(true);
      }),
      { seed: 4, ...PROPERTY_RUNS },
    );
  });

  it('a − b is contained in a, and (a − b) + b contains a when b ⊆ a', () => {
    fc.assert(
      fc.property(anyResources, anyResources, (a, b) => {
        expect(a.contains(a.minus(b))).toBe(true);
        const part = a.minus(b);
        const taken = a.minus(part);
        expect(part.plus(taken).equals(a)).toBe(true);
      }),
      { seed: 5, ...PROPERTY_RUNS },
    );
  });

  it('print → parse round-trips', () => {
    fc.assert(
      fc.property(anyResources, (a) => {
        const text = a.toString();
        const back = Resources.parse(text);
        expect(back.equals(a)).toBe(true);
        expect(back.toString()).toBe(text);
      }),
      { seed: 6, ...PROPERTY_RUNS },
    );
  });

  it('JSON → fromJson round-trips', () => {
    fc.assert(
      fc.property(anyResources, (a) => {
        expect(Resources.fromJson(a.toJson()).toString()).toBe(a.toString());
      }),
      { seed: 7, ...PROPERTY_RUNS },
    );
  });
});
