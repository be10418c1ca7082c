/**
 * The simulation (ARCHITECTURE.md calls it the conductor): owns virtual time, the network and the faults, plays the scenario's
 * actions and elects masters (ZooKeeper's part). It delivers each event to one actor through a host and
 * applies the effects the actor returns. The in-process host here calls actors directly; the worker host
 * runs each actor in a Web Worker and must produce the same trace.
 */
import {
  EffectContext,
  PHASE_ACTION,
  PHASE_NORMAL,
  type Actor,
  type ActorSpec,
  type AgentConfig,
  type DriverConfig,
  type Effects,
  type MasterConfig,
} from '../actor';
import { Agent } from '../agent/Agent';
import { CommandExecutor } from '../executor/Executor';
import { CustomExecutor } from '../executor/CustomExecutor';
import { Master } from '../master/Master';
import {
  agentAddress,
  frameworkAddress,
  masterAddress,
  type ActorId,
  type Message,
  type Registry,
} from '../protocol';
import { Rng, hashString } from '../rng';
import type { Action, AgentSpec, FrameworkSpec, Scenario, SchedulerSpec } from '../scenario/types';
import { builtinScheduler } from '../scheduler/builtins';
import { SchedulerDriverActor } from '../scheduler/SchedulerDriver';
import type { SchedulerLoader } from '../sandbox/loader';
import { FailedRuntime, ObjectRuntime, type SandboxRuntime } from '../sandbox/runtime';
import type { SchedulerCallback } from '../scheduler/api';
import { MS, SECOND, seconds, toSeconds, type Micros } from '../time';
import type { TraceBody, TraceEvent } from '../trace';
import type { ResourceJson } from '../resources';
import { EventQueue, type Queued } from './EventQueue';
import { effectViolation } from './permissions';

/** More events than this at one virtual instant means virtual time has stopped moving. */
export const MAX_EVENTS_PER_INSTANT = 200_000;

export class SimulationStalled extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationStalled';
  }
}

/** --zk_session_timeout: how long until a dead leader's ZooKeeper session expires (MESOS.md §3.6). */
export const ZK_SESSION_TIMEOUT: Micros = 10 * SECOND;

export const DEFAULT_AGENT_CONFIG: AgentConfig = {
  statusRetryMin: 10 * SECOND,
  statusRetryMax: 10 * 60 * SECOND,
  registrationBackoff: SECOND,
  registrationBackoffMax: 60 * SECOND,
  registerImmediately: true,
  masterPingTimeout: 75 * SECOND,
};

export const DEFAULT_DRIVER_CONFIG: DriverConfig = { callbackBudgetMs: 1000 };

export function masterConfig(scenario: Scenario, explain = false): MasterConfig {
  return {
    explain,
    allocator: scenario.allocator,
    roles: scenario.roles,
    agentPingTimeout: 15 * SECOND,
    maxAgentPingTimeouts: 5,
    agentReregisterTimeout: 10 * 60 * SECOND,
  };
}

export type { SchedulerLoader };

/** Builds any actor from its serializable spec; the worker entries call this too. */
export function createActor(spec: ActorSpec, loadScheduler?: SchedulerLoader): Actor {
  switch (spec.kind) {
    case 'master':
      return new Master(spec.id, spec.config, new Rng(spec.seed, spec.id));
    case 'agent':
      return new Agent(
        spec.id,
        spec.info,
        spec.config,
        spec.leader,
        new Rng(spec.seed, spec.id),
        spec.checkpointed,
      );
    case 'executor': {
      if (!spec.custom)
        return new CommandExecutor(
          spec.id,
          spec.agent,
          spec.agentAddress,
          spec.frameworkId,
          spec.executorId,
          spec.firstTask,
          spec.frameworkInfo.checkpoint,
        );
      const runtime =
        loadScheduler?.executor?.(spec.frameworkId, spec.custom.className, spec.seed, spec.custom.compiled) ??
        new FailedRuntime(
          `no executor class '${spec.custom.className}' could be loaded from the framework's code`,
        );
      return new CustomExecutor(
        spec.id,
        spec.agent,
        spec.agentAddress,
        spec.frameworkId,
        spec.frameworkInfo,
        spec.executorId,
        spec.firstTask,
        runtime,
        DEFAULT_DRIVER_CONFIG.callbackBudgetMs,
      );
    }
    case 'framework': {
      const s = spec.spec.scheduler;
      let runtime: SandboxRuntime<SchedulerCallback>;
      if ('builtin' in s) runtime = new ObjectRuntime(builtinScheduler(spec.spec.id, s));
      else if (loadScheduler) runtime = loadScheduler(spec.spec, spec.seed);
      else throw new Error(`framework ${spec.spec.id}: no loader for scheduler code`);
      return new SchedulerDriverActor(spec.id, spec.spec, runtime, spec.leader, spec.config);
    }
  }
}

