/**
 * What the editor reads from the cluster's trace about the learner's own frameworks: their lifecycle (added,
 * disconnected, removed, as the master saw it), a few counters that make offer handling visible (offers
 * received, declined, still held), and the lines of the console panel. Pure functions over trace events.
 */
import { TERMINAL_STATES, type TaskState } from '../cluster/scheduler/api';
import type { TraceEvent } from '../cluster/trace';

/** Where a framework stands with the master. */
export type Lifecycle = 'pending' | 'active' | 'disconnected' | 'removed';

export interface FrameworkStats {
  readonly id: string;
  readonly lifecycle: Lifecycle;
  /** Offers received. */
  readonly offers: number;
  readonly declined: number;
  /** Offers rescinded by the master (agent lost, framework disconnected, …). */
  readonly rescinded: number;
  /** Offers outstanding: received and not yet answered (accepted, declined) or rescinded. */
  readonly held: readonly string[];
  readonly launched: number;
  /** Tasks whose latest state is not terminal. */
  readonly running: number;
  readonly finished: number;
  /** Tasks that ended in any other terminal state (failed, killed, lost, error, …). */
  readonly failed: number;
  /** Latest state of each task. */
  readonly tasks: Readonly<Record<string, TaskState>>;
}

export const newStats = (id: string): FrameworkStats => ({
  id,
  lifecycle: 'pending',
  offers: 0,
  declined: 0,
  rescinded: 0,
  held: [],
  launched: 0,
  running: 0,
  finished: 0,
  failed: 0,
  tasks: {},
});

const without = (list: readonly string[], ids: readonly string[]): readonly string[] =>
  ids.some((id) => list.includes(id)) ? list.filter((x) => !ids.includes(x)) : list;

function countTasks(
  tasks: Readonly<Record<string, TaskState>>,
): Pick<FrameworkStats, 'running' | 'finished' | 'failed'> {
  let running = 0;
  let finished = 0;
  let failed = 0;
  for (const s of Object.values(tasks)) {
    if (s === 'TASK_FINISHED') finished++;
    else if (TERMINAL_STATES.has(s)) failed++;
    else running++;
  }
  return { running, finished, failed };
}

/** The stats after one trace event; the same object when the event is not about this framework. */
export function reduceStats(s: FrameworkStats, e: TraceEvent): FrameworkStats {
  switch (e.type) {
    case 'framework-added':
    case 'framework-reregistered':
      return e.framework === s.id ? { ...s, lifecycle: 'active' } : s;
    case 'framework-disconnected':
      // Mesos rescinds a disconnected framework's offers (Master::deactivate); the rescinds follow.
      return e.framework === s.id ? { ...s, lifecycle: 'disconnected' } : s;
    case 'framework-removed':
      return e.framework === s.id ? { ...s, lifecycle: 'removed', held: [] } : s;
    case 'offer':
      return e.framework === s.id ? { ...s, offers: s.offers + 1, held: [...s.held, e.offer] } : s;
    case 'decline':
      return e.framework === s.id ? { ...s, declined: s.declined + 1, held: without(s.held, [e.offer]) } : s;
    case 'accept':
      return e.framework === s.id ? { ...s, held: without(s.held, e.offers) } : s;
    case 'rescind':
      return e.framework === s.id
        ? { ...s, rescinded: s.rescinded + 1, held: without(s.held, [e.offer]) }
        : s;
    case 'launch': {
      if (e.framework !== s.id) return s;
      const tasks = { ...s.tasks, [e.task]: 'TASK_STAGING' as TaskState };
      return { ...s, launched: s.launched + 1, held: without(s.held, e.offers), tasks, ...countTasks(tasks) };
    }
    case 'status': {
      if (e.framework !== s.id) return s;
      const tasks = { ...s.tasks, [e.task]: e.state };
      return { ...s, tasks, ...countTasks(tasks) };
    }
    default:
      return s;
  }
}

export const statsOf = (events: readonly TraceEvent[], framework: string): FrameworkStats =>
  events.reduce(reduceStats, newStats(framework));

// ---------------------------------------------------------------- the console

