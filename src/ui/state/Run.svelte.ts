/**
 * The run's life cycle: which scenario runs with which seed, and starting it — from an example, from a
 * scenario given as JSON (the builder, a lesson), or from a share link — and restarting it. A share link
 * whose scenario holds code never runs that code by itself: the scenario starts without it, and the code
 * waits (`pending`) for the person who opened the link to read it and consent (issue 12, item 4).
 */
import type { Scenario } from '../../cluster/scenario/types';
import { checkScenario, ScenarioError } from '../../cluster/scenario/validate';
import type { SharedCode } from '../../editor/share';
import type { ClusterStatus, Speed, StartOptions } from '../../workers/types';
import type { Messages } from '../i18n/en';
import { linkedCode, withoutLinkedCode, type LinkedCode } from '../../share/linkCode';
import { decodeSetup, payloadOf, scenarioOf, ShareLinkError, type SharedSetup } from '../../share/shareLink';
import type { ScenarioEntry } from './scenarios';

/** A message for the banner; `text` is a function of the language so it follows a language switch. */
export interface Notice {
  readonly tone: 'error' | 'info';
  readonly text: (t: Messages) => string;
  readonly details?: readonly string[];
}

/** A shared scenario whose code has not run: it runs once the person who opened the link consents. */
export interface PendingCode {
  readonly input: Record<string, unknown>;
  readonly scenario: Scenario;
  readonly entryId: string;
  readonly code: readonly LinkedCode[];
}

/** What starting a run needs of the cluster and of the rest of the lab. */
export interface RunHost {
  start(scenario: Scenario, options?: StartOptions): Promise<void>;
  /** The playback speed a new run starts at. */
  speed(): Speed;
  /** A new run is about to start: forget everything of the previous one. */
  resetting(scenario: Scenario): void;
  /** The new run has started. */
  started(): void;
  /** Code a link brought for the editor (shown, never run by itself). */
  editorCode(code: SharedCode | undefined): void;
  /** The scenario's code, shown in the editor for reading while it waits for consent. */
  scenarioCode(code: readonly LinkedCode[]): void;
  /** A random seed (the page may use Math.random: only the cluster model must be deterministic). */
  randomSeed(): number;
}

export class Run {
  /** The example scenarios, for the picker. */
  readonly entries: readonly ScenarioEntry[];
  /** Which entry runs: an example's id, or 'custom' for an imported, built, shared or lesson scenario. */
  entryId = $state('');
  /** The scenario as given (for the builder and exports), and as validated (what runs). */
  input = $state.raw<Readonly<Record<string, unknown>>>({});
  scenario = $state.raw<Scenario | null>(null);
  seed = $state(0);
  notice = $state.raw<Notice | null>(null);
  /** A shared scenario's code that has not run, waiting for consent. */
  pending = $state.raw<PendingCode | null>(null);
  /** True while the consent prompt is shown (it opens with the link, and again from the banner). */
  asking = $state(false);

  readonly #host: RunHost;
  #startId = 0;

  constructor(host: RunHost, entries: readonly ScenarioEntry[]) {
    this.#host = host;
    this.entries = entries;
  }

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
      const where = e instanceof ShareLinkError ? e.where : undefined;
      this.notice = {
        tone: 'error',
        text: (t) =>
          [
            t.notice.linkBroken,
            t.notice.linkProblem[problem],
            where ? t.notice.linkTooLong(where.path, where.length, where.limit) : '',
          ]
            .filter(Boolean)
            .join(' '),
      };
      return false;
    }
    // Validation refuses a `compiled` form of code anywhere in a scenario: what runs from a link is always
    // compiled on this page from the source the person who opened it can read.
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
    const entryId = this.#matchEntry(original);
    // Shown in the editor, marked as shared; it does not run until the learner presses Run.
    this.#host.editorCode(setup.code);
    const code = linkedCode(scenario);
    if (code.length === 0) {
      await this.#start({ ...original, seed: setup.seed }, scenario, entryId);
      this.notice = { tone: 'info', text: (t) => t.notice.opened(scenario.name) };
      return true;
    }
    // The scenario runs code: it starts without it, and the code waits for consent.
    const safe = withoutLinkedCode(scenario);
    this.pending = { input: { ...scenario }, scenario, entryId, code };
    this.#host.scenarioCode(code);
    await this.#start({ ...safe }, safe, 'custom', true);
    this.notice = { tone: 'info', text: (t) => t.notice.opened(scenario.name) };
    this.asking = true;
    return true;
  }

  /** The person who opened the link read the code and wants it to run: the whole shared scenario starts. */
  async consent(): Promise<void> {
    const p = this.pending;
    this.asking = false;
    if (!p) return;
    this.pending = null;
    await this.#start(p.input, p.scenario, p.entryId);
  }

  /** The code stays unrun (it remains in the editor, and the banner offers to run it later). */
  declineConsent(): void {
    this.asking = false;
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
    return this.#load(input, entryId, seed, false);
  }

  async #load(input: unknown, entryId: string, seed: number | undefined, keepPending: boolean) {
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
    await this.#start(raw, scenario, entryId, keepPending);
    return [];
  }

  /** Restarts the current scenario, with the same seed or another (faults applied by hand are dropped). */
  async restart(seed: number = this.seed): Promise<void> {
    // Restarting a link's scenario without its code keeps the code waiting, with the new seed.
    const pending = this.pending;
    if (pending)
      this.pending = {
        ...pending,
        input: { ...pending.input, seed },
        scenario: { ...pending.scenario, seed },
      };
    await this.#load({ ...this.input, seed }, this.entryId, undefined, pending !== null);
  }

  async restartWithNewSeed(): Promise<void> {
    await this.restart(this.#host.randomSeed());
  }

  async #start(
    input: Record<string, unknown>,
    scenario: Scenario,
    entryId: string,
    keepPending = false,
  ): Promise<void> {
    const id = ++this.#startId;
    if (!keepPending) this.pending = null;
    this.entryId = entryId;
    this.input = input;
    this.scenario = scenario;
    this.seed = scenario.seed;
    this.#host.resetting(scenario);
    // The client drops anything still in flight from the previous run.
    await this.#host.start(scenario, { speed: this.#host.speed() });
    if (id === this.#startId) this.#host.started();
  }

  #matchEntry(input: Record<string, unknown>): string {
    const name = input.name;
    const entry = this.entries.find((e) => e.input.name === name);
    return entry ? entry.id : 'custom';
  }

  /** A status report: a run that could not start says why. */
  onStatus(s: ClusterStatus, before: ClusterStatus): void {
    if (s.error && s.error !== before.error) {
      const error = s.error;
      this.notice = { tone: 'error', text: (t) => t.notice.startFailed, details: [error] };
    }
  }

  dismissNotice(): void {
    this.notice = null;
  }
}
