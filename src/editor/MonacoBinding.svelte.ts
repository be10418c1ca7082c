/**
 * The binding to Monaco: loads it on first use, makes the editor (createSchedulerEditor) in the pane's
 * element, and keeps its theme in step with the page's (light, dark, or following the page). Until Monaco
 * is ready every call is a no-op, so the rest of the editor's state works without it (and in Node tests).
 */
import { createSchedulerEditor, type SchedulerEditor } from './createSchedulerEditor';
import type { MonacoApi } from './monacoApi';
import { DARK_PALETTE, LIGHT_PALETTE, paletteFromCss, resolveTheme, type ThemeChoice } from './themes';

export interface AttachOptions {
  /** Keeps each editor's Monaco models apart (one namespace per storage key). */
  namespace: string;
  onChange: (tabId: string, code: string) => void;
  onRun: () => void;
  onLeave?: () => void;
}

export class MonacoBinding {
  status = $state<'loading' | 'ready' | 'failed'>('loading');
  error = $state<string | null>(null);
  theme = $state<'light' | 'dark'>('light');

  readonly #load: () => Promise<MonacoApi>;
  #choice: ThemeChoice;
  #editor: SchedulerEditor | null = null;
  #disposed = false;
  readonly #cleanups: (() => void)[] = [];

  constructor(load: () => Promise<MonacoApi>, theme: ThemeChoice) {
    this.#load = load;
    this.#choice = theme;
  }

  /** The editor, once Monaco is ready. */
  get editor(): SchedulerEditor | null {
    return this.#editor;
  }

  /** Loads Monaco (first use) and puts the editor into `container`; false when it could not load. */
  async attach(container: HTMLElement, options: AttachOptions): Promise<boolean> {
    this.status = 'loading';
    let monaco: MonacoApi;
    try {
      monaco = await this.#load();
    } catch (e) {
      this.status = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    }
    if (this.#disposed) return false;
    this.theme = this.#resolve();
    this.#editor = createSchedulerEditor(monaco, {
      container,
      namespace: options.namespace,
      theme: this.theme,
      palettes: this.#palettes(),
      onChange: options.onChange,
      onRun: options.onRun,
      onLeave: options.onLeave,
    });
    this.#watchTheme();
    this.status = 'ready';
    return true;
  }

  detach(): void {
    this.#editor?.dispose();
    this.#editor = null;
  }

  #palettes(): { light: typeof LIGHT_PALETTE; dark: typeof DARK_PALETTE } {
    if (typeof document === 'undefined') return { light: LIGHT_PALETTE, dark: DARK_PALETTE };
    const style = getComputedStyle(document.documentElement);
    return { light: paletteFromCss((n) => style.getPropertyValue(n)), dark: DARK_PALETTE };
  }

  #resolve(): 'light' | 'dark' {
    if (typeof document === 'undefined') return this.#choice === 'dark' ? 'dark' : 'light';
    const scheme = getComputedStyle(document.documentElement).colorScheme || 'light';
    const systemDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
    return resolveTheme(this.#choice, scheme, systemDark);
  }

  /** Light, dark, or 'auto' (follow the page's colour scheme). */
  setThemeChoice(choice: ThemeChoice): void {
    if (choice === this.#choice) return;
    this.#choice = choice;
    this.#apply();
  }

  #apply(): void {
    const next = this.#resolve();
    if (next !== this.theme) {
      this.theme = next;
      this.#editor?.setTheme(next);
    }
  }

  #watchTheme(): void {
    if (typeof document === 'undefined') return;
    const update = (): void => {
      if (this.#choice === 'auto') this.#apply();
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

  dispose(): void {
    this.#disposed = true;
    for (const c of this.#cleanups.splice(0)) c();
    this.detach();
  }
}
