import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../editor/testing/memoryStorage';
import { oneOf, PageStore } from './storage';

describe('PageStore: a bad stored value never breaks start-up and is never lost', () => {
  it('reads a good value, and keeps an unreadable one aside instead of using it', () => {
    const storage = memoryStorage();
    const store = new PageStore(storage);
    storage.data.set('k', 'dark');
    expect(store.read('k', oneOf('light', 'dark'))).toBe('dark');
    storage.data.set('k', '{"not": "a theme"}');
    expect(store.read('k', oneOf('light', 'dark'))).toBeNull();
    expect(storage.data.get('k:unreadable')).toBe('{"not": "a theme"}');
  });

  it('a parser that throws counts as unreadable, not as a crash', () => {
    const storage = memoryStorage();
    const store = new PageStore(storage);
    storage.data.set('layout', '{');
    expect(store.read('layout', (raw) => JSON.parse(raw) as unknown)).toBeNull();
    expect(storage.data.get('layout:unreadable')).toBe('{');
  });

  it('reading the same bad value again adds no copy; another bad value gets a copy of its own', () => {
    const storage = memoryStorage();
    const store = new PageStore(storage);
    storage.data.set('k', 'bad 1');
    store.read('k', () => null);
    store.read('k', () => null);
    storage.data.set('k', 'bad 2');
    store.read('k', () => null);
    expect([...storage.data.keys()].sort()).toEqual(['k', 'k:unreadable', 'k:unreadable:2']);
    expect(storage.data.get('k:unreadable')).toBe('bad 1');
  });

  it('storage that refuses or is missing gives defaults and false, never an exception', () => {
    const storage = memoryStorage();
    storage.failWrites = true;
    const store = new PageStore(storage);
    expect(store.write('k', 'v')).toBe(false);
    const none = new PageStore(null);
    expect(none.raw('k')).toBeNull();
    expect(none.read('k', (r) => r)).toBeNull();
    expect(none.write('k', 'v')).toBe(false);
    const throwing = new PageStore({
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    });
    expect(throwing.read('k', (r) => r)).toBeNull();
  });
});
