import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { DrfSorter } from './DrfSorter';
import { RandomSorter } from './RandomSorter';

// Mesos's RandomSorter (sorter/random/sorter.cpp) and its tests in sorter_tests.cpp: the order ignores
// allocations and is drawn with each client's relative weight.

/** How often each client comes first in `draws` sorts. */
function firstPlaces(sorter: RandomSorter, draws: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < draws; i++) {
    const first = sorter.sort()[0]!;
    out[first] = (out[first] ?? 0) + 1;
  }
  return out;
}

describe('RandomSorter', () => {
  it('sorts every active client exactly once, and leaves inactive ones out', () => {
    const sorter = new RandomSorter(new Rng(1, 'test'));
    for (const c of ['a', 'b', 'c', 'd/x', 'd/y']) sorter.add(c);
    sorter.deactivate('c');
    for (let i = 0; i < 20; i++) expect([...sorter.sort()].sort()).toEqual(['a', 'b', 'd/x', 'd/y']);
    sorter.activate('c');
    expect([...sorter.sort()].sort()).toEqual(['a', 'b', 'c', 'd/x', 'd/y']);
  });

  it('draws from its seeded generator: the same seed gives the same orders, another seed others', () => {
    const orders = (seed: number): string[][] => {
      const sorter = new RandomSorter(new Rng(seed, 'test'));
      for (let i = 0; i < 8; i++) sorter.add(`f${i}`);
      return Array.from({ length: 10 }, () => sorter.sort());
    };
    expect(orders(3)).toEqual(orders(3));
    expect(orders(3)).not.toEqual(orders(4));
  });

  it('ignores allocations: a client holding everything still comes first about as often as the others', () => {
    const sorter = new RandomSorter(new Rng(7, 'test'));
    sorter.addTotal({ cpus: 100 });
    for (const c of ['a', 'b']) sorter.add(c);
    sorter.allocated('a', 'agent1', { cpus: 100 });
    // shares: a = 1, b = 0; DRF would always serve b first.
    const firsts = firstPlaces(sorter, 4000);
    expect(firsts.a! / 4000).toBeGreaterThan(0.45);
    expect(firsts.a! / 4000).toBeLessThan(0.55);
  });

  it('puts a client first in proportion to its weight (weights 3 and 1: about 3/4 and 1/4)', () => {
    const sorter = new RandomSorter(new Rng(11, 'test'));
    for (const c of ['heavy', 'light']) sorter.add(c);
    sorter.updateWeight('heavy', 3);
    const firsts = firstPlaces(sorter, 8000);
    expect(firsts.heavy! / 8000).toBeGreaterThan(0.72);
    expect(firsts.heavy! / 8000).toBeLessThan(0.78);
  });

  it('weighs a subtree as one sibling: with a/x, a/y and b, b comes first about half the time', () => {
    // Relative weights (SortInfo::updateRelativeWeights): a = 1/2 split into a/x = a/y = 1/4, b = 1/2.
    const sorter = new RandomSorter(new Rng(5, 'test'));
    for (const c of ['a/x', 'a/y', 'b']) sorter.add(c);
    const firsts = firstPlaces(sorter, 8000);
    expect(firsts.b! / 8000).toBeGreaterThan(0.47);
    expect(firsts.b! / 8000).toBeLessThan(0.53);
    expect(firsts['a/x']! / 8000).toBeGreaterThan(0.22);
    expect(firsts['a/x']! / 8000).toBeLessThan(0.28);
  });

  it('leaves a subtree without active clients out of the weights', () => {
    // a/x is suppressed, so a has no active leaf: b takes all of the weight.
    const sorter = new RandomSorter(new Rng(9, 'test'));
    for (const c of ['a/x', 'b']) sorter.add(c);
    sorter.deactivate('a/x');
    expect(firstPlaces(sorter, 50)).toEqual({ b: 50 });
  });

  it('keeps the same allocations, totals, counts and shares as the DRF sorter', () => {
    const random = new RandomSorter(new Rng(2, 'test'));
    const drf = new DrfSorter();
    for (const s of [random, drf]) {
      s.addTotal({ cpus: 10, mem: 100 });
      s.add('a');
      s.add('b');
      s.allocated('a', 'agent1', { cpus: 2, mem: 10 });
      s.allocated('a', 'agent2', { cpus: 1 });
      s.allocated('b', 'agent1', { mem: 50 });
      s.unallocated('a', 'agent2', { cpus: 1 });
    }
    for (const c of ['a', 'b']) {
      expect(random.allocation(c)).toEqual(drf.allocation(c));
      expect(random.allocationOnAgent(c, 'agent1')).toEqual(drf.allocationOnAgent(c, 'agent1'));
      expect(random.share(c)).toBe(drf.share(c));
      expect(random.count(c)).toBe(drf.count(c));
    }
    expect(random.total()).toEqual(drf.total());
  });

  it('walks one drawn order to the end even when the callback allocates', () => {
    const sorter = new RandomSorter(new Rng(13, 'test'));
    sorter.addTotal({ cpus: 10 });
    for (let i = 0; i < 6; i++) sorter.add(`f${i}`);
    const visited: string[] = [];
    sorter.forEachInOrder((c) => {
      visited.push(c);
      sorter.allocated(c, 'agent1', { cpus: 1 });
    });
    expect([...visited].sort()).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
    // What the walk followed is what the "why this offer" view shows, without a new draw.
    expect(sorter.currentOrder()).toEqual(visited);
  });
});
