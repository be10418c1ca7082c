/**
 * Helpers that lessons' checks share. Each reads the trace (CONTRACTS.md §3) and nothing else: what tasks
 * ran and how they ended, what happened to every offer, what the learner's scheduler logged, and the
 * dominant shares the allocator reported. All are pure functions.
 */
import type { TaskState } from '../cluster/scheduler/api';
import { dominantShare } from '../cluster/allocator/HierarchicalAllocator';
import { addQuantities, fixed, type FlatResources, type Quantities } from '../cluster/resources';
import type { TraceEvent } from '../cluster/trace';
import { FrameworkLedger, type OfferRecord, type TaskRun } from '../cluster/trace/FrameworkLedger';
import { flatQuantities } from '../cluster/trace/flatQuantities';
import type { CheckResult } from './types';

// ------------------------------------------------------------------ results and formatting

export const pass = (detail: string, detail_zh: string): CheckResult => ({ passed: true, detail, detail_zh });
/** A failed check; `at` is the moment of the run the failure refers to, when there is one. */
export const fail = (detail: string, detail_zh: string, at?: number): CheckResult => ({
  passed: false,
  detail,
  detail_zh,
  ...(at !== undefined ? { at } : {}),
});

/** A virtual time as people read it: at most three decimals, no trailing zeros ("12.3", "0.004"). */
export const fmt = (t: number): string => String(Number(t.toFixed(3)));

/** Resources as "cpus:1, mem:1024". */
export const showResources = (r: FlatResources | Quantities): string =>
  Object.entries(r)
    .map(([k, v]) => `${k}:${v}`)
    .join(', ') || '(nothing)';

