/**
 * Plays a simulation in real time for the live view: virtual time follows the wall clock times the speed
 * (or runs as fast as possible), pauses, steps one event, takes faults, and hands the trace out in
 * batches. It runs inside the conductor worker, and in Node for tests; the page never waits on it.
 */
import { explainOffer, Simulation, type Host, type SchedulerLoader } from '../cluster/sim/Simulation';
import type { Action, Scenario } from '../cluster/scenario/types';
import type { Explanation } from '../cluster/allocator/HierarchicalAllocator';
import { seconds, toSeconds } from '../cluster/time';
import type { TraceEvent } from '../cluster/trace';
import {
  MAX_SPEED,
  MIN_SPEED,
  type ClusterStatus,
  type Speed,
  type StartOptions,
  type WorkerCounts,
} from './types';

/** Wall-clock milliseconds of simulation work per tick, so the worker stays responsive to control calls. */
const TICK_BUDGET_MS = 12;
const TICK_INTERVAL_MS = 16;
/** Trace batches are cut at about this many bytes of JSON (ISSUE: ≤ ~10 KiB per animation frame). */
export const BATCH_BYTES = 10 * 1024;

export interface ConductorCallbacks {
  trace(events: TraceEvent[]): void;
  status(status: ClusterStatus): void;
}

export interface ConductorOptions {
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => unknown;
  loadScheduler?: SchedulerLoader;
  host?: () => Host;
  workers?: () => WorkerCounts;
}

const clampSpeed = (s: Speed): Speed => (s === 'max' ? s : Math.min(MAX_SPEED, Math.max(MIN_SPEED, s)));

export class Conductor {
  private sim: Simulation | null = null;
  private scenario: Scenario | null = null;
  private playing = false;
  private speed: Speed = 1;
  private baseWall = 0;
  private baseVirtual = 0;
  private pending: TraceEvent[] = [];
  private injected: Action[] = [];
  private error: string | null = null;
  private timer: unknown = null;
  private generation = 0;
  private readonly clock: () => number;
  private readonly schedule: (fn: () => void, ms: number) => unknown;

  constructor(
    private readonly out: ConductorCallbacks,
    private readonly options: ConductorOptions = {},
  ) {
    this.clock = options.now ?? (() => performance.now());
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  }

  start(scenario: Scenario, opts: StartOptions = {}): void {
    this.generation++;
    this.scenario = scenario;
    this.injected = [];
    this.pending = [];
    this.error = null;
    try {
      this.sim = new Simulation(scenario, {
        keepTrace: false,
        onTrace: (e) => this.pending.push(e),
        ...(this.options.loadScheduler ? { loadScheduler: this.options.loadScheduler } : {}),
        ...(this.options.host ? { host: this.options.host() } : {}),
      });
    } catch (e) {
      this.sim = null;
      this.error = (e as Error).message;
    }
    this.speed = clampSpeed(opts.speed ?? 1);
    this.playing = false;
    this.flush();
    if (opts.play) this.play();
    else this.emitStatus();
  }

  play(): void {
    if (!this.sim || this.playing || this.isDone()) return this.emitStatus();
    this.playing = true;
    this.rebase();
    this.loop(this.generation);
  }

  pause(): void {
    this.playing = false;
    this.emitStatus();
  }

  setSpeed(speed: Speed): void {
    this.speed = clampSpeed(speed);
    this.rebase();
    this.emitStatus();
  }

  /** One event, then paused. */
  step(): void {
    this.playing = false;
    if (this.sim && !this.isDone()) {
      const next = this.sim.nextTime();
      if (next !== null && next <= seconds(this.scenario!.until)) this.sim.step();
    }
    this.flush();
    this.emitStatus();
  }

  inject(action: Action): void {
    if (!this.sim) return;
    this.injected.push(this.sim.inject(action));
    if (!this.playing) {
      // Carry the fault out at once even while paused, so the learner sees it happen.
      this.sim.advance(this.sim.now + 1);
      this.flush();
      this.emitStatus();
    }
  }

  actions(): Action[] {
    return [...(this.scenario?.actions ?? []), ...this.injected];
  }

  /** Replays the run so far (scenario plus injected faults) with explanations on, up to the offer. */
  explain(offerId: string): Explanation | null {
    if (!this.scenario) return null;
    const replay: Scenario = { ...this.scenario, actions: this.actions() };
    const e = explainOffer(
      replay,
      offerId,
      this.options.loadScheduler ? { loadScheduler: this.options.loadScheduler } : {},
    );
    return e && e.type === 'why' ? e.why : null;
  }

  stop(): void {
    this.generation++;
    this.playing = false;
    this.sim = null;
  }

  private isDone(): boolean {
    if (!this.sim || !this.scenario) return true;
    return this.sim.now >= seconds(this.scenario.until);
  }

  private rebase(): void {
    this.baseWall = this.clock();
    this.baseVirtual = this.sim?.now ?? 0;
  }

  private loop(gen: number): void {
    if (gen !== this.generation || !this.playing || !this.sim || !this.scenario) return;
    const until = seconds(this.scenario.until);
    const started = this.clock();
    const overBudget = (): boolean => this.clock() - started > TICK_BUDGET_MS;
    if (this.speed === 'max') {
      this.sim.advance(until, overBudget);
    } else {
      const target = Math.min(
        until,
        Math.round(this.baseVirtual + (this.clock() - this.baseWall) * 1000 * this.speed),
      );
      if (!this.sim.advance(target, overBudget)) this.rebase(); // Fell behind: slow down rather than lurch.
    }
    if (this.isDone()) this.playing = false;
    this.flush();
    this.emitStatus();
    if (this.playing)
      this.timer = this.schedule(() => this.loop(gen), this.speed === 'max' ? 0 : TICK_INTERVAL_MS);
  }

  /** Hands out pending trace events in batches of about BATCH_BYTES. */
  private flush(): void {
    let batch: TraceEvent[] = [];
    let bytes = 0;
    for (const e of this.pending) {
      const size = JSON.stringify(e).length;
      if (batch.length > 0 && bytes + size > BATCH_BYTES) {
        this.out.trace(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(e);
      bytes += size;
    }
    if (batch.length) this.out.trace(batch);
    this.pending = [];
  }

  status(): ClusterStatus {
    return {
      now: this.sim ? toSeconds(this.sim.now) : 0,
      until: this.scenario?.until ?? 0,
      playing: this.playing,
      speed: this.speed,
      done: this.isDone(),
      leader: this.sim?.leaderId ?? null,
      workers: this.options.workers?.() ?? { masters: 0, agents: 0, executors: 0, schedulers: 0 },
      error: this.error,
    };
  }

  private emitStatus(): void {
    this.out.status(this.status());
  }
}
