/**
 * Fault schedules: the faults the explorer throws at a scheduler, drawn at random from a seeded stream, and
 * the scenario that runs them. A schedule is a list of scenario actions (docs/scenarios.md), so a schedule
 * that breaks a scheduler is a scenario anyone can run again with `npm run sim`.
 */
import { Rng } from '../cluster/rng';
import type { Action, Scenario, SchedulerSpec } from '../cluster/scenario/types';
import type { FaultAction } from '../lessons/types';

/**
 * The actions a schedule is made of: the cluster's faults, never an operator's or a scheduler's choice (the
 * kinds are named where lessons name the faults their checks hold under).
 */
export type Fault = Extract<Action, { do: FaultAction }>;

export type FaultKind = Fault['do'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'kill-agent',
  'restart-agent',
  'reboot-agent',
  'partition',
  'flaky-link',
  'fail-master',
  'restart-framework',
];

/**
 * The kinds drawn unless asked otherwise: every fault but a scheduler failover. A new scheduler process
 * starts with no memory, and the lab gives it nowhere to keep any (a Mesos framework keeps its state in a
 * store of its own, such as ZooKeeper), so a finished task launched again after one is not the scheduler's
 * mistake. Ask for `restart-framework` to test a scheduler that rebuilds its state from reconciliation.
 */
export const DEFAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((k) => k !== 'restart-framework');

/** What faults can name: the scenario's agents and masters, and the frameworks under test. */
export interface FaultWorld {
  agents: readonly string[];
  /** The frameworks whose schedulers are being tested, with the scheduler each fails over to. */
  frameworks: readonly { id: string; scheduler: SchedulerSpec; failoverTimeout: number }[];
  masters: number;
  /** Faults start in [0, window) virtual seconds: the scenario's own run. */
  window: number;
}

export interface DrawOptions {
  /** The most faults in one schedule (at least 1 is drawn). */
  maxFaults: number;
  /** The kinds of fault to draw from (those that make sense in the world). */
  kinds?: readonly FaultKind[];
}

export const DEFAULT_DRAW: DrawOptions = { maxFaults: 4 };

/** Virtual seconds of calm after the last fault ends, so the cluster can notice and settle what it did. */
export const QUIET_SECONDS = 100;

/** Times and durations are drawn in tenths of a second, as a person would write them. */
const tenth = (x: number): number => Math.round(x * 10) / 10;

/** The world of a scenario, with the frameworks under test named by id. */
export function worldOf(scenario: Scenario, tested: readonly string[]): FaultWorld {
  return {
    agents: scenario.agents.map((a) => a.id),
    frameworks: scenario.frameworks
      .filter((f) => tested.includes(f.id))
      .map((f) => ({ id: f.id, scheduler: f.scheduler, failoverTimeout: f.failoverTimeout })),
    masters: scenario.masters,
    window: scenario.until,
  };
}

/**
 * The kinds of fault that make sense in a world: a failover needs a standby master, and a scheduler
 * failover a framework whose tasks outlive its scheduler (failoverTimeout above 0: with 0 the master
 * removes the framework, as Mesos does, which tests nothing of the scheduler).
 */
export function kindsFor(world: FaultWorld, allowed: readonly FaultKind[] = DEFAULT_KINDS): FaultKind[] {
  return allowed.filter((k) => {
    if (k === 'fail-master') return world.masters >= 2;
    if (k === 'restart-framework') return world.frameworks.some((f) => f.failoverTimeout > 0);
    if (k === 'partition' || k === 'flaky-link') return world.agents.length + world.frameworks.length > 0;
    return world.agents.length > 0;
  });
}

