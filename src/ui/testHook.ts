/**
 * A small, typed hook on `window` for end-to-end tests and benchmarks (docs/ui.md), present in every
 * build. It only reads: tests drive the page through its controls, by role and accessible name.
 */
import type { Lab } from './state/Lab.svelte';

export interface MesosLabHook {
  /** Trace events received so far. */
  traceLength(): number;
  /** Virtual seconds shown. */
  now(): number;
  /** True when the cluster reached the scenario's end (or nothing is left to happen). */
  done(): boolean;
}

declare global {
  interface Window {
    __mesosLab?: MesosLabHook;
  }
}

export function installTestHook(lab: Lab): void {
  window.__mesosLab = {
    traceLength: () => lab.time.traceLength,
    now: () => lab.time.now,
    done: () => lab.time.status.done,
  };
}