/**
 * Where actors live. The in-process host keeps them in a map and answers at once; the worker host runs
 * them in Web Workers and answers with promises (then only `stepBatch`, `advanceAsync` and `runAsync` may be used).
 */
export interface Host {
  spawn(spec: ActorSpec): void;
  stop(id: ActorId): void;
  /** Stops every actor still running: the run is over. */
  dispose?(): void;
  deliver(id: ActorId, msg: Message, now: Micros): Effects | null | Promise<Effects | null>;
}

export class InProcessHost implements Host {
  private readonly actors = new Map<ActorId, Actor>();
  /**
   * `owned`: the loader belongs to this host alone, and its `dispose` is called when the host is disposed
   * (the run is over). A loader shared by several runs (a grading run's seeds) is left to its owner.
   */
  constructor(
    private readonly loadScheduler?: SchedulerLoader & { dispose?(): void },
    private readonly owned = false,
  ) {}
  spawn(spec: ActorSpec): void {
    this.actors.set(spec.id, createActor(spec, this.loadScheduler));
  }
  stop(id: ActorId): void {
    this.actors.get(id)?.dispose?.();
    this.actors.delete(id);
  }
  dispose(): void {
    for (const id of [...this.actors.keys()]) this.stop(id);
    if (this.owned) this.loadScheduler?.dispose?.();
  }
  deliver(id: ActorId, msg: Message, now: Micros): Effects | null | Promise<Effects | null> {
    const actor = this.actors.get(id);
    if (!actor) return null;
    const ctx = new EffectContext(now, id);
    const waiting = actor.receive(msg, ctx);
    return waiting ? waiting.then(() => ctx.effects) : ctx.effects;
  }
  actor(id: ActorId): Actor | undefined {
    return this.actors.get(id);
  }
}

export type SimPayload =
  | { kind: 'deliver'; to: ActorId; msg: Message; sentAt: Micros }
  | { kind: 'action'; action: Action }
  | { kind: 'elect'; failed: ActorId }
  | { kind: 'heal'; between: [string, string] }
  /** A flaky link's window of trouble ends. */
  | { kind: 'steady'; between: [string, string] }
  /** A rebooted machine comes up again: a fresh agent process starts on it. */
  | { kind: 'boot'; hostname: string };

export type SimEvent = Queued & SimPayload;
type DeliverEvent = Extract<SimEvent, { kind: 'deliver' }>;

export interface SimulationOptions {
  loadScheduler?: SchedulerLoader;
  /** Called for every trace event as it happens. */
  onTrace?: (e: TraceEvent) => void;
  /** Keep the whole trace in memory (default true). */
  keepTrace?: boolean;
  host?: Host;
  agentConfig?: Partial<AgentConfig>;
  driverConfig?: Partial<DriverConfig>;
  /** Explanation replay: masters record a `why` event for every offer. */
  explain?: boolean;
}

interface Partition {
  a: string;
  b: string;
  until: Micros;
}

/** A window of trouble on the link between two endpoints (the `flaky-link` action). */
interface FlakyLink extends Partition {
  drop: number;
  /** The most extra delay of one message. */
  delay: Micros;
  repeat: number;
}

/** The endpoint a partition speaks of: "master", an agent id (its executors too), or a framework id. */
export function endpointOf(id: ActorId): string {
  let e = endpoints.get(id);
  if (e === undefined) {
    const [kind, name] = id.split('/');
    e = kind === 'master' ? 'master' : (name ?? id);
    endpoints.set(id, e);
  }
  return e;
}
const endpoints = new Map<ActorId, string>();

