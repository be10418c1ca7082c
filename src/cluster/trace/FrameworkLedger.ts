/**
 * The one fold of the trace per framework (CONTRACTS.md §3): every offer it was made and what became of it,
 * every run of every task it launched and how it went, where it stands with the master, and the counters
 * that follow from those. The summary `npm run sim` prints, the editor's run panel and the lessons' checks
 * all read frameworks through it; the page's view keeps a state machine of its own (ui/model/reduce.ts)
 * because it must be rebuilt at any past moment.
 *
 * A ledger is fed events in trace order (`add`), all at once or batch by batch, and can be read at any
 * point. It keeps either one framework's events or everybody's.
 */
import { isTerminal, TERMINAL_STATES, type TaskState } from '../scheduler/api';
import type { Quantities } from '../resources';
import type { TraceEvent } from '../trace';
import { flatQuantities } from './flatQuantities';

/** Where a framework stands with the master. */
export type Lifecycle = 'pending' | 'active' | 'disconnected' | 'removed';

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

/** A framework's counters at one moment: a plain, frozen-in-time copy. */
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
  /** Task ids by their latest state (TASK_ERROR tasks included, though never launched). */
  readonly states: Readonly<Partial<Record<TaskState, number>>>;
  /** Tasks whose latest state is not terminal. */
  readonly running: number;
  readonly finished: number;
  /** Tasks that ended in any other terminal state (failed, killed, lost, error, …). */
  readonly failed: number;
}

export const newStats = (id: string): FrameworkStats => ({
  id,
  lifecycle: 'pending',
  offers: 0,
  declined: 0,
  rescinded: 0,
  held: [],
  launched: 0,
  states: {},
  running: 0,
  finished: 0,
  failed: 0,
});

/** The framework a trace event is about, if any. */
export function frameworkOf(e: TraceEvent): string | undefined {
  return 'framework' in e && typeof e.framework === 'string' ? e.framework : undefined;
}

const ended = (s: TaskState): boolean => isTerminal(s) || s === 'TASK_UNREACHABLE';

/** The executor id a launch names, if the model records one (custom executors). */
const executorOf = (e: Extract<TraceEvent, { type: 'launch' }>): { executor?: string } =>
  e.executor !== undefined ? { executor: e.executor } : {};

/** One framework's running tallies. */
class Tally {
  lifecycle: Lifecycle = 'pending';
  offers = 0;
  declined = 0;
  rescinded = 0;
  launched = 0;
  /** Outstanding offers, in the order they were made. */
  readonly held = new Set<string>();
  /** Task ids by their latest state, in the order each id first appeared. */
  readonly states = new Map<string, TaskState>();

  setState(task: string, state: TaskState): void {
    this.states.set(task, state);
  }

  stats(id: string): FrameworkStats {
    const states: Partial<Record<TaskState, number>> = {};
    let finished = 0;
    let failed = 0;
    for (const s of this.states.values()) {
      states[s] = (states[s] ?? 0) + 1;
      if (s === 'TASK_FINISHED') finished++;
      else if (TERMINAL_STATES.has(s)) failed++;
    }
    return {
      id,
      lifecycle: this.lifecycle,
      offers: this.offers,
      declined: this.declined,
      rescinded: this.rescinded,
      held: [...this.held],
      launched: this.launched,
      states,
      running: this.states.size - finished - failed,
      finished,
      failed,
    };
  }
}

const key = (framework: string, task: string): string => `${framework}\u0000${task}`;

export class FrameworkLedger {
  /** Every task run, in the order of launch (or of the first status of a task that never launched). */
  readonly runs: TaskRun[] = [];
  /** Every offer made, in the order made, with what became of it. */
  readonly offers: OfferRecord[] = [];
  private readonly offerById = new Map<string, OfferRecord>();
  /** The latest run of each (framework, task id), in the order each first appeared. */
  private readonly latest = new Map<string, TaskRun>();
  private readonly tallies = new Map<string, Tally>();

  /** Keeps the events of `framework` only, or of every framework when it is omitted. */
  constructor(private readonly framework?: string) {}

  /** Folds events in trace order; returns the ledger. */
  addAll(events: Iterable<TraceEvent>): this {
    for (const e of events) this.add(e);
    return this;
  }

