/**
 * The conductor's Web Worker: it owns the simulation and paces it, so the page never blocks on the
 * cluster. Its API type is taken from the implementation (STYLE.md §4).
 */
import * as Comlink from 'comlink';
import type { Action, Scenario } from '../cluster/scenario/types';
import type { TraceEvent } from '../cluster/trace';
import { Conductor } from './Conductor';
import { compileLearnerCode } from './prepare';
import { WorkerHost } from './WorkerHost';
import type { ClusterStatus, Speed, StartOptions } from './types';

type Listeners = { trace(events: TraceEvent[], run: number): void; status(s: ClusterStatus): void };

let listeners: Listeners | null = null;

const conductor = new Conductor(
  {
    trace: (events, run) => listeners?.trace(events, run),
    status: (s) => listeners?.status(s),
  },
  {
    // Every master, agent, executor and scheduler in its own Web Worker, unless asked otherwise.
    host: (options) => (options.host === 'in-process' ? null : new WorkerHost()),
    prepare: compileLearnerCode,
  },
);

const api = {
  connect(l: Listeners): void {
    listeners = l;
  },
  /** Starts a run and returns its number. */
  async start(scenario: Scenario, options?: StartOptions): Promise<number> {
    await conductor.start(scenario, options);
    return conductor.status().run;
  },
  play: (): void => conductor.play(),
  pause: (): void => conductor.pause(),
  step: (): Promise<void> => conductor.step(),
  setSpeed: (speed: Speed): void => conductor.setSpeed(speed),
  inject: (action: Action): Promise<void> => conductor.inject(action),
  actions: (): Action[] => conductor.actions(),
  explain: (offerId: string) => conductor.explain(offerId),
  stop: (): void => conductor.stop(),
};

export type ConductorApi = typeof api;
Comlink.expose(api);
