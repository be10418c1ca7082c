/**
 * Helpers that lessons' checks share. Each reads the trace (CONTRACTS.md §3) and nothing else: what tasks
 * ran and how they ended, what happened to every offer, what the learner's scheduler logged, and the
 * dominant shares the allocator reported. All are pure functions.
 */
import { isTerminal, type TaskState } from '../cluster/scheduler/api';
import type { FlatResources, Quantities } from '../cluster/resources';
import type { TraceEvent } from '../cluster/trace';
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

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Scalar quantities by name, reservations folded in ("cpus(prod)" counts as "cpus"). */
export function quantities(flat: FlatResources): Quantities {
  const q: Quantities = {};
  for (const [k, v] of Object.entries(flat)) {
    if (typeof v !== 'number') continue;
    const name = k.replace(/\(.*\)$/, '');
    q[name] = round3((q[name] ?? 0) + v);
  }
  return q;
}

/** True when `a` holds at least `b` of every resource. */
export const fits = (b: Quantities, a: Quantities): boolean =>
  Object.entries(b).every(([k, v]) => (a[k] ?? 0) + 1e-9 >= v);

export function minus(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = round3((out[k] ?? 0) - v);
  return out;
}

export function plus(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = round3((out[k] ?? 0) + v);
  return out;
}

/** Parses the resource text of a task ("cpus:1;mem:1024") into quantities; scalars only. */
export function parseDemand(text: string): Quantities {
  const q: Quantities = {};
  for (const part of text.split(';')) {
    const m = /^\s*([a-z_]+)(?:\([^)]*\))?\s*:\s*([\d.]+)\s*$/i.exec(part);
    if (m) q[m[1]!] = round3((q[m[1]!] ?? 0) + Number(m[2]));
  }
  return q;
}

// ------------------------------------------------------------------ tasks

export interface StateChange {
  t: number;
  state: TaskState;
  reason?: string;
  message?: string;
  source?: string;
}

/** One launch of a task (a task id can be launched again once its earlier run ended). */
export interface TaskRun {
  id: string;
  framework: string;
  agent: string;
  /** Null for a task the master rejected (TASK_ERROR) or lost before launching it. */
  launchedAt: number | null;
  resources: Quantities;
  role: string;
  offers: string[];
  /** The custom executor it ran in (launch.executor), absent for the command executor. */
  executor?: string;
  states: StateChange[];
  /** The last state, TASK_STAGING right after the launch. */
  state: TaskState;
  /** When it first reached TASK_RUNNING. */
  runningAt: number | null;
  /** When it reached a terminal state (TASK_LOST included), or TASK_UNREACHABLE. */
  endedAt: number | null;
  stdout: string;
  stderr: string;
}

/** The executor id a launch names, if the model records one (custom executors, lesson 10). */
function executorOf(e: TraceEvent): { executor?: string } {
  const x = (e as { executor?: unknown }).executor;
  return typeof x === 'string' ? { executor: x } : {};
}

const ended = (s: TaskState): boolean => isTerminal(s) || s === 'TASK_UNREACHABLE';

