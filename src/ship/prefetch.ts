/**
 * Loads a lazy part of the app (Monaco, the TypeScript compiler) while the page has nothing else to do, so
 * that opening the editor later is instant, without weighing on the first load (docs/deploy.md).
 *
 *   prefetchWhenIdle(() => import('../editor/monaco'));
 *
 * It waits for the page's `load` event, then a short delay, then an idle period (requestIdleCallback, or
 * a timer where the browser has none), and calls `load` once. It does nothing when the visitor asked to
 * save data or is on a 2G connection: there the editor loads when it is opened, as it would anyway. A
 * failed prefetch is ignored; the real import reports its own error when the editor opens.
 */

/** The part of the Network Information API this looks at (not in TypeScript's DOM lib). */
interface ConnectionLike {
  saveData?: boolean;
  effectiveType?: string;
}

/** What the helper needs from the browser; the defaults are the real window, document and navigator. */
export interface PrefetchEnv {
  connection?: ConnectionLike | undefined;
  /** True once the page's `load` event has fired. */
  loaded(): boolean;
  onLoad(callback: () => void): void;
  requestIdleCallback?: ((callback: () => void, options: { timeout: number }) => number) | undefined;
  cancelIdleCallback?: ((handle: number) => void) | undefined;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PrefetchOptions {
  /** Milliseconds to wait after `load` before looking for an idle period; default 1500. */
  delayMs?: number;
  /** The longest wait for an idle period, in milliseconds; default 5000. */
  idleTimeoutMs?: number;
  env?: PrefetchEnv;
}

/** False when prefetching would spend the visitor's data or a slow link: Save-Data, or a 2G connection. */
export function prefetchAllowed(connection: ConnectionLike | undefined): boolean {
  if (!connection) return true;
  if (connection.saveData === true) return false;
  return !['slow-2g', '2g'].includes(connection.effectiveType ?? '');
}

function browserEnv(): PrefetchEnv {
  const w = globalThis as typeof globalThis &
    Partial<Pick<Window, 'requestIdleCallback' | 'cancelIdleCallback'>>;
  return {
    connection: (globalThis.navigator as Navigator & { connection?: ConnectionLike }).connection,
    loaded: () => document.readyState === 'complete',
    onLoad: (callback) => window.addEventListener('load', callback, { once: true }),
    requestIdleCallback: w.requestIdleCallback?.bind(w),
    cancelIdleCallback: w.cancelIdleCallback?.bind(w),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/**
 * Calls `load` once when the page is idle after loading. Returns a function that cancels the prefetch if
 * it has not started yet (e.g. when the editor is opened first and imports the module itself).
 */
export function prefetchWhenIdle(load: () => Promise<unknown>, options: PrefetchOptions = {}): () => void {
  const env = options.env ?? (typeof window === 'undefined' ? undefined : browserEnv());
  if (!env || !prefetchAllowed(env.connection)) return () => undefined;
  const delayMs = options.delayMs ?? 1500;
  const idleTimeoutMs = options.idleTimeoutMs ?? 5000;

  let cancelled = false;
  let timer: unknown;
  let idle: number | undefined;

  const run = (): void => {
    if (cancelled) return;
    cancelled = true; // once only
    load().catch(() => undefined);
  };
  const whenIdle = (): void => {
    if (cancelled) return;
    if (env.requestIdleCallback) idle = env.requestIdleCallback(run, { timeout: idleTimeoutMs });
    else timer = env.setTimeout(run, 1);
  };
  const afterLoad = (): void => {
    if (cancelled) return;
    timer = env.setTimeout(whenIdle, delayMs);
  };

  if (env.loaded()) afterLoad();
  else env.onLoad(afterLoad);

  return () => {
    cancelled = true;
    if (timer !== undefined) env.clearTimeout(timer);
    if (idle !== undefined) env.cancelIdleCallback?.(idle);
  };
}
