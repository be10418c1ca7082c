/**
 * The time line of one run: the whole trace as it streams in, the view at the moment shown, and travel in
 * time. While live, each trace batch is folded into the live view. Scrubbing pauses the cluster and rebuilds
 * the view of an earlier moment by folding the trace from the nearest snapshot (the reducer is pure, so a
 * snapshot is just a kept reference). Playing from the past replays the recorded trace at the chosen speed,
 * then carries on live. It knows nothing of scenarios, faults or links: the Lab wires those.
 */
import type { Scenario } from '../../cluster/scenario/types';
import type { TraceEvent } from '../../cluster/trace';
import { MAX_SPEED, MIN_SPEED, type ClusterStatus, type Speed } from '../../workers/types';
import { fold, initialView, reduce } from '../model/reduce';
import type { ViewState } from '../model/view';

/** The speeds the control offers, slowest first; + and − move along this list. */
export const SPEEDS: readonly Speed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, MAX_SPEED, 'max'];

/** How often per wall second the cluster view's clock moves while time runs. */
const CLOCK_HZ = 5;

/** A snapshot of the view is kept every this many events, so scrubbing folds at most this many. */
export const SNAPSHOT_EVERY = 256;

export type OfferEvent = Extract<TraceEvent, { type: 'offer' }>;

export interface AllocationPoint {
  /** Position in the trace (1-based: the view after this many events includes it). */
  readonly seq: number;
  readonly t: number;
  readonly roles: Readonly<Record<string, { share: number; count: number }>>;
  readonly frameworks: Readonly<Record<string, { share: number; count: number }>>;
}

type FreshListener = (events: readonly TraceEvent[], speed: Speed) => void;

/** What the time line asks of the live cluster. */
export interface ClusterControl {
  play(): void;
  pause(): void;
  /** Processes exactly one event, then stays paused. */
  step(): Promise<void>;
  setSpeed(speed: Speed): void;
}

/** The wall clock and animation frames (the browser's; tests pass their own). */
export interface Frames {
  now(): number;
  request(fn: (wall: number) => void): number;
  cancel(id: number): void;
}

export const browserFrames: Frames = {
  now: () => performance.now(),
  request: (fn) => requestAnimationFrame(fn),
  cancel: (id) => cancelAnimationFrame(id),
};

export const IDLE_STATUS: ClusterStatus = {
  now: 0,
  until: 0,
  playing: false,
  speed: 1,
  done: false,
  leader: null,
  workers: { masters: 0, agents: 0, executors: 0, schedulers: 0 },
  error: null,
  run: 0,
};