export class Simulation {
  readonly scenario: Scenario;
  readonly trace: TraceEvent[] = [];
  private readonly queue = new EventQueue<SimEvent>();
  private readonly host: Host;
  private readonly net: Rng;
  private readonly keepTrace: boolean;
  private readonly agentConfig: AgentConfig;
  private readonly driverConfig: DriverConfig;
  private seq = 0;
  private nowUs: Micros = 0;
  private currentPhase = PHASE_NORMAL;
  private leader: ActorId | null = null;
  private registry: Registry;
  /** Live actors and when each incarnation was spawned: messages sent to an earlier incarnation are lost. */
  private readonly alive = new Map<ActorId, Micros>();
  private readonly masters: ActorId[];
  private partitions: Partition[] = [];
  private flakyLinks: FlakyLink[] = [];
  /**
   * When the last message a flaky link delayed arrives, by sender and receiver: a later message on the same
   * connection never overtakes it (libprocess sends one actor's messages to another over one connection,
   * in order). Empty unless a flaky link has delayed something.
   */
  private readonly inOrder = new Map<string, Micros>();
  private incarnations = new Map<ActorId, number>();
  private eventsProcessed = 0;
  private sameInstant = 0;
  /** The time of a batch popped from the queue whose answers (learner code in a sandbox) are still awaited. */
  private awaiting: Micros | null = null;
  private readonly replacedSchedulers = new Map<string, SchedulerSpec>();
  /** Agents and frameworks added by actions as they run (injected live ones included). */
  private readonly addedAgents = new Map<string, AgentSpec>();
  private readonly addedFrameworks = new Map<string, FrameworkSpec>();
  /** Each machine's current agent id and how many times it has booted; the first boot's id is its hostname. */
  private readonly machines = new Map<
    string,
    { agentId: string; boots: number; checkpointed?: ResourceJson[] }
  >();

  constructor(
    scenario: Scenario,
    private readonly options: SimulationOptions = {},
  ) {
    this.scenario = scenario;
    this.host = options.host ?? new InProcessHost(options.loadScheduler);
    this.net = new Rng(scenario.seed, 'network');
    this.keepTrace = options.keepTrace ?? true;
    this.agentConfig = { ...DEFAULT_AGENT_CONFIG, ...options.agentConfig };
    this.driverConfig = { ...DEFAULT_DRIVER_CONFIG, ...options.driverConfig };
    this.registry = {
      agents: [],
      unreachable: [],
      weights: Object.fromEntries(
        Object.entries(scenario.roles).flatMap(([r, s]) => (s.weight !== undefined ? [[r, s.weight]] : [])),
      ),
      quotas: Object.fromEntries(
        Object.entries(scenario.roles).flatMap(([r, s]) => (s.quota ? [[r, { ...s.quota }]] : [])),
      ),
      epoch: 0,
    };
    this.masters = Array.from({ length: scenario.masters }, (_, i) => masterAddress(i + 1));
    for (const m of this.masters) this.spawn(this.masterSpec(m));
    this.elect(this.masters[0]!);
    for (const a of scenario.agents) this.startAgent(a);
    for (const f of scenario.frameworks) this.startFramework(f);
    for (const action of scenario.actions)
      this.enqueue({ kind: 'action', action }, seconds(action.at), PHASE_ACTION);
  }

  get now(): Micros {
    return this.nowUs;
  }

  get nowSeconds(): number {
    return toSeconds(this.nowUs);
  }

  get leaderId(): ActorId | null {
    return this.leader;
  }

  get processed(): number {
    return this.eventsProcessed;
  }

  /**
   * Time of the next event, or null when nothing is left. A batch whose answers are still awaited is not
   * done: while learner code runs, the queue can be empty and the run still far from over.
   */
  nextTime(): Micros | null {
    return this.awaiting ?? this.queue.peek()?.time ?? null;
  }

  isAlive(id: ActorId): boolean {
    return this.alive.has(id);
  }

  /** Processes one event; false when the queue is empty. Needs a host that answers synchronously. */
  step(): boolean {
    const e = this.queue.pop();
    if (!e) return false;
    this.begin(e);
    if (e.kind !== 'deliver') this.conduct(e);
    else if (this.deliverable(e)) {
      const effects = this.host.deliver(e.to, e.msg, e.time);
      if (effects instanceof Promise)
        throw new Error(
          'an actor answered asynchronously (learner code in a sandbox of its own): use runAsync()',
        );
      if (effects) this.apply(e.to, effects);
    }
    return true;
  }

