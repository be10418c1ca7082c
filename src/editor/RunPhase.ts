/**
 * The run phase machine: what a tab's framework is doing, as far as the editor knows. Pure functions, so
 * every transition can be tested on its own in Node. The learner's actions move it (Run compiles, then adds
 * a framework or fails the live one over; Stop tears it down); the trace moves it on (the master registered
 * it, it disconnected, it was removed); a new run of the cluster sends it back to idle.
 *
 * Scheduler failover follows Mesos (MESOS.md §3.4): the old scheduler's exit is expected while the new code
 * re-registers under the same framework id, so a disconnect then is not news.
 */
import type { TraceEvent } from '../cluster/trace';
import type { FrameworkStats } from '../cluster/trace/FrameworkLedger';
import { UNRESPONSIVE_PREFIX } from './learnerTrace';

export type Phase =
  | 'idle'
  | 'compiling'
  /** add-framework sent; waiting for the master to register it. */
  | 'starting'
  /** restart-framework sent; waiting for the new scheduler to re-register. */
  | 'failing-over'
  | 'running'
  /** The scheduler is gone (stopped as unresponsive, failed): Run within failover_timeout fails over. */
  | 'disconnected'
  | 'stopping'
  | 'stopped'
  /** The master removed it (failover_timeout passed); Run adds a new framework. */
  | 'removed';

export interface TabRun {
  readonly phase: Phase;
  readonly frameworkId: string | null;
  /** The code the framework runs (to tell when the editor has changed since Run). */
  readonly ranCode: string | null;
  readonly stats: FrameworkStats | null;
}

export const IDLE_RUN: TabRun = { phase: 'idle', frameworkId: null, ranCode: null, stats: null };

/** Phases in which Stop has something to stop. */
export const STOPPABLE: ReadonlySet<Phase> = new Set<Phase>([
  'starting',
  'failing-over',
  'running',
  'disconnected',
]);

/** Phases in which Run waits for what it started (a second press does nothing). */
export const isBusy = (run: TabRun): boolean => run.phase === 'compiling' || run.phase === 'stopping';

/** The trace's message for a scheduler the watchdog stopped (sandbox/unresponsive.ts, unresponsiveMessage). */
export const isUnresponsive = (e: TraceEvent): boolean =>
  e.type === 'error' && e.message.startsWith(UNRESPONSIVE_PREFIX);

/** Run pressed: the code compiles first. */
export const compiling = (run: TabRun): TabRun => ({ ...run, phase: 'compiling' });

/** The code was sent: a new framework (`add`) or a failover of the live one. */
export function sent(
  kind: 'add' | 'failover',
  frameworkId: string,
  code: string,
  stats: FrameworkStats | null,
): TabRun {
  return { phase: kind === 'add' ? 'starting' : 'failing-over', frameworkId, ranCode: code, stats };
}

/** Stop pressed on a live framework. */
export const stopping = (run: TabRun): TabRun =>
  STOPPABLE.has(run.phase) ? { ...run, phase: 'stopping' } : run;

/**
 * The run after a trace event about its framework. The same object when the event changes nothing; the
 * `unresponsive` flag says the watchdog stopped the scheduler (the pane raises its alert).
 */
export function afterEvent(run: TabRun, e: TraceEvent): { run: TabRun; unresponsive: boolean } {
  let phase = run.phase;
  let unresponsive = false;
  switch (e.type) {
    case 'framework-added':
    case 'framework-reregistered':
      if (phase !== 'stopping') phase = 'running';
      break;
    case 'framework-disconnected':
      // During a failover the old scheduler's exit is expected; the new one re-registers next.
      if (phase !== 'failing-over' && phase !== 'stopping') phase = 'disconnected';
      break;
    case 'framework-removed':
      phase = phase === 'stopping' ? 'stopped' : 'removed';
      break;
    case 'error':
      if (isUnresponsive(e)) {
        unresponsive = true;
        phase = 'disconnected';
      }
      break;
    default:
      break;
  }
  return { run: phase === run.phase ? run : { ...run, phase }, unresponsive };
}

/** The cluster started a new run: the learner's frameworks are gone with the old one. */
export const afterClusterRestart = (): TabRun => IDLE_RUN;

/** Whether a run's framework was still there when the cluster restarted (the pane says it is gone). */
export const wasLive = (run: TabRun): boolean =>
  run.frameworkId !== null && run.phase !== 'stopped' && run.phase !== 'removed';
