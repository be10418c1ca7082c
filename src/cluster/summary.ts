/**
 * The summary `npm run sim` prints (CONTRACTS.md §4), computed from the trace alone: per framework the
 * offers it received and declined, the tasks it launched and how they ended, and the dominant share of
 * what its live tasks hold at the end; and the cluster's utilisation.
 */
import { dominantShare } from './allocator/HierarchicalAllocator';
import { addQuantities, type Quantities } from './resources';
import { isTerminal, type TaskState } from './scheduler/api';
import type { TraceEvent } from './trace';
import { FrameworkLedger } from './trace/FrameworkLedger';
import { flatQuantities } from './trace/flatQuantities';

export interface FrameworkSummary {
  offers: number;
  declined: number;
  launched: number;
  /** Tasks by their last known state (TASK_ERROR tasks included, though never launched). */
  states: Partial<Record<TaskState, number>>;
  running: number;
  /** Dominant share of the resources held by its non-terminal tasks at the end. */
  dominantShare: number;
}

export interface Summary {
  scenario: string;
  seed: number;
  until: number;
  events: number;
  frameworks: Record<string, FrameworkSummary>;
  cluster: { agents: number; total: Quantities; used: Quantities; utilisation: Quantities };
}

export function summarize(
  trace: readonly TraceEvent[],
  meta: { scenario: string; seed: number; until: number },
): Summary {
  const ledger = new FrameworkLedger().addAll(trace);
  const agents = new Map<string, Quantities>();
  for (const e of trace)
    if (e.type === 'agent-added') agents.set(e.agent, flatQuantities(e.resources));
    else if (e.type === 'agent-removed') agents.delete(e.agent);
  const total: Quantities = {};
  for (const q of agents.values()) addQuantities(total, q);

  // What each framework's live tasks hold: the latest run of every task id, unless it ended, is
  // unreachable, or its agent is gone.
  const used: Quantities = {};
  const held = new Map<string, Quantities>();
  for (const run of ledger.latestRuns()) {
    if (isTerminal(run.state) || run.state === 'TASK_UNREACHABLE' || !agents.has(run.agent)) continue;
    held.set(run.framework, addQuantities(held.get(run.framework) ?? {}, run.resources));
    addQuantities(used, run.resources);
  }
  const frameworks: Record<string, FrameworkSummary> = {};
  for (const id of ledger.frameworks()) {
    const s = ledger.stats(id);
    frameworks[id] = {
      offers: s.offers,
      declined: s.declined,
      launched: s.launched,
      states: s.states,
      running: s.states.TASK_RUNNING ?? 0,
      dominantShare: dominantShare(held.get(id) ?? {}, total),
    };
  }
  const utilisation: Quantities = {};
  for (const k in total)
    utilisation[k] = total[k]! > 0 ? Math.round(((used[k] ?? 0) / total[k]!) * 10000) / 10000 : 0;
  return {
    ...meta,
    events: trace.length,
    frameworks,
    cluster: { agents: agents.size, total, used, utilisation },
  };
}
