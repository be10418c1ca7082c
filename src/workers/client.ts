/**
 * The page's handle on the cluster: starts the player worker and relays trace batches to listeners,
 * one batch per animation frame, so the page never blocks on the cluster.
 */
import * as Comlink from 'comlink';
import type { Action, Scenario } from '../cluster/scenario/types';
import type { TraceEvent } from '../cluster/trace';
import type { PlayerApi } from './player.worker';
import { SandboxFrames } from './sandbox/SandboxFrames';
import type { ClusterClient, ClusterStatus, Speed, StartOptions } from './types';

export function createClusterClient(): ClusterClient {
  const worker = new Worker(new URL('./player.worker.ts', import.meta.url), {
    type: 'module',
    name: 'player',
  });
  const remote = Comlink.wrap<PlayerApi>(worker);
  const traceListeners = new Set<(events: TraceEvent[]) => void>();
  const statusListeners = new Set<(s: ClusterStatus) => void>();
  // Trace batches and status reports wait in one queue, so a status never overtakes the events before it.
  type Body = { events: TraceEvent[] } | { status: ClusterStatus };
  type Item = Body & { run: number };
  const queue: Item[] = [];
  let frame = 0;
  let actions: Action[] = [];
  /** Runs are numbered; after start(), anything from an earlier run still in flight is dropped. */
  let seenRun = 0;
  let minRun = 0;
  /** While start() is under way nothing is delivered: the new run's number is known only when it returns. */
  let starting = 0;

  const raf: (fn: () => void) => number =
    typeof requestAnimationFrame === 'function'
      ? (fn) => requestAnimationFrame(fn)
      : (fn) => setTimeout(fn, 16) as unknown as number;

  // Batches arrive already cut to about 10 KiB; each animation frame hands one to the listeners, with the
  // status reports that followed it.
  const drain = (): void => {
    frame = 0;
    if (starting > 0) return;
    let delivered = false;
    while (queue.length) {
      const item = queue[0]!;
      if ('events' in item) {
        if (delivered) break;
        delivered = true;
        queue.shift();
        for (const l of traceListeners) l(item.events);
      } else {
        queue.shift();
        for (const l of statusListeners) l(item.status);
      }
    }
    if (queue.length) frame = raf(drain);
  };

  const accept = (run: number, item: Body): void => {
    if (run < minRun) return;
    seenRun = Math.max(seenRun, run);
    queue.push({ ...item, run });
    if (!frame) frame = raf(drain);
  };

  // Learner code runs in workers that only a page can start (in opaque-origin frames): the player asks
  // these frames for them.
  const frames = new SandboxFrames();
  void remote.connect(
    Comlink.proxy({
      trace(events: TraceEvent[], run: number) {
        accept(run, { events });
      },
      status(s: ClusterStatus) {
        accept(s.run, { status: s });
      },
    }),
    Comlink.proxy(frames),
  );

  const refreshActions = (): void => {
    void remote.actions().then((a) => (actions = a));
  };

  return {
    async start(scenario: Scenario, options?: StartOptions) {
      queue.length = 0;
      minRun = seenRun + 1;
      actions = [...scenario.actions];
      starting++;
      try {
        const run = await remote.start(scenario, options);
        // Keep only what belongs to this run; anything older still in flight is dropped on arrival.
        minRun = Math.max(minRun, run);
        for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.run < minRun) queue.splice(i, 1);
      } finally {
        starting--;
        if (queue.length && !frame) frame = raf(drain);
      }
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
