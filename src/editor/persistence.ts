/**
 * Nothing the learner writes is lost: the tabs (code, role, the starter Reset returns to, the text an
 * "Undo reset" brings back) are saved in localStorage per lesson and per playground, a moment after each
 * change and at once when the page is hidden or left (`pagehide`). The scheduler's worker crashing, Stop,
 * and a reload never touch it: the code lives on the page, and the saved copy outlives the page.
 */

/** The part of the Web Storage API the store uses (localStorage, or a fake in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_VERSION = 1;
const PREFIX = 'mesos-lab:editor:';

export interface SavedTab {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly code: string;
  /** What Reset restores. */
  readonly starter: string;
  /** The text before the last Reset, until it is undone. */
  readonly previous: string | null;
  /**
   * FrameworkInfo.failover_timeout, in seconds, for the framework Run adds; absent means the editor's
   * default (FAILOVER_TIMEOUT_SECONDS). Saved tabs from before it existed read as absent.
   */
  readonly failoverTimeout?: number;
}

export interface SavedEditor {
  readonly v: typeof STORAGE_VERSION;
  readonly active: string;
  readonly tabs: readonly SavedTab[];
  /** Recently closed tabs, newest first (a few), so closing one is not losing it. */
  readonly closed: readonly SavedTab[];
  /** The number the next new tab takes ("Scheduler 3"). */
  readonly next: number;
}

export const storageKeyFor = (key: string): string => PREFIX + key;

const isString = (x: unknown): x is string => typeof x === 'string';

function readTab(x: unknown): SavedTab | null {
  if (typeof x !== 'object' || x === null) return null;
  const t = x as Record<string, unknown>;
  if (!isString(t.id) || !isString(t.name) || !isString(t.role) || !isString(t.code) || !isString(t.starter))
    return null;
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    code: t.code,
    starter: t.starter,
    previous: isString(t.previous) ? t.previous : null,
    ...(typeof t.failoverTimeout === 'number' && Number.isFinite(t.failoverTimeout) && t.failoverTimeout >= 0
      ? { failoverTimeout: t.failoverTimeout }
      : {}),
  };
}

/** Reads a saved editor, or null when there is none or it is not one (then nothing is overwritten blindly). */
export function parseSaved(text: string | null): SavedEditor | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (o.v !== STORAGE_VERSION || !Array.isArray(o.tabs)) return null;
  const tabs = o.tabs.map(readTab).filter((t): t is SavedTab => t !== null);
  if (tabs.length === 0) return null;
  const closed = Array.isArray(o.closed)
    ? o.closed.map(readTab).filter((t): t is SavedTab => t !== null)
    : [];
  const active = isString(o.active) && tabs.some((t) => t.id === o.active) ? o.active : tabs[0]!.id;
  const next =
    typeof o.next === 'number' && Number.isSafeInteger(o.next) && o.next > 0 ? o.next : tabs.length + 1;
  return { v: STORAGE_VERSION, active, tabs, closed, next };
}

export interface CodeStoreOptions {
  /** Wait this long after the last change before writing (default 400 ms). */
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Debounced saving of one editor's state under one key. */
export class CodeStore {
  readonly key: string;
  /** The last write's problem (storage full or disabled), or null. */
  error: string | null = null;
  private pending: SavedEditor | null = null;
  private timer: unknown = null;
  private readonly delayMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    key: string,
    private readonly storage: KeyValueStore | null,
    options: CodeStoreOptions = {},
  ) {
    this.key = storageKeyFor(key);
    this.delayMs = options.delayMs ?? 400;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  load(): SavedEditor | null {
    if (!this.storage) return null;
    let text: string | null;
    try {
      text = this.storage.getItem(this.key);
    } catch {
      return null;
    }
    const saved = parseSaved(text);
    // Text that is there but unreadable (another version, damaged) is kept aside rather than overwritten.
    if (saved === null && text !== null) {
      try {
        this.storage.setItem(`${this.key}:unreadable`, text);
      } catch {
        // Nothing more can be done; the editor starts from the starter.
      }
    }
    return saved;
  }

  /** Saves soon (debounced); `flush` writes at once. */
  save(state: SavedEditor): void {
    this.pending = state;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.flush();
    }, this.delayMs);
  }

  /** Writes what is pending now (on pagehide, before Run, on dispose). True when nothing is left unsaved. */
  flush(): boolean {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    const state = this.pending;
    if (!state) return true;
    if (!this.storage) {
      this.error = 'this browser does not let the page store anything';
      return false;
    }
    try {
      this.storage.setItem(this.key, JSON.stringify(state));
      this.pending = null;
      this.error = null;
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  get dirty(): boolean {
    return this.pending !== null;
  }
}

/** localStorage when the page may use it, else null (private modes and sandboxed frames can refuse). */
export function browserStorage(): KeyValueStore | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}
