/**
 * The trace (CONTRACTS.md §3): everything that happens, one JSON object a line, in the order it happened,
 * stamped in virtual seconds where it happened. The UI rebuilds every view from it; lessons check it.
 */
import type { Explanation } from './trace/explanation';
import type { FlatResources } from './resources';
import type { TaskState } from './scheduler/api';

interface Stamp {
  t: number;
}

export type TraceBody =
  | { type: 'leader'; master: string }
  | { type: 'master-failed'; master: string }
  | {
      type: 'agent-added';
      agent: string;
      resources: FlatResources;
      attributes?: Record<string, string | number>;
      /** The machine, when the agent id is not its hostname (a new agent id after a reboot). */
      hostname?: string;
    }
  /**
   * A known agent registered again. `resources` is given when the master admits it anew (after it was
   * unreachable, or to a newly elected master): its resources as the agent reports them.
   */
  | { type: 'agent-reregistered'; agent: string; resources?: FlatResources }
  | { type: 'agent-removed'; agent: string; reason: string }
  | { type: 'agent-killed'; agent: string }
  /** The agent process restarted on the same machine; executors of checkpointing frameworks live on. */
  | { type: 'agent-restarted'; agent: string }
  /** The restarted agent process recovered what was checkpointed (Slave::recover). */
  | { type: 'agent-recovered'; agent: string; tasks: number; executors: number }
  /** The machine rebooted: the agent and every executor on it died; it comes back with a new agent id. */
  | { type: 'agent-rebooted'; agent: string; hostname: string; downSeconds: number }
  /** The master saw the agent process exit (its connection closed). */
  | { type: 'agent-disconnected'; agent: string }
  /** An agent started an executor: a custom one, or the command executor of one command task. */
  | {
      type: 'executor-started';
      agent: string;
      framework: string;
      executor: string;
      /** Resources of a custom executor's ExecutorInfo (the command executor has none of its own). */
      resources?: FlatResources;
      command: boolean;
    }
  /** An executor exited (or, after its agent process exited, shut itself down). */
  | {
      type: 'executor-exited';
      agent: string;
      framework: string;
      executor: string;
      status: number;
      reason?: string;
    }
  | { type: 'framework-added'; framework: string; roles: string[] }
  | { type: 'framework-reregistered'; framework: string }
  | { type: 'framework-disconnected'; framework: string; reason: string }
  | { type: 'framework-removed'; framework: string; reason?: string }
  | { type: 'offer'; offer: string; framework: string; role: string; agent: string; resources: FlatResources }
  | { type: 'decline'; offer: string; framework: string; refuseSeconds: number }
  | {
      type: 'accept';
      offers: string[];
      framework: string;
      agent: string;
      tasks: string[];
      refuseSeconds: number;
    }
  | { type: 'rescind'; offer: string; framework: string; reason: string }
  /**
   * The allocator installed a refuse filter (recoverResources, after a decline or on what an accept left
   * unused): `resources` are not offered to `framework` in `role` on `agent` before `until` — at least one
   * allocation interval after it was made (MESOS-4302). A revive, the framework's deactivation or removal,
   * the agent's removal or a master failover clear it sooner.
   */
  | {
      type: 'filter';
      framework: string;
      role: string;
      agent: string;
      resources: FlatResources;
      /** refuse_seconds as the allocator read it (5 when omitted or negative, at most a year). */
      refuseSeconds: number;
      until: number;
    }
  /**
   * An offer operation other than LAUNCH (RESERVE, UNRESERVE, CREATE, DESTROY) in an ACCEPT: applied at once
   * (OPERATION_FINISHED), or dropped as invalid (OPERATION_ERROR, with why). `resources` are what it names.
   */
  | {
      type: 'operation';
      framework: string;
      agent: string;
      operation: string;
      resources: FlatResources;
      status: 'OPERATION_FINISHED' | 'OPERATION_ERROR';
      message?: string;
    }
  | {
      type: 'launch';
      task: string;
      framework: string;
      agent: string;
      resources: FlatResources;
      offers: string[];
      role: string;
      /** The custom executor's id; absent for command tasks. */
      executor?: string;
      /** Resources of the custom executor launched with this task (when it was not running yet). */
      executorResources?: FlatResources;
    }
  | {
      type: 'status';
      task: string;
      framework: string;
      agent: string;
      state: TaskState;
      reason?: string;
      message?: string;
      source?: string;
    }
  | {
      type: 'output';
      task: string;
      framework: string;
      agent: string;
      stream: 'stdout' | 'stderr';
      text: string;
    }
  | { type: 'suppress'; framework: string; roles: string[] }
  | { type: 'revive'; framework: string; roles: string[] }
  | { type: 'weight'; role: string; weight: number }
  | { type: 'quota'; role: string; guarantees: FlatResources; limits: FlatResources }
  | {
      type: 'allocation';
      /** Agents considered in this run. */
      agents: number;
      offers: number;
      periodic: boolean;
      /** Dominant shares (weighted, as the sorters see them) and allocation counts after the run. */
      roles: Record<string, { share: number; count: number }>;
      frameworks: Record<string, { share: number; count: number }>;
    }
  /** Only in explanation replays: the allocator's decision behind an offer. */
  | { type: 'why'; offer: string; why: Explanation }
  | { type: 'partition'; between: [string, string]; forSeconds: number }
  | { type: 'heal'; between: [string, string] }
  /** A window of network trouble between two endpoints begins (the `flaky-link` action). */
  | {
      type: 'flaky-link';
      between: [string, string];
      forSeconds: number;
      drop: number;
      delayMs: number;
      repeat: number;
    }
  /** That window ends: the link carries every message again, in order, with the usual latency. */
  | { type: 'flaky-link-ended'; between: [string, string] }
  | {
      type: 'log';
      framework: string;
      level: 'log' | 'info' | 'warn' | 'error';
      text: string;
      callback?: string;
      /**
       * Set on the notice that output was cut: 'callback' when a callback printed more than its limit
       * (`dropped` lines were left out), 'run' when the module reached its limit for the run (later output
       * is left out).
       */
      capped?: 'callback' | 'run';
      dropped?: number;
    }
  /** A framework message between a scheduler and one of its executors (best effort, as in Mesos). */
  | {
      type: 'message';
      framework: string;
      agent: string;
      executor: string;
      from: 'scheduler' | 'executor';
      data: string;
    }
  | { type: 'error'; framework?: string; message: string; callback?: string; line?: number };

export type TraceEvent = Stamp & TraceBody;
export type TraceType = TraceBody['type'];

/** One line of JSON Lines. Key order is the order fields were set: `t`, then `type`, then the rest. */
export const traceLine = (e: TraceEvent): string => JSON.stringify(e);

export const traceToJsonl = (events: readonly TraceEvent[]): string =>
  events.map((e) => traceLine(e) + '\n').join('');
