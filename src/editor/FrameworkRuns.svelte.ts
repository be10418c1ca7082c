/**
 * The learner's frameworks in the live cluster, one run per tab: which framework each tab started (every
 * incarnation), its phase (the pure machine in RunPhase.ts), its counters from the trace, and the alert when
 * the watchdog stopped one. It reads the trace and the cluster's status; it sends nothing itself.
 */
import type { TraceEvent } from '../cluster/trace';
import type { ClusterStatus } from '../workers/types';
import type { Consoles } from './Consoles.svelte';
import {
  FrameworkLedger,
  frameworkOf,
  newStats,
  type FrameworkStats,
} from '../cluster/trace/FrameworkLedger';
import { consoleLine, type TraceWords } from './learnerTrace';
import { afterClusterRestart, afterEvent, IDLE_RUN, wasLive, type TabRun } from './RunPhase';

export interface UnresponsiveAlert {
  readonly tabId: string;
  readonly frameworkId: string;
  readonly message: string;
  readonly t: number;
}

export class FrameworkRuns {
  byTab = $state.raw<Readonly<Record<string, TabRun>>>({});
  /** A framework was stopped as unresponsive: shown prominently until dismissed or Run again. */
  alert = $state.raw<UnresponsiveAlert | null>(null);
  cluster = $state.raw<ClusterStatus | null>(null);

  readonly #consoles: Consoles;
  readonly #words: () => TraceWords;
  readonly #restartNote: () => string;
  // Bookkeeping, never rendered: what components read is copied into `byTab`.
  /** Which tab each of the learner's frameworks (every incarnation) belongs to. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #frameworkTab = new Map<string, string>();
  /** The fold of each of the learner's frameworks (every incarnation), and its counters after the last batch. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #ledgers = new Map<string, FrameworkLedger>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #stats = new Map<string, FrameworkStats>();
  /** Every framework id seen in this run of the cluster: new frameworks must not reuse one. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #seen = new Set<string>();
  #lastT = 0;

  /** A scenario framework a tab follows when it joins (the lesson's own framework in a graded run). */
  readonly #follow: { framework: string; tabId: string } | null;

  constructor(
    consoles: Consoles,
    words: () => TraceWords,
    restartNote: () => string,
    follow: { framework: string; tabId: string } | null = null,
  ) {
    this.#consoles = consoles;
    this.#words = words;
    this.#restartNote = restartNote;
    this.#follow = follow;
  }

  of(tabId: string): TabRun {
    return this.byTab[tabId] ?? IDLE_RUN;
  }

  set(tabId: string, run: TabRun): void {
    this.byTab = { ...this.byTab, [tabId]: run };
  }

  stats(frameworkId: string | null): FrameworkStats | null {
    return frameworkId ? (this.#stats.get(frameworkId) ?? null) : null;
  }

  /** What the master last said of a framework: pending until it registers. */
  lifecycle(frameworkId: string): FrameworkStats['lifecycle'] {
    return this.#stats.get(frameworkId)?.lifecycle ?? 'pending';
  }

  /** Framework ids this run of the cluster has seen or the tabs have used: a new framework takes none. */
  taken(): Set<string> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh set for the caller
    return new Set([...this.#seen, ...this.#frameworkTab.keys()]);
  }

  /** A tab sent code to the cluster as framework `frameworkId` (`add`: a new one, counted from zero). */
  started(tabId: string, frameworkId: string, kind: 'add' | 'failover'): void {
    this.#frameworkTab.set(frameworkId, tabId);
    if (kind === 'add') this.#track(frameworkId);
    if (this.alert?.tabId === tabId) this.alert = null;
  }

  dismissAlert(): void {
    this.alert = null;
  }

  onStatus(s: ClusterStatus): void {
    const before = this.cluster;
    this.cluster = s;
    // A new run of the cluster (the lab restarted or opened another scenario): its clock went back.
    if (before && s.now + 1e-9 < before.now) this.#clusterRestarted();
  }

  /** Folds a batch of trace events; returns the roles of frameworks that joined (for suggestions). */
  onTrace(events: readonly TraceEvent[]): string[] {
    const first = events[0];
    if (first && first.t === 0 && first.type === 'leader' && this.#lastT > 0) this.#clusterRestarted();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this batch
    const touched = new Set<string>();
    const roles: string[] = [];
    let runs = this.byTab;
    for (const e of events) {
      this.#lastT = e.t;
      if (e.type === 'framework-added') {
        this.#seen.add(e.framework);
        roles.push(...e.roles);
        const follow = this.#follow;
        // The scenario brought the tab's framework itself: the tab shows it as if it had started it.
        if (follow && e.framework === follow.framework && !this.#frameworkTab.has(e.framework)) {
          this.#frameworkTab.set(e.framework, follow.tabId);
          this.#track(e.framework);
          runs = {
            ...runs,
            [follow.tabId]: { phase: 'starting', frameworkId: e.framework, ranCode: null, stats: null },
          };
        }
      }
      const fw = frameworkOf(e);
      if (fw === undefined) continue;
      const tabId = this.#frameworkTab.get(fw);
      if (tabId === undefined) continue;
      const ledger = this.#ledgers.get(fw);
      if (ledger) {
        ledger.add(e);
        touched.add(fw);
      }
      const line = consoleLine(e, this.#words());
      if (line) this.#consoles.add(tabId, line);
      const run = runs[tabId];
      if (!run || run.frameworkId !== fw) continue;
      const next = afterEvent(run, e);
      if (next.unresponsive && e.type === 'error')
        this.alert = { tabId, frameworkId: fw, message: e.message, t: e.t };
      if (next.run !== run) runs = { ...runs, [tabId]: next.run };
    }
    for (const fw of touched) {
      this.#stats.set(fw, this.#ledgers.get(fw)!.stats(fw));
      const tabId = this.#frameworkTab.get(fw)!;
      const run = runs[tabId];
      if (run && run.frameworkId === fw)
        runs = { ...runs, [tabId]: { ...run, stats: this.#stats.get(fw) ?? null } };
    }
    if (runs !== this.byTab) this.byTab = runs;
    return roles;
  }

  /** Counts a framework from zero. */
  #track(frameworkId: string): void {
    this.#ledgers.set(frameworkId, new FrameworkLedger(frameworkId));
    this.#stats.set(frameworkId, newStats(frameworkId));
  }

  #clusterRestarted(): void {
    this.#lastT = 0;
    this.#seen.clear();
    this.#ledgers.clear();
    this.#stats.clear();
    this.#frameworkTab.clear();
    let any = false;
    const runs: Record<string, TabRun> = {};
    for (const [tabId, run] of Object.entries(this.byTab)) {
      if (wasLive(run)) {
        any = true;
        this.#consoles.note(tabId, this.#restartNote());
      }
      runs[tabId] = afterClusterRestart();
    }
    this.byTab = runs;
    if (any) this.alert = null;
  }
}
