/**
 * The editor's tabs and their saving: one scheduler a tab, saved per lesson and per playground (a moment
 * after each change, and at once when asked), closed tabs kept to reopen, Reset and its undo, and the tabs a
 * share link brought. It knows nothing of Monaco or the cluster: EditorState keeps the Monaco models in step.
 */
import {
  CodeStore,
  STORAGE_VERSION,
  type KeyValueStore,
  type SavedEditor,
  type SavedTab,
} from './persistence';
import { DEFAULT_ROLE, type EditorShareState } from './share';

/** A lesson's part in the editor: its starter code, and the role its scenario expects. */
export interface LessonInfo {
  readonly id: string;
  readonly title?: string;
  /** The lesson's title in both languages: the lesson's tab is labelled in the page's language. */
  readonly titles?: { readonly en: string; readonly zh: string };
  readonly starter: string;
  readonly role?: string;
  /**
   * The id the lesson's scenario gives the learner's framework. When a run of the lesson's whole scenario
   * (the graded run a verdict plays) has it, the lesson tab follows it: its console and status show it.
   */
  readonly framework?: string;
}

export interface Tab extends SavedTab {
  /** Came in a share link and has not been run yet. */
  readonly fromLink: boolean;
}

export interface NewTab {
  name?: string;
  code?: string;
  starter?: string;
  role?: string;
  fromLink?: boolean;
}

const MAX_CLOSED = 5;
export const LESSON_TAB = 'lesson';

/** A tab as it is saved (without what only this page session knows). */
const savedTab = (t: Tab): SavedTab => ({
  id: t.id,
  name: t.name,
  role: t.role,
  code: t.code,
  starter: t.starter,
  previous: t.previous,
  ...(t.failoverTimeout !== undefined ? { failoverTimeout: t.failoverTimeout } : {}),
});

function uniqueName(base: string, names: readonly string[]): string {
  if (!names.includes(base)) return base;
  for (let i = 2; ; i++) if (!names.includes(`${base} ${i}`)) return `${base} ${i}`;
}

export interface EditorTabsOptions {
  storageKey: string;
  storage: KeyValueStore | null;
  saveDelayMs?: number;
  /** What a new tab starts with. */
  starter: string;
  lesson?: LessonInfo;
  /** Called after every change that a share link carries (code, role, tabs). */
  onChange?: () => void;
}

export class EditorTabs {
  list = $state.raw<readonly Tab[]>([]);
  activeId = $state('');
  closedCount = $state(0);
  /** How many tabs the last share link brought that have not run yet. */
  linkTabs = $state(0);
  saveError = $state<string | null>(null);
  readonly active: Tab | null = $derived(this.list.find((t) => t.id === this.activeId) ?? null);

  readonly #store: CodeStore;
  readonly #starter: string;
  readonly #lesson: LessonInfo | undefined;
  readonly #onChange: () => void;
  #closed: SavedTab[] = [];
  #next = 1;

