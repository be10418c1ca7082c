/**
 * The editor pane's state (STYLE.md §6): the tabs and their code, saving, and what each tab's framework is
 * doing in the live cluster. Components read its `$state.raw` fields and call its methods; the Monaco
 * editor itself is made by createSchedulerEditor, loaded on first use.
 *
 * Run compiles the tab's code in Monaco's TypeScript worker and sends the cluster `add-framework` (a new
 * framework in the learner's role) or, while the tab's framework is live, `restart-framework`: a scheduler
 * failover to the new code under the same framework id, within failover_timeout, as in Mesos. Stop sends
 * `teardown`. The code stays, whatever the cluster does: it is saved per tab, and a scheduler stopped as
 * unresponsive loses nothing but its process.
 */
import type { Scenario } from '../cluster/scenario/types';
import type { TraceEvent } from '../cluster/trace';
import type { ClusterClient, ClusterStatus } from '../workers/types';
import { isLive, planRun, slug, stopAction, takenIds, validateAction } from './actions';
import type { Problem } from './compileOutput';
import { createSchedulerEditor, type SchedulerEditor } from './createSchedulerEditor';
import { EXAMPLES, loadExample } from './examples';
import {
  consoleLine,
  frameworkOf,
  newStats,
  reduceStats,
  type ConsoleEntry,
  type FrameworkStats,
} from './learnerTrace';
import { loadMonaco as defaultLoadMonaco } from './loadMonaco';
import { en, type EditorMessages } from './messages';
import type { MonacoApi } from './monacoApi';
import {
  browserStorage,
  CodeStore,
  STORAGE_VERSION,
  type KeyValueStore,
  type SavedEditor,
  type SavedTab,
} from './persistence';
import { DEFAULT_ROLE, type EditorShareState, type SharePort, type ShareTarget } from './share';
import playgroundStarter from './starters/playground.ts?raw';
import { LIGHT_PALETTE, DARK_PALETTE, paletteFromCss, resolveTheme, type ThemeChoice } from './themes';

/** A lesson's part in the editor: its starter code, and the role its scenario expects. */
export interface LessonInfo {
  readonly id: string;
  readonly title?: string;
  readonly starter: string;
  readonly role?: string;
}

export interface EditorStateOptions {
  client: ClusterClient;
  /** Where the tabs are saved: one key per lesson, one for the playground. */
  storageKey: string;
  /** The code a new tab starts with (default: a scheduler that says hello). */
  starter?: string;
  lesson?: LessonInfo;
  /** The running scenario, to check actions as the UI checks faults (parseAction). */
  scenario?: () => Scenario | null;
  /** Defaults to localStorage. */
  storage?: KeyValueStore | null;
  /** Defaults to the lazy `import()` of Monaco. */
  loadMonaco?: () => Promise<MonacoApi>;
  saveDelayMs?: number;
  theme?: ThemeChoice;
  /** Where share links read this editor's tabs and put a link's code; none: links do not reach it. */
  share?: SharePort;
  /** The pane's words (default English). */
  messages?: () => EditorMessages;
}

export interface Tab extends SavedTab {
  /** Came in a share link and has not been run yet. */
  readonly fromLink: boolean;
}

/** What a tab's framework is doing, as far as the editor knows. */
export type Phase =
  | 'idle'
  | 'compiling'
  /** add-framework sent; waiting for the master to register it. */
  | 'starting'
  /** restart-framework sent; waiting for the new scheduler to re-register. */
  | 'failing-over'
  | 'running'
  /** The scheduler is gone (stopped as unresponsive, failed): Run within failover_timeout fails over. */
  | 'disconnected'
  | 'stopping'
  | 'stopped'
  /** The master removed it (failover_timeout passed); Run adds a new framework. */
  | 'removed';

export interface TabRun {
  readonly phase: Phase;
  readonly frameworkId: string | null;
  /** The code the framework runs (to tell when the editor has changed since Run). */
  readonly ranCode: string | null;
  readonly stats: FrameworkStats | null;
}

