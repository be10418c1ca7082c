/**
 * Page-level UI state that is not the cluster's: presentation mode, open dialogs, the DRF panel's tab, and
 * what the pointer or focus is on (an event log entry highlights the agent, framework, task or offer it
 * names in the cluster view).
 */
export interface Highlight {
  readonly agent?: string;
  readonly framework?: string;
  readonly task?: string;
  readonly offer?: string;
}

export type DrfTab = 'shares' | 'why';

export class Ui {
  /**
   * Embed mode (`?embed` in the address): only the cluster view and its time controls, sized for an iframe
   * in a course page or a slide. Fixed for the page's lifetime.
   */
  readonly embed: boolean;
  presentation = $state(false);
  shortcutsOpen = $state(false);
  builderOpen = $state(false);
  drfTab = $state<DrfTab>('shares');
  /** In Code and Lesson modes, the panel under the cluster: the event log or DRF. */
  bottomTab = $state<'log' | 'drf'>('log');
  highlight = $state.raw<Highlight | null>(null);
  /** A moment a failed check pointed to: the trace position of its event, marked in the event log. */
  moment = $state<number | null>(null);
  /** Honour the system setting: no travelling offers, state changes still shown. */
  reducedMotion = $state(false);

  constructor(search = typeof location === 'undefined' ? '' : location.search) {
    // Read once, never mutated: nothing reactive needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.embed = new URLSearchParams(search).has('embed');
    if (typeof matchMedia === 'function') {
      const query = matchMedia('(prefers-reduced-motion: reduce)');
      this.reducedMotion = query.matches;
      query.addEventListener('change', (e) => (this.reducedMotion = e.matches));
    }
  }

  togglePresentation(): void {
    this.presentation = !this.presentation;
    document.documentElement.classList.toggle('presentation', this.presentation);
    // Pressing the mode's own button leaves focus on it, where Space would press it again (and leave the
    // mode) instead of playing. The cluster takes focus instead: Space plays, Tab still goes everywhere.
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.closest('header')) {
      const main = document.querySelector<HTMLElement>('main');
      main?.focus({ preventScroll: true });
    }
  }
}