export type ConsoleKind =
  | 'log'
  | 'info'
  | 'warn'
  | 'error'
  /** A callback exceeded its wall-clock budget: the scheduler was stopped. */
  | 'unresponsive'
  /** The sandbox cut the output of a callback or of the run. */
  | 'dropped'
  /** A task's state changed. */
  | 'task'
  | 'stdout'
  | 'stderr'
  /** The master's view of the framework: added, disconnected, removed. */
  | 'cluster'
  /** A compile error or warning, before anything ran. */
  | 'compile'
  /** The editor's own remarks (Run, Stop, failover). */
  | 'note';

export interface ConsoleEntry {
  readonly seq: number;
  /** Virtual seconds, when it came from the trace. */
  readonly t?: number;
  readonly framework?: string;
  readonly kind: ConsoleKind;
  readonly text: string;
  /** The learner's line the entry is about (an exception's frame, a compile error): a link to the code. */
  readonly line?: number;
  readonly callback?: string;
}

export const UNRESPONSIVE_PREFIX = 'framework unresponsive';

/** The console's words for what the trace says of a framework (the pane's language). */
export interface TraceWords {
  task: (task: string, state: string, agent: string, reason?: string, message?: string) => string;
  registered: (framework: string, roles: string) => string;
  reregistered: (framework: string) => string;
  disconnected: (framework: string, reason: string) => string;
  removed: (framework: string, reason?: string) => string;
  inCallback: (message: string, callback: string) => string;
  output: (task: string, stream: string, text: string) => string;
  /** The sandbox cut a callback's output (`dropped` lines left out) or the run's (later output left out). */
  capped: (capped: 'callback' | 'run', dropped: number, callback?: string) => string;
}

/** The console line for a trace event about one of the learner's frameworks, or null. */
export function consoleLine(e: TraceEvent, words: TraceWords): Omit<ConsoleEntry, 'seq'> | null {
  const at = { t: e.t };
  switch (e.type) {
    case 'log':
      // The sandbox's notice that output was cut is said in the pane's language, as a warning.
      if (e.capped)
        return {
          ...at,
          framework: e.framework,
          kind: 'dropped',
          text: words.capped(e.capped, e.dropped ?? 0, e.callback),
          ...(e.callback !== undefined ? { callback: e.callback } : {}),
        };
      return { ...at, framework: e.framework, kind: e.level, text: e.text };
    case 'error': {
      const unresponsive = e.message.startsWith(UNRESPONSIVE_PREFIX);
      return {
        ...at,
        ...(e.framework !== undefined ? { framework: e.framework } : {}),
        kind: unresponsive ? 'unresponsive' : 'error',
        text: unresponsive || !e.callback ? e.message : words.inCallback(e.message, e.callback),
        ...(e.line !== undefined ? { line: e.line } : {}),
        ...(e.callback !== undefined ? { callback: e.callback } : {}),
      };
    }
    case 'status':
      return {
        ...at,
        framework: e.framework,
        kind: 'task',
        text: words.task(e.task, e.state, e.agent, e.reason, e.message),
      };
    case 'output':
      return {
        ...at,
        framework: e.framework,
        kind: e.stream,
        text: words.output(e.task, e.stream, e.text.replace(/\n$/, '')),
      };
    case 'framework-added':
      return {
        ...at,
        framework: e.framework,
        kind: 'cluster',
        text: words.registered(e.framework, e.roles.join(', ')),
      };
    case 'framework-reregistered':
      return { ...at, framework: e.framework, kind: 'cluster', text: words.reregistered(e.framework) };
    case 'framework-disconnected':
      return {
        ...at,
        framework: e.framework,
        kind: 'cluster',
        text: words.disconnected(e.framework, e.reason),
      };
    case 'framework-removed':
      return { ...at, framework: e.framework, kind: 'cluster', text: words.removed(e.framework, e.reason) };
    default:
      return null;
  }
}

/** The framework a trace event is about, if any. */
export function frameworkOf(e: TraceEvent): string | undefined {
  return 'framework' in e && typeof e.framework === 'string' ? e.framework : undefined;
}