  /**
   * Processes the next instant's batch: the events at the head of the queue that share a (time, phase)
   * and go to different actors are delivered together, and their effects applied in queue order. New
   * events always sort after the batch, and actors share nothing, so the trace is exactly what `step()`
   * one event at a time would give. Returns a promise only when some actor answers later (a worker, or
   * learner code in a sandbox of its own); otherwise the batch is done when this returns.
   */
  stepBatch(): boolean | Promise<boolean> {
    const head = this.queue.pop();
    if (!head) return false;
    if (head.kind !== 'deliver') {
      this.begin(head);
      this.conduct(head);
      return true;
    }
    const batch: DeliverEvent[] = [head];
    const targets = new Set([head.to]);
    for (let next = this.queue.peek(); next; next = this.queue.peek()) {
      if (
        next.kind !== 'deliver' ||
        next.time !== head.time ||
        next.phase !== head.phase ||
        targets.has(next.to)
      )
        break;
      batch.push(this.queue.pop() as DeliverEvent);
      targets.add(next.to);
    }
    this.begin(head);
    const answers = batch.map((e) => (this.deliverable(e) ? this.host.deliver(e.to, e.msg, e.time) : null));
    if (answers.some((a) => a instanceof Promise)) {
      this.awaiting = head.time;
      return Promise.all(answers)
        .finally(() => (this.awaiting = null))
        .then((effects) => {
          this.applyBatch(batch, effects);
          return true;
        });
    }
    this.applyBatch(batch, answers as (Effects | null)[]);
    return true;
  }

  private applyBatch(batch: readonly DeliverEvent[], effects: readonly (Effects | null)[]): void {
    for (let i = 0; i < batch.length; i++) {
      const e = batch[i]!;
      if (i > 0) this.begin(e);
      // An actor stopped by an earlier event of the batch would not have seen this one.
      const fx = effects[i];
      if (fx && this.deliverable(e)) this.apply(e.to, fx);
    }
  }

  /** `stepBatch`, always as a promise. */
  async stepAsync(): Promise<boolean> {
    return this.stepBatch();
  }

  /** `advance`, for a host or runtimes that may answer asynchronously. */
  async advanceAsync(until: Micros, stop?: () => boolean): Promise<boolean> {
    for (let next = this.queue.peek(); next && next.time <= until; next = this.queue.peek()) {
      const done = this.stepBatch();
      if (done !== true && done !== false) await done;
      if (stop?.()) return false;
    }
    if (this.nowUs < until) this.nowUs = until;
    return true;
  }

  /** `run`, for a host or runtimes that may answer asynchronously (learner code in browser sandboxes). */
  async runAsync(untilSeconds = this.scenario.until): Promise<TraceEvent[]> {
    await this.advanceAsync(seconds(untilSeconds));
    return this.trace;
  }

  private begin(e: SimEvent): void {
    // Virtual time must move: a scenario whose events keep making events at the same instant (zero latency
    // and a task that fails at once, relaunched at once) would otherwise never end.
    if (e.time === this.nowUs) {
      if (++this.sameInstant > MAX_EVENTS_PER_INSTANT)
        throw new SimulationStalled(
          `the simulation makes no progress: more than ${MAX_EVENTS_PER_INSTANT} events at t=${toSeconds(e.time)} s (is network.latencyMs 0 while a task fails and is relaunched at once?)`,
        );
    } else this.sameInstant = 0;
    this.nowUs = e.time;
    this.currentPhase = e.phase as typeof PHASE_NORMAL;
    this.eventsProcessed++;
  }

  /** A message reaches its actor only if the actor is alive and was already alive when it was sent. */
  private deliverable(e: DeliverEvent): boolean {
    const spawnedAt = this.alive.get(e.to);
    return spawnedAt !== undefined && (e.sentAt >= spawnedAt || e.msg.type === 'START');
  }

  private conduct(e: Exclude<SimEvent, DeliverEvent>): void {
    if (e.kind === 'action') this.act(e.action);
    else if (e.kind === 'elect') this.electAfterFailure(e.failed);
    else if (e.kind === 'boot') this.boot(e.hostname);
    else if (e.kind === 'steady') {
      this.flakyLinks = this.flakyLinks.filter(
        (l) => !(l.a === e.between[0] && l.b === e.between[1] && l.until <= this.nowUs),
      );
      for (const [connection, at] of this.inOrder) if (at <= this.nowUs) this.inOrder.delete(connection);
      this.record({ type: 'flaky-link-ended', between: e.between });
    } else {
      this.partitions = this.partitions.filter(
        (p) => !(p.a === e.between[0] && p.b === e.between[1] && p.until <= this.nowUs),
      );
      this.record({ type: 'heal', between: e.between });
    }
  }

  /**
   * Runs events up to virtual time `until` (µs) and moves the clock there, unless `stop` asks to pause
   * first (a wall-clock budget in the live view). Returns true when `until` was reached.
   */
  advance(until: Micros, stop?: () => boolean): boolean {
    let n = 0;
    for (let next = this.queue.peek(); next && next.time <= until; next = this.queue.peek()) {
      this.step();
      if (stop && (++n & 63) === 0 && stop()) return false;
    }
    if (this.nowUs < until) this.nowUs = until;
    return true;
  }

