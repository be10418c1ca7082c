/**
 * The lines of the console panel, from what the cluster's trace says about the learner's own frameworks. Pure
 * functions over trace events. (The counters the run panel shows come from the one per-framework fold of the
 * trace, cluster/trace/FrameworkLedger.ts.)
 */
import type { TraceEvent } from '../cluster/trace';

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
