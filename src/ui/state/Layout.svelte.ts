/**
 * The workbench's layout: which mode the page is in, how big each pane is, and (on a narrow screen) which
 * pane is shown. Remembered in localStorage, so the page comes back as the learner left it.
 *
 * - Watch: the cluster large, the timeline, and the event log beside the DRF panel below.
 * - Code: the playground editor (at least half the width, its console in view) beside the live cluster.
 * - Lesson: the lesson's prose and verdict, its editor with the console, and the live cluster, side by side.
 *
 * Below 700 px wide the panes stack: one at a time, chosen with tabs (Cluster, Lesson, Code, Log).
 */
import { oneOf, pageStore, type PageStore } from './storage';

export type Mode = 'watch' | 'code' | 'lesson';
export const MODES: readonly Mode[] = ['watch', 'code', 'lesson'];

export type StackTab = 'cluster' | 'lesson' | 'code' | 'log';
export const STACK_TABS: readonly StackTab[] = ['cluster', 'lesson', 'code', 'log'];

/** Pane sizes as fractions of their container. */
export interface Sizes {
  /** Watch: the height of the log and DRF row. */
  readonly watchBottom: number;
  /** Watch: the event log's width in that row. */
  readonly watchLog: number;
  /** Code: the editor's width. */
  readonly code: number;
  /** Lesson: the lesson's width, and the editor's. */
  readonly lesson: number;
  readonly lessonCode: number;
  /** Code and Lesson: the height of the log or DRF panel under the cluster. */
  readonly sideBottom: number;
}

export type SizeKey = keyof Sizes;

export const DEFAULT_SIZES: Sizes = {
  watchBottom: 0.34,
  watchLog: 0.45,
  code: 0.52,
  lesson: 0.27,
  lessonCode: 0.4,
  sideBottom: 0.3,
};

/** How far each size may go, so no pane is ever dragged out of sight. */
export const SIZE_LIMITS: Readonly<Record<SizeKey, readonly [number, number]>> = {
  watchBottom: [0.15, 0.7],
  watchLog: [0.25, 0.75],
  // The editor keeps at least half the width in Code mode (issue 14).
  code: [0.5, 0.8],
  lesson: [0.18, 0.45],
  lessonCode: [0.3, 0.6],
  sideBottom: [0.12, 0.65],
};

/** Below this width (CSS pixels) the panes stack. */
export const NARROW_PX = 700;

const KEY = 'mesos-lab:layout';

interface Saved {
  v: 1;
  mode: Mode;
  sizes: Sizes;
}

const clamp = (key: SizeKey, value: number): number => {
  const [lo, hi] = SIZE_LIMITS[key];
  return Math.min(hi, Math.max(lo, value));
};

/** Reads a saved layout; null (kept aside by the store) when it is not one. */
export function parseLayout(raw: string): Saved | null {
  const value = JSON.parse(raw) as unknown;
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (o.v !== 1 || !MODES.includes(o.mode as Mode)) return null;
  const sizes: Record<string, number> = { ...DEFAULT_SIZES };
  if (typeof o.sizes === 'object' && o.sizes !== null)
    for (const key of Object.keys(DEFAULT_SIZES) as SizeKey[]) {
      const v = (o.sizes as Record<string, unknown>)[key];
      if (typeof v === 'number' && Number.isFinite(v)) sizes[key] = clamp(key, v);
    }
  return { v: 1, mode: o.mode as Mode, sizes: sizes as unknown as Sizes };
}

export class Layout {
  mode = $state<Mode>('watch');
  sizes = $state.raw<Sizes>(DEFAULT_SIZES);
  /** On a narrow screen: the pane shown. */
  stackTab = $state<StackTab>('cluster');
  narrow = $state(false);
  readonly #store: PageStore;

  constructor(store: PageStore = pageStore, media?: (query: string) => MediaQueryList) {
    this.#store = store;
    const saved = store.read(KEY, parseLayout);
    if (saved) {
      this.mode = saved.mode;
      this.sizes = saved.sizes;
    } else {
      // Earlier versions kept only the side panel's choice: the course, or an editor that was opened.
      const side = store.read('mesos-lab:side-mode', oneOf('playground', 'lessons'));
      const opened = store.read('mesos-lab:editor-open', oneOf('1'));
      this.mode = side === 'lessons' ? 'lesson' : opened === '1' ? 'code' : 'watch';
    }
    const match = media ?? (typeof matchMedia === 'function' ? matchMedia : undefined);
    if (match) {
      const query = match(`(max-width: ${NARROW_PX - 0.02}px)`);
      this.narrow = query.matches;
      query.addEventListener('change', (e) => (this.narrow = e.matches));
    }
  }

  #save(): void {
    const saved: Saved = { v: 1, mode: this.mode, sizes: this.sizes };
    this.#store.write(KEY, JSON.stringify(saved));
  }

  setMode(mode: Mode): void {
    this.mode = mode;
    // On a narrow screen the mode's main pane comes to the front.
    this.stackTab = mode === 'watch' ? 'cluster' : mode;
    this.#save();
  }

  setSize(key: SizeKey, value: number): void {
    const v = clamp(key, value);
    if (v === this.sizes[key]) return;
    this.sizes = { ...this.sizes, [key]: v };
    this.#save();
  }

  /** Back to the sizes a first visit has (double-clicking a divider). */
  resetSize(key: SizeKey): void {
    this.setSize(key, DEFAULT_SIZES[key]);
  }

  /** Shows a pane on a narrow screen; the Lesson and Code panes bring their mode with them. */
  showStack(tab: StackTab): void {
    this.stackTab = tab;
    const mode: Mode | null =
      tab === 'lesson' ? 'lesson' : tab === 'code' && this.mode === 'watch' ? 'code' : null;
    if (mode && mode !== this.mode) {
      this.mode = mode;
      this.#save();
    }
  }
}