  /** Runs every event at or before `until` (virtual seconds; the scenario's `until` by default). */
  run(untilSeconds = this.scenario.until): TraceEvent[] {
    const until = seconds(untilSeconds);
    for (let next = this.queue.peek(); next && next.time <= until; next = this.queue.peek()) this.step();
    if (this.nowUs < until) this.nowUs = until;
    return this.trace;
  }

  /**
   * Ends the run for good: every actor still running is stopped with its sandbox (learner code's worker
   * threads in Node). The trace stays readable; the simulation cannot go on.
   */
  dispose(): void {
    this.host.dispose?.();
  }

  /**
   * Injects an action (a fault on demand from the UI) at the next microsecond, before anything else happens
   * then. Returns the action with its `at`: appended to the scenario's actions, it replays identically.
   */
  inject(action: Action): Action {
    const at = this.nowUs + 1;
    const placed = { ...action, at: toSeconds(at) } as Action;
    this.enqueue({ kind: 'action', action: placed }, at, PHASE_ACTION);
    return placed;
  }

  // ------------------------------------------------------------------ effects

  private apply(from: ActorId, fx: Effects): void {
    const violation = effectViolation(from, fx);
    if (violation !== null) {
      this.record({ type: 'error', message: `${from}: effects refused: ${violation}` });
      return;
    }
    for (const body of fx.trace) this.record(body);
    for (const spawned of fx.spawns) {
      const spec = this.withExecutorCode(spawned);
      this.spawn(spec);
      this.deliverNow(spec.id, { type: 'START' });
    }
    for (const s of fx.sends) {
      if (s.local) this.deliverNow(s.to, s.msg);
      else this.send(from, s.to, s.msg);
    }
    for (const t of fx.timers)
      this.enqueue(
        { kind: 'deliver', to: from, msg: t.timer, sentAt: this.nowUs },
        this.nowUs + t.delay,
        t.phase,
      );
    for (const id of fx.stops) this.stopActor(id, from === id);
    if (fx.registry) this.registry = fx.registry;
    // An agent's checkpoint is on its machine's disk: a reboot keeps it (startAgent hands it over).
    if (fx.checkpoint && from.startsWith('agent/')) {
      const machine = this.machines.get(from.slice('agent/'.length));
      if (machine) machine.checkpointed = fx.checkpoint;
    }
  }

  private record(body: TraceBody): void {
    const e = { t: toSeconds(this.nowUs), ...body } as TraceEvent;
    if (this.keepTrace) this.trace.push(e);
    this.options.onTrace?.(e);
  }

  private enqueue(item: SimPayload, time: Micros, phase: number = PHASE_NORMAL): void {
    // An event for this very instant never sorts before the event being processed.
    const p = time === this.nowUs ? Math.max(phase, this.currentPhase) : phase;
    const e = item as SimEvent;
    e.time = time;
    e.phase = p;
    e.seq = this.seq++;
    this.queue.push(e);
  }

  private deliverNow(to: ActorId, msg: Message): void {
    this.enqueue({ kind: 'deliver', to, msg, sentAt: this.nowUs }, this.nowUs);
  }

  /** The network: latency, random drops (from the scenario's seed) and partitions. */
  private send(from: ActorId, to: ActorId, msg: Message): void {
    if (this.partitions.length > 0) {
      const a = endpointOf(from);
      const b = endpointOf(to);
      for (const p of this.partitions)
        if (p.until > this.nowUs && ((p.a === a && p.b === b) || (p.a === b && p.b === a))) return;
    }
    const { latencyMs, dropRate } = this.scenario.network;
    if (dropRate > 0 && this.net.next() < dropRate) return;
    const arrival = this.nowUs + Math.round(latencyMs * MS);
    if (this.flakyLinks.length > 0 || this.inOrder.size > 0) return this.sendFlaky(from, to, msg, arrival);
    this.enqueue({ kind: 'deliver', to, msg, sentAt: this.nowUs }, arrival);
  }

