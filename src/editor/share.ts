/**
 * The learner's code in share links. The link (src/share/shareLink.ts) carries it as
 * `code: Record<string, string>`; here each tab is one entry, keyed `"<tab name>@<role>"` (a role name
 * never contains '@'), its value the code. Code that arrives in a link is shown in the editor but never
 * runs until the learner presses Run (ARCHITECTURE.md, "Learner code").
 *
 * The page hands the editor a SharePort (a ShareHub): the editor attaches to it when it mounts and says when
 * its code changed; the page reads the tabs from it to write a link and puts a link's code into it, before or
 * after the pane mounts. There is no module-level state: two pages, or two tests, never share an editor.
 */
import { validateRole } from '../cluster/resources';
import type { Action } from '../cluster/scenario/types';

export interface SharedTab {
  /** The tab's name (its framework's id is made from it). */
  readonly id: string;
  readonly role: string;
  readonly code: string;
}

export interface EditorShareState {
  readonly tabs: readonly SharedTab[];
}

/** The form the share link's payload holds. */
export type SharedCode = Readonly<Record<string, string>>;

export const DEFAULT_ROLE = 'learner';

export function toSharedCode(state: EditorShareState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of state.tabs) {
    let key = `${t.id}@${t.role}`;
    for (let i = 2; key in out; i++) key = `${t.id} (${i})@${t.role}`;
    out[key] = t.code;
  }
  return out;
}

/** Reads a link's code back into tabs; a key without a valid role gets the default role. */
export function fromSharedCode(code: SharedCode): EditorShareState {
  const tabs: SharedTab[] = [];
  for (const [key, value] of Object.entries(code)) {
    if (typeof value !== 'string') continue;
    const at = key.lastIndexOf('@');
    const name = (at > 0 ? key.slice(0, at) : key).trim() || 'shared';
    const role = at > 0 ? key.slice(at + 1) : '';
    tabs.push({ id: name, role: role && validateRole(role) === null ? role : DEFAULT_ROLE, code: value });
  }
  return { tabs };
}

/**
 * The live actions without those the editor sent for learner code: adding a framework with code, failing
 * one over to new code, and tearing such a framework down. A share link carries the code itself
 * (`toSharedCode`) and must not replay these, or the code would run when the link opens.
 */
export function withoutEditorActions(actions: readonly Action[]): Action[] {
  const learner = new Set<string>();
  for (const a of actions)
    if (a.do === 'add-framework' && 'code' in a.framework.scheduler) learner.add(a.framework.id);
  return actions.filter((a) => {
    if (a.do === 'add-framework') return !learner.has(a.framework.id);
    if (a.do === 'restart-framework') return !('code' in a.scheduler) && !learner.has(a.framework);
    if (a.do === 'teardown') return !learner.has(a.framework);
    return true;
  });
}

// ---------------------------------------------------------------- the mounted editor

/** What the mounted editor offers for share links (EditorState implements it). */
export interface ShareTarget {
  shareState(): EditorShareState;
  applyShared(state: EditorShareState): void;
}

/**
 * What the page hands the editor for share links: where to offer its tabs, and where code that a link
 * brought waits for it. The editor calls `attach` when it mounts and `changed` whenever its shareable state
 * changes; the page never needs a handle on the pane.
 */
export interface SharePort {
  /** Makes `target` the editor the link reads and writes; it takes any code that arrived before. */
  attach(target: ShareTarget): () => void;
  /** The attached editor's shareable state changed (rewrite the link soon). */
  changed(): void;
}

/**
 * A SharePort that holds the mounted editor and the code a link brought before it mounted. The app's share
 * link writer owns one; the editor's standalone page and tests make their own.
 */
export class ShareHub implements SharePort {
  #target: ShareTarget | null = null;
  #pending: EditorShareState | null = null;
  readonly #onChange: () => void;

  constructor(onChange: () => void = () => undefined) {
    this.#onChange = onChange;
  }

  attach(t: ShareTarget): () => void {
    this.#target = t;
    if (this.#pending) {
      const p = this.#pending;
      this.#pending = null;
      t.applyShared(p);
    }
    return () => {
      if (this.#target === t) this.#target = null;
    };
  }

  changed(): void {
    this.#onChange();
  }

  /** The mounted editor's tabs for a share link, or null when no editor is mounted. */
  editorState(): EditorShareState | null {
    return this.#target ? this.#target.shareState() : null;
  }

  /** True while code from a link waits for an editor to mount. */
  get waiting(): boolean {
    return this.#pending !== null;
  }

  /**
   * Shows the code a link brought: in the mounted editor now, or in the next one to mount. It is shown, not
   * run: the learner presses Run.
   */
  apply(code: SharedCode | EditorShareState | undefined | null): void {
    if (!code) return;
    const state =
      'tabs' in code && Array.isArray(code.tabs)
        ? (code as EditorShareState)
        : fromSharedCode(code as SharedCode);
    if (state.tabs.length === 0) return;
    if (this.#target) this.#target.applyShared(state);
    else this.#pending = state;
  }
}