export interface UnresponsiveAlert {
  readonly tabId: string;
  readonly frameworkId: string;
  readonly message: string;
  readonly t: number;
}

export const IDLE_RUN: TabRun = { phase: 'idle', frameworkId: null, ranCode: null, stats: null };

/** Phases in which Stop has something to stop. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a constant, never changed
export const STOPPABLE: ReadonlySet<Phase> = new Set<Phase>([
  'starting',
  'failing-over',
  'running',
  'disconnected',
]);

const MAX_CONSOLE = 500;
const MAX_CLOSED = 5;
const LESSON_TAB = 'lesson';

/** A tab as it is saved (without what only this page session knows). */
const savedTab = (t: Tab): SavedTab => ({
  id: t.id,
  name: t.name,
  role: t.role,
  code: t.code,
  starter: t.starter,
  previous: t.previous,
});

function uniqueName(base: string, names: readonly string[]): string {
  if (!names.includes(base)) return base;
  for (let i = 2; ; i++) if (!names.includes(`${base} ${i}`)) return `${base} ${i}`;
}

export class EditorState implements ShareTarget {
  tabs = $state.raw<readonly Tab[]>([]);
  activeId = $state('');
  runs = $state.raw<Readonly<Record<string, TabRun>>>({});
  consoles = $state.raw<Readonly<Record<string, readonly ConsoleEntry[]>>>({});
  /** A framework was stopped as unresponsive: shown prominently until dismissed or Run again. */
  alert = $state.raw<UnresponsiveAlert | null>(null);
  /** How many tabs the last share link brought that have not run yet. */
  linkTabs = $state(0);
  editorStatus = $state<'loading' | 'ready' | 'failed'>('loading');
  editorError = $state<string | null>(null);
  saveError = $state<string | null>(null);
  cluster = $state.raw<ClusterStatus | null>(null);
  /** Roles to suggest: the scenario's, those of frameworks seen, the default. */
  roles = $state.raw<readonly string[]>([DEFAULT_ROLE]);
  closedCount = $state(0);
  theme = $state<'light' | 'dark'>('light');

  readonly active: Tab | null = $derived(this.tabs.find((t) => t.id === this.activeId) ?? null);
  readonly activeRun: TabRun = $derived(this.runs[this.activeId] ?? IDLE_RUN);
  readonly activeConsole: readonly ConsoleEntry[] = $derived(this.consoles[this.activeId] ?? []);