  /**
   * A message that may cross a flaky link: dropped, delayed or sent twice by the draws of the seeded network
   * stream, and never delivered before a message sent earlier from the same sender to the same receiver.
   */
  private sendFlaky(from: ActorId, to: ActorId, msg: Message, arrival: Micros): void {
    const a = endpointOf(from);
    const b = endpointOf(to);
    const link = this.flakyLinks.find(
      (l) => l.until > this.nowUs && ((l.a === a && l.b === b) || (l.a === b && l.b === a)),
    );
    let at = arrival;
    let copies = 1;
    if (link) {
      if (link.drop > 0 && this.net.next() < link.drop) return;
      if (link.delay > 0) at += Math.round(this.net.next() * link.delay);
      if (link.repeat > 0 && this.net.next() < link.repeat) copies = 2;
    }
    const connection = `${from}>${to}`;
    const earlier = this.inOrder.get(connection);
    if (earlier !== undefined && earlier > at) at = earlier;
    // A message with the usual latency that arrives after the held one lets every later one follow it.
    if (at > arrival) this.inOrder.set(connection, at);
    else if (earlier !== undefined) this.inOrder.delete(connection);
    this.enqueue({ kind: 'deliver', to, msg, sentAt: this.nowUs }, at);
    // The copy is a message of its own, as a retransmission would be: the receiver cannot tell them apart.
    if (copies === 2)
      this.enqueue(
        { kind: 'deliver', to, msg: JSON.parse(JSON.stringify(msg)) as Message, sentAt: this.nowUs },
        at,
      );
  }

  // ------------------------------------------------------------------ actors

  private spawn(spec: ActorSpec): void {
    const n = (this.incarnations.get(spec.id) ?? 0) + 1;
    this.incarnations.set(spec.id, n);
    this.host.spawn(spec);
    this.alive.set(spec.id, this.nowUs);
  }

  /** A custom executor's worker needs its framework's compiled module, which only the scenario holds. */
  private withExecutorCode(spec: ActorSpec): ActorSpec {
    if (spec.kind !== 'executor' || !spec.custom || spec.custom.compiled) return spec;
    const f = this.frameworkSpec(spec.frameworkId);
    const compiled = f && 'code' in f.scheduler ? f.scheduler.compiled : undefined;
    return compiled ? { ...spec, custom: { ...spec.custom, compiled } } : spec;
  }

  private seedFor(id: ActorId): number {
    return (this.scenario.seed ^ hashString(`${id}#${(this.incarnations.get(id) ?? 0) + 1}`)) >>> 0;
  }

  private masterSpec(id: ActorId): ActorSpec {
    return {
      kind: 'master',
      id,
      seed: this.seedFor(id),
      config: masterConfig(this.scenario, this.options.explain === true),
    };
  }

  private stopActor(id: ActorId, self: boolean): void {
    if (!this.alive.has(id)) return;
    this.alive.delete(id);
    this.host.stop(id);
    // A scheduler process that dies closes its connection: the master sees it exit (Master::exited).
    if (id.startsWith('framework/') && this.leader) this.send(id, this.leader, { type: 'EXITED', peer: id });
    void self;
  }

  /**
   * Starts an agent process on a machine. Its agent id is the machine's hostname at the first boot; after a
   * reboot the agent registers as a new agent, with a new id (`agent1#2` for the second boot), as Mesos
   * gives a rebooted host a new SlaveID.
   */
  private startAgent(a: AgentSpec): void {
    const id = agentAddress(a.id);
    const machine = this.machines.get(a.id) ?? { agentId: a.id, boots: 0 };
    machine.boots++;
    if (machine.boots > 1) {
      let n = machine.boots;
      while (this.agentSpec(`${a.id}#${n}`)) n++;
      machine.agentId = `${a.id}#${n}`;
    }
    this.machines.set(a.id, machine);
    this.spawn({
      kind: 'agent',
      id,
      seed: this.seedFor(id),
      info: { id: machine.agentId, hostname: a.id, resources: a.resources, attributes: a.attributes },
      config: this.agentConfig,
      leader: this.leader,
      ...(machine.checkpointed?.length ? { checkpointed: machine.checkpointed } : {}),
    });
    this.deliverNow(id, { type: 'START' });
  }

  /** The agent id a machine's agent process has now. */
  private agentIdOf(hostname: string): string {
    return this.machines.get(hostname)?.agentId ?? hostname;
  }

  private boot(hostname: string): void {
    const spec = this.agentSpec(hostname);
    if (spec && !this.alive.has(agentAddress(hostname))) this.startAgent(spec);
  }

  /**
   * The agent process restarts in place: the same actor keeps what it checkpointed, everything sent to the
   * old process (timers included) is dropped, the master sees the old connection close, and the executors
   * on the machine see their agent's link break.
   */
  private restartAgentProcess(hostname: string): void {
    const id = agentAddress(hostname);
    this.alive.set(id, this.nowUs);
    this.record({ type: 'agent-restarted', agent: this.agentIdOf(hostname) });
    if (this.leader) this.send(id, this.leader, { type: 'EXITED', peer: id });
    for (const actor of [...this.alive.keys()])
      if (actor.startsWith(`executor/${hostname}/`)) this.deliverNow(actor, { type: 'AGENT_EXITED' });
    this.deliverNow(id, { type: 'RESTART_AGENT', leader: this.leader });
  }

