/**
 * The lab: one running cluster and everything the page shows of it, as small state classes that each hold
 * one idea (STYLE.md §6), wired here to the ClusterClient, the only thing that talks to the player
 * worker. Components read the parts' `$state` fields and call their methods; they never touch the client.
 *
 * - `run`: which scenario runs, starting and restarting it, share links opened (and consent for their code);
 * - `time`: the trace, the view at the chosen moment, play, pause, step and scrub;
 * - `faults`: faults and operator actions applied by hand;
 * - `why`: the allocator's decision behind a selected offer;
 * - `share`: the share link in the address bar, and the editor's part in it.
 */
import type { ClusterClient } from '../../workers/types';
import { traceToJsonl } from '../../cluster/trace';
import { Faults } from './Faults.svelte';
import { Run } from './Run.svelte';
import type { ScenarioEntry } from './scenarios';
import { browserAddress, ShareLink, type AddressBar } from './ShareLink.svelte';
import { browserFrames, TimeLine, type Frames } from './TimeLine.svelte';
import { WhyThisOffer } from './WhyThisOffer.svelte';
import { DEFAULT_ROLE } from '../../editor/share';

export interface LabEnvironment {
  frames?: Frames;
  address?: AddressBar;
  randomSeed?: () => number;
}

export class Lab {
  readonly run: Run;
  readonly time: TimeLine;
  readonly faults: Faults;
  readonly why: WhyThisOffer;
  readonly share: ShareLink;
  readonly #client: ClusterClient;
  readonly #cleanups: (() => void)[] = [];

  constructor(client: ClusterClient, entries: readonly ScenarioEntry[], env: LabEnvironment = {}) {
    this.#client = client;
    this.time = new TimeLine(client, env.frames ?? browserFrames);
    this.faults = new Faults(client, () => this.run.scenario, this.time);
    this.why = new WhyThisOffer(
      (offer) => client.explain(offer),
      (offer) => this.time.offerEvent(offer),
    );
    this.share = new ShareLink(() => {
      // While a link's code waits for consent, the address keeps the link as it was opened.
      const scenario = this.run.scenario;
      if (!scenario || this.run.pending) return null;
      return { scenario, seed: this.run.seed, faults: this.faults.applied };
    }, env.address ?? browserAddress);
    this.run = new Run(
      {
        start: (scenario, options) => client.start(scenario, options),
        speed: () => this.time.speed,
        resetting: (scenario) => {
          this.time.reset(scenario);
          this.faults.reset();
          this.why.clear();
        },
        started: () => {
          this.time.started();
          this.share.schedule();
        },
        editorCode: (code) => this.share.openCode(code),
        scenarioCode: (code) =>
          this.share.showScenarioCode({
            tabs: code.map((c) => ({
              id: c.framework,
              role: c.role === '*' ? DEFAULT_ROLE : c.role,
              code: c.code,
            })),
          }),
        randomSeed: env.randomSeed ?? (() => Math.floor(Math.random() * 1_000_000)),
      },
      entries,
    );
    this.#cleanups.push(
      client.onTrace((events) => {
        this.time.receive(events);
        if (this.faults.refresh()) this.share.schedule();
      }),
      client.onStatus((s) => {
        const before = this.time.status;
        this.time.onStatus(s);
        this.run.onStatus(s, before);
        if (this.faults.refresh()) this.share.schedule();
      }),
    );
  }

  /** The whole trace of this run as JSON Lines. */
  traceJsonl(): string {
    return traceToJsonl(this.time.trace);
  }

  dispose(): void {
    for (const c of this.#cleanups.splice(0)) c();
    this.time.dispose();
    this.share.dispose();
    this.#client.dispose();
  }
}
