/**
 * The page's handle on the cluster: starts the conductor worker and relays trace batches to listeners,
 * one batch per animation frame, so the page never blocks on the cluster.
 */
import * as Comlink from 'comlink';
import type { Action, Scenario } from '../cluster/scenario/types';
import type { TraceEvent } from '../cluster/trace';
import type { ConductorApi } from './conductor.worker';
import type { ClusterClient, ClusterStatus, Speed, StartOptions } from './types';

export function createClusterClient(): ClusterClient {
  const worker = new Worker(new URL('./conductor.worker.ts', import.meta.url), {
    type: 'module',
    name: 'conductor',
  });
  const remote = Comlink.wrap<ConductorApi>(worker);
  const traceListeners = new Set<(events: TraceEvent[]) => void>();
  const statusListeners = new Set<(s: ClusterStatus) => void>();
  const queue: TraceEvent[][] = [];
  let frame = 0;
  let actions: Action[] = [];

  const raf: (fn: () => void) => number =
    typeof requestAnimationFrame === 'function'
      ? (fn) => requestAnimationFrame(fn)
      : (fn) => setTimeout(fn, 16) as unknown as number;

  // Batches arrive already cut to about 10 KiB; each animation frame hands one to the listeners.
  const drain = (): void => {
    frame = 0;
    const batch = queue.shift();
    if (batch) for (const l of traceListeners) l(batch);
    if (queue.length) frame = raf(drain);
  };

  void remote.connect(
    Comlink.proxy({
      trace(events: TraceEvent[]) {
        queue.push(events);
        if (!frame) frame = raf(drain);
      },
      status(s: ClusterStatus) {
        for (const l of statusListeners) l(s);
      },
    }),
  );

  const refreshActions = (): void => {
    void remote.actions().then((a) => (actions = a));
  };

  return {
    async start(scenario: Scenario, options?: StartOptions) {
      queue.length = 0;
      actions = [...scenario.actions];
      await remote.start(scenario, options);
    },
    play: () => void remote.play(),
    pause: () => void remote.pause(),
    step: async () => {
      await remote.step();
    },
    setSpeed: (speed: Speed) => void remote.setSpeed(speed),
    inject: (action: Action) => {
      void remote.inject(action).then(refreshActions);
    },
    onTrace(listener) {
      traceListeners.add(listener);
      return () => traceListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    explain: (offerId: string) => remote.explain(offerId),
    actions: () => [...actions],
    dispose() {
      void remote.stop();
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
