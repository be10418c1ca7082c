import { describe, expect, it } from 'vitest';
import { prefetchAllowed, prefetchWhenIdle, type PrefetchEnv } from './prefetch';

/** A fake browser whose timers, idle callbacks and load event the test fires by hand. */
function fakeEnv(opts: { loaded?: boolean; idle?: boolean; connection?: PrefetchEnv['connection'] } = {}) {
  let loaded = opts.loaded ?? false;
  const loadListeners: (() => void)[] = [];
  const timers = new Map<number, { callback: () => void; ms: number }>();
  const idles = new Map<number, { callback: () => void; timeout: number }>();
  let next = 1;
  const env: PrefetchEnv = {
    connection: opts.connection,
    loaded: () => loaded,
    onLoad: (callback) => loadListeners.push(callback),
    requestIdleCallback:
      opts.idle === false
        ? undefined
        : (callback, { timeout }) => {
            idles.set(next, { callback, timeout });
            return next++;
          },
    cancelIdleCallback: (handle) => idles.delete(handle),
    setTimeout: (callback, ms) => {
      timers.set(next, { callback, ms });
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  };
  return {
    env,
    timers,
    idles,
    fireLoad() {
      loaded = true;
      for (const l of loadListeners.splice(0)) l();
    },
    /** Runs every pending timer and idle callback once, in the order they were scheduled. */
    flush() {
      const pending = [...timers.entries(), ...idles.entries()].sort(([a], [b]) => a - b);
      timers.clear();
      idles.clear();
      for (const [, { callback }] of pending) callback();
    },
  };
}

describe('prefetchAllowed', () => {
  it('prefetches without connection information and on fast connections', () => {
    expect(prefetchAllowed(undefined)).toBe(true);
    expect(prefetchAllowed({ effectiveType: '4g' })).toBe(true);
    expect(prefetchAllowed({ effectiveType: '3g', saveData: false })).toBe(true);
  });

  it('does not prefetch with Save-Data or on 2G', () => {
    expect(prefetchAllowed({ saveData: true, effectiveType: '4g' })).toBe(false);
    expect(prefetchAllowed({ effectiveType: '2g' })).toBe(false);
    expect(prefetchAllowed({ effectiveType: 'slow-2g' })).toBe(false);
  });
});

describe('prefetchWhenIdle', () => {
  it('waits for load, then the delay, then an idle period, and loads once', () => {
    const fake = fakeEnv();
    let calls = 0;
    prefetchWhenIdle(
      () => {
        calls++;
        return Promise.resolve();
      },
      { env: fake.env, delayMs: 1000, idleTimeoutMs: 3000 },
    );
    expect(fake.timers.size).toBe(0);
    fake.fireLoad();
    expect([...fake.timers.values()].map((t) => t.ms)).toEqual([1000]);
    fake.flush(); // the delay
    expect(calls).toBe(0);
    expect([...fake.idles.values()].map((i) => i.timeout)).toEqual([3000]);
    fake.flush(); // the idle period
    expect(calls).toBe(1);
    fake.flush();
    expect(calls).toBe(1);
  });

  it('starts at once when the page has already loaded, and falls back to a timer without idle callbacks', () => {
    const fake = fakeEnv({ loaded: true, idle: false });
    let calls = 0;
    prefetchWhenIdle(
      () => {
        calls++;
        return Promise.resolve();
      },
      { env: fake.env },
    );
    fake.flush();
    fake.flush();
    expect(calls).toBe(1);
  });

  it('skips on save-data and 2G connections', () => {
    for (const connection of [{ saveData: true }, { effectiveType: '2g' }]) {
      const fake = fakeEnv({ loaded: true, connection });
      let calls = 0;
      prefetchWhenIdle(
        () => {
          calls++;
          return Promise.resolve();
        },
        { env: fake.env },
      );
      fake.flush();
      fake.flush();
      expect(calls).toBe(0);
      expect(fake.timers.size + fake.idles.size).toBe(0);
    }
  });

  it('can be cancelled before it starts', () => {
    const fake = fakeEnv({ loaded: true });
    let calls = 0;
    const cancel = prefetchWhenIdle(
      () => {
        calls++;
        return Promise.resolve();
      },
      { env: fake.env },
    );
    fake.flush(); // the delay; an idle callback is now pending
    cancel();
    expect(fake.idles.size).toBe(0);
    fake.flush();
    expect(calls).toBe(0);
  });

  it('swallows a failed load: the real import reports its own error later', async () => {
    const fake = fakeEnv({ loaded: true });
    let rejected = false;
    prefetchWhenIdle(
      () => {
        rejected = true;
        return Promise.reject(new Error('offline'));
      },
      { env: fake.env },
    );
    fake.flush();
    fake.flush();
    await Promise.resolve();
    expect(rejected).toBe(true);
  });

  it('does nothing outside a browser', () => {
    expect(typeof prefetchWhenIdle(() => Promise.resolve())).toBe('function');
  });
});