  readonly storageKey: string;
  readonly #client: ClusterClient;
  readonly #starter: string;
  readonly #lesson: LessonInfo | undefined;
  readonly #scenario: () => Scenario | null;
  readonly #loadMonaco: () => Promise<MonacoApi>;
  readonly #store: CodeStore;
  #themeChoice: ThemeChoice;
  readonly #t: () => EditorMessages;
  readonly #share: SharePort | null;
  #editor: SchedulerEditor | null = null;
  #closed: SavedTab[] = [];
  #next = 1;
  #seq = 0;
  // Bookkeeping, never rendered: what components read is copied into `runs` and `consoles`.
  /** Which tab each of the learner's frameworks (every incarnation) belongs to. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #frameworkTab = new Map<string, string>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #stats = new Map<string, FrameworkStats>();
  /** Every framework id seen in this run of the cluster: new frameworks must not reuse one. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #seen = new Set<string>();
  #lastT = 0;
  #disposed = false;
  readonly #cleanups: (() => void)[] = [];

  constructor(options: EditorStateOptions) {
    this.#client = options.client;
    this.storageKey = options.storageKey;
    this.#starter = options.starter ?? playgroundStarter;
    this.#lesson = options.lesson;
    this.#scenario = options.scenario ?? (() => null);
    this.#loadMonaco = options.loadMonaco ?? defaultLoadMonaco;
    this.#themeChoice = options.theme ?? 'auto';
    this.#t = options.messages ?? (() => en);
    this.#store = new CodeStore(
      options.storageKey,
      options.storage === undefined ? browserStorage() : options.storage,
      options.saveDelayMs !== undefined ? { delayMs: options.saveDelayMs } : {},
    );
    this.#restore();
    this.#refreshRoles([]);

    this.#cleanups.push(this.#client.onTrace((events) => this.#onTrace(events)));
    this.#cleanups.push(this.#client.onStatus((s) => this.#onStatus(s)));
    this.#share = options.share ?? null;
    if (this.#share) this.#cleanups.push(this.#share.attach(this));
    if (typeof window !== 'undefined') {
      // Saving is debounced; leaving or hiding the page writes at once (pagehide also covers bfcache).
      const flush = (): void => this.flush();
      const hidden = (): void => {
        if (document.visibilityState === 'hidden') this.flush();
      };
      window.addEventListener('pagehide', flush);
      document.addEventListener('visibilitychange', hidden);
      this.#cleanups.push(() => {
        window.removeEventListener('pagehide', flush);
        document.removeEventListener('visibilitychange', hidden);
      });
    }
  }

  // ---------------------------------------------------------------- tabs and persistence

  #restore(): void {
    const saved = this.#store.load();
    if (saved) {
      let tabs: Tab[] = saved.tabs.map((t) => ({ ...t, fromLink: false }));
      // A lesson's starter may have changed since the tab was saved; Reset goes to the current one.
      if (this.#lesson) {
        const lesson = this.#lesson;
        tabs = tabs.map((t) => (t.id === LESSON_TAB ? { ...t, starter: lesson.starter } : t));
      }
      this.tabs = tabs;
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
      this.tabs = [first];
      this.activeId = first.id;
      this.#next = 2;
    }
    this.closedCount = this.#closed.length;
  }

  #snapshot(): SavedEditor {
    return {
      v: STORAGE_VERSION,
      active: this.activeId,
      tabs: this.tabs.map(savedTab),
      closed: this.#closed,
      next: this.#next,
    };
  }

  #changed(): void {
    this.#store.save(this.#snapshot());
    this.#share?.changed();
  }

  /** Writes unsaved changes now. */
  flush(): void {
    this.#store.flush();
    this.saveError = this.#store.error;
  }

