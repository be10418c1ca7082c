/**
 * Light or dark. The page follows the system's `prefers-color-scheme` until the learner picks one with the
 * toggle; the choice is remembered. The theme is set on <html data-theme>, where the page's colours (CSS
 * variables in global.css), the editor's theme and the chart's colours all read it.
 */
import { oneOf, pageStore, type PageStore } from './storage';

export type ThemeChoice = 'auto' | 'light' | 'dark';

const KEY = 'mesos-lab:theme';

export class Theme {
  choice = $state<ThemeChoice>('auto');
  systemDark = $state(false);
  readonly dark: boolean = $derived(this.choice === 'dark' || (this.choice === 'auto' && this.systemDark));
  readonly #store: PageStore;

  constructor(store: PageStore = pageStore, media?: (query: string) => MediaQueryList) {
    this.#store = store;
    this.choice = store.read(KEY, oneOf<ThemeChoice>('light', 'dark')) ?? 'auto';
    const match = media ?? (typeof matchMedia === 'function' ? matchMedia : undefined);
    if (match) {
      const query = match('(prefers-color-scheme: dark)');
      this.systemDark = query.matches;
      query.addEventListener('change', (e) => {
        this.systemDark = e.matches;
        this.#apply();
      });
    }
    this.#apply();
  }

  /** Switches to the other theme, and remembers it. */
  toggle(): void {
    this.choice = this.dark ? 'light' : 'dark';
    this.#store.write(KEY, this.choice);
    this.#apply();
  }

  #apply(): void {
    if (typeof document === 'undefined') return;
    document.documentElement.dataset.theme = this.dark ? 'dark' : 'light';
  }
}