  private startFramework(f: FrameworkSpec): void {
    const id = frameworkAddress(f.id);
    this.spawn({
      kind: 'framework',
      id,
      seed: this.seedFor(id),
      spec: f,
      leader: this.leader,
      config: this.driverConfig,
    });
    this.deliverNow(id, { type: 'START' });
  }

  private killAgent(agent: string): void {
    const id = agentAddress(agent);
    for (const actor of [...this.alive.keys()])
      if (actor.startsWith(`executor/${agent}/`)) this.stopActor(actor, false);
    this.stopActor(id, false);
  }

  // ------------------------------------------------------------------ leadership

  private elect(master: ActorId): void {
    this.leader = master;
    this.registry = { ...this.registry, epoch: this.registry.epoch + 1 };
    this.record({ type: 'leader', master });
    this.deliverNow(master, { type: 'ELECTED', registry: this.registry });
  }

  /** The failed leader's session expired: a standby is elected and every detector learns of it. */
  private electAfterFailure(failed: ActorId): void {
    let next = this.masters.find((m) => m !== failed && this.alive.has(m));
    if (!next) {
      // No standby: the supervisor restarts the failed master, which is then elected.
      this.spawn(this.masterSpec(failed));
      next = failed;
    }
    this.elect(next);
    if (next !== failed && !this.alive.has(failed)) this.spawn(this.masterSpec(failed)); // back as a standby
    for (const id of this.alive.keys())
      if (id.startsWith('agent/') || id.startsWith('framework/'))
        // Detection is ZooKeeper's, not the cluster network's: it is never dropped or cut by a partition.
        this.enqueue(
          { kind: 'deliver', to: id, msg: { type: 'DETECTED', leader: next }, sentAt: this.nowUs },
          this.nowUs + Math.round(this.scenario.network.latencyMs * MS),
        );
  }

  // ------------------------------------------------------------------ scenario actions

