/**
 * Plays a simulation in real time for the live view: virtual time follows the wall clock times the speed
 * (or runs as fast as possible), pauses, steps one instant, takes faults, and hands the trace out in
 * batches. It runs inside the player worker (and in Node for tests); the page never waits on it.
 */
import type { Explanation } from '../cluster/trace/explanation';
import type { Action, Scenario } from '../cluster/scenario/types';
import { explainOffer, Simulation, type Host, type SchedulerLoader } from '../cluster/sim/Simulation';
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
/** Trace batches are cut at about this many bytes of JSON (about one animation frame's worth). */
export const BATCH_BYTES = 10 * 1024;

export interface PlayerCallbacks {
  /** A batch of trace events of run `run`. */
  trace(events: TraceEvent[], run: number): void;
  status(status: ClusterStatus): void;
}

export type ManagedHost = Host & { counts?(): WorkerCounts; dispose?(): void };

export interface PlayerOptions {
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => unknown;
  loadScheduler?: SchedulerLoader;
  /** A loader for the replays behind "why this offer" (learner code in sandboxes of their own). */
  replayLoader?: () => SchedulerLoader & { dispose?(): void };
  /** Builds the host for a run (the worker host in the browser); in-process when it returns null. */
  host?: (options: StartOptions) => ManagedHost | null;
  /** Compiles learners' code in the scenario before a run. */
  prepare?: (scenario: Scenario) => Promise<Scenario>;
}

const clampSpeed = (s: Speed): Speed => (s === 'max' ? s : Math.min(MAX_SPEED, Math.max(MIN_SPEED, s)));

export class SimulationPlayer {
  private sim: Simulation | null = null;
  private scenario: Scenario | null = null;
  private host: ManagedHost | null = null;
  private playing = false;
  /** Play was pressed while a run was starting: it plays once it has started (Pause takes it back). */
  private playWhenStarted = false;
  private starting = 0;
  private speed: Speed = 1;
  private baseWall = 0;
  private baseVirtual = 0;
  private pending: TraceEvent[] = [];
  private injected: Action[] = [];
  private error: string | null = null;
  private generation = 0;
  /** The simulation work under way (a tick, a step, an injection); they never interleave. */
  private work: Promise<unknown> = Promise.resolve();
  private readonly clock: () => number;
  private readonly schedule: (fn: () => void, ms: number) => unknown;

  constructor(
    private readonly out: PlayerCallbacks,
    private readonly options: PlayerOptions = {},
  ) {
    this.clock = options.now ?? (() => performance.now());
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  }

  async start(input: Scenario, opts: StartOptions = {}): Promise<void> {
    const gen = ++this.generation;
    this.playing = false;
    this.playWhenStarted = false;
    this.starting++;
    let current: boolean;
    try {
      current = await this.load(input, opts, gen);
    } finally {
      this.starting--;
    }
    if (!current) return;
    this.speed = clampSpeed(opts.speed ?? 1);
    this.flush();
    if (opts.play || this.playWhenStarted) this.play();
    else this.emitStatus();
  }

  /** Ends the old run and builds the new one; false when a later start overtook this one. */
  private async load(input: Scenario, opts: StartOptions, gen: number): Promise<boolean> {
    // Ending the host first settles any delivery still waiting on it (a sandbox's request answers at once
    // when its worker is ended), so a new run never waits on the old one's learner code.
    this.host?.dispose?.();
    this.host = null;
    await this.work.catch(() => undefined);
    this.sim = null;
    this.injected = [];
    this.pending = [];
    this.error = null;
    this.scenario = input;
    try {
      const scenario = this.options.prepare ? await this.options.prepare(input) : input;
      if (gen !== this.generation) return false;
      this.scenario = scenario;
      this.host = this.options.host?.(opts) ?? null;
      this.sim = new Simulation(scenario, {
        keepTrace: false,
        onTrace: (e) => this.pending.push(e),
        ...(this.options.loadScheduler ? { loadScheduler: this.options.loadScheduler } : {}),
        ...(this.host ? { host: this.host } : {}),
      });
    } catch (e) {
      this.sim = null;
      this.error = (e as Error).message;
    }
    return true;
  }

  play(): void {
    // A start compiles the learners' code first, which can take seconds: a press meanwhile is kept for the
    // new run (the old one, still there until the start replaces it, must not move).
    if (this.starting > 0) {
      this.playWhenStarted = true;
      return this.emitStatus();
    }
    if (!this.sim || this.playing || this.isDone()) return this.emitStatus();
    this.playing = true;
    this.rebase();
    this.emitStatus();
    this.loop(this.generation);
  }

  pause(): void {
    this.playing = false;
    this.playWhenStarted = false;
    this.emitStatus();
  }

  setSpeed(speed: Speed): void {
    this.speed = clampSpeed(speed);
    this.rebase();
    this.emitStatus();
  }

