/**
 * The editor pane's state (STYLE.md §6), made of parts that each hold one idea:
 *
 * - `EditorTabs`: the tabs and their code, saved per lesson and per playground;
 * - `FrameworkRuns` (with the pure phase machine in RunPhase.ts): what each tab's framework is doing in the
 *   live cluster, its counters and the unresponsive alert;
 * - `Consoles`: each tab's console;
 * - `MonacoBinding`: the Monaco editor, loaded on first use, and its theme.
 *
 * This class wires them to the cluster client and carries out the learner's actions. Run compiles the tab's
 * code in Monaco's TypeScript worker and sends the cluster `add-framework` (a new framework in the learner's
 * role) or, while the tab's framework is live, `restart-framework`: a scheduler failover to the new code
 * under the same framework id, within failover_timeout, as in Mesos. Stop sends `teardown`. The code stays,
 * whatever the cluster does: it is saved per tab, and a scheduler stopped as unresponsive loses nothing but
 * its process.
 */
import type { Scenario } from '../cluster/scenario/types';
import type { ClusterClient, ClusterStatus } from '../workers/types';
import {
  FAILOVER_TIMEOUT_SECONDS,
  isLive,
  planRun,
  slug,
  stopAction,
  takenIds,
  validateAction,
} from './actions';
import type { Problem } from './compileOutput';
import { Consoles } from './Consoles.svelte';
import { EditorTabs, LESSON_TAB, type LessonInfo, type NewTab, type Tab } from './EditorTabs.svelte';
import { EXAMPLES, loadExample } from './examples';
import { FrameworkRuns, type UnresponsiveAlert } from './FrameworkRuns.svelte';
import type { ConsoleEntry } from './learnerTrace';
import { loadMonaco as defaultLoadMonaco } from './loadMonaco';
import { en, type EditorMessages } from './messages';
import type { MonacoApi } from './monacoApi';
import { MonacoBinding } from './MonacoBinding.svelte';
import { browserStorage, type KeyValueStore } from './persistence';
import { compiling, isBusy, sent, stopping, type TabRun } from './RunPhase';
import { DEFAULT_ROLE, type EditorShareState, type SharePort, type ShareTarget } from './share';
import playgroundStarter from './starters/playground.ts?raw';
import type { ThemeChoice } from './themes';

export type { LessonInfo, Tab } from './EditorTabs.svelte';
export type { UnresponsiveAlert } from './FrameworkRuns.svelte';
export { IDLE_RUN, STOPPABLE, type Phase, type TabRun } from './RunPhase';

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

export class EditorState implements ShareTarget {
  /** Roles to suggest: the scenario's, those of frameworks seen, the default. */
  roles = $state.raw<readonly string[]>([DEFAULT_ROLE]);

  readonly storageKey: string;
  readonly #tabs: EditorTabs;
  readonly #runs: FrameworkRuns;
  readonly #consoles = new Consoles();
  readonly #monaco: MonacoBinding;
  readonly #client: ClusterClient;
  readonly #scenario: () => Scenario | null;
  readonly #t: () => EditorMessages;
  readonly #share: SharePort | null;
  readonly #cleanups: (() => void)[] = [];

