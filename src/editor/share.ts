/**
 * The learner's code in share links. The link (src/ui/share/shareLink.ts) carries it as
 * `code: Record<string, string>`; here each tab is one entry, keyed `"<tab name>@<role>"` (a role name
 * never contains '@'), its value the code. Code that arrives in a link is shown in the editor but never
 * runs until the learner presses Run (ARCHITECTURE.md, "Learner code").
 *
 * The app shell reaches the mounted editor through the module-level functions below, so it needs no handle
 * on the pane: `editorShareState()` to write a link, `applySharedCode()` when one is opened (before or after
 * the pane mounts), and `onEditorShareChange()` to refresh the link as the code changes.
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

/** What the mounted editor offers this module (EditorState implements it). */
export interface ShareTarget {
  shareState(): EditorShareState;
  applyShared(state: EditorShareState): void;
}

let target: ShareTarget | null = null;
let pending: EditorShareState | null = null;
const listeners = new Set<(state: EditorShareState) => void>();

/** The mounted editor's tabs for a share link, or null when no editor is mounted. */
export function editorShareState(): EditorShareState | null {
  return target ? target.shareState() : null;
}

/**
 * Shows the code a link brought: in the mounted editor now, or in the next one to mount. It is shown, not
 * run: the learner presses Run.
 */
export function applySharedCode(code: SharedCode | EditorShareState | undefined | null): void {
  if (!code) return;
  const state =
    'tabs' in code && Array.isArray(code.tabs)
      ? (code as EditorShareState)
      : fromSharedCode(code as SharedCode);
  if (state.tabs.length === 0) return;
  if (target) target.applyShared(state);
  else pending = state;
}

/** Calls `listener` whenever the mounted editor's shareable state changes. Returns an unsubscribe. */
export function onEditorShareChange(listener: (state: EditorShareState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For EditorState: becomes the share target, and takes any code that arrived before it mounted. */
export function registerShareTarget(t: ShareTarget): () => void {
  target = t;
  if (pending) {
    const p = pending;
    pending = null;
    t.applyShared(p);
  }
  return () => {
    if (target === t) target = null;
  };
}

export function notifyShareChange(state: EditorShareState): void {
  for (const l of listeners) l(state);
}