  /** One instant's batch of events, then paused. */
  async step(): Promise<void> {
    this.playing = false;
    await this.exclusive(async () => {
      const sim = this.sim;
      if (!sim || this.isDone()) return;
      const next = sim.nextTime();
      if (next !== null && next <= seconds(this.scenario!.until)) await sim.stepAsync();
    });
    this.flush();
    this.emitStatus();
  }

  /**
   * Applies an action at the next microsecond; while paused it is carried out at once. Learner code in
   * the action is compiled first; a compile error is reported in the status and nothing is applied.
   */
  async inject(input: Action): Promise<void> {
    let action = input;
    if (this.options.prepare && (input.do === 'add-framework' || input.do === 'restart-framework')) {
      try {
        const prepared = await this.options.prepare({
          ...(this.scenario as Scenario),
          frameworks: [],
          actions: [input],
        });
        action = prepared.actions[0]!;
      } catch (e) {
        this.error = (e as Error).message;
        this.emitStatus();
        return;
      }
    }
    this.error = null;
    await this.exclusive(async () => {
      const sim = this.sim;
      if (!sim) return;
      this.injected.push(sim.inject(action));
      if (!this.playing) await sim.advanceAsync(sim.now + 1);
    });
    this.flush();
    this.emitStatus();
  }

  actions(): Action[] {
    return [...(this.scenario?.actions ?? []), ...this.injected];
  }

  /** Replays the run so far (scenario plus injected faults) in-process with explanations on, up to the offer. */
  async explain(offerId: string): Promise<Explanation | null> {
    if (!this.scenario) return null;
    const replay: Scenario = { ...this.scenario, actions: this.actions() };
    const loader = this.options.replayLoader?.() ?? this.options.loadScheduler;
    try {
      const e = await explainOffer(replay, offerId, loader ? { loadScheduler: loader } : {});
      return e && e.type === 'why' ? e.why : null;
    } finally {
      (loader as { dispose?(): void } | undefined)?.dispose?.();
    }
  }

  stop(): void {
    this.generation++;
    this.playing = false;
    this.sim?.dispose();
    this.sim = null;
    this.host?.dispose?.();
    this.host = null;
  }

  status(): ClusterStatus {
    return {
      now: this.sim ? toSeconds(this.sim.now) : 0,
      until: this.scenario?.until ?? 0,
      playing: this.playing,
      speed: this.speed,
      done: this.isDone(),
      leader: this.sim?.leaderId ?? null,
      workers: this.host?.counts?.() ?? { masters: 0, agents: 0, executors: 0, schedulers: 0 },
      error: this.error,
      run: this.generation,
    };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.work.catch(() => undefined).then(work);
    this.work = next;
    return next;
  }

  private isDone(): boolean {
    if (!this.sim || !this.scenario) return true;
    return this.sim.now >= seconds(this.scenario.until) || this.sim.nextTime() === null;
  }

  private rebase(): void {
    this.baseWall = this.clock();
    this.baseVirtual = this.sim?.now ?? 0;
  }

  private loop(gen: number): void {
    const sim = this.sim;
    if (gen !== this.generation || !this.playing || !sim || !this.scenario) return;
    const until = seconds(this.scenario.until);
    const max = this.speed === 'max';
    const target = max
      ? until
      : Math.min(
          until,
          Math.round(this.baseVirtual + (this.clock() - this.baseWall) * 1000 * (this.speed as number)),
        );
    this.exclusive(() => {
      const started = this.clock();
      return sim.advanceAsync(target, () => this.clock() - started > TICK_BUDGET_MS);
    }).then(
      (reached) => {
        if (gen !== this.generation) return;
        if (!reached && !max) this.rebase(); // Fell behind: slow down rather than lurch.
        if (this.isDone()) this.playing = false;
        this.flush();
        this.emitStatus();
        if (this.playing) this.schedule(() => this.loop(gen), max ? 0 : TICK_INTERVAL_MS);
      },
      (e: unknown) => {
        this.playing = false;
        this.error = `the cluster stopped: ${(e as Error).message}`;
        this.flush();
        this.emitStatus();
      },
    );
  }

  /** Hands out pending trace events in batches of about BATCH_BYTES. */
  private flush(): void {
    let batch: TraceEvent[] = [];
    let bytes = 0;
    for (const e of this.pending) {
      const size = JSON.stringify(e).length;
      if (batch.length > 0 && bytes + size > BATCH_BYTES) {
        this.out.trace(batch, this.generation);
        batch = [];
        bytes = 0;
      }
      batch.push(e);
      bytes += size;
    }
    if (batch.length) this.out.trace(batch, this.generation);
    this.pending = [];
  }

  private emitStatus(): void {
    this.out.status(this.status());
  }
}
