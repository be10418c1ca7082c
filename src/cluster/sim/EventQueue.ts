/**
 * A binary min-heap of simulation events ordered by (time, phase, sequence). The sequence number makes
 * the order total, so that two events at the same instant never depend on timing or on the host.
 */
import type { Micros } from '../time';

export interface Queued {
  time: Micros;
  phase: number;
  seq: number;
}

const before = (a: Queued, b: Queued): boolean =>
  a.time !== b.time ? a.time < b.time : a.phase !== b.phase ? a.phase < b.phase : a.seq < b.seq;

export class EventQueue<T extends Queued> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(item, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = item;
  }

  pop(): T | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}