/** A list for a detail message, shortened after `max` items. */
export function list(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} … (${items.length} in all)`;
}

// ------------------------------------------------------------------ resources

/** True when `a` holds at least `b` of every resource. */
export const fits = (b: Quantities, a: Quantities): boolean =>
  Object.entries(b).every(([k, v]) => (a[k] ?? 0) + 1e-9 >= v);

/** a − b by name, in fixed point; unlike the allocator's subtraction, zero and negative amounts are kept. */
export function minus(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = fixed((out[k] ?? 0) - v);
  return out;
}

/** a + b by name, in fixed point; neither is changed. */
export const plus = (a: Quantities, b: Quantities): Quantities => addQuantities({ ...a }, b);

// ------------------------------------------------------------------ tasks

export type { OfferRecord, StateChange, TaskRun } from '../cluster/trace/FrameworkLedger';

/** Every task run in the trace (of one framework, if given), in the order of launch. */
export const taskRuns = (trace: readonly TraceEvent[], framework?: string): TaskRun[] =>
  new FrameworkLedger(framework).addAll(trace).runs;

/** Runs that hold resources at time `t`: launched at or before it and not yet ended. */
export const liveAt = (runs: readonly TaskRun[], t: number): TaskRun[] =>
  runs.filter((r) => r.launchedAt !== null && r.launchedAt <= t && (r.endedAt === null || r.endedAt > t));

/** The first time a run reached `state`, or null. */
export const reached = (run: TaskRun, state: TaskState): number | null =>
  run.states.find((s) => s.state === state)?.t ?? null;

/** The work item a task id stands for, by the convention of lessons: "w3.2" is attempt 2 of "w3". */
export const itemOf = (taskId: string): string => taskId.split('.')[0]!;

/** Task runs grouped by work item, each group in launch order. */
export function byItem(runs: readonly TaskRun[]): Map<string, TaskRun[]> {
  const m = new Map<string, TaskRun[]>();
  for (const r of runs) {
    const k = itemOf(r.id);
    let g = m.get(k);
    if (!g) m.set(k, (g = []));
    g.push(r);
  }
  return m;
}

/** The first TASK_ERROR of a framework, explained. */
export function firstTaskError(
  runs: readonly TaskRun[],
): { t: number; task: string; message: string } | null {
  for (const r of runs)
    for (const s of r.states)
      if (s.state === 'TASK_ERROR') return { t: s.t, task: r.id, message: s.message ?? '' };
  return null;
}

// ------------------------------------------------------------------ offers

/** Every offer made (to one framework, if given), in the order made, with what became of it. */
export const offerRecords = (trace: readonly TraceEvent[], framework?: string): OfferRecord[] =>
  new FrameworkLedger(framework).addAll(trace).offers;

/**
 * How the framework answered offers: every decline, and every launch with what it left of its offers (the
 * unused part, which the master declines with the launch's filter), in order. `unused` is empty when a
 * launch used its offers whole.
 */
export interface Answer {
  t: number;
  kind: 'decline' | 'launch';
  offers: string[];
  agent: string;
  refuseSeconds: number;
  unused: Quantities;
}

export function answersOf(trace: readonly TraceEvent[], framework: string): Answer[] {
  const offered = new Map<string, { agent: string; resources: Quantities }>();
  const taskResources = new Map<string, Quantities>();
  const out: Answer[] = [];
  for (const e of trace) {
    if (!('framework' in e) || e.framework !== framework) continue;
    if (e.type === 'offer') offered.set(e.offer, { agent: e.agent, resources: flatQuantities(e.resources) });
    else if (e.type === 'launch') taskResources.set(e.task, flatQuantities(e.resources));
    else if (e.type === 'decline') {
      const o = offered.get(e.offer);
      out.push({
        t: e.t,
        kind: 'decline',
        offers: [e.offer],
        agent: o?.agent ?? '',
        refuseSeconds: e.refuseSeconds,
        unused: o?.resources ?? {},
      });
    } else if (e.type === 'accept') {
      let unused: Quantities = {};
      for (const id of e.offers) unused = plus(unused, offered.get(id)?.resources ?? {});
      for (const task of e.tasks) unused = minus(unused, taskResources.get(task) ?? {});
      const left = Object.fromEntries(Object.entries(unused).filter(([, v]) => v > 1e-9));
      out.push({
        t: e.t,
        kind: 'launch',
        offers: e.offers,
        agent: e.agent,
        refuseSeconds: e.refuseSeconds,
        unused: left,
      });
    }
  }
  return out;
}

/**
 * The first offer the framework kept longer than `seconds` without accepting or declining it (an offer
 * still outstanding at the end counts from when it was made to `until`). Null when it answered every offer.
 */
export function firstHeldOffer(
  offers: readonly OfferRecord[],
  seconds: number,
  until: number,
): { offer: OfferRecord; held: number } | null {
  for (const o of offers) {
    if (o.outcome === 'rescinded') continue; // The master took it back (failover, agent loss): not hoarding.
    const end = o.closedAt ?? until;
    if (end - o.at > seconds + 1e-9 && (o.closedAt !== null || until - o.at > seconds))
      return { offer: o, held: end - o.at };
  }
  return null;
}

// ------------------------------------------------------------------ the framework's own voice, and the cluster

/**
 * A framework message between a scheduler and one of its executors (MESOS.md §2.1 MESSAGE), as the trace
 * records it: `{type: "message", framework, agent, executor, from: "executor" | "scheduler", data}`.
 */
export interface FrameworkMessage {
  t: number;
  framework: string;
  agent: string;
  executor: string;
  from: 'executor' | 'scheduler';
  data: string;
}

export function messagesOf(trace: readonly TraceEvent[], framework: string): FrameworkMessage[] {
  const out: FrameworkMessage[] = [];
  for (const e of trace) {
    const m = e as unknown as Partial<FrameworkMessage> & { type: string };
    if (m.type !== 'message' || m.framework !== framework) continue;
    out.push({
      t: e.t,
      framework,
      agent: String(m.agent ?? ''),
      executor: String(m.executor ?? ''),
      from: m.from === 'scheduler' ? 'scheduler' : 'executor',
      data: String(m.data ?? ''),
    });
  }
  return out;
}

export interface LogLine {
  t: number;
  level: string;
  text: string;
  /** The scheduler callback that logged it ("registered", "agentLost", …), when the trace says. */
  callback?: string;
}

export const logsOf = (trace: readonly TraceEvent[], framework: string): LogLine[] =>
  trace.flatMap((e) =>
    e.type === 'log' && e.framework === framework
      ? [
          {
            t: e.t,
            level: e.level,
            text: e.text,
            ...(e.callback !== undefined ? { callback: e.callback } : {}),
          },
        ]
      : [],
  );

/** Exceptions the learner's callbacks threw (and callbacks that ran out of time), in order. */
export const errorsOf = (
  trace: readonly TraceEvent[],
  framework: string,
): { t: number; message: string; callback?: string; line?: number }[] =>
  trace.flatMap((e) =>
    e.type === 'error' && e.framework === framework
      ? [
          {
            t: e.t,
            message: e.message,
            ...(e.callback !== undefined ? { callback: e.callback } : {}),
            ...(e.line !== undefined ? { line: e.line } : {}),
          },
        ]
      : [],
  );

/** Agent attributes as the master announced them when each agent joined. */
export function agentAttributes(trace: readonly TraceEvent[]): Map<string, Record<string, string | number>> {
  const m = new Map<string, Record<string, string | number>>();
  for (const e of trace) if (e.type === 'agent-added') m.set(e.agent, e.attributes ?? {});
  return m;
}

/** When the framework first appeared (framework-added). */
export const addedAt = (trace: readonly TraceEvent[], framework: string): number | null =>
  trace.find((e) => e.type === 'framework-added' && e.framework === framework)?.t ?? null;

/** The time of the last event in the trace (the run stops at the scenario's `until`). */
export const lastTime = (trace: readonly TraceEvent[]): number => trace[trace.length - 1]?.t ?? 0;

/** Events of one type, typed. */
export function eventsOf<T extends TraceEvent['type']>(
  trace: readonly TraceEvent[],
  type: T,
): Extract<TraceEvent, { type: T }>[] {
  return trace.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

// ------------------------------------------------------------------ shares and fairness

/** The cluster's total scalar resources at time `t`, from agents added and removed. */
export function clusterTotal(trace: readonly TraceEvent[], t = Infinity): Quantities {
  const agents = new Map<string, Quantities>();
  for (const e of trace) {
    if (e.t > t) break;
    if (e.type === 'agent-added') agents.set(e.agent, flatQuantities(e.resources));
    else if (e.type === 'agent-removed') agents.delete(e.agent);
  }
  let total: Quantities = {};
  for (const q of agents.values()) total = plus(total, q);
  return total;
}

/** DRF's dominant share: the largest fraction of any resource in the cluster total (the allocator's own). */
export { dominantShare };

/** What each framework's live tasks hold at time `t`. */
export function heldAt(runs: readonly TaskRun[], t: number): Map<string, Quantities> {
  const m = new Map<string, Quantities>();
  for (const r of liveAt(runs, t)) m.set(r.framework, plus(m.get(r.framework) ?? {}, r.resources));
  return m;
}

/** Dominant shares of what each framework's tasks hold at `t` (offers not counted). */
export function taskSharesAt(
  trace: readonly TraceEvent[],
  runs: readonly TaskRun[],
  t: number,
  frameworks: readonly string[],
): Record<string, number> {
  const total = clusterTotal(trace, t);
  const held = heldAt(runs, t);
  return Object.fromEntries(frameworks.map((f) => [f, dominantShare(held.get(f) ?? {}, total)]));
}

/** The allocator's own view after each allocation run: dominant shares (offers included) by role and framework. */
export const allocationsOf = (trace: readonly TraceEvent[]): Extract<TraceEvent, { type: 'allocation' }>[] =>
  eventsOf(trace, 'allocation');

/** Jain's fairness index of some non-negative values: 1 when all equal, 1/n when one has everything. */
export function jain(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 1;
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 1 : (sum * sum) / (n * squares);
}
