/**
 * For tests: a ClusterClient that records injected actions and lets the test play trace events and
 * statuses to its listeners, as the player worker would. Never imported by the page.
 */
import type { Action, Scenario } from '../../cluster/scenario/types';
import type { TraceBody, TraceEvent } from '../../cluster/trace';
import type { ClusterClient, ClusterStatus } from '../../workers/types';

export interface FakeClient extends ClusterClient {
  readonly injected: Action[];
  /** Delivers trace events (stamped at `t`, default the status's time) to the listeners. */
  emit(events: (TraceBody & { t?: number })[]): void;
  setStatus(status: Partial<ClusterStatus>): void;
  listeners(): number;
}

export function fakeClient(scenario: Scenario | null = null): FakeClient {
  const traceListeners = new Set<(events: TraceEvent[]) => void>();
  const statusListeners = new Set<(s: ClusterStatus) => void>();
  const injected: Action[] = [];
  let status: ClusterStatus = {
    now: 0,
    until: 3600,
    playing: true,
    speed: 1,
    done: false,
    leader: 'master/1',
    workers: { masters: 0, agents: 0, executors: 0, schedulers: 0 },
    error: null,
    run: 0,
  };
  return {
    injected,
    emit(events) {
      const stamped = events.map((e) => ({ ...e, t: e.t ?? status.now }) as TraceEvent);
      for (const l of traceListeners) l(stamped);
    },
    setStatus(s) {
      status = { ...status, ...s };
      for (const l of statusListeners) l(status);
    },
    listeners: () => traceListeners.size + statusListeners.size,
    async start() {
      // A new run: the actions injected into the old one are gone (as the player's are).
      injected.length = 0;
    },
    play() {},
    pause() {},
    async step() {},
    setSpeed() {},
    inject(action) {
      injected.push({ ...action, at: status.now } as Action);
    },
    onTrace(listener) {
      traceListeners.add(listener);
      return () => traceListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async explain() {
      return null;
    },
    actions: () => [...(scenario?.actions ?? []), ...injected],
    dispose() {},
  };
}
