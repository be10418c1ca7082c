/**
 * The summary `npm run sim` prints (CONTRACTS.md §4), computed from the trace alone: per framework the
 * offers it received and declined, the tasks it launched and how they ended, and the dominant share of
 * what its live tasks hold at the end; and the cluster's utilisation.
 */
import { dominantShare } from './allocator/HierarchicalAllocator';
import type { Quantities } from './resources';
import { isTerminal, type TaskState } from './scheduler/api';
import type { TraceEvent } from './trace';

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

const scalarsOf = (flat: Record<string, number | string>): Quantities => {
  const q: Quantities = {};
  for (const [k, v] of Object.entries(flat)) {
    if (typeof v !== 'number') continue;
    const name = k.replace(/\(.*\)$/, '');
    q[name] = Math.round(((q[name] ?? 0) + v) * 1000) / 1000;
  }
  return q;
};

export function summarize(
  trace: readonly TraceEvent[],
  meta: { scenario: string; seed: number; until: number },
): Summary {
  const frameworks: Record<string, FrameworkSummary> = {};
  const fw = (id: string): FrameworkSummary =>
    (frameworks[id] ??= { offers: 0, declined: 0, launched: 0, states: {}, running: 0, dominantShare: 0 });
  const agents = new Map<string, Quantities>();
  const tasks = new Map<
    string,
    { framework: string; state: TaskState; resources: Quantities; agent: string }
  >();
  for (const e of trace) {
    switch (e.type) {
      case 'framework-added':
        fw(e.framework);
        break;
      case 'agent-added':
        agents.set(e.agent, scalarsOf(e.resources));
        break;
      case 'agent-removed':
        agents.delete(e.agent);
        break;
      case 'offer':
        fw(e.framework).offers++;
        break;
      case 'decline':
        fw(e.framework).declined++;
        break;
      case 'launch':
        fw(e.framework).launched++;
        tasks.set(`${e.framework}/${e.task}`, {
          framework: e.framework,
          state: 'TASK_STAGING',
          resources: scalarsOf(e.resources),
          agent: e.agent,
        });
        break;
      case 'status': {
        const k = `${e.framework}/${e.task}`;
        const t = tasks.get(k);
        if (t) t.state = e.state;
        else tasks.set(k, { framework: e.framework, state: e.state, resources: {}, agent: e.agent });
        break;
      }
    }
  }
  const total: Quantities = {};
  for (const q of agents.values())
    for (const k in q) total[k] = Math.round(((total[k] ?? 0) + q[k]!) * 1000) / 1000;
  const used: Quantities = {};
  const held = new Map<string, Quantities>();
  for (const t of tasks.values()) {
    const f = fw(t.framework);
    f.states[t.state] = (f.states[t.state] ?? 0) + 1;
    if (t.state === 'TASK_RUNNING') f.running++;
    if (isTerminal(t.state) || t.state === 'TASK_UNREACHABLE' || !agents.has(t.agent)) continue;
    const h = held.get(t.framework) ?? {};
    for (const k in t.resources) {
      h[k] = Math.round(((h[k] ?? 0) + t.resources[k]!) * 1000) / 1000;
      used[k] = Math.round(((used[k] ?? 0) + t.resources[k]!) * 1000) / 1000;
    }
    held.set(t.framework, h);
  }
  for (const [id, h] of held) fw(id).dominantShare = dominantShare(h, total);
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