/** How many events have t ≤ time (the trace is in time order). */
export function eventsUpTo(trace: readonly TraceEvent[], time: number): number {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trace[mid]!.t <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class TimeLine {
  /** The live cluster's last report. */
  status = $state.raw<ClusterStatus>(IDLE_STATUS);
  speed = $state<Speed>(1);
  /** The view at the chosen moment. */
  view = $state.raw<ViewState | null>(null);
  /** `now`, updated a few times a second: for countdowns and lingering tasks in the cluster view. */
  clock = $state(0);
  traceLength = $state(0);
  /** Events shown: null when live (all of them), else how many from the start. */
  cursor = $state<number | null>(null);
  /** True while the recorded trace is being replayed from the past. */
  replaying = $state(false);
  /** Allocation runs shown (a prefix of `allocationPoints`). */
  allocationsShown = $state(0);
  /** Counts the runs this time line has shown (reset() starts a new one). */
  generation = $state(0);

  readonly playing = $derived(this.replaying || this.status.playing);
  readonly live = $derived(this.cursor === null);

  /** The whole trace of this run. Not reactive itself; `traceLength` says when it grew. */
  readonly trace: TraceEvent[] = [];
  readonly allocationPoints: AllocationPoint[] = [];

  /** Between `reset` and `started`: a run is starting in the cluster. */
  #starting = false;
  /** Play was pressed while the run was starting. */
  #playWhenStarted = false;
  #now = $state(0);
  #clockWall = 0;
  readonly #control: ClusterControl;
  readonly #frames: Frames;
  #liveView: ViewState | null = null;
  #snapshots: ViewState[] = [];
  // Deliberately not reactive: an index into the trace and a list of listeners.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #offers = new Map<string, number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #fresh = new Set<FreshListener>();
  #replayFrame = 0;
  #replayWall = 0;

  constructor(control: ClusterControl, frames: Frames = browserFrames) {
    this.#control = control;
    this.#frames = frames;
  }

  /** Virtual time shown: the cluster's clock when live, the replay's clock or the chosen event otherwise. */
  get now(): number {
    return this.#now;
  }
  set now(value: number) {
    this.#now = value;
    // While time runs the coarse clock follows at most CLOCK_HZ times a wall second; otherwise (a scrub, a
    // step, a pause) at once. So the cluster view's countdowns do not re-render all agents every frame.
    const wall = this.#frames.now();
    if (!this.playing || value < this.clock || wall - this.#clockWall >= 1000 / CLOCK_HZ) {
      this.clock = value;
      this.#clockWall = wall;
    }
  }

  /** The number of events shown. */
  get shown(): number {
    return this.cursor ?? this.traceLength;
  }

  /** Forgets the previous run: the view of `scenario` before any event, live. */
  reset(scenario: Scenario): void {
    this.#stopReplay();
    this.#starting = true;
    this.#playWhenStarted = false;
    this.generation++;
    this.trace.length = 0;
    this.allocationPoints.length = 0;
    this.#offers.clear();
    this.#liveView = initialView(scenario);
    this.#snapshots = [this.#liveView];
    this.traceLength = 0;
    this.cursor = null;
    this.view = this.#liveView;
    this.now = 0;
    this.allocationsShown = 0;
    this.status = { ...IDLE_STATUS, until: scenario.until, speed: this.speed };
  }

  // ---------------------------------------------------------------- the trace

  /** A batch of trace events from the live cluster. */
  receive(events: readonly TraceEvent[]): void {
    let state = this.#liveView;
    if (!state) return;
    for (const e of events) {
      this.trace.push(e);
      state = reduce(state, e);
      if (state.seq % SNAPSHOT_EVERY === 0) this.#snapshots.push(state);
      if (e.type === 'offer') this.#offers.set(e.offer, this.trace.length - 1);
      else if (e.type === 'allocation')
        this.allocationPoints.push({ seq: state.seq, t: e.t, roles: e.roles, frameworks: e.frameworks });
    }
    this.#liveView = state;
    this.traceLength = this.trace.length;
    if (this.cursor === null) {
      this.view = state;
      this.allocationsShown = this.allocationPoints.length;
      this.now = Math.max(this.now, state.t);
      this.#emitFresh(events);
    }
  }

  /** A status report from the live cluster. */
  onStatus(s: ClusterStatus): void {
    this.status = s;
    if (this.cursor === null) this.now = Math.max(s.now, this.#liveView?.t ?? 0);
  }

  /** Subscribes to events as they are shown moving forward (live or replayed), for animation. */
  onFresh(listener: FreshListener): () => void {
    this.#fresh.add(listener);
    return () => this.#fresh.delete(listener);
  }

  #emitFresh(events: readonly TraceEvent[]): void {
    if (events.length) for (const l of this.#fresh) l(events, this.speed);
  }

  /** The offer event of an offer id, or null if this run made no such offer. */
  offerEvent(offerId: string): OfferEvent | null {
    const i = this.#offers.get(offerId);
    const e = i === undefined ? undefined : this.trace[i];
    return e && e.type === 'offer' ? e : null;
  }

  /** The view after the first `n` events, from the nearest snapshot. */
  viewAt(n: number): ViewState {
    const k = Math.min(Math.floor(n / SNAPSHOT_EVERY), this.#snapshots.length - 1);
    const base = this.#snapshots[k]!;
    return fold(base, this.trace, base.seq, n);
  }

  #show(n: number): void {
    if (n >= this.trace.length) {
      this.cursor = null;
      this.view = this.#liveView;
      this.allocationsShown = this.allocationPoints.length;
      this.now = Math.max(this.status.now, this.#liveView?.t ?? 0);
      return;
    }
    const c = Math.max(0, n);
    this.cursor = c;
    this.view = this.viewAt(c);
    this.now = this.view.t;
    let lo = 0;
    let hi = this.allocationPoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.allocationPoints[mid]!.seq <= c) lo = mid + 1;
      else hi = mid;
    }
    this.allocationsShown = lo;
  }

  // ---------------------------------------------------------------- time

  play(): void {
    // Pressed while the new run starts: the cluster keeps it for that run, and it is asked again once the
    // run has started, so that no ordering of the two requests loses the press.
    if (this.#starting) this.#playWhenStarted = true;
    if (this.cursor === null) {
      this.#control.play();
      return;
    }
    if (this.speed === 'max') {
      this.#show(this.trace.length);
      this.#control.play();
      return;
    }
    if (this.replaying) return;
    this.replaying = true;
    this.#replayWall = this.#frames.now();
    const tick = (wall: number): void => {
      if (!this.replaying || this.cursor === null) return;
      const speed = this.speed === 'max' ? MAX_SPEED : this.speed;
      const dt = Math.max(0, wall - this.#replayWall) / 1000;
      this.#replayWall = wall;
      const target = this.now + dt * speed;
      const from = this.cursor;
      const to = eventsUpTo(this.trace, target);
      if (to >= this.trace.length) {
        this.#emitFresh(this.trace.slice(from));
        this.#stopReplay();
        this.#show(this.trace.length);
        this.#control.play();
        return;
      }
      if (to > from) {
        this.#show(to);
        this.#emitFresh(this.trace.slice(from, to));
      }
      this.now = target;
      this.#replayFrame = this.#frames.request(tick);
    };
    this.#replayFrame = this.#frames.request(tick);
  }

  pause(): void {
    this.#playWhenStarted = false;
    this.#stopReplay();
    this.#control.pause();
  }

  /** The run that `reset` announced has started in the cluster: a Play pressed meanwhile is asked again. */
  started(): void {
    this.#starting = false;
    if (this.#playWhenStarted) {
      this.#playWhenStarted = false;
      this.#control.play();
    }
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  #stopReplay(): void {
    this.replaying = false;
    if (this.#replayFrame) this.#frames.cancel(this.#replayFrame);
    this.#replayFrame = 0;
  }

  /** One event forward: from the recording while in the past, else the cluster processes one. */
  async step(): Promise<void> {
    this.#stopReplay();
    if (this.cursor !== null) {
      const from = this.cursor;
      this.#show(from + 1);
      this.#emitFresh(this.trace.slice(from, from + 1));
      return;
    }
    this.#control.pause();
    await this.#control.step();
  }

  /** One event back (pauses the cluster). */
  stepBack(): void {
    this.pause();
    this.#show(this.shown - 1);
  }

  /** Shows the moment `time` (virtual seconds): every event at or before it. */
  scrubTo(time: number): void {
    this.pause();
    const n = eventsUpTo(this.trace, time);
    this.#show(n);
    if (n < this.trace.length) this.now = Math.max(this.view?.t ?? 0, time);
  }

  goLive(): void {
    this.#stopReplay();
    this.#show(this.trace.length);
  }

  setSpeed(speed: Speed): void {
    const s = speed === 'max' ? speed : Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    this.speed = s;
    this.#control.setSpeed(s);
  }

  /** Moves along SPEEDS: +1 faster, −1 slower. */
  nudgeSpeed(direction: 1 | -1): void {
    const i = SPEEDS.findIndex((x) => x === this.speed);
    const at = i < 0 ? SPEEDS.indexOf(1) : i;
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + direction))]!;
    this.setSpeed(next);
  }

  dispose(): void {
    this.#stopReplay();
    this.#fresh.clear();
  }
}
