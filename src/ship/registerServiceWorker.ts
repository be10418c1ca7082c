/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker that vite-plugin-pwa generates at build time (vite.config.ts), which
 * precaches the whole build so that after one visit the app, every lesson included, works offline
 * (docs/deploy.md). Call it once from the page's entry; it does nothing in `vite dev` or where the browser
 * has no service workers.
 *
 * The worker is `autoUpdate`: a new deployment installs in the background and takes over at once; an open
 * page reloads itself only when a newer worker replaces one that already controlled it.
 */
import { registerSW } from 'virtual:pwa-register';

export interface ServiceWorkerHooks {
  /** The build is cached: from now on the app works without a network. */
  onOfflineReady?: () => void;
  /** Registration failed (e.g. a private window that forbids service workers); the app still works online. */
  onError?: (error: unknown) => void;
}

/** How often an open page asks the server for a newer build, so a long classroom session picks it up. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(hooks: ServiceWorkerHooks = {}): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  registerSW({
    // Registration waits for the page's `load` event, so it never competes with the first paint.
    immediate: false,
    onOfflineReady: hooks.onOfflineReady,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError(error: unknown) {
      if (hooks.onError) hooks.onError(error);
      else console.warn('Mesos Lab: the service worker could not be registered; offline use is off.', error);
    },
  });
}