/** Every task run in the trace (of one framework, if given), in the order of launch. */
export function taskRuns(trace: readonly TraceEvent[], framework?: string): TaskRun[] {
  const runs: TaskRun[] = [];
  const latest = new Map<string, TaskRun>();
  const key = (fw: string, task: string): string => `${fw}\u0000${task}`;
  for (const e of trace) {
    if (e.type === 'launch') {
      if (framework !== undefined && e.framework !== framework) continue;
      const run: TaskRun = {
        id: e.task,
        framework: e.framework,
        agent: e.agent,
        launchedAt: e.t,
        resources: quantities(e.resources),
        role: e.role,
        offers: e.offers,
        ...executorOf(e),
        states: [{ t: e.t, state: 'TASK_STAGING' }],
        state: 'TASK_STAGING',
        runningAt: null,
        endedAt: null,
        stdout: '',
        stderr: '',
      };
      runs.push(run);
      latest.set(key(e.framework, e.task), run);
    } else if (e.type === 'status') {
      if (framework !== undefined && e.framework !== framework) continue;
      let run = latest.get(key(e.framework, e.task));
      // A lost or unreachable task can come back when its agent returns; any other ended run is over, and a
      // status for a task id with no live run belongs to a task that never launched (TASK_ERROR from the
      // master's validation, or a launch on an offer that was no longer valid).
      const comesBack =
        run !== undefined &&
        (run.state === 'TASK_LOST' || run.state === 'TASK_UNREACHABLE') &&
        e.state !== 'TASK_ERROR' &&
        e.reason !== 'REASON_INVALID_OFFERS';
      if (!run || (run.endedAt !== null && !comesBack)) {
        run = {
          id: e.task,
          framework: e.framework,
          agent: e.agent,
          launchedAt: null,
          resources: {},
          role: '',
          offers: [],
          states: [],
          state: e.state,
          runningAt: null,
          endedAt: null,
          stdout: '',
          stderr: '',
        };
        runs.push(run);
        latest.set(key(e.framework, e.task), run);
      }
      run.states.push({
        t: e.t,
        state: e.state,
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
        ...(e.message !== undefined ? { message: e.message } : {}),
        ...(e.source !== undefined ? { source: e.source } : {}),
      });
      run.state = e.state;
      if (e.state === 'TASK_RUNNING' && run.runningAt === null) run.runningAt = e.t;
      if (ended(e.state)) run.endedAt ??= e.t;
      else if (run.endedAt !== null) run.endedAt = null; // LOST or UNREACHABLE, then back (agent returned).
    } else if (e.type === 'output') {
      if (framework !== undefined && e.framework !== framework) continue;
      const run = latest.get(key(e.framework, e.task));
      if (run) run[e.stream] += e.text;
    }
  }
  return runs;
}

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

export interface OfferRecord {
  id: string;
  framework: string;
  agent: string;
  role: string;
  resources: Quantities;
  at: number;
  outcome: 'accepted' | 'declined' | 'rescinded' | 'outstanding';
  /** When the framework accepted or declined it, or the master rescinded it. */
  closedAt: number | null;
  refuseSeconds?: number;
  /** Tasks launched on it (for accepted offers). */
  tasks: string[];
}

/** Every offer made (to one framework, if given), in the order made, with what became of it. */
export function offerRecords(trace: readonly TraceEvent[], framework?: string): OfferRecord[] {
  const out: OfferRecord[] = [];
  const byId = new Map<string, OfferRecord>();
  for (const e of trace) {
    if (framework !== undefined && 'framework' in e && e.framework !== framework) continue;
    if (e.type === 'offer') {
      const o: OfferRecord = {
        id: e.offer,
        framework: e.framework,
        agent: e.agent,
        role: e.role,
        resources: quantities(e.resources),
        at: e.t,
        outcome: 'outstanding',
        closedAt: null,
        tasks: [],
      };
      out.push(o);
      byId.set(e.offer, o);
    } else if (e.type === 'decline' || e.type === 'rescind') {
      const o = byId.get(e.offer);
      if (o && o.outcome === 'outstanding') {
        o.outcome = e.type === 'decline' ? 'declined' : 'rescinded';
        o.closedAt = e.t;
        if (e.type === 'decline') o.refuseSeconds = e.refuseSeconds;
      }
    } else if (e.type === 'accept') {
      for (const id of e.offers) {
        const o = byId.get(id);
        if (o && o.outcome === 'outstanding') {
          o.outcome = 'accepted';
          o.closedAt = e.t;
          o.refuseSeconds = e.refuseSeconds;
          o.tasks = e.tasks;
        }
      }
    }
  }
  return out;
}

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
    if (e.type === 'offer') offered.set(e.offer, { agent: e.agent, resources: quantities(e.resources) });
    else if (e.type === 'launch') taskResources.set(e.task, quantities(e.resources));
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
    if (e.type === 'agent-added') agents.set(e.agent, quantities(e.resources));
    else if (e.type === 'agent-removed') agents.delete(e.agent);
  }
  let total: Quantities = {};
  for (const q of agents.values()) total = plus(total, q);
  return total;
}

/** DRF's dominant share: the largest fraction of any resource in the cluster total. */
export function dominantShare(held: Quantities, total: Quantities): number {
  let share = 0;
  for (const [k, v] of Object.entries(held)) {
    const all = total[k] ?? 0;
    if (all > 0) share = Math.max(share, v / all);
  }
  return share;
}

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
