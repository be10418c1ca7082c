/**
 * The lab: one running cluster and everything the page shows of it. It owns the ClusterClient (the only
 * thing that talks to the conductor worker), keeps the whole trace, and exposes the view at the chosen
 * moment as `$state.raw` for components to read (STYLE.md §6). Components call its methods; they never
 * touch the client.
 *
 * Time: while live, the view follows the trace as it streams in. Scrubbing pauses the cluster and rebuilds
 * the view of an earlier moment by folding the trace from the nearest snapshot (the reducer is pure, so a
 * snapshot is just a kept reference). Playing from the past replays the recorded trace at the chosen speed,
 * then carries on live.
 */
import {
  applySharedCode,
  editorShareState,
  onEditorShareChange,
  toSharedCode,
  withoutEditorActions,
} from '../../editor/share';
import type { Explanation } from '../../cluster/allocator/HierarchicalAllocator';
import type { Action, AgentSpec, Scenario } from '../../cluster/scenario/types';
import { checkScenario, parseAction, ScenarioError } from '../../cluster/scenario/validate';
import { traceToJsonl, type TraceEvent } from '../../cluster/trace';
import {
  MAX_SPEED,
  MIN_SPEED,
  type ClusterClient,
  type ClusterStatus,
  type Speed,
} from '../../workers/types';
import type { Messages } from '../i18n/en';
import { fold, initialView, reduce } from '../model/reduce';
import type { ViewState } from '../model/view';
import {
  decodeSetup,
  encodeSetup,
  hashFor,
  payloadOf,
  scenarioOf,
  ShareLinkError,
  type SharedSetup,
} from '../share/shareLink';
import type { ScenarioEntry } from './scenarios';

/** The speeds the control offers, slowest first; + and − move along this list. */
export const SPEEDS: readonly Speed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, MAX_SPEED, 'max'];

/** How often per wall second the cluster view's clock moves while time runs. */
const CLOCK_HZ = 5;

/** A snapshot of the view is kept every this many events, so scrubbing folds at most this many. */
const SNAPSHOT_EVERY = 256;

export type OfferEvent = Extract<TraceEvent, { type: 'offer' }>;

export interface AllocationPoint {
  /** Position in the trace (1-based: the view after this many events includes it). */
  readonly seq: number;
  readonly t: number;
  readonly roles: Readonly<Record<string, { share: number; count: number }>>;
  readonly frameworks: Readonly<Record<string, { share: number; count: number }>>;
}

/** A message for the banner; `text` is a function of the language so it follows a language switch. */
export interface Notice {
  readonly tone: 'error' | 'info';
  readonly text: (t: Messages) => string;
  readonly details?: readonly string[];
}

export interface WhyState {
  readonly offer: string;
  readonly event: OfferEvent | null;
  readonly status: 'loading' | 'done' | 'none' | 'error';
  readonly explanation?: Explanation;
}

export type FaultRequest =
  | { kind: 'kill-agent'; agent: string }
  | { kind: 'restart-agent'; agent: string }
  | { kind: 'partition'; agent: string; seconds: number }
  | { kind: 'fail-master' }
  | { kind: 'add-agent'; resources: string };

type FreshListener = (events: readonly TraceEvent[], speed: Speed) => void;

