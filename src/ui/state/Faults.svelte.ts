/**
 * Faults and operator actions applied by hand to the live run: kill, restart or partition an agent, fail
 * over the master, add an agent. Each is checked against the running scenario first (parseAction), and
 * applies at the present moment only: the past cannot change. The list of what was applied goes into share
 * links, each at the instant it was applied, so the link replays the same run.
 */
import type { Action, AgentSpec, Scenario } from '../../cluster/scenario/types';
import { parseAction, ScenarioError } from '../../cluster/scenario/validate';
import type { ViewState } from '../model/view';

export type FaultRequest =
  | { kind: 'kill-agent'; agent: string }
  | { kind: 'restart-agent'; agent: string }
  | { kind: 'partition'; agent: string; seconds: number }
  | { kind: 'fail-master' }
  | { kind: 'add-agent'; resources: string };

/** What faults need of the cluster: what was applied so far, and a way to apply one more. */
export interface ActionSink {
  actions(): Action[];
  inject(action: Action): void;
}

/** What faults need to know of the moment shown. */
export interface Moment {
  readonly live: boolean;
  readonly status: { readonly now: number };
  readonly view: ViewState | null;
}

export class Faults {
  /** Actions applied live in this run (the cluster's actions beyond the scenario's own). */
  applied = $state.raw<readonly Action[]>([]);
  readonly #sink: ActionSink;
  readonly #scenario: () => Scenario | null;
  readonly #moment: Moment;

  constructor(sink: ActionSink, scenario: () => Scenario | null, moment: Moment) {
    this.#sink = sink;
    this.#scenario = scenario;
    this.#moment = moment;
  }

  /** A new run: nothing applied yet. */
  reset(): void {
    this.applied = [];
  }

  /** The cluster learns of applied actions asynchronously: picks them up; true when the list changed. */
  refresh(): boolean {
    const n = this.#scenario()?.actions.length ?? 0;
    const all = this.#sink.actions();
    if (all.length - n === this.applied.length) return false;
    this.applied = all.slice(n);
    return true;
  }

  /**
   * Applies a fault now. It is checked against the scenario first (parseAction); the error, if any, is
   * returned, and nothing is applied. Faults only apply live: the past cannot be changed.
   */
  inject(request: FaultRequest): ScenarioError | null {
    const scenario = this.#scenario();
    if (!scenario || !this.#moment.live) return null;
    const at = this.#moment.status.now;
    let action: unknown;
    switch (request.kind) {
      case 'kill-agent':
      case 'restart-agent':
        action = { at, do: request.kind, agent: request.agent };
        break;
      case 'partition':
        action = { at, do: 'partition', between: ['master', request.agent], forSeconds: request.seconds };
        break;
      case 'fail-master':
        action = { at, do: 'fail-master' };
        break;
      case 'add-agent': {
        const agent: AgentSpec = { id: this.#newAgentId(), resources: request.resources, attributes: {} };
        action = { at, do: 'add-agent', agent };
        break;
      }
    }
    try {
      const valid = parseAction(action, { ...scenario, actions: this.#sink.actions() });
      this.#sink.inject(valid);
      return null;
    } catch (e) {
      if (e instanceof ScenarioError) return e;
      throw e;
    }
  }

  #newAgentId(): string {
    const view = this.#moment.view;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
    const taken = new Set<string>(view ? [...view.agents.keys()] : []);
    for (const a of this.#sink.actions()) if (a.do === 'add-agent') taken.add(a.agent.id);
    for (let i = taken.size + 1; ; i++) if (!taken.has(`agent${i}`)) return `agent${i}`;
  }
}
