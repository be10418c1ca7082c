/**
 * The pure reducer behind every view: `reduce(state, event)` folds one trace event into the view, returning
 * a new state and sharing what did not change. Folding a prefix of a trace from `initialView(scenario)`
 * gives the view at that moment, which is how the timeline scrubs backwards (ARCHITECTURE.md: "The UI never
 * drives actors ... rebuilds its view from it with a pure reducer").
 *
 * The reducer knows only what the trace says. Where Mesos state changes without an event of its own (a new
 * leader's allocator starts with no offers and no filters), the rule is named in a comment.
 */
import { isTerminal } from '../../cluster/scheduler/api';
import { fixed, type FlatResources } from '../../cluster/resources';
import { allFrameworks } from '../../cluster/scenario/allFrameworks';
import type { FrameworkSpec, Scenario } from '../../cluster/scenario/types';
import type { TraceEvent } from '../../cluster/trace';
import { flatQuantities } from '../../cluster/trace/flatQuantities';
import {
  applyOperation,
  formatResources,
  isEmpty,
  orderNames,
  parseResourceText,
  subtract,
} from './resources';
import {
  TERMINAL_LINGER,
  type AgentView,
  type FilterView,
  type FrameworkKind,
  type FrameworkView,
  type KnownFramework,
  type MasterView,
  type RoleView,
  type TaskCounts,
  type TaskView,
  type ViewState,
} from './view';

const NO_TASKS: TaskCounts = { launched: 0, finished: 0, failed: 0, killed: 0, lost: 0 };

function kindOf(spec: FrameworkSpec): FrameworkKind {
  const s = spec.scheduler;
  return 'builtin' in s ? s.builtin : 'code';
}

function targetOf(spec: FrameworkSpec): number | undefined {
  const s = spec.scheduler;
  if ('builtin' in s && s.builtin === 'batch') return s.tasks;
  if ('builtin' in s && s.builtin === 'service') return s.instances;
  return undefined;
}

function newFramework(
  id: string,
  roles: readonly string[],
  known: KnownFramework | undefined,
  colour: number,
) {
  const fw: FrameworkView = {
    id,
    roles,
    colour: known?.colour ?? colour,
    kind: known?.kind ?? 'code',
    ...(known?.target !== undefined ? { target: known.target } : {}),
    status: 'pending',
    suppressed: [],
    share: 0,
    count: 0,
    offers: 0,
    declined: 0,
    tasks: NO_TASKS,
  };
  return fw;
}

function newRole(role: string, spec?: Scenario['roles'][string]): RoleView {
  return {
    role,
    weight: spec?.weight ?? 1,
    ...(spec?.quota?.guarantees ? { guarantees: spec.quota.guarantees } : {}),
    ...(spec?.quota?.limits ? { limits: spec.quota.limits } : {}),
    share: 0,
    count: 0,
  };
}

/** The view before any event: the scenario's masters, agents, frameworks and roles, nothing registered. */
export function initialView(scenario: Scenario): ViewState {
  const known = new Map<string, KnownFramework>();
  const specs = allFrameworks(scenario);
  for (const spec of specs) {
    if (known.has(spec.id)) continue;
    const target = targetOf(spec);
    known.set(spec.id, {
      colour: known.size,
      kind: kindOf(spec),
      ...(target !== undefined ? { target } : {}),
    });
  }
  const frameworks = new Map<string, FrameworkView>();
  for (const spec of scenario.frameworks)
    frameworks.set(spec.id, newFramework(spec.id, spec.roles, known.get(spec.id), frameworks.size));

  const roles = new Map<string, RoleView>();
  for (const [role, spec] of Object.entries(scenario.roles)) roles.set(role, newRole(role, spec));
  for (const spec of specs)
    for (const role of spec.roles) if (!roles.has(role)) roles.set(role, newRole(role));

  const agents = new Map<string, AgentView>();
  for (const a of scenario.agents)
    agents.set(a.id, {
      id: a.id,
      total: parseResourceText(a.resources) ?? {},
      attributes: a.attributes,
      status: 'pending',
      since: 0,
      tasks: new Map(),
      incarnation: 0,
      executors: new Map(),
    });

  return {
    t: 0,
    seq: 0,
    intervalSeconds: scenario.allocator.intervalSeconds,
    masters: Array.from({ length: scenario.masters }, (_, i) => ({
      id: `master/${i + 1}`,
      state: 'standby' as const,
    })),
    leader: null,
    agents,
    frameworks,
    roles,
    offers: new Map(),
    filters: [],
    partitions: [],
    lastAllocation: null,
    allocations: 0,
    known,
  };
}