  #setTab(id: string, change: (t: Tab) => Tab): void {
    this.tabs = this.tabs.map((t) => (t.id === id ? change(t) : t));
  }

  #tab(id: string): Tab | undefined {
    return this.tabs.find((t) => t.id === id);
  }

  /** The learner changed the code (from the editor). */
  updateCode(tabId: string, code: string): void {
    const tab = this.#tab(tabId);
    if (!tab || tab.code === code) return;
    this.#setTab(tabId, (t) => ({ ...t, code }));
    this.#changed();
  }

  setRole(tabId: string, role: string): void {
    const tab = this.#tab(tabId);
    if (!tab || tab.role === role) return;
    this.#setTab(tabId, (t) => ({ ...t, role }));
    this.#changed();
  }

  selectTab(id: string): void {
    const tab = this.#tab(id);
    if (!tab) return;
    this.activeId = id;
    this.#editor?.show(id, tab.code, this.#label(tab));
    this.#changed();
  }

  #label(tab: Tab): string {
    return this.#t().codeLabel(tab.name);
  }

  /** Opens a new tab (a blank scheduler, or given code) and selects it. */
  newTab(
    init: { name?: string; code?: string; starter?: string; role?: string; fromLink?: boolean } = {},
  ): string {
    const id = `tab-${this.#next}`;
    const name = uniqueName(
      init.name ?? `Scheduler ${this.#next}`,
      this.tabs.map((t) => t.name),
    );
    this.#next++;
    const code = init.code ?? this.#starter;
    const tab: Tab = {
      id,
      name,
      role: init.role ?? this.active?.role ?? DEFAULT_ROLE,
      code,
      starter: init.starter ?? code,
      previous: null,
      fromLink: init.fromLink ?? false,
    };
    this.tabs = [...this.tabs, tab];
    this.selectTab(id);
    return id;
  }

  /** Opens an example in a tab of its own (nothing the learner wrote is replaced). */
  async openExample(exampleId: string): Promise<string | null> {
    const info = EXAMPLES.find((e) => e.id === exampleId);
    if (!info) return null;
    const code = await loadExample(exampleId);
    return this.newTab({ name: info.title.replace(/ \(bad\)$/, ''), code, starter: code });
  }

  /** Closes a tab (stopping its framework); it can be reopened. The last tab stays. */
  closeTab(id: string): void {
    const i = this.tabs.findIndex((t) => t.id === id);
    if (i < 0 || this.tabs.length <= 1) return;
    const run = this.runs[id];
    if (run && STOPPABLE.has(run.phase)) this.stop(id);
    const saved = savedTab(this.tabs[i]!);
    this.#closed = [saved, ...this.#closed.filter((t) => t.id !== id)].slice(0, MAX_CLOSED);
    this.closedCount = this.#closed.length;
    this.tabs = this.tabs.filter((t) => t.id !== id);
    this.#editor?.remove(id);
    if (this.activeId === id) this.selectTab(this.tabs[Math.min(i, this.tabs.length - 1)]!.id);
    else this.#changed();
  }

  reopenClosed(): void {
    const [tab, ...rest] = this.#closed;
    if (!tab) return;
    this.#closed = rest;
    this.closedCount = rest.length;
    const id = this.tabs.some((t) => t.id === tab.id) ? `tab-${this.#next++}` : tab.id;
    this.tabs = [
      ...this.tabs,
      {
        ...tab,
        id,
        name: uniqueName(
          tab.name,
          this.tabs.map((t) => t.name),
        ),
        fromLink: false,
      },
    ];
    this.selectTab(id);
  }

  /** Back to the starter; the text before is kept for "Undo reset" (and Ctrl+Z in the editor). */
  reset(tabId: string = this.activeId): void {
    const tab = this.#tab(tabId);
    if (!tab || tab.code === tab.starter) return;
    this.#setTab(tabId, (t) => ({ ...t, previous: t.code }));
    this.#replaceCode(tabId, tab.starter);
    this.#note(tabId, this.#t().notes.reset);
  }

  undoReset(tabId: string = this.activeId): void {
    const tab = this.#tab(tabId);
    if (!tab || tab.previous === null) return;
    const previous = tab.previous;
    this.#setTab(tabId, (t) => ({ ...t, previous: null }));
    this.#replaceCode(tabId, previous);
  }

  #replaceCode(tabId: string, code: string): void {
    if (this.#editor) this.#editor.replace(tabId, code);
    // The editor reports the change back through updateCode; without an editor, set it here.
    this.updateCode(tabId, code);
  }

  // ---------------------------------------------------------------- the Monaco editor

  /** Loads Monaco (first use) and puts the editor into `container`. */
  async attach(container: HTMLElement): Promise<void> {
    this.editorStatus = 'loading';
    let monaco: MonacoApi;
    try {
      monaco = await this.#loadMonaco();
    } catch (e) {
      this.editorStatus = 'failed';
      this.editorError = e instanceof Error ? e.message : String(e);
      return;
    }
    if (this.#disposed) return;
    this.theme = this.#resolveTheme();
    this.#editor = createSchedulerEditor(monaco, {
      container,
      namespace: this.storageKey,
      theme: this.theme,
      palettes: this.#palettes(),
      onChange: (tabId, code) => this.updateCode(tabId, code),
      onRun: () => void this.run(),
    });
    this.#watchTheme();
    const tab = this.active;
    if (tab) this.#editor.show(tab.id, tab.code, this.#label(tab));
    this.editorStatus = 'ready';
  }

  detach(): void {
    this.#editor?.dispose();
    this.#editor = null;
  }

  focusEditor(): void {
    this.#editor?.focus();
  }

  /** Moves the editor's cursor to a line of a tab's code (console links). */
  revealLine(tabId: string, line: number): void {
    if (this.activeId !== tabId) this.selectTab(tabId);
    this.#editor?.revealLine(tabId, line);
  }

  #palettes(): { light: typeof LIGHT_PALETTE; dark: typeof DARK_PALETTE } {
    if (typeof document === 'undefined') return { light: LIGHT_PALETTE, dark: DARK_PALETTE };
    const style = getComputedStyle(document.documentElement);
    return { light: paletteFromCss((n) => style.getPropertyValue(n)), dark: DARK_PALETTE };
  }

  #resolveTheme(): 'light' | 'dark' {
    if (typeof document === 'undefined') return this.#themeChoice === 'dark' ? 'dark' : 'light';
    const scheme = getComputedStyle(document.documentElement).colorScheme || 'light';
    const systemDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
    return resolveTheme(this.#themeChoice, scheme, systemDark);
  }

  /** Light, dark, or 'auto' (follow the page's colour scheme). */
  setThemeChoice(choice: ThemeChoice): void {
    if (choice === this.#themeChoice) return;
    this.#themeChoice = choice;
    this.#applyTheme();
  }

  #applyTheme(): void {
    const next = this.#resolveTheme();
    if (next !== this.theme) {
      this.theme = next;
      this.#editor?.setTheme(next);
    }
  }

  #watchTheme(): void {
    if (typeof document === 'undefined') return;
    const update = (): void => {
      if (this.#themeChoice === 'auto') this.#applyTheme();
    };
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
    const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    query?.addEventListener('change', update);
    this.#cleanups.push(() => {
      observer.disconnect();
      query?.removeEventListener('change', update);
    });
  }

  // ---------------------------------------------------------------- run, stop

  #setRun(tabId: string, run: TabRun): void {
    this.runs = { ...this.runs, [tabId]: run };
  }

  #entry(tabId: string, entry: Omit<ConsoleEntry, 'seq'>): void {
    const list = this.consoles[tabId] ?? [];
    const next = [...list, { ...entry, seq: ++this.#seq }];
    this.consoles = {
      ...this.consoles,
      [tabId]: next.length > MAX_CONSOLE ? next.slice(-MAX_CONSOLE) : next,
    };
  }

  #note(tabId: string, text: string): void {
    this.#entry(tabId, { kind: 'note', text });
  }

  clearConsole(tabId: string = this.activeId): void {
    this.consoles = { ...this.consoles, [tabId]: [] };
  }

  #taken(): Set<string> {
    const taken = takenIds(this.#scenario(), this.#client.actions(), this.#seen);
    for (const id of this.#frameworkTab.keys()) taken.add(id);
    return taken;
  }

  /** Whether the editor can run code now (Monaco is needed to compile it). */
  get canRun(): boolean {
    return this.editorStatus === 'ready';
  }

  /**
   * Compiles the tab's code and sends it to the cluster: a new framework, or a failover of the live one.
   * Errors stop it here, shown as markers and console lines that link to them.
   */
  async run(tabId: string = this.activeId): Promise<void> {
    const tab = this.#tab(tabId);
    if (!tab) return;
    const before = this.runs[tabId] ?? IDLE_RUN;
    if (before.phase === 'compiling' || before.phase === 'stopping') return;
    if (!this.#editor) {
      this.#note(tabId, this.#t().notes.notReady);
      return;
    }
    this.flush();
    this.#setRun(tabId, { ...before, phase: 'compiling' });
    const restore = (): void =>
      this.#setRun(tabId, { ...before, stats: this.#currentStats(before.frameworkId) });
    let result;
    try {
      result = await this.#editor.compile(tabId, `${slug(tab.name)}.ts`);
    } catch (e) {
      restore();
      this.#entry(tabId, {
        kind: 'compile',
        text: this.#t().notes.couldNotCompile(e instanceof Error ? e.message : String(e)),
      });
      return;
    }
    const errors = result.problems.filter((p) => p.severity === 'error');
    if (!result.ok) {
      restore();
      this.#entry(tabId, { kind: 'compile', text: this.#t().notes.notRun(errors.length) });
      for (const p of errors) this.#problem(tabId, p);
      return;
    }
    for (const p of result.problems) this.#problem(tabId, p);

    const after = this.runs[tabId] ?? before;
    const current = after.frameworkId
      ? {
          id: after.frameworkId,
          lifecycle: this.#stats.get(after.frameworkId)?.lifecycle ?? ('pending' as const),
        }
      : null;
    const plan = planRun({
      name: tab.name,
      role: tab.role,
      code: result.code,
      compiled: result.compiled,
      current,
      at: this.cluster?.now ?? 0,
      taken: this.#taken(),
    });
    let action;
    try {
      action = validateAction(plan.action, this.#scenario(), this.#client.actions());
    } catch (e) {
      restore();
      this.#entry(tabId, {
        kind: 'error',
        text: this.#t().notes.refused(e instanceof Error ? e.message : String(e)),
      });
      return;
    }
    this.#client.inject(action);
    this.#frameworkTab.set(plan.frameworkId, tabId);
    if (plan.kind === 'add') this.#stats.set(plan.frameworkId, newStats(plan.frameworkId));
    if (this.alert?.tabId === tabId) this.alert = null;
    if (tab.fromLink) {
      this.#setTab(tabId, (t) => ({ ...t, fromLink: false }));
      this.linkTabs = this.tabs.filter((t) => t.fromLink).length;
    }
    this.#setRun(tabId, {
      phase: plan.kind === 'add' ? 'starting' : 'failing-over',
      frameworkId: plan.frameworkId,
      ranCode: result.code,
      stats: this.#currentStats(plan.frameworkId),
    });
    const t = this.#t().notes;
    this.#note(
      tabId,
      plan.kind === 'add' ? t.adding(plan.frameworkId, tab.role) : t.failover(plan.frameworkId),
    );
    const c = this.cluster;
    if (c && c.done) this.#note(tabId, t.ended);
    else if (c && !c.playing) this.#note(tabId, t.paused);
  }

  #problem(tabId: string, p: Problem): void {
    this.#entry(tabId, {
      kind: 'compile',
      text: `${p.severity === 'error' ? this.#t().notes.error : this.#t().notes.warning}: ${p.message}`,
      line: p.line,
    });
  }

  /** Tears the tab's framework down (the master kills its tasks). The code stays. */
  stop(tabId: string = this.activeId): void {
    const run = this.runs[tabId];
    if (!run?.frameworkId || !STOPPABLE.has(run.phase)) return;
    const lifecycle = this.#stats.get(run.frameworkId)?.lifecycle;
    if (!isLive(lifecycle)) return;
    let action;
    try {
      action = validateAction(
        stopAction(run.frameworkId, this.cluster?.now ?? 0),
        this.#scenario(),
        this.#client.actions(),
      );
    } catch (e) {
      this.#entry(tabId, {
        kind: 'error',
        text: this.#t().notes.notStopped(e instanceof Error ? e.message : String(e)),
      });
      return;
    }
    this.#client.inject(action);
    this.#setRun(tabId, { ...run, phase: 'stopping' });
    this.#note(tabId, this.#t().notes.stopping(run.frameworkId));
  }

  #currentStats(frameworkId: string | null): FrameworkStats | null {
    return frameworkId ? (this.#stats.get(frameworkId) ?? null) : null;
  }

  dismissAlert(): void {
    this.alert = null;
  }

  dismissLinkNotice(): void {
    this.linkTabs = 0;
    this.tabs = this.tabs.map((t) => (t.fromLink ? { ...t, fromLink: false } : t));
  }

  // ---------------------------------------------------------------- the cluster

  #onStatus(s: ClusterStatus): void {
    const before = this.cluster;
    this.cluster = s;
    // A new run of the cluster (the lab restarted or opened another scenario): its clock went back.
    if (before && s.now + 1e-9 < before.now) this.#clusterRestarted();
  }

  #onTrace(events: readonly TraceEvent[]): void {
    const first = events[0];
    if (first && first.t === 0 && first.type === 'leader' && this.#lastT > 0) this.#clusterRestarted();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this batch
    const touched = new Set<string>();
    const roles: string[] = [];
    for (const e of events) {
      this.#lastT = e.t;
      if (e.type === 'framework-added') {
        this.#seen.add(e.framework);
        roles.push(...e.roles);
      }
      const fw = frameworkOf(e);
      if (fw === undefined) continue;
      const tabId = this.#frameworkTab.get(fw);
      if (tabId === undefined) continue;
      const stats = this.#stats.get(fw);
      if (stats) this.#stats.set(fw, reduceStats(stats, e));
      touched.add(fw);
      const line = consoleLine(e);
      if (line) this.#entry(tabId, line);
      this.#advance(tabId, fw, e);
    }
    if (roles.length) this.#refreshRoles(roles);
    if (touched.size === 0) return;
    let runs = this.runs;
    for (const fw of touched) {
      const tabId = this.#frameworkTab.get(fw)!;
      const run = runs[tabId];
      if (run && run.frameworkId === fw)
        runs = { ...runs, [tabId]: { ...run, stats: this.#stats.get(fw) ?? null } };
    }
    this.runs = runs;
  }

  /** A tab's phase after a trace event about its framework. */
  #advance(tabId: string, fw: string, e: TraceEvent): void {
    const run = this.runs[tabId];
    if (!run || run.frameworkId !== fw) return;
    let phase = run.phase;
    switch (e.type) {
      case 'framework-added':
      case 'framework-reregistered':
        if (phase !== 'stopping') phase = 'running';
        break;
      case 'framework-disconnected':
        // During a failover the old scheduler's exit is expected; the new one re-registers next.
        if (phase !== 'failing-over' && phase !== 'stopping') phase = 'disconnected';
        break;
      case 'framework-removed':
        phase = phase === 'stopping' ? 'stopped' : 'removed';
        break;
      case 'error':
        if (e.message.startsWith('framework unresponsive')) {
          this.alert = { tabId, frameworkId: fw, message: e.message, t: e.t };
          phase = 'disconnected';
        }
        break;
      default:
        return;
    }
    if (phase !== run.phase) this.#setRun(tabId, { ...run, phase });
  }

  #clusterRestarted(): void {
    this.#lastT = 0;
    this.#seen.clear();
    this.#stats.clear();
    this.#frameworkTab.clear();
    let any = false;
    const runs: Record<string, TabRun> = {};
    for (const [tabId, run] of Object.entries(this.runs)) {
      if (run.frameworkId && run.phase !== 'stopped' && run.phase !== 'removed') {
        any = true;
        this.#note(tabId, this.#t().notes.restarted);
      }
      runs[tabId] = IDLE_RUN;
    }
    this.runs = runs;
    if (any) this.alert = null;
  }

  #refreshRoles(more: readonly string[]): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
    const set = new Set<string>([
      DEFAULT_ROLE,
      ...this.roles,
      ...Object.keys(this.#scenario()?.roles ?? {}),
      ...more,
    ]);
    for (const f of this.#scenario()?.frameworks ?? []) for (const r of f.roles) set.add(r);
    set.delete('*');
    const next = [...set].sort();
    if (next.join('\n') !== this.roles.join('\n')) this.roles = next;
  }

  // ---------------------------------------------------------------- share links

  shareState(): EditorShareState {
    return { tabs: this.tabs.map((t) => ({ id: t.name, role: t.role, code: t.code })) };
  }

  /**
   * Shows the code a share link brought, each in a tab of its own (a tab with the same code and role is
   * reused, so reopening one's own link adds nothing). Nothing runs until the learner presses Run.
   */
  applyShared(state: EditorShareState): void {
    let firstId: string | null = null;
    let added = 0;
    for (const shared of state.tabs) {
      const same = this.tabs.find((t) => t.code === shared.code && t.role === shared.role);
      if (same) {
        firstId ??= same.id;
        continue;
      }
      const id = this.newTab({
        name: shared.id,
        code: shared.code,
        starter: shared.code,
        role: shared.role,
        fromLink: true,
      });
      firstId ??= id;
      added++;
    }
    if (firstId) this.selectTab(firstId);
    if (added) this.linkTabs = this.tabs.filter((t) => t.fromLink).length;
  }

  // ---------------------------------------------------------------- end

  dispose(): void {
    this.#disposed = true;
    this.flush();
    for (const c of this.#cleanups.splice(0)) c();
    this.detach();
  }
}
