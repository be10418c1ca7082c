/**
 * What the page remembers in localStorage (the language, the layout, the open lesson, progress), read so
 * that a bad value can never break start-up or cost the learner anything: a value that cannot be read is
 * kept aside under `<key>:unreadable` (as the editor keeps unreadable code) and the page goes on with its
 * default. Nothing is overwritten blindly: the aside copy is written before the key is ever written again,
 * and an earlier aside copy with other contents is kept too (`<key>:unreadable:2`, …).
 */
import { browserStorage, type KeyValueStore } from '../../editor/persistence';

/** How many aside copies of one key are kept; more are not written (the first ones are the evidence). */
const MAX_ASIDE = 5;

export class PageStore {
  readonly #storage: KeyValueStore | null;

  constructor(storage: KeyValueStore | null = browserStorage()) {
    this.#storage = storage;
  }

  /** The raw text under `key`, or null when there is none or storage is unavailable. */
  raw(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Reads `key` through `parse`. A value that `parse` rejects (returns null or throws) is kept aside and
   * null is returned, so the caller starts from its default.
   */
  read<T>(key: string, parse: (raw: string) => T | null): T | null {
    const text = this.raw(key);
    if (text === null) return null;
    let value: T | null = null;
    try {
      value = parse(text);
    } catch {
      value = null;
    }
    if (value === null) this.setAside(key, text);
    return value;
  }

  /** Writes (or, with null, removes) a value; false when the browser refused. */
  write(key: string, value: string | null): boolean {
    if (!this.#storage) return false;
    try {
      if (value === null) this.#storage.removeItem(key);
      else this.#storage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  }

  /** Keeps `text` under `<key>:unreadable` (or the next free numbered copy), unless it is there already. */
  setAside(key: string, text: string): void {
    for (let i = 1; i <= MAX_ASIDE; i++) {
      const aside = i === 1 ? `${key}:unreadable` : `${key}:unreadable:${i}`;
      const there = this.raw(aside);
      if (there === text) return;
      if (there === null) {
        this.write(aside, text);
        return;
      }
    }
  }
}

/** The page's store (localStorage when the page may use it). */
export const pageStore = new PageStore();

/** Parsers for the simple values the page keeps. */
export const oneOf =
  <T extends string>(...values: readonly T[]) =>
  (raw: string): T | null =>
    (values as readonly string[]).includes(raw) ? (raw as T) : null;
