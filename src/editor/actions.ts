/**
 * The actions the editor sends the live cluster, built as pure functions so that tests can read them:
 *
 * - Run, when the tab has no live framework: `add-framework`, a new framework with a new id in the learner's
 *   role. Mesos gives a framework that registers anew a new FrameworkID; an id that was torn down or timed
 *   out is never reused (the master refuses it: "Framework has been removed").
 * - Run, when its framework is live (registered, or disconnected within failover_timeout): a scheduler
 *   failover, `restart-framework`. The old scheduler process exits and the new code subscribes with the same
 *   framework id, so the master re-registers it and its tasks live on (MESOS.md §3.4).
 * - Stop: `teardown`, as an operator's /teardown: the master removes the framework and kills its tasks.
 */
import type { Action, FrameworkSpec, Scenario, SchedulerSpec } from '../cluster/scenario/types';
import { parseAction, ScenarioError } from '../cluster/scenario/validate';
import type { Compiled } from '../cluster/sandbox/compile';
import type { Lifecycle } from '../cluster/trace/FrameworkLedger';

/** FrameworkInfo.failover_timeout for learners' frameworks: a minute to fix the code and Run again. */
export const FAILOVER_TIMEOUT_SECONDS = 60;

/** A framework id from a tab's name: lower case letters, digits, '-' and '_'. */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-');
  return s || 'scheduler';
}

/** `base`, or `base-2`, `base-3`, … : the first that is not taken. */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Framework ids a new framework must not use: the scenario's, those added by actions, those in the trace. */
export function takenIds(
  scenario: Scenario | null,
  actions: readonly Action[],
  seen: Iterable<string>,
): Set<string> {
  const taken = new Set<string>(seen);
  for (const f of scenario?.frameworks ?? []) taken.add(f.id);
  for (const a of [...(scenario?.actions ?? []), ...actions])
    if (a.do === 'add-framework') taken.add(a.framework.id);
  return taken;
}

/**
 * What Run of changed code will do to a live framework's running tasks, by its failover_timeout
 * (Master::exited and frameworkFailoverTimeout): with a timeout above 0 the old scheduler's exit only
 * disconnects the framework, the new code re-registers within the timeout and the tasks keep running; with
 * 0 the master removes the framework at once, kills its tasks (TASK_KILLED) and refuses the new code's
 * subscription under the old id (FaultToleranceTest.SchedulerReregisterAfterFailoverTimeout).
 */
export const failoverOutcome = (failoverTimeout: number): 'keeps-tasks' | 'loses-tasks' =>
  failoverTimeout > 0 ? 'keeps-tasks' : 'loses-tasks';

/** A framework is live when a failover can reach it: pending, registered, or disconnected in its timeout. */
export const isLive = (l: Lifecycle | null | undefined): boolean =>
  l === 'pending' || l === 'active' || l === 'disconnected';

export interface RunRequest {
  /** The tab's display name, from which a new framework id is made. */
  readonly name: string;
  readonly role: string;
  /** FrameworkInfo.failover_timeout of a framework Run adds (FAILOVER_TIMEOUT_SECONDS when omitted). */
  readonly failoverTimeout?: number;
  readonly code: string;
  readonly compiled: Compiled;
  /** The tab's current framework, when it has one. */
  readonly current: { readonly id: string; readonly lifecycle: Lifecycle } | null;
  /** Virtual seconds now (the player applies injected actions at the next instant anyway). */
  readonly at: number;
  readonly taken: ReadonlySet<string>;
}

export interface RunPlan {
  readonly kind: 'add' | 'failover';
  readonly frameworkId: string;
  readonly action: Action;
}

const schedulerSpec = (code: string, compiled?: Compiled): SchedulerSpec => ({
  code,
  language: 'ts',
  ...(compiled ? { compiled } : {}),
});

/** What Run does: a failover when the tab's framework is live, else a new framework. */
export function planRun(r: RunRequest): RunPlan {
  if (r.current && isLive(r.current.lifecycle))
    return {
      kind: 'failover',
      frameworkId: r.current.id,
      action: {
        at: r.at,
        do: 'restart-framework',
        framework: r.current.id,
        scheduler: schedulerSpec(r.code, r.compiled),
      },
    };
  const id = freshId(slug(r.name), r.taken);
  const framework: FrameworkSpec = {
    id,
    name: r.name,
    roles: [r.role],
    failoverTimeout: r.failoverTimeout ?? FAILOVER_TIMEOUT_SECONDS,
    checkpoint: false,
    partitionAware: false,
    minAllocatable: null,
    scheduler: schedulerSpec(r.code, r.compiled),
  };
  return { kind: 'add', frameworkId: id, action: { at: r.at, do: 'add-framework', framework } };
}

export const stopAction = (frameworkId: string, at: number): Action => ({
  at,
  do: 'teardown',
  framework: frameworkId,
});

/** The compiled code of an action's scheduler, if it has one. */
function compiledOf(a: Action): Compiled | undefined {
  const s =
    a.do === 'add-framework' ? a.framework.scheduler : a.do === 'restart-framework' ? a.scheduler : null;
  return s && 'code' in s ? s.compiled : undefined;
}

function withCompiled(a: Action, compiled: Compiled | undefined): Action {
  if (!compiled) return a;
  if (a.do === 'add-framework' && 'code' in a.framework.scheduler)
    return { ...a, framework: { ...a.framework, scheduler: { ...a.framework.scheduler, compiled } } };
  if (a.do === 'restart-framework' && 'code' in a.scheduler)
    return { ...a, scheduler: { ...a.scheduler, compiled } };
  return a;
}

function withoutCompiled(a: Action): Action {
  if (a.do === 'add-framework' && 'code' in a.framework.scheduler) {
    const { code, language } = a.framework.scheduler;
    return { ...a, framework: { ...a.framework, scheduler: { code, ...(language ? { language } : {}) } } };
  }
  if (a.do === 'restart-framework' && 'code' in a.scheduler) {
    const { code, language } = a.scheduler;
    return { ...a, scheduler: { code, ...(language ? { language } : {}) } };
  }
  return a;
}

/**
 * Checks an action against the running scenario as the UI checks faults (parseAction), when the scenario is
 * known. Compiled code is a host detail that scenario files never carry, so it is set aside for the check
 * and put back after. Throws the ScenarioError that names what is wrong.
 */
export function validateAction(
  action: Action,
  scenario: Scenario | null,
  applied: readonly Action[],
): Action {
  if (!scenario) return action;
  const checked = parseAction(withoutCompiled(action), { ...scenario, actions: [...applied] });
  return withCompiled(checked, compiledOf(action));
}

export { ScenarioError };
