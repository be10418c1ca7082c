/**
 * The UI language. Components read `locale.t` for their strings; switching the language re-renders them.
 * The choice is remembered in localStorage and set on <html lang> for screen readers and fonts.
 */
import { oneOf, pageStore } from '../state/storage';
import { en, type Messages } from './en';
import { zh } from './zh';

export const LANGUAGES = { en, zh } as const satisfies Record<string, Messages>;
export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'mesos-lab.language';

function initial(): Language {
  // Storage can be unavailable (private windows, sandboxed frames) or hold junk: the browser's language decides.
  const saved = pageStore.read(STORAGE_KEY, oneOf<Language>('en', 'zh'));
  if (saved) return saved;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

class Locale {
  language = $state<Language>(initial());
  readonly t: Messages = $derived(LANGUAGES[this.language]);

  set(language: Language): void {
    this.language = language;
    // When it cannot be remembered, it still applies to this page.
    pageStore.write(STORAGE_KEY, language);
    document.documentElement.lang = LANGUAGES[language].lang;
  }

  /** Numbers in the UI language's conventions. */
  number(x: number, digits = 3): string {
    return x.toLocaleString(this.t.lang, { maximumFractionDigits: digits });
  }
}

export const locale = new Locale();