  add(e: TraceEvent): void {
    const fw = frameworkOf(e);
    if (fw === undefined || (this.framework !== undefined && fw !== this.framework)) return;
    switch (e.type) {
      case 'framework-added':
      case 'framework-reregistered':
        this.tally(fw).lifecycle = 'active';
        break;
      case 'framework-disconnected':
        // Mesos rescinds a disconnected framework's offers (Master::deactivate); the rescinds follow.
        this.tally(fw).lifecycle = 'disconnected';
        break;
      case 'framework-removed': {
        const t = this.tally(fw);
        t.lifecycle = 'removed';
        t.held.clear();
        break;
      }
      case 'offer': {
        const t = this.tally(fw);
        t.offers++;
        t.held.add(e.offer);
        const o: OfferRecord = {
          id: e.offer,
          framework: e.framework,
          agent: e.agent,
          role: e.role,
          resources: flatQuantities(e.resources),
          at: e.t,
          outcome: 'outstanding',
          closedAt: null,
          tasks: [],
        };
        this.offers.push(o);
        this.offerById.set(e.offer, o);
        break;
      }
      case 'decline': {
        const t = this.tally(fw);
        t.declined++;
        t.held.delete(e.offer);
        this.close(e.offer, 'declined', e.t, e.refuseSeconds);
        break;
      }
      case 'rescind': {
        const t = this.tally(fw);
        t.rescinded++;
        t.held.delete(e.offer);
        this.close(e.offer, 'rescinded', e.t);
        break;
      }
      case 'accept': {
        const t = this.tally(fw);
        for (const id of e.offers) {
          t.held.delete(id);
          const o = this.close(id, 'accepted', e.t, e.refuseSeconds);
          if (o) o.tasks = e.tasks;
        }
        break;
      }
      case 'launch':
        this.launch(e);
        break;
      case 'status':
        this.status(e);
        break;
      case 'output': {
        const run = this.latest.get(key(e.framework, e.task));
        if (run) run[e.stream] += e.text;
        break;
      }
    }
  }

  /** Every framework the ledger has seen added, offered something, or running tasks, in that order. */
  frameworks(): string[] {
    return [...this.tallies.keys()];
  }

  /** A framework's counters now (all zero for one the ledger has not seen). */
  stats(framework: string): FrameworkStats {
    return this.tallies.get(framework)?.stats(framework) ?? newStats(framework);
  }

  /** The latest run of every task id (of every framework kept), in the order each id first appeared. */
  latestRuns(): IterableIterator<TaskRun> {
    return this.latest.values();
  }

  // ---------------------------------------------------------------- the steps

  private tally(framework: string): Tally {
    let t = this.tallies.get(framework);
    if (!t) this.tallies.set(framework, (t = new Tally()));
    return t;
  }

  private close(
    id: string,
    outcome: 'accepted' | 'declined' | 'rescinded',
    t: number,
    refuseSeconds?: number,
  ): OfferRecord | null {
    const o = this.offerById.get(id);
    if (!o || o.outcome !== 'outstanding') return null;
    o.outcome = outcome;
    o.closedAt = t;
    if (refuseSeconds !== undefined) o.refuseSeconds = refuseSeconds;
    return o;
  }

  private launch(e: Extract<TraceEvent, { type: 'launch' }>): void {
    const t = this.tally(e.framework);
    t.launched++;
    for (const id of e.offers) t.held.delete(id);
    t.setState(e.task, 'TASK_STAGING');
    const run: TaskRun = {
      id: e.task,
      framework: e.framework,
      agent: e.agent,
      launchedAt: e.t,
      resources: flatQuantities(e.resources),
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
    this.runs.push(run);
    this.latest.set(key(e.framework, e.task), run);
  }

  private status(e: Extract<TraceEvent, { type: 'status' }>): void {
    this.tally(e.framework).setState(e.task, e.state);
    const k = key(e.framework, e.task);
    let run = this.latest.get(k);
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
      this.runs.push(run);
      this.latest.set(k, run);
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
  }
}

/** One framework's counters after a whole list of events. */
export const statsOf = (events: Iterable<TraceEvent>, framework: string): FrameworkStats =>
  new FrameworkLedger(framework).addAll(events).stats(framework);
