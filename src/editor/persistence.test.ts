/** Saving the learner's code: debounced, flushed at once when asked, robust to bad or refused storage. */
import { describe, expect, it } from 'vitest';
import { CodeStore, parseSaved, STORAGE_VERSION, type SavedEditor } from './persistence';
import { memoryStorage } from './testing/memoryStorage';

const tab = (id: string, code = `// ${id}\n`) => ({
  id,
  name: id,
  role: 'learner',
  code,
  starter: '// starter\n',
  previous: null,
});

const state = (code = '// a\n'): SavedEditor => ({
  v: STORAGE_VERSION,
  active: 'a',
  tabs: [tab('a', code), tab('b')],
  closed: [],
  next: 3,
});

/** A manual clock for the debounce. */
function timers() {
  let pending: (() => void) | null = null;
  return {
    setTimer: (fn: () => void) => ((pending = fn), 1),
    clearTimer: () => void (pending = null),
    fire: () => {
      const p = pending;
      pending = null;
      p?.();
    },
    get armed() {
      return pending !== null;
    },
  };
}

describe('CodeStore', () => {
  it('writes once, after the last of several quick changes', () => {
    const storage = memoryStorage();
    const t = timers();
    const store = new CodeStore('lesson:02', storage, t);
    store.save(state('// 1\n'));
    store.save(state('// 2\n'));
    expect(storage.data.size).toBe(0);
    expect(store.dirty).toBe(true);
    t.fire();
    expect(parseSaved(storage.getItem('mesos-lab:editor:lesson:02'))!.tabs[0]!.code).toBe('// 2\n');
    expect(store.dirty).toBe(false);
  });

  it('flush writes at once (pagehide, Run) and cancels the pending timer', () => {
    const storage = memoryStorage();
    const t = timers();
    const store = new CodeStore('playground', storage, t);
    store.save(state('// now\n'));
    expect(store.flush()).toBe(true);
    expect(t.armed).toBe(false);
    expect(new CodeStore('playground', storage).load()).toEqual(state('// now\n'));
  });

  it('keeps each lesson and the playground apart', () => {
    const storage = memoryStorage();
    const a = new CodeStore('lesson:01', storage);
    const b = new CodeStore('playground', storage);
    a.save(state('// lesson\n'));
    b.save(state('// play\n'));
    a.flush();
    b.flush();
    expect(new CodeStore('lesson:01', storage).load()!.tabs[0]!.code).toBe('// lesson\n');
    expect(new CodeStore('playground', storage).load()!.tabs[0]!.code).toBe('// play\n');
  });

  it('reports a refused write and keeps the state pending for the next try', () => {
    const storage = memoryStorage();
    const store = new CodeStore('k', storage, timers());
    storage.failWrites = true;
    store.save(state());
    expect(store.flush()).toBe(false);
    expect(store.error).toMatch(/quota/);
    expect(store.dirty).toBe(true);
    storage.failWrites = false;
    expect(store.flush()).toBe(true);
    expect(store.error).toBeNull();
  });

  it('works without storage at all (nothing saved, and says why)', () => {
    const store = new CodeStore('k', null, timers());
    expect(store.load()).toBeNull();
    store.save(state());
    expect(store.flush()).toBe(false);
    expect(store.error).toMatch(/store/);
  });

  it('sets unreadable saved text aside instead of losing it', () => {
    const storage = memoryStorage();
    storage.setItem('mesos-lab:editor:k', '{"v": 99, "tabs": []}');
    expect(new CodeStore('k', storage).load()).toBeNull();
    expect(storage.getItem('mesos-lab:editor:k:unreadable')).toBe('{"v": 99, "tabs": []}');
  });
});

describe('parseSaved', () => {
  it('reads back what was written', () => {
    expect(parseSaved(JSON.stringify(state()))).toEqual(state());
  });

  it('drops malformed tabs, repairs the active tab and the counter, keeps the undo text', () => {
    const raw = {
      v: STORAGE_VERSION,
      active: 'gone',
      tabs: [{ ...tab('a'), previous: '// before reset\n' }, { id: 'x' }, 'junk'],
      closed: 'nope',
      next: -1,
    };
    expect(parseSaved(JSON.stringify(raw))).toEqual({
      v: STORAGE_VERSION,
      active: 'a',
      tabs: [{ ...tab('a'), previous: '// before reset\n' }],
      closed: [],
      next: 2,
    });
  });

  it('is null for nothing, not JSON, another version, or no tabs', () => {
    expect(parseSaved(null)).toBeNull();
    expect(parseSaved('{')).toBeNull();
    expect(parseSaved(JSON.stringify({ ...state(), v: 2 }))).toBeNull();
    expect(parseSaved(JSON.stringify({ ...state(), tabs: [] }))).toBeNull();
  });
});
