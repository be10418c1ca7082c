/**
 * The player's Web Worker: it owns the simulation and paces it, so the page never blocks on the
 * cluster. Its API type is taken from the implementation (STYLE.md §4). Learner code runs in sandbox
 * workers that the page's sandbox frames start; the page hands this worker their opener when it connects.
 */
import * as Comlink from 'comlink';
import type { Action, Scenario } from '../cluster/scenario/types';
import { InProcessHost } from '../cluster/sim/Simulation';
import type { TraceEvent } from '../cluster/trace';
import { SimulationPlayer } from './SimulationPlayer';
import { compileLearnerCode } from './prepare';
import { browserLoader } from './sandbox/browserLoader';
import { remoteOpener } from './sandbox/remoteOpener';
import type { SandboxOpener } from './sandbox/SandboxFrames';
import { WorkerHost } from './WorkerHost';
import type { ClusterStatus, Speed, StartOptions } from './types';

type Listeners = { trace(events: TraceEvent[], run: number): void; status(s: ClusterStatus): void };

let listeners: Listeners | null = null;
let sandbox: SandboxOpener | null = null;

const opener = (): SandboxOpener => {
  if (!sandbox) throw new Error('the page has not connected its sandbox frames');
  return sandbox;
};

const player = new SimulationPlayer(
  {
    trace: (events, run) => listeners?.trace(events, run),
    status: (s) => listeners?.status(s),
  },
  {
    // Every master, agent, executor and scheduler in its own Web Worker, unless asked otherwise; learner
    // code in sandbox workers either way.
    host: (options) =>
      options.host === 'in-process'
        ? new InProcessHost(browserLoader(opener(), 1000), true)
        : new WorkerHost({ sandbox: opener() }),
    replayLoader: () => browserLoader(opener(), 1000),
    prepare: compileLearnerCode,
  },
);

const api = {
  /** `frames` arrives as a comlink proxy of the page's SandboxFrames. */
  connect(l: Listeners, frames: SandboxOpener): void {
    listeners = l;
    sandbox = remoteOpener(frames as unknown as Comlink.Remote<SandboxOpener>);
  },
  /** Starts a run and returns its number. */
  async start(scenario: Scenario, options?: StartOptions): Promise<number> {
    await player.start(scenario, options);
    return player.status().run;
  },
  play: (): void => player.play(),
  pause: (): void => player.pause(),
  step: (): Promise<void> => player.step(),
  setSpeed: (speed: Speed): void => player.setSpeed(speed),
  inject: (action: Action): Promise<void> => player.inject(action),
  actions: (): Action[] => player.actions(),
  explain: (offerId: string) => player.explain(offerId),
  stop: (): void => player.stop(),
};

export type PlayerApi = typeof api;
Comlink.expose(api);