// ---------------------------------------------------------------- immutable helpers

/** A copy without one optional key (exactOptionalPropertyTypes-style: absent, not undefined). */
function omit<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  if (!(key in o)) return o;
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** The first palette colour no framework of this run uses yet. */
function nextColour(s: ViewState): number {
  let max = -1;
  for (const k of s.known.values()) max = Math.max(max, k.colour);
  for (const f of s.frameworks.values()) max = Math.max(max, f.colour);
  return max + 1;
}

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const m = new Map(map);
  m.set(key, value);
  return m;
}

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const m = new Map(map);
  m.delete(key);
  return m;
}

function updateFramework(
  s: ViewState,
  id: string,
  fn: (fw: FrameworkView) => FrameworkView,
): ViewState['frameworks'] {
  const fw = s.frameworks.get(id);
  return fw ? withEntry(s.frameworks, id, fn(fw)) : s.frameworks;
}

function updateAgent(s: ViewState, id: string, fn: (a: AgentView) => AgentView): ViewState['agents'] {
  const a = s.agents.get(id);
  return a ? withEntry(s.agents, id, fn(a)) : s.agents;
}

function bump(counts: TaskCounts, state: TaskView['state']): TaskCounts {
  switch (state) {
    case 'TASK_FINISHED':
      return { ...counts, finished: counts.finished + 1 };
    case 'TASK_FAILED':
    case 'TASK_ERROR':
      return { ...counts, failed: counts.failed + 1 };
    case 'TASK_KILLED':
      return { ...counts, killed: counts.killed + 1 };
    case 'TASK_LOST':
    case 'TASK_DROPPED':
    case 'TASK_GONE':
    case 'TASK_GONE_BY_OPERATOR':
      return { ...counts, lost: counts.lost + 1 };
    default:
      return counts;
  }
}

/**
 * Ends, without a word, the tasks of an agent that its current process does not run: those given to an
 * earlier incarnation (when it re-registers after a restart) or, with `all`, every task left (when the
 * master removes the agent). The master reports the tasks it knows as lost in the same instant, before
 * (Master::registerAgent, reconcileAgentTasks) or after (markUnreachable) this; those it does not know —
 * a new master after a failover never heard of them — are only ever reported by reconciliation. Either
 * way they no longer use the agent's resources.
 */
function orphanTasks(agent: AgentView, t: number, all: boolean): AgentView {
  let tasks: Map<string, TaskView> | null = null;
  for (const [id, task] of agent.tasks) {
    if (task.endedAt !== undefined || (!all && task.incarnation >= agent.incarnation)) continue;
    tasks ??= new Map(agent.tasks);
    tasks.set(id, { ...task, endedAt: t, orphaned: true });
  }
  return tasks ? { ...agent, tasks } : agent;
}

/** Drops terminal tasks that ended TERMINAL_LINGER or more seconds before `t`. */
function pruneTasks(agents: ViewState['agents'], t: number): ViewState['agents'] {
  let out: Map<string, AgentView> | null = null;
  for (const [id, a] of agents) {
    let stale = false;
    for (const task of a.tasks.values())
      if (task.endedAt !== undefined && t - task.endedAt >= TERMINAL_LINGER) {
        stale = true;
        break;
      }
    if (!stale) continue;
    const tasks = new Map<string, TaskView>();
    for (const [k, task] of a.tasks)
      if (task.endedAt === undefined || t - task.endedAt < TERMINAL_LINGER) tasks.set(k, task);
    out ??= new Map(agents);
    out.set(id, { ...a, tasks });
  }
  return out ?? agents;
}

// ---------------------------------------------------------------- the reducer

export function reduce(s: ViewState, e: TraceEvent): ViewState {
  const next = apply(s, e);
  return next === s ? { ...s, t: e.t, seq: s.seq + 1 } : { ...next, t: e.t, seq: s.seq + 1 };
}

