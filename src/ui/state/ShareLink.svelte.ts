/**
 * The share link writer: keeps the address bar's `#lab=…` equal to the current setup (the scenario, its
 * seed, the faults applied so far, the editor's code), so that the address is always a link to what is on
 * screen. It owns the ShareHub the editor attaches to (passed down to the pane as its SharePort), so the
 * editor's tabs travel in links and a link's code reaches the editor, before or after it mounts.
 */
import type { Action, Scenario } from '../../cluster/scenario/types';
import {
  ShareHub,
  toSharedCode,
  withoutEditorActions,
  type EditorShareState,
  type SharedCode,
} from '../../editor/share';
import { encodeSetup, hashFor, payloadOf, type SharedSetup } from '../../share/shareLink';

/** What a link is written from: null while there is nothing to link to, or while it must not be rewritten. */
export interface ShareSource {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Actions applied live in this run. */
  readonly faults: readonly Action[];
}

/** The address bar (the browser's; tests pass their own). */
export interface AddressBar {
  hash(): string;
  href(): string;
  replaceHash(hash: string): void;
}

export const browserAddress: AddressBar = {
  hash: () => location.hash,
  href: () => location.href,
  replaceHash: (hash) => history.replaceState(history.state, '', hash),
};

/** Rewrites happen this long after the last change, so a burst of changes writes once. */
const DELAY_MS = 150;

export class ShareLink {
  /** The editor's port: it attaches here, and tells us when its code changes. */
  readonly hub: ShareHub;
  /** True once a link brought code for the editor: the page opens the editor to show it. */
  hasLinkCode = $state(false);
  #linkCode: SharedCode | undefined;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastHash = '';
  readonly #source: () => ShareSource | null;
  readonly #address: AddressBar;

  constructor(source: () => ShareSource | null, address: AddressBar = browserAddress) {
    this.#source = source;
    this.#address = address;
    this.hub = new ShareHub(() => this.schedule());
  }

  /** Code a link brought for the editor: shown in its tabs (never run), and carried on in later links. */
  openCode(code: SharedCode | undefined): void {
    if (!code || Object.keys(code).length === 0) return;
    this.#linkCode = code;
    this.hasLinkCode = true;
    this.hub.apply(code);
  }

  /** A shared scenario's code, shown in the editor for reading (it runs only with consent). */
  showScenarioCode(state: EditorShareState): void {
    if (state.tabs.length === 0) return;
    this.hasLinkCode = true;
    this.hub.apply(state);
  }

  /** The setup a link carries now, or null when there is nothing to write. */
  setup(): SharedSetup | null {
    const source = this.#source();
    if (!source) return null;
    // The editor's own actions (its framework joining, failing over, stopping) carry compiled code: the
    // link carries the source instead, which runs only when the learner presses Run.
    const editor = this.hub.editorState();
    const code = editor && editor.tabs.length > 0 ? toSharedCode(editor) : this.#linkCode;
    return {
      scenario: source.scenario,
      seed: source.seed,
      faults: withoutEditorActions(source.faults),
      ...(code ? { code } : {}),
    };
  }

  /** Rewrites the link soon. */
  schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.write(), DELAY_MS);
  }

  /** Writes the link into the address bar now (replacing the entry, so Back is not flooded); its address. */
  async write(): Promise<string> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const setup = this.setup();
    if (!setup) return this.#address.href();
    const hash = hashFor(await encodeSetup(setup));
    if (hash !== this.#address.hash()) this.#address.replaceHash(hash);
    this.#lastHash = hash;
    return this.#address.href();
  }

  /** True when `hash` is a link this page did not write (the user pasted another one). */
  isForeign(hash: string): boolean {
    return hash !== this.#lastHash && payloadOf(hash) !== null;
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