/** One fault at a random time of the window. */
export function drawFault(world: FaultWorld, rng: Rng, kinds: readonly FaultKind[] = kindsFor(world)): Fault {
  const at = tenth(rng.next() * world.window);
  const kind = kinds[rng.int(kinds.length)]!;
  const agent = (): string => world.agents[rng.int(world.agents.length)]!;
  switch (kind) {
    case 'kill-agent':
    case 'restart-agent':
      return { at, do: kind, agent: agent() };
    case 'reboot-agent':
      return { at, do: kind, agent: agent(), downSeconds: tenth(rng.next() * 30) };
    case 'fail-master':
      return { at, do: kind };
    case 'restart-framework': {
      const able = world.frameworks.filter((f) => f.failoverTimeout > 0);
      const f = able[rng.int(able.length)]!;
      return { at, do: kind, framework: f.id, scheduler: f.scheduler };
    }
    case 'partition':
    case 'flaky-link': {
      // The master and one agent, or the master and a scheduler under test.
      const toFramework = world.frameworks.length > 0 && (world.agents.length === 0 || rng.next() < 0.4);
      const other = toFramework ? world.frameworks[rng.int(world.frameworks.length)]!.id : agent();
      const forSeconds = tenth(1 + rng.next() * 29);
      if (kind === 'partition') return { at, do: kind, between: ['master', other], forSeconds };
      // Messages between a scheduler and the master may be lost or late, never repeated: Mesos's
      // scheduler connection delivers each call once, while an agent resends status updates until they are
      // acknowledged (the status update manager), so that a scheduler may hear of one update twice.
      const trouble = 1 + rng.int(toFramework ? 3 : 7);
      return {
        at,
        do: kind,
        between: ['master', other],
        forSeconds,
        ...(trouble & 1 ? { drop: tenth(0.1 + rng.next() * 0.6) } : {}),
        ...(trouble & 2 ? { delayMs: 100 * (1 + rng.int(30)) } : {}),
        ...(trouble & 4 ? { repeat: tenth(0.1 + rng.next() * 0.6) } : {}),
      };
    }
  }
}

/** A schedule of 1 to `maxFaults` faults, in order of time. */
export function drawSchedule(world: FaultWorld, rng: Rng, options: DrawOptions = DEFAULT_DRAW): Fault[] {
  const kinds = kindsFor(world, options.kinds);
  if (kinds.length === 0) return [];
  const n = 1 + rng.int(Math.max(1, options.maxFaults));
  const faults = Array.from({ length: n }, () => drawFault(world, rng, kinds));
  return sortFaults(faults);
}

/** Faults in order of time; faults at the same time keep their order. */
export function sortFaults(faults: readonly Fault[]): Fault[] {
  return faults
    .map((f, i) => [f, i] as const)
    .sort((x, y) => x[0].at - y[0].at || x[1] - y[1])
    .map(([f]) => f);
}

/** When the trouble a fault causes is over (a partition heals, a rebooted machine is up again). */
export function faultEnd(f: Fault): number {
  if (f.do === 'partition' || f.do === 'flaky-link') return f.at + f.forSeconds;
  if (f.do === 'reboot-agent') return f.at + (f.downSeconds ?? 0);
  return f.at;
}

/** When the last fault of a schedule is over (0 for none). */
export const faultsOver = (faults: readonly Fault[]): number => Math.max(0, ...faults.map(faultEnd));

/**
 * The scenario file (as JSON) that runs `faults` on top of `raw`, on `seed`: the faults follow the file's own
 * actions, and the run lasts until `quiet` seconds after the last fault is over, or the file's own end if
 * that is later.
 */
export function withFaults(
  raw: Record<string, unknown>,
  faults: readonly Fault[],
  seed: number,
  quiet = QUIET_SECONDS,
): Record<string, unknown> {
  const actions = Array.isArray(raw.actions) ? (raw.actions as unknown[]) : [];
  const until = typeof raw.until === 'number' ? raw.until : 60;
  return {
    ...raw,
    seed,
    until: Math.max(until, Math.ceil(faultsOver(faults) + quiet)),
    actions: [...actions, ...faults],
  };
}

/** A seed for run `i` of an exploration started with `seed`: different for every run, the same every time. */
export function runSeed(seed: number, i: number): number {
  return new Rng(seed, `explore-run-${i}`).nextU32() & 0x7fffffff;
}