/** Folds a whole list of events. */
export function fold(s: ViewState, events: readonly TraceEvent[], from = 0, to = events.length): ViewState {
  let state = s;
  for (let i = from; i < to; i++) state = reduce(state, events[i]!);
  return state;
}

function apply(s: ViewState, e: TraceEvent): ViewState {
  switch (e.type) {
    case 'leader': {
      // A new leader after a failure: the failed master is restarted by its supervisor and stands by
      // (Simulation.electAfterFailure). Agents and frameworks must re-register with the new leader.
      const failover = s.masters.some((m) => m.state === 'failed') || s.leader !== null;
      const masters: MasterView[] = s.masters.map((m) =>
        m.id === e.master
          ? { ...m, state: 'leading' }
          : m.state === 'leading'
            ? m
            : { ...m, state: 'standby' },
      );
      if (!masters.some((m) => m.id === e.master)) masters.push({ id: e.master, state: 'leading' });
      if (!failover) return { ...s, masters, leader: e.master };
      let agents = s.agents;
      for (const a of s.agents.values())
        if (a.status === 'active')
          agents = withEntry(agents, a.id, { ...a, status: 'reregistering', since: e.t });
      let frameworks = s.frameworks;
      for (const f of s.frameworks.values())
        if (f.status === 'active' || f.status === 'disconnected')
          frameworks = withEntry(frameworks, f.id, { ...f, status: 'reregistering' });
      return { ...s, masters, leader: e.master, agents, frameworks };
    }
    case 'master-failed':
      // The master's offers and its allocator's filters die with it; the next leader starts afresh.
      return {
        ...s,
        masters: s.masters.map((m) => (m.id === e.master ? { ...m, state: 'failed' } : m)),
        leader: s.leader === e.master ? null : s.leader,
        offers: new Map(),
        filters: [],
      };

    case 'agent-added': {
      const prev = s.agents.get(e.agent);
      const agent: AgentView = {
        id: e.agent,
        total: e.resources,
        attributes: e.attributes ?? prev?.attributes ?? {},
        status: 'active',
        since: e.t,
        tasks: prev?.tasks ?? new Map(),
        incarnation: prev?.incarnation ?? 0,
        // A new agent id is a new machine boot: no executor of the earlier one survived.
        executors: prev?.executors ?? new Map(),
      };
      // A rebooted machine registers as a new agent id: it takes the place of the machine's earlier agent.
      let agents = s.agents;
      if (e.hostname !== undefined)
        for (const id of agents.keys())
          if (id !== e.agent && (id === e.hostname || id.startsWith(`${e.hostname}#`)))
            agents = without(agents, id);
      return { ...s, agents: withEntry(agents, e.agent, orphanTasks(agent, e.t, false)) };
    }
    case 'agent-reregistered':
      // The agent reports the tasks its process runs; those of an earlier process are gone. A master that
      // admits it anew says what its resources are (its checkpointed reservations and volumes applied).
      return {
        ...s,
        agents: updateAgent(s, e.agent, (a) =>
          orphanTasks(
            {
              ...omit(a, 'reason'),
              status: 'active',
              since: e.t,
              ...(e.resources ? { total: e.resources } : {}),
            },
            e.t,
            false,
          ),
        ),
      };
    case 'operation': {
      // A finished RESERVE, UNRESERVE, CREATE or DESTROY changes what the agent's resources are (not how
      // much): the agent's total is redrawn with the reservation or volume in place of what it was made of.
      if (e.status !== 'OPERATION_FINISHED') return s;
      return {
        ...s,
        agents: updateAgent(s, e.agent, (a) => ({
          ...a,
          total: applyOperation(a.total, e.operation, e.resources),
        })),
      };
    }
    case 'executor-started':
      return {
        ...s,
        agents: updateAgent(s, e.agent, (a) => ({
          ...a,
          executors: withEntry(a.executors, `${e.framework}/${e.executor}`, {
            id: e.executor,
            framework: e.framework,
            resources: e.resources ?? {},
            command: e.command,
            since: e.t,
          }),
        })),
      };
    case 'executor-exited':
      return {
        ...s,
        agents: updateAgent(s, e.agent, (a) => ({
          ...a,
          executors: without(a.executors, `${e.framework}/${e.executor}`),
        })),
      };
    case 'agent-removed':
      return {
        ...s,
        agents: updateAgent(s, e.agent, (a) =>
          orphanTasks({ ...a, status: 'unreachable', reason: e.reason, since: e.t }, e.t, true),
        ),
        filters: s.filters.filter((f) => f.agent !== e.agent),
      };
    case 'agent-killed':
    case 'agent-rebooted':
      // The machine is down (a reboot brings it back later, as a new agent id), and its executors with it.
      return {
        ...s,
        agents: updateAgent(s, e.agent, (a) => ({
          ...a,
          status: 'crashed',
          since: e.t,
          executors: new Map(),
        })),
      };
    case 'agent-restarted':
      // A new process; it is `active` again once the master hears from it (agent-reregistered).
      return {
        ...s,
        agents: updateAgent(s, e.agent, (a) => ({
          ...a,
          status: 'reregistering',
          since: e.t,
          incarnation: a.incarnation + 1,
        })),
      };

    case 'framework-added': {
      const prev = s.frameworks.get(e.framework);
      const fw = prev ?? newFramework(e.framework, e.roles, s.known.get(e.framework), nextColour(s));
      let roles = s.roles;
      for (const r of e.roles) if (!roles.has(r)) roles = withEntry(roles, r, newRole(r));
      return {
        ...s,
        frameworks: withEntry(s.frameworks, e.framework, {
          ...omit(fw, 'reason'),
          roles: e.roles,
          status: 'active',
        }),
        roles,
      };
    }
    case 'framework-reregistered':
      return { ...s, frameworks: updateFramework(s, e.framework, (f) => ({ ...f, status: 'active' })) };
    case 'framework-disconnected':
      // deactivateFramework clears the framework's filters.
      return {
        ...s,
        frameworks: updateFramework(s, e.framework, (f) => ({
          ...f,
          status: 'disconnected',
          reason: e.reason,
        })),
        filters: s.filters.filter((f) => f.framework !== e.framework),
      };
    case 'framework-removed': {
      let offers = s.offers;
      for (const o of s.offers.values()) if (o.framework === e.framework) offers = without(offers, o.id);
      return {
        ...s,
        frameworks: updateFramework(s, e.framework, (f) => ({
          ...f,
          status: 'removed',
          ...(e.reason !== undefined ? { reason: e.reason } : {}),
        })),
        offers,
        filters: s.filters.filter((f) => f.framework !== e.framework),
      };
    }

    case 'offer':
      return {
        ...s,
        offers: withEntry(s.offers, e.offer, {
          id: e.offer,
          framework: e.framework,
          role: e.role,
          agent: e.agent,
          resources: e.resources,
          remaining: e.resources,
          t: e.t,
        }),
        frameworks: updateFramework(s, e.framework, (f) => ({ ...f, offers: f.offers + 1 })),
      };
    case 'decline':
      return {
        ...s,
        offers: without(s.offers, e.offer),
        frameworks: updateFramework(s, e.framework, (f) => ({ ...f, declined: f.declined + 1 })),
      };
    case 'accept': {
      let offers = s.offers;
      for (const id of e.offers) offers = without(offers, id);
      return { ...s, offers };
    }
    case 'filter':
      // The allocator's filter as it installed it (after a decline, or on what an accept left unused).
      return {
        ...s,
        filters: [
          ...s.filters.filter((f) => f.until > e.t),
          {
            framework: e.framework,
            role: e.role,
            agent: e.agent,
            resources: e.resources,
            from: e.t,
            until: e.until,
            refuseSeconds: e.refuseSeconds,
          },
        ],
      };
    case 'rescind':
      return { ...s, offers: without(s.offers, e.offer) };

    case 'launch': {
      let offers = s.offers;
      let left: FlatResources = e.resources;
      for (const id of e.offers) {
        const offer = offers.get(id);
        if (!offer || isEmpty(left)) continue;
        const remaining = subtract(offer.remaining, left);
        left = subtract(left, offer.remaining);
        offers = withEntry(offers, id, { ...offer, remaining });
      }
      const task: TaskView = {
        id: e.task,
        framework: e.framework,
        agent: e.agent,
        role: e.role,
        resources: e.resources,
        state: 'TASK_STAGING',
        launchedAt: e.t,
        incarnation: s.agents.get(e.agent)?.incarnation ?? 0,
      };
      return {
        ...s,
        offers,
        agents: updateAgent(s, e.agent, (a) => ({ ...a, tasks: withEntry(a.tasks, e.task, task) })),
        frameworks: updateFramework(s, e.framework, (f) => ({
          ...f,
          tasks: { ...f.tasks, launched: f.tasks.launched + 1 },
        })),
      };
    }
    case 'status': {
      const agent = s.agents.get(e.agent);
      if (!agent) return s;
      const prev = agent.tasks.get(e.task);
      // A terminal task stays terminal (Mesos ignores later updates); a task gone without a word takes the
      // news that finally comes (reconciliation's TASK_LOST) and counts it.
      if (prev?.endedAt !== undefined && !prev.orphaned) return s;
      const terminal = isTerminal(e.state);
      if (prev?.orphaned && !terminal) return s;
      const base: TaskView = prev
        ? omit(prev, 'orphaned')
        : {
            id: e.task,
            framework: e.framework,
            agent: e.agent,
            role: '',
            resources: {},
            launchedAt: e.t,
            incarnation: agent.incarnation,
            state: e.state,
          };
      const task: TaskView = {
        ...base,
        state: e.state,
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
        ...(e.message !== undefined ? { message: e.message } : {}),
        ...(terminal ? { endedAt: e.t } : {}),
      };
      return {
        ...s,
        agents: withEntry(s.agents, e.agent, { ...agent, tasks: withEntry(agent.tasks, e.task, task) }),
        frameworks: terminal
          ? updateFramework(s, e.framework, (f) => ({ ...f, tasks: bump(f.tasks, e.state) }))
          : s.frameworks,
      };
    }

    case 'suppress':
      return {
        ...s,
        frameworks: updateFramework(s, e.framework, (f) => ({
          ...f,
          suppressed: [...new Set([...f.suppressed, ...(e.roles.length ? e.roles : f.roles)])],
        })),
      };
    case 'revive': {
      // REVIVE clears the filters of those roles and unsuppresses them.
      const fw = s.frameworks.get(e.framework);
      const roles = new Set(e.roles.length ? e.roles : (fw?.roles ?? []));
      return {
        ...s,
        frameworks: updateFramework(s, e.framework, (f) => ({
          ...f,
          suppressed: f.suppressed.filter((r) => !roles.has(r)),
        })),
        filters: s.filters.filter((f) => !(f.framework === e.framework && roles.has(f.role))),
      };
    }
    case 'weight': {
      const role = s.roles.get(e.role) ?? newRole(e.role);
      return { ...s, roles: withEntry(s.roles, e.role, { ...role, weight: e.weight }) };
    }
    case 'quota': {
      const role = omit(omit(s.roles.get(e.role) ?? newRole(e.role), 'guarantees'), 'limits');
      const g = formatResources(e.guarantees);
      const l = formatResources(e.limits);
      return {
        ...s,
        roles: withEntry(s.roles, e.role, {
          ...role,
          ...(g ? { guarantees: g } : {}),
          ...(l ? { limits: l } : {}),
        }),
      };
    }
    case 'allocation': {
      let roles = s.roles;
      for (const [r, v] of Object.entries(e.roles)) {
        const role = roles.get(r) ?? newRole(r);
        if (role.share !== v.share || role.count !== v.count)
          roles = withEntry(roles, r, { ...role, share: v.share, count: v.count });
      }
      let frameworks = s.frameworks;
      for (const [id, v] of Object.entries(e.frameworks)) {
        const fw = frameworks.get(id);
        if (fw && (fw.share !== v.share || fw.count !== v.count))
          frameworks = withEntry(frameworks, id, { ...fw, share: v.share, count: v.count });
      }
      return {
        ...s,
        roles,
        frameworks,
        lastAllocation: { t: e.t, offers: e.offers, agents: e.agents, periodic: e.periodic },
        allocations: s.allocations + 1,
        // Housekeeping rides on the allocation cycle: expired filters and long-ended tasks go.
        filters: s.filters.some((f) => f.until <= e.t) ? s.filters.filter((f) => f.until > e.t) : s.filters,
        agents: pruneTasks(s.agents, e.t),
      };
    }
    case 'partition':
      return {
        ...s,
        partitions: [...s.partitions, { between: e.between, from: e.t, until: e.t + e.forSeconds }],
      };
    case 'heal': {
      const [a, b] = e.between;
      const i = s.partitions.findIndex((p) => p.between[0] === a && p.between[1] === b);
      return i < 0 ? s : { ...s, partitions: s.partitions.filter((_, j) => j !== i) };
    }

    case 'output':
    case 'log':
    case 'error':
      return s;
    default:
      // Event types this view does not draw (e.g. `why`, only in explanation replays) change nothing.
      return s;
  }
}