  constructor(options: EditorStateOptions) {
    this.#client = options.client;
    this.storageKey = options.storageKey;
    this.#scenario = options.scenario ?? (() => null);
    this.#t = options.messages ?? (() => en);
    this.#share = options.share ?? null;
    this.#tabs = new EditorTabs({
      storageKey: options.storageKey,
      storage: options.storage === undefined ? browserStorage() : options.storage,
      ...(options.saveDelayMs !== undefined ? { saveDelayMs: options.saveDelayMs } : {}),
      starter: options.starter ?? playgroundStarter,
      ...(options.lesson ? { lesson: options.lesson } : {}),
      onChange: () => this.#share?.changed(),
    });
    const lesson = options.lesson;
    this.#runs = new FrameworkRuns(
      this.#consoles,
      () => this.#t().trace,
      () => this.#t().notes.restarted,
      lesson?.framework ? { framework: lesson.framework, tabId: LESSON_TAB } : null,
    );
    this.#monaco = new MonacoBinding(options.loadMonaco ?? defaultLoadMonaco, options.theme ?? 'auto');
    this.#refreshRoles([]);

    this.#cleanups.push(
      this.#client.onTrace((events) => {
        const roles = this.#runs.onTrace(events);
        if (roles.length) this.#refreshRoles(roles);
      }),
    );
    this.#cleanups.push(this.#client.onStatus((s) => this.#runs.onStatus(s)));
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

  // ---------------------------------------------------------------- what the pane reads

  get tabs(): readonly Tab[] {
    return this.#tabs.list;
  }
  get activeId(): string {
    return this.#tabs.activeId;
  }
  get active(): Tab | null {
    return this.#tabs.active;
  }
  get closedCount(): number {
    return this.#tabs.closedCount;
  }
  get linkTabs(): number {
    return this.#tabs.linkTabs;
  }
  get saveError(): string | null {
    return this.#tabs.saveError;
  }
  get runs(): Readonly<Record<string, TabRun>> {
    return this.#runs.byTab;
  }
  get activeRun(): TabRun {
    return this.#runs.of(this.#tabs.activeId);
  }
  get alert(): UnresponsiveAlert | null {
    return this.#runs.alert;
  }
  get cluster(): ClusterStatus | null {
    return this.#runs.cluster;
  }
  get consoles(): Readonly<Record<string, readonly ConsoleEntry[]>> {
    return this.#consoles.byTab;
  }
  get activeConsole(): readonly ConsoleEntry[] {
    return this.#consoles.byTab[this.#tabs.activeId] ?? [];
  }
  get editorStatus(): 'loading' | 'ready' | 'failed' {
    return this.#monaco.status;
  }
  get editorError(): string | null {
    return this.#monaco.error;
  }
  get theme(): 'light' | 'dark' {
    return this.#monaco.theme;
  }
  /** Whether the editor can run code now (Monaco is needed to compile it). */
  get canRun(): boolean {
    return this.#monaco.status === 'ready';
  }

  // ---------------------------------------------------------------- tabs

  /** Writes unsaved changes now. */
  flush(): void {
    this.#tabs.flush();
  }

  /** The learner changed the code (from the editor). */
  updateCode(tabId: string, code: string): void {
    this.#tabs.setCode(tabId, code);
  }

  setRole(tabId: string, role: string): void {
    this.#tabs.setRole(tabId, role);
  }

  /** FrameworkInfo.failover_timeout for the framework the tab's next Run adds (locked while it is live). */
  setFailoverTimeout(tabId: string, seconds: number): void {
    this.#tabs.setFailoverTimeout(tabId, seconds);
  }

  /** The tab's failover_timeout in seconds: what its framework was (or will be) added with. */
  failoverTimeoutOf(tabId: string = this.activeId): number {
    return this.#tabs.get(tabId)?.failoverTimeout ?? FAILOVER_TIMEOUT_SECONDS;
  }

  selectTab(id: string): void {
    const tab = this.#tabs.select(id);
    if (tab) this.#monaco.editor?.show(id, tab.code, this.#label(tab));
  }

  #label(tab: Tab): string {
    return this.#t().codeLabel(tab.name);
  }

  /** Opens a new tab (a blank scheduler, or given code) and selects it. */
  newTab(init: NewTab = {}): string {
    const id = this.#tabs.add(init);
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
    if (this.#tabs.list.length <= 1 || !this.#tabs.get(id)) return;
    this.stop(id);
    const wasActive = this.#tabs.activeId === id;
    const next = this.#tabs.close(id);
    this.#monaco.editor?.remove(id);
    if (wasActive && next) this.selectTab(next);
  }

  reopenClosed(): void {
    const id = this.#tabs.reopen();
    if (id) this.selectTab(id);
  }

  /** Back to the starter; the text before is kept for "Undo reset" (and Ctrl+Z in the editor). */
  reset(tabId: string = this.activeId): void {
    const starter = this.#tabs.beginReset(tabId);
    if (starter === null) return;
    this.#replaceCode(tabId, starter);
    this.#consoles.note(tabId, this.#t().notes.reset);
  }

  undoReset(tabId: string = this.activeId): void {
    const previous = this.#tabs.takePrevious(tabId);
    if (previous !== null) this.#replaceCode(tabId, previous);
  }

  #replaceCode(tabId: string, code: string): void {
    this.#monaco.editor?.replace(tabId, code);
    // The editor reports the change back through updateCode; without an editor, set it here.
    this.updateCode(tabId, code);
  }

  dismissLinkNotice(): void {
    this.#tabs.dismissLinkNotice();
  }

  // ---------------------------------------------------------------- the Monaco editor

  /** Loads Monaco (first use) and puts the editor into `container`; `onLeave` is Escape out of the code. */
  async attach(container: HTMLElement, onLeave?: () => void): Promise<void> {
    const ready = await this.#monaco.attach(container, {
      namespace: this.storageKey,
      onChange: (tabId, code) => this.updateCode(tabId, code),
      onRun: () => void this.run(),
      onLeave,
    });
    const tab = this.active;
    if (ready && tab) this.#monaco.editor?.show(tab.id, tab.code, this.#label(tab));
  }

  detach(): void {
    this.#monaco.detach();
  }

  focusEditor(): void {
    this.#monaco.editor?.focus();
  }

  /** Moves the editor's cursor to a line of a tab's code (console links). */
  revealLine(tabId: string, line: number): void {
    if (this.activeId !== tabId) this.selectTab(tabId);
    this.#monaco.editor?.revealLine(tabId, line);
  }

  /** Light, dark, or 'auto' (follow the page's colour scheme). */
  setThemeChoice(choice: ThemeChoice): void {
    this.#monaco.setThemeChoice(choice);
  }

  // ---------------------------------------------------------------- run, stop

  clearConsole(tabId: string = this.activeId): void {
    this.#consoles.clear(tabId);
  }

  #taken(): Set<string> {
    return takenIds(this.#scenario(), this.#client.actions(), this.#runs.taken());
  }

  /**
   * Compiles the tab's code and sends it to the cluster: a new framework, or a failover of the live one.
   * Errors stop it here, shown as markers and console lines that link to them.
   */
  async run(tabId: string = this.activeId): Promise<void> {
    const tab = this.#tabs.get(tabId);
    if (!tab) return;
    const before = this.#runs.of(tabId);
    if (isBusy(before)) return;
    const editor = this.#monaco.editor;
    if (!editor) {
      this.#consoles.note(tabId, this.#t().notes.notReady);
      return;
    }
    this.flush();
    this.#runs.set(tabId, compiling(before));
    const restore = (): void =>
      this.#runs.set(tabId, { ...before, stats: this.#runs.stats(before.frameworkId) });
    let result;
    try {
      result = await editor.compile(tabId, `${slug(tab.name)}.ts`);
    } catch (e) {
      restore();
      this.#consoles.add(tabId, {
        kind: 'compile',
        text: this.#t().notes.couldNotCompile(e instanceof Error ? e.message : String(e)),
      });
      return;
    }
    const errors = result.problems.filter((p) => p.severity === 'error');
    if (!result.ok) {
      restore();
      this.#consoles.add(tabId, { kind: 'compile', text: this.#t().notes.notRun(errors.length) });
      for (const p of errors) this.#problem(tabId, p);
      return;
    }
    for (const p of result.problems) this.#problem(tabId, p);

    const after = this.#runs.of(tabId);
    const current = after.frameworkId
      ? { id: after.frameworkId, lifecycle: this.#runs.lifecycle(after.frameworkId) }
      : null;
    const plan = planRun({
      name: tab.name,
      role: tab.role,
      failoverTimeout: this.failoverTimeoutOf(tabId),
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
      this.#consoles.add(tabId, {
        kind: 'error',
        text: this.#t().notes.refused(e instanceof Error ? e.message : String(e)),
      });
      return;
    }
    this.#client.inject(action);
    const kind = plan.kind === 'add' ? 'add' : 'failover';
    this.#runs.started(tabId, plan.frameworkId, kind);
    this.#tabs.ran(tabId);
    this.#runs.set(tabId, sent(kind, plan.frameworkId, result.code, this.#runs.stats(plan.frameworkId)));
    const t = this.#t().notes;
    this.#consoles.note(
      tabId,
      plan.kind === 'add'
        ? t.adding(plan.frameworkId, tab.role)
        : t.failover(plan.frameworkId, this.failoverTimeoutOf(tabId)),
    );
    const c = this.cluster;
    if (c && c.done) this.#consoles.note(tabId, t.ended);
    else if (c && !c.playing) this.#consoles.note(tabId, t.paused);
  }

  #problem(tabId: string, p: Problem): void {
    this.#consoles.add(tabId, {
      kind: 'compile',
      text: `${p.severity === 'error' ? this.#t().notes.error : this.#t().notes.warning}: ${p.message}`,
      line: p.line,
    });
  }

  /** Tears the tab's framework down (the master kills its tasks). The code stays. */
  stop(tabId: string = this.activeId): void {
    const run = this.#runs.of(tabId);
    if (!run.frameworkId || stopping(run) === run) return;
    if (!isLive(this.#runs.lifecycle(run.frameworkId))) return;
    let action;
    try {
      action = validateAction(
        stopAction(run.frameworkId, this.cluster?.now ?? 0),
        this.#scenario(),
        this.#client.actions(),
      );
    } catch (e) {
      this.#consoles.add(tabId, {
        kind: 'error',
        text: this.#t().notes.notStopped(e instanceof Error ? e.message : String(e)),
      });
      return;
    }
    this.#client.inject(action);
    this.#runs.set(tabId, stopping(run));
    this.#consoles.note(tabId, this.#t().notes.stopping(run.frameworkId));
  }

  dismissAlert(): void {
    this.#runs.dismissAlert();
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
    return this.#tabs.shareState();
  }

  /**
   * Shows the code a share link brought, each in a tab of its own (a tab with the same code and role is
   * reused, so reopening one's own link adds nothing). Nothing runs until the learner presses Run.
   */
  applyShared(state: EditorShareState): void {
    const first = this.#tabs.addShared(state);
    if (first) this.selectTab(first);
  }

  // ---------------------------------------------------------------- end

  dispose(): void {
    this.flush();
    for (const c of this.#cleanups.splice(0)) c();
    this.#monaco.dispose();
  }
}