  constructor(options: EditorTabsOptions) {
    this.#starter = options.starter;
    this.#lesson = options.lesson;
    this.#onChange = options.onChange ?? (() => undefined);
    this.#store = new CodeStore(
      options.storageKey,
      options.storage,
      options.saveDelayMs !== undefined ? { delayMs: options.saveDelayMs } : {},
    );
    this.#restore();
  }

  #restore(): void {
    const saved = this.#store.load();
    if (saved) {
      let tabs: Tab[] = saved.tabs.map((t) => ({ ...t, fromLink: false }));
      // A lesson's starter may have changed since the tab was saved; Reset goes to the current one.
      if (this.#lesson) {
        const lesson = this.#lesson;
        tabs = tabs.map((t) => (t.id === LESSON_TAB ? { ...t, starter: lesson.starter } : t));
      }
      this.list = tabs;
      this.activeId = saved.active;
      this.#closed = [...saved.closed];
      this.#next = saved.next;
    } else {
      const first: Tab = this.#lesson
        ? {
            id: LESSON_TAB,
            name: this.#lesson.title ?? 'Lesson',
            role: this.#lesson.role ?? DEFAULT_ROLE,
            code: this.#lesson.starter,
            starter: this.#lesson.starter,
            previous: null,
            fromLink: false,
          }
        : {
            id: 'tab-1',
            name: 'Scheduler 1',
            role: DEFAULT_ROLE,
            code: this.#starter,
            starter: this.#starter,
            previous: null,
            fromLink: false,
          };
      this.list = [first];
      this.activeId = first.id;
      this.#next = 2;
    }
    this.closedCount = this.#closed.length;
  }

  #snapshot(): SavedEditor {
    return {
      v: STORAGE_VERSION,
      active: this.activeId,
      tabs: this.list.map(savedTab),
      closed: this.#closed,
      next: this.#next,
    };
  }

  #changed(): void {
    this.#store.save(this.#snapshot());
    this.#onChange();
  }

  /** Writes unsaved changes now. */
  flush(): void {
    this.#store.flush();
    this.saveError = this.#store.error;
  }

  get(id: string): Tab | undefined {
    return this.list.find((t) => t.id === id);
  }

  #set(id: string, change: (t: Tab) => Tab): void {
    this.list = this.list.map((t) => (t.id === id ? change(t) : t));
  }

  /** The learner changed the code. False when nothing changed. */
  setCode(id: string, code: string): boolean {
    const tab = this.get(id);
    if (!tab || tab.code === code) return false;
    this.#set(id, (t) => ({ ...t, code }));
    this.#changed();
    return true;
  }

  setRole(id: string, role: string): void {
    const tab = this.get(id);
    if (!tab || tab.role === role) return;
    this.#set(id, (t) => ({ ...t, role }));
    this.#changed();
  }

  /** The failover_timeout (seconds, at least 0) of the framework the tab's next Run adds. */
  setFailoverTimeout(id: string, seconds: number): void {
    const tab = this.get(id);
    if (!tab || !Number.isFinite(seconds) || seconds < 0 || tab.failoverTimeout === seconds) return;
    this.#set(id, (t) => ({ ...t, failoverTimeout: seconds }));
    this.#changed();
  }

  /** Makes a tab the active one; the tab, or undefined when there is no such tab. */
  select(id: string): Tab | undefined {
    const tab = this.get(id);
    if (!tab) return undefined;
    this.activeId = id;
    this.#changed();
    return tab;
  }

  /** Adds a tab (not yet selected) and returns its id. */
  add(init: NewTab = {}, fallbackRole: string = this.active?.role ?? DEFAULT_ROLE): string {
    const id = `tab-${this.#next}`;
    const name = uniqueName(
      init.name ?? `Scheduler ${this.#next}`,
      this.list.map((t) => t.name),
    );
    this.#next++;
    const code = init.code ?? this.#starter;
    const tab: Tab = {
      id,
      name,
      role: init.role ?? fallbackRole,
      code,
      starter: init.starter ?? code,
      previous: null,
      fromLink: init.fromLink ?? false,
    };
    this.list = [...this.list, tab];
    return id;
  }

  /** Closes a tab (it can be reopened); the last tab stays. The id of the tab to show next, or null. */
  close(id: string): string | null {
    const i = this.list.findIndex((t) => t.id === id);
    if (i < 0 || this.list.length <= 1) return null;
    const saved = savedTab(this.list[i]!);
    this.#closed = [saved, ...this.#closed.filter((t) => t.id !== id)].slice(0, MAX_CLOSED);
    this.closedCount = this.#closed.length;
    this.list = this.list.filter((t) => t.id !== id);
    if (this.activeId === id) return this.list[Math.min(i, this.list.length - 1)]!.id;
    this.#changed();
    return this.activeId;
  }

  /** Brings back the most recently closed tab; its id, or null when none was closed. */
  reopen(): string | null {
    const [tab, ...rest] = this.#closed;
    if (!tab) return null;
    this.#closed = rest;
    this.closedCount = rest.length;
    const id = this.list.some((t) => t.id === tab.id) ? `tab-${this.#next++}` : tab.id;
    this.list = [
      ...this.list,
      {
        ...tab,
        id,
        name: uniqueName(
          tab.name,
          this.list.map((t) => t.name),
        ),
        fromLink: false,
      },
    ];
    return id;
  }

  /** Keeps the text before a Reset for "Undo reset"; the starter to put in, or null when already there. */
  beginReset(id: string): string | null {
    const tab = this.get(id);
    if (!tab || tab.code === tab.starter) return null;
    this.#set(id, (t) => ({ ...t, previous: t.code }));
    return tab.starter;
  }

  /** The text an "Undo reset" brings back (it is forgotten), or null. */
  takePrevious(id: string): string | null {
    const tab = this.get(id);
    if (!tab || tab.previous === null) return null;
    const previous = tab.previous;
    this.#set(id, (t) => ({ ...t, previous: null }));
    return previous;
  }

  /** The tab's code ran: it is no longer "from a link, not run yet". */
  ran(id: string): void {
    const tab = this.get(id);
    if (!tab?.fromLink) return;
    this.#set(id, (t) => ({ ...t, fromLink: false }));
    this.linkTabs = this.list.filter((t) => t.fromLink).length;
  }

  dismissLinkNotice(): void {
    this.linkTabs = 0;
    this.list = this.list.map((t) => (t.fromLink ? { ...t, fromLink: false } : t));
  }

  shareState(): EditorShareState {
    return { tabs: this.list.map((t) => ({ id: t.name, role: t.role, code: t.code })) };
  }

  /**
   * Adds the tabs a share link brought (a tab with the same code and role is reused, so reopening one's own
   * link adds nothing). The tab to show first, or null.
   */
  addShared(state: EditorShareState): string | null {
    let firstId: string | null = null;
    let added = 0;
    for (const shared of state.tabs) {
      const same = this.list.find((t) => t.code === shared.code && t.role === shared.role);
      if (same) {
        firstId ??= same.id;
        continue;
      }
      const id = this.add({
        name: shared.id,
        code: shared.code,
        starter: shared.code,
        role: shared.role,
        fromLink: true,
      });
      firstId ??= id;
      added++;
    }
    if (added) this.linkTabs = this.list.filter((t) => t.fromLink).length;
    return firstId;
  }
}