// ---------------------------------------------------------------- selectors

/** Is the link between these two endpoints ("master", an agent id or a framework id) cut right now? */
export function isPartitioned(s: ViewState, endpoint: string): boolean {
  return s.partitions.some((p) => p.between[0] === endpoint || p.between[1] === endpoint);
}

export interface ResourceUsage {
  readonly name: string;
  readonly total: number;
  /** Held by tasks that have not ended, by framework. */
  readonly used: readonly { framework: string; amount: number }[];
  /** Outstanding offers, by framework. */
  readonly offered: readonly { framework: string; amount: number }[];
  readonly free: number;
}

/**
 * Per scalar resource of an agent: total, what each framework's tasks and executors use, what is offered to
 * whom.
 */
export function agentUsage(s: ViewState, agent: AgentView): ResourceUsage[] {
  const total = flatQuantities(agent.total);
  const used = new Map<string, Map<string, number>>();
  const offered = new Map<string, Map<string, number>>();
  const add = (into: Map<string, Map<string, number>>, fw: string, flat: FlatResources): void => {
    for (const [name, v] of Object.entries(flatQuantities(flat))) {
      let byFw = into.get(name);
      if (!byFw) into.set(name, (byFw = new Map()));
      byFw.set(fw, fixed((byFw.get(fw) ?? 0) + v));
    }
  };
  for (const task of agent.tasks.values())
    if (task.endedAt === undefined) add(used, task.framework, task.resources);
  // A custom executor's own resources stay allocated to its framework until it exits.
  for (const ex of agent.executors.values()) add(used, ex.framework, ex.resources);
  for (const offer of s.offers.values())
    if (offer.agent === agent.id) add(offered, offer.framework, offer.remaining);
  return orderNames(Object.keys(total)).map((name) => {
    const u = [...(used.get(name) ?? [])].map(([framework, amount]) => ({ framework, amount }));
    const o = [...(offered.get(name) ?? [])].map(([framework, amount]) => ({ framework, amount }));
    const t = total[name] ?? 0;
    const taken = [...u, ...o].reduce((sum, x) => sum + x.amount, 0);
    return { name, total: t, used: u, offered: o, free: Math.max(0, fixed(t - taken)) };
  });
}

/**
 * Live refuse filters at time `now`. At exactly `until` the allocator may still hold a filter for the
 * allocation of that instant (HierarchicalAllocator.filterActive, MESOS-4302); the view lets it go then.
 */
export function liveFilters(s: ViewState, now: number): FilterView[] {
  return s.filters.filter((f) => f.until > now);
}

/** Tasks to draw on an agent at time `now`: live ones and recently ended ones. */
export function visibleTasks(agent: AgentView, now: number): TaskView[] {
  const out: TaskView[] = [];
  for (const t of agent.tasks.values())
    if (t.endedAt === undefined || now - t.endedAt < TERMINAL_LINGER) out.push(t);
  return out;
}

/**
 * Mesos's DRF order (sorter.hpp, compareDRF): lower share first, then fewer allocations, then by name.
 */
export function drfOrder<T extends { share: number; count: number }>(
  items: Iterable<T>,
  name: (x: T) => string,
): T[] {
  return [...items].sort(
    (a, b) => a.share - b.share || a.count - b.count || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0),
  );
}