const IDLE: ClusterStatus = {
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

export class Lab {
  /** The example scenarios, for the picker. */
  readonly entries: readonly ScenarioEntry[];
  /** Which entry runs: an example's id, or 'custom' for an imported, built or shared scenario. */
  entryId = $state('');
  /** The scenario as given (for the builder and exports), and as validated (what runs). */
  input = $state.raw<Readonly<Record<string, unknown>>>({});
  scenario = $state.raw<Scenario | null>(null);
  seed = $state(0);

  status = $state.raw<ClusterStatus>(IDLE);
  speed = $state<Speed>(1);
  /** The view at the chosen moment. */
  view = $state.raw<ViewState | null>(null);
  /** Virtual time shown: the cluster's clock when live, the replay's clock or the chosen event otherwise. */
  get now(): number {
    return this.#now;
  }
  set now(value: number) {
    this.#now = value;
    // While time runs the coarse clock follows at most CLOCK_HZ times a wall second; otherwise (a scrub, a
    // step, a pause) at once. So the cluster view's countdowns do not re-render all agents every frame.
    const wall = performance.now();
    if (!this.playing || value < this.clock || wall - this.#clockWall >= 1000 / CLOCK_HZ) {
      this.clock = value;
      this.#clockWall = wall;
    }
  }
  /** `now`, updated a few times a second: for countdowns and lingering tasks in the cluster view. */
  clock = $state(0);
  #now = $state(0);
  #clockWall = 0;
  traceLength = $state(0);
  /** Events shown: null when live (all of them), else how many from the start. */
  cursor = $state<number | null>(null);
  /** True while the recorded trace is being replayed from the past. */
  replaying = $state(false);
  /** Allocation runs shown (a prefix of `allocationPoints`). */
  allocationsShown = $state(0);

  why = $state.raw<WhyState | null>(null);
  notice = $state.raw<Notice | null>(null);
  /** Actions applied live in this run (client.actions() beyond the scenario's own). */
  faults = $state.raw<readonly Action[]>([]);
  /** Learner code to carry in share links (set by the editor once it exists). */
  sharedCode = $state.raw<Readonly<Record<string, string>> | undefined>(undefined);

  readonly playing = $derived(this.replaying || this.status.playing);
  readonly live = $derived(this.cursor === null);

  /** The whole trace of this run. Not reactive itself; `traceLength` says when it grew. */
  readonly trace: TraceEvent[] = [];
  readonly allocationPoints: AllocationPoint[] = [];

  #client: ClusterClient;
  #liveView: ViewState | null = null;
  #snapshots: ViewState[] = [];
  // Deliberately not reactive: an index into the trace and a list of listeners.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #offers = new Map<string, number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #fresh = new Set<FreshListener>();
  #replayFrame = 0;
  #replayWall = 0;
  #shareTimer: ReturnType<typeof setTimeout> | null = null;
  #lastHash = '';
  #startId = 0;

  constructor(client: ClusterClient, entries: readonly ScenarioEntry[]) {
    this.#client = client;
    this.entries = entries;
    client.onTrace((events) => this.#receive(events));
    client.onStatus((s) => this.#onStatus(s));
    // Learner code in the editor travels in the share link too.
    onEditorShareChange(() => this.#scheduleShare());
  }

  // ---------------------------------------------------------------- starting

  /** Opens the setup in a share link if the hash holds one, else the default scenario. */
  /**
   * Opens the share link in `hash` if there is one, else the scenario named by `?scenario=` (for embedding),
   * else the first scenario.
   */
  async boot(hash: string, search = ''): Promise<void> {
    const payload = payloadOf(hash);
    if (payload !== null && payload !== '' && (await this.openLink(payload))) return;
    // Keep the link's notice: the page says why it opened the default scenario instead.
    const notice = this.notice;
    // Read once, never mutated: nothing reactive needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const wanted = new URLSearchParams(search).get('scenario');
    const entry = this.entries.find((e) => e.id === wanted) ?? this.entries[0];
    if (entry) await this.openEntry(entry.id);
    this.notice = notice;
  }

  /** Opens a share link's payload; false (with a notice) if it is broken or its scenario invalid. */
  async openLink(payload: string): Promise<boolean> {
    let setup: SharedSetup;
    try {
      setup = await decodeSetup(payload);
    } catch (e) {
      const problem = e instanceof ShareLinkError ? e.problem : 'shape';
      this.notice = {
        tone: 'error',
        text: (t) => `${t.notice.linkBroken} ${t.notice.linkProblem[problem]}`,
      };
      return false;
    }
    const { scenario, errors } = checkScenario(scenarioOf(setup));
    if (!scenario) {
      this.notice = {
        tone: 'error',
        text: (t) => t.notice.linkInvalid,
        details: errors.map((x) => x.message),
      };
      return false;
    }
    const original = setup.scenario as Record<string, unknown>;
    this.sharedCode = setup.code;
    // Shown in the editor, marked as shared; it does not run until the learner presses Run.
    applySharedCode(setup.code);
    await this.#start({ ...original, seed: setup.seed }, scenario, this.#matchEntry(original));
    this.notice = { tone: 'info', text: (t) => t.notice.opened(scenario.name) };
    return true;
  }

  /** Starts one of the example scenarios with its own seed. */
  async openEntry(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    await this.load(entry.input, id);
  }

  /**
   * Validates a scenario given as JSON (an object, or text) and starts it. Returns the problems, every one
   * with its JSON path, when it is invalid; nothing changes then.
   */
  async load(input: unknown, entryId = 'custom', seed?: number): Promise<ScenarioError[]> {
    let value = input;
    if (typeof input === 'string') {
      const { errors } = checkScenario(input);
      if (errors.length) return errors;
      value = JSON.parse(input) as unknown;
    }
    const raw = { ...(value as Record<string, unknown>), ...(seed !== undefined ? { seed } : {}) };
    const { scenario, errors } = checkScenario(raw);
    if (!scenario) return errors;
    this.notice = null;
    await this.#start(raw, scenario, entryId);
    return [];
  }

  /** Restarts the current scenario, with the same seed or a new random one (injected faults are dropped). */
  async restart(seed: number = this.seed): Promise<void> {
    await this.load({ ...this.input, seed }, this.entryId);
  }

  async restartWithNewSeed(): Promise<void> {
    // The page may use Math.random: only the cluster model must be deterministic.
    await this.restart(Math.floor(Math.random() * 1_000_000));
  }

  async #start(input: Record<string, unknown>, scenario: Scenario, entryId: string): Promise<void> {
    const id = ++this.#startId;
    this.#stopReplay();
    this.entryId = entryId;
    this.input = input;
    this.scenario = scenario;
    this.seed = scenario.seed;
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
    this.why = null;
    this.faults = [];
    this.status = { ...IDLE, until: scenario.until, speed: this.speed };
    // The client drops anything still in flight from the previous run.
    await this.#client.start(scenario, { speed: this.speed });
    if (id === this.#startId) this.#scheduleShare();
  }

  #matchEntry(input: Record<string, unknown>): string {
    const name = input.name;
    const entry = this.entries.find((e) => e.input.name === name);
    return entry ? entry.id : 'custom';
  }

  // ---------------------------------------------------------------- the trace

  #receive(events: TraceEvent[]): void {
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
    this.#checkFaults();
  }

  #onStatus(s: ClusterStatus): void {
    if (s.error && s.error !== this.status.error) {
      const error = s.error;
      this.notice = { tone: 'error', text: (t) => t.notice.startFailed, details: [error] };
    }
    this.status = s;
    if (this.cursor === null) this.now = Math.max(s.now, this.#liveView?.t ?? 0);
    this.#checkFaults();
  }

  /** The client learns of applied actions asynchronously; pick them up and refresh the share link. */
  #checkFaults(): void {
    const n = this.scenario?.actions.length ?? 0;
    const all = this.#client.actions();
    if (all.length - n !== this.faults.length) {
      this.faults = all.slice(n);
      this.#scheduleShare();
    }
  }

  /** Subscribes to events as they are shown moving forward (live or replayed), for animation. */
  onFresh(listener: FreshListener): () => void {
    this.#fresh.add(listener);
    return () => this.#fresh.delete(listener);
  }

  #emitFresh(events: readonly TraceEvent[]): void {
    if (events.length) for (const l of this.#fresh) l(events, this.speed);
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

  /** The number of events shown. */
  get shown(): number {
    return this.cursor ?? this.traceLength;
  }

  // ---------------------------------------------------------------- time

  play(): void {
    if (this.cursor === null) {
      this.#client.play();
      return;
    }
    if (this.speed === 'max') {
      this.#show(this.trace.length);
      this.#client.play();
      return;
    }
    if (this.replaying) return;
    this.replaying = true;
    this.#replayWall = performance.now();
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
        this.#client.play();
        return;
      }
      if (to > from) {
        this.#show(to);
        this.#emitFresh(this.trace.slice(from, to));
      }
      this.now = target;
      this.#replayFrame = requestAnimationFrame(tick);
    };
    this.#replayFrame = requestAnimationFrame(tick);
  }

  pause(): void {
    this.#stopReplay();
    this.#client.pause();
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  #stopReplay(): void {
    this.replaying = false;
    if (this.#replayFrame) cancelAnimationFrame(this.#replayFrame);
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
    this.#client.pause();
    await this.#client.step();
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
    if (n >= this.trace.length) this.#show(n);
    else {
      this.#show(n);
      this.now = Math.max(this.view?.t ?? 0, time);
    }
  }

  goLive(): void {
    this.#stopReplay();
    this.#show(this.trace.length);
  }

  setSpeed(speed: Speed): void {
    const s = speed === 'max' ? speed : Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    this.speed = s;
    this.#client.setSpeed(s);
  }

  /** Moves along SPEEDS: +1 faster, −1 slower. */
  nudgeSpeed(direction: 1 | -1): void {
    const i = SPEEDS.findIndex((x) => x === this.speed);
    const at = i < 0 ? SPEEDS.indexOf(1) : i;
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + direction))]!;
    this.setSpeed(next);
  }

  // ---------------------------------------------------------------- faults

  /**
   * Applies a fault now. It is checked against the scenario first (parseAction); the error, if any, is
   * returned, and nothing is applied. Faults only apply live: the past cannot be changed.
   */
  inject(request: FaultRequest): ScenarioError | null {
    const scenario = this.scenario;
    if (!scenario || this.cursor !== null) return null;
    const at = this.status.now;
    let action: unknown;
    switch (request.kind) {
      case 'kill-agent':
      case 'restart-agent':
        action = { at, do: request.kind, agent: request.agent };
        break;
      case 'partition':
        action = { at, do: 'partition', between: ['master', request.agent], forSeconds: request.seconds };
        break;
      case 'fail-master':
        action = { at, do: 'fail-master' };
        break;
      case 'add-agent': {
        const agent: AgentSpec = { id: this.#newAgentId(), resources: request.resources, attributes: {} };
        action = { at, do: 'add-agent', agent };
        break;
      }
    }
    try {
      const valid = parseAction(action, { ...scenario, actions: this.#client.actions() });
      this.#client.inject(valid);
      return null;
    } catch (e) {
      if (e instanceof ScenarioError) return e;
      throw e;
    }
  }

  #newAgentId(): string {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
    const taken = new Set<string>(this.view ? [...this.view.agents.keys()] : []);
    for (const a of this.#client.actions()) if (a.do === 'add-agent') taken.add(a.agent.id);
    for (let i = taken.size + 1; ; i++) if (!taken.has(`agent${i}`)) return `agent${i}`;
  }

  // ---------------------------------------------------------------- why this offer

  offerEvent(offerId: string): OfferEvent | null {
    const i = this.#offers.get(offerId);
    const e = i === undefined ? undefined : this.trace[i];
    return e && e.type === 'offer' ? e : null;
  }

  async explain(offerId: string): Promise<void> {
    const event = this.offerEvent(offerId);
    this.why = { offer: offerId, event, status: 'loading' };
    let explanation: Explanation | null;
    try {
      explanation = await this.#client.explain(offerId);
    } catch {
      if (this.why?.offer === offerId) this.why = { offer: offerId, event, status: 'error' };
      return;
    }
    if (this.why?.offer !== offerId) return;
    this.why = explanation
      ? { offer: offerId, event, status: 'done', explanation }
      : { offer: offerId, event, status: 'none' };
  }

  clearWhy(): void {
    this.why = null;
  }

  // ---------------------------------------------------------------- exports and links

  traceJsonl(): string {
    return traceToJsonl(this.trace);
  }

  /** The setup a share link carries: the scenario, its seed, the faults applied so far, learner code. */
  sharedSetup(): SharedSetup | null {
    if (!this.scenario) return null;
    // The editor's own actions (its framework joining, failing over, stopping) carry compiled code: the
    // link carries the source instead, which runs only when the learner presses Run.
    const editor = editorShareState();
    const code = editor && editor.tabs.length > 0 ? toSharedCode(editor) : this.sharedCode;
    return {
      scenario: this.scenario,
      seed: this.seed,
      faults: withoutEditorActions(this.faults),
      ...(code ? { code } : {}),
    };
  }

  #scheduleShare(): void {
    if (this.#shareTimer) clearTimeout(this.#shareTimer);
    this.#shareTimer = setTimeout(() => void this.writeShareLink(), 150);
  }

  /** Writes the share link into the address bar (history.replaceState, so Back is not flooded). */
  async writeShareLink(): Promise<string> {
    this.#shareTimer = null;
    const setup = this.sharedSetup();
    if (!setup) return location.href;
    const hash = hashFor(await encodeSetup(setup));
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
    this.#lastHash = hash;
    return location.href;
  }

  /** True when the hash is not the one this lab last wrote (the user pasted another link). */
  isForeignHash(hash: string): boolean {
    return hash !== this.#lastHash && payloadOf(hash) !== null;
  }

  dismissNotice(): void {
    this.notice = null;
  }

  dispose(): void {
    this.#stopReplay();
    this.#client.dispose();
  }
}
