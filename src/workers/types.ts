/**
 * What the page sees of a running cluster. The UI never drives actors: it starts a scenario, controls
 * time, injects faults, and subscribes to the trace, which arrives batched per animation frame.
 */
import type { Explanation } from '../cluster/trace/explanation';
import type { Action, Scenario } from '../cluster/scenario/types';
import type { TraceEvent } from '../cluster/trace';

/** Playback speed: a multiple of real time (0.1 to 100), or as fast as possible. */
export type Speed = number | 'max';

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

export interface WorkerCounts {
  masters: number;
  agents: number;
  executors: number;
  schedulers: number;
}

export interface ClusterStatus {
  /** Virtual seconds simulated so far. */
  now: number;
  until: number;
  playing: boolean;
  speed: Speed;
  /** True once virtual time reached `until` or nothing is left to happen. */
  done: boolean;
  leader: string | null;
  /** Live Web Workers by kind (zero for a host that runs actors in-process). */
  workers: WorkerCounts;
  /** Set when the scenario could not start (a learner's code failed to load, a worker failed). */
  error: string | null;
  /** Which run this is: every start() begins a new one, and batches of earlier runs are dropped. */
  run: number;
}

export interface StartOptions {
  /** Start playing at once (default false: paused at t = 0). */
  play?: boolean;
  speed?: Speed;
  /** 'workers' (default): one Web Worker per component; 'in-process': all actors inside the player worker. */
  host?: 'workers' | 'in-process';
}

export interface ClusterClient {
  /** (Re)starts the cluster on a validated scenario; any previous run is discarded. */
  start(scenario: Scenario, options?: StartOptions): Promise<void>;
  play(): void;
  pause(): void;
  /** Processes exactly one event, then stays paused. */
  step(): Promise<void>;
  setSpeed(speed: Speed): void;
  /** Applies a fault or scripted action now; it is recorded in the trace, so a replay reproduces it. */
  inject(action: Action): void;
  /** Receives trace events in order, in batches. Returns an unsubscribe function. */
  onTrace(listener: (events: TraceEvent[]) => void): () => void;
  onStatus(listener: (status: ClusterStatus) => void): () => void;
  /** Why an offer went where it did: the allocator's decision at that moment, from a deterministic replay. */
  explain(offerId: string): Promise<Explanation | null>;
  /** The actions applied so far, scripted and injected, in order (for share links and replay). */
  actions(): Action[];
  dispose(): void;
}