  private act(action: Action): void {
    switch (action.do) {
      case 'add-agent':
        this.addedAgents.set(action.agent.id, action.agent);
        return this.startAgent(action.agent);
      case 'kill-agent':
        if (!this.alive.has(agentAddress(action.agent))) return;
        this.killAgent(action.agent);
        this.record({ type: 'agent-killed', agent: this.agentIdOf(action.agent) });
        return;
      case 'restart-agent': {
        // A live agent process restarts and recovers (Slave::recover). A machine that was killed cannot
        // reconnect to executors that died with it: it boots again, as after a reboot.
        if (!this.agentSpec(action.agent)) return;
        if (this.alive.has(agentAddress(action.agent))) return this.restartAgentProcess(action.agent);
        this.record({
          type: 'agent-rebooted',
          agent: this.agentIdOf(action.agent),
          hostname: action.agent,
          downSeconds: 0,
        });
        this.boot(action.agent);
        return;
      }
      case 'reboot-agent': {
        // The machine reboots: the agent and every executor on it die at once (no process is there to
        // close a connection, so the master finds out by health checks or by the new agent's
        // registration). After `downSeconds` a fresh agent starts with a new agent id.
        if (!this.agentSpec(action.agent)) return;
        const downSeconds = action.downSeconds ?? 0;
        this.record({
          type: 'agent-rebooted',
          agent: this.agentIdOf(action.agent),
          hostname: action.agent,
          downSeconds,
        });
        this.killAgent(action.agent);
        this.enqueue(
          { kind: 'boot', hostname: action.agent },
          this.nowUs + seconds(downSeconds),
          PHASE_ACTION,
        );
        return;
      }
      case 'add-framework':
        this.addedFrameworks.set(action.framework.id, action.framework);
        return this.startFramework(action.framework);
      case 'restart-framework': {
        // Scheduler failover (MESOS.md §3.4): the old process exits (the master sees the framework
        // disconnect) and the new code subscribes with the same framework id; within failover_timeout the
        // master re-registers it and its tasks live on.
        const spec = this.frameworkSpec(action.framework);
        if (!spec) return;
        const id = frameworkAddress(action.framework);
        this.stopActor(id, false);
        this.replacedSchedulers.set(action.framework, action.scheduler);
        this.startFramework({ ...spec, scheduler: action.scheduler });
        return;
      }
      case 'teardown':
        if (this.leader)
          this.send('operator', this.leader, { type: 'TEARDOWN_FRAMEWORK', framework: action.framework });
        return;
      case 'decline':
        return this.deliverNow(frameworkAddress(action.framework), {
          type: 'SCRIPT',
          action: {
            do: 'decline',
            ...(action.agent !== undefined ? { agent: action.agent } : {}),
            ...(action.refuseSeconds !== undefined ? { refuseSeconds: action.refuseSeconds } : {}),
          },
        });
      case 'launch':
        return this.deliverNow(frameworkAddress(action.framework), {
          type: 'SCRIPT',
          action: { do: 'launch', agent: action.agent, task: action.task },
        });
      case 'reserve':
      case 'unreserve':
        return this.deliverNow(frameworkAddress(action.framework), {
          type: 'SCRIPT',
          action: { do: action.do, agent: action.agent, resources: action.resources },
        });
      case 'create-volume':
      case 'destroy-volume':
        return this.deliverNow(frameworkAddress(action.framework), {
          type: 'SCRIPT',
          action:
            action.do === 'create-volume'
              ? { do: action.do, agent: action.agent, volume: action.volume }
              : { do: action.do, agent: action.agent, volume: action.volume },
        });
      case 'suppress':
      case 'revive':
        return this.deliverNow(frameworkAddress(action.framework), {
          type: 'SCRIPT',
          action: { do: action.do, ...(action.roles ? { roles: action.roles } : {}) },
        });
      case 'set-weight':
        if (this.leader)
          this.send('operator', this.leader, {
            type: 'SET_WEIGHT',
            role: action.role,
            weight: action.weight,
          });
        return;
      case 'set-quota':
        if (this.leader)
          this.send('operator', this.leader, {
            type: 'SET_QUOTA',
            role: action.role,
            ...(action.guarantees !== undefined ? { guarantees: action.guarantees } : {}),
            ...(action.limits !== undefined ? { limits: action.limits } : {}),
          });
        return;
      case 'partition': {
        const [a, b] = action.between;
        const until = this.nowUs + seconds(action.forSeconds);
        this.partitions.push({ a, b, until });
        this.record({ type: 'partition', between: [a, b], forSeconds: action.forSeconds });
        this.enqueue({ kind: 'heal', between: [a, b] }, until);
        return;
      }
      case 'flaky-link': {
        const [a, b] = action.between;
        const until = this.nowUs + seconds(action.forSeconds);
        const drop = action.drop ?? 0;
        const delayMs = action.delayMs ?? 0;
        const repeat = action.repeat ?? 0;
        this.flakyLinks.push({ a, b, until, drop, delay: Math.round(delayMs * MS), repeat });
        this.record({
          type: 'flaky-link',
          between: [a, b],
          forSeconds: action.forSeconds,
          drop,
          delayMs,
          repeat,
        });
        this.enqueue({ kind: 'steady', between: [a, b] }, until);
        return;
      }
      case 'fail-master': {
        const failed = this.leader;
        if (!failed || !this.alive.has(failed)) return;
        this.stopActor(failed, false);
        this.leader = null;
        this.record({ type: 'master-failed', master: failed });
        this.enqueue({ kind: 'elect', failed }, this.nowUs + ZK_SESSION_TIMEOUT);
        return;
      }
    }
  }

  /** The framework as last started: its scenario spec, with the latest scheduler a restart gave it. */
  private frameworkSpec(id: string): FrameworkSpec | undefined {
    const f = this.scenario.frameworks.find((x) => x.id === id) ?? this.addedFrameworks.get(id);
    const scheduler = this.replacedSchedulers.get(id);
    return f && scheduler ? { ...f, scheduler } : f;
  }

  private agentSpec(id: string): AgentSpec | undefined {
    return this.scenario.agents.find((a) => a.id === id) ?? this.addedAgents.get(id);
  }
}

/**
 * "Why this offer": replays the scenario deterministically with explanations on, up to the offer, and
 * returns the allocator's decision for it (null if the replay never made that offer). Learner code in the
 * scenario runs in the loader's sandboxes, which may answer asynchronously.
 */
export async function explainOffer(
  scenario: Scenario,
  offerId: string,
  options: Omit<SimulationOptions, 'explain' | 'onTrace'> = {},
): Promise<TraceEvent | null> {
  let found: TraceEvent | null = null;
  const sim = new Simulation(scenario, {
    ...options,
    explain: true,
    keepTrace: false,
    onTrace: (e) => {
      if (e.type === 'why' && e.offer === offerId) found = e;
    },
  });
  try {
    await sim.advanceAsync(seconds(scenario.until), () => found !== null);
    return found;
  } finally {
    sim.dispose();
  }
}
