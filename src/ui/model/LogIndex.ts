/**
 * The event log's index: the positions in the trace of the events that pass the log's filters, kept up to
 * date as the trace grows (only new events are looked at) and rebuilt when the filters change or a new run
 * starts. The log draws only the rows in view from it, so it can keep a whole run of any length.
 */
import type { TraceEvent } from '../../cluster/trace';

export type LogFilter = (e: TraceEvent) => boolean;

export class LogIndex {
  /** Trace positions of matching events, in trace order. */
  #matches: number[] = [];
  #scanned = 0;
  #key: string | null = null;
  #trace: readonly TraceEvent[] | null = null;

  /**
   * Brings the index up to date with `trace` under the filter named `key` (any change of key rebuilds it;
   * `null` as the filter means every event).
   */
  update(trace: readonly TraceEvent[], key: string, filter: LogFilter | null): void {
    if (key !== this.#key || trace !== this.#trace || trace.length < this.#scanned) {
      this.#key = key;
      this.#trace = trace;
      this.#matches = [];
      this.#scanned = 0;
    }
    if (filter === null) {
      this.#matches = [];
      this.#scanned = trace.length;
      return;
    }
    for (let i = this.#scanned; i < trace.length; i++) if (filter(trace[i]!)) this.#matches.push(i);
    this.#scanned = trace.length;
  }

  /** How many matching events there are among the first `shown` events of the trace. */
  count(shown: number, all: boolean): number {
    if (all) return Math.min(shown, this.#scanned);
    let lo = 0;
    let hi = this.#matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#matches[mid]! < shown) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The trace position of the `row`-th entry, newest first, among the first `shown` events (row 0 is the
   * newest). `all`: no filter, every event is an entry.
   */
  at(row: number, shown: number, all: boolean): number {
    const n = this.count(shown, all);
    const k = n - 1 - row;
    return all ? k : this.#matches[k]!;
  }

  /** The row (newest first) of trace position `index`, or -1 when it is not an entry. */
  rowOf(index: number, shown: number, all: boolean): number {
    const n = this.count(shown, all);
    if (all) return index < n ? n - 1 - index : -1;
    const k = this.count(index, false);
    return this.#matches[k] === index && k < n ? n - 1 - k : -1;
  }
}
