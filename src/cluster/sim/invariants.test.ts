/**
 * Seeded random scenarios and fault schedules, checked against invariants that Mesos guarantees, from the
 * trace and only the trace (CONTRACTS.md §3), in the manner of tldraw's recordStoreFuzzing.test.ts
 * (STYLE.md §9): fast-check draws clusters, frameworks and faults from a fixed seed, shrinks any failure to
 * a small scenario, and past failures are pinned below as regressions.
 *
 * The invariants, precisely:
 *
 * (a) No agent is over-committed, and no resources are counted twice. At every point of the trace, for every
 *     agent registered with the leading master, the resources of its outstanding offers plus those of its
 *     live tasks and of its live custom executors fit in the agent's resources (Resources.contains, slot by
 *     slot, reservations apart). An executor's resources are live from the `launch` that started it
 *     (`executorResources`) until it exits (`executor-exited`), or its agent or framework is removed. An offer is outstanding from its
 *     `offer` event until its `decline`, `rescind`, `accept` (or a `launch` that names it), the removal of
 *     its framework or agent, or a `master-failed` (offers die with the master that made them, MESOS.md
 *     §3.6). A task is live from its `launch` until a terminal or TASK_UNREACHABLE status from anyone, or
 *     its agent's removal. When an agent (re-)registers with a master, the tasks it reports are live again:
 *     those that started on the agent's current machine boot and have had no terminal or unreachable status.
 *     An agent process restart (`agent-restarted`) keeps the machine's boot: tasks of checkpointing
 *     frameworks live on; a reboot (`agent-rebooted`) ends it.
 *     Every approximation here counts less than the master does (a task ends when its executor says so,
 *     before the master hears), so a violation is always a real over-commitment.
 * (b) No offer is used twice: every offer id is made once; it is declined or accepted at most once, only
 *     by the framework it was made to, never after it was rescinded, and never after its master failed.
 * (c) No resources are offered to two frameworks at once: the outstanding offers on an agent fit in it
 *     together (implied by (a), and checked on its own), and an offer holds reservations only of its role
 *     or the role's ancestors.
 * (d) No task is forgotten. At the end, every launched task
 *       - has a terminal last state (from anyone), or
 *       - has a last state reported by the master (SOURCE_MASTER: agent removal, framework removal, …), or
 *       - is still on a live agent: the agent's process that the task reached is still up, and the agent is
 *         registered with the leading master, or
 *       - is on an agent whose process is down and that the leading master has not heard from since its
 *         election: Mesos settles such tasks only when --agent_reregister_timeout (10 min) expires, which
 *         these runs never reach. (A live agent that never re-registers with the new leader is a failure.)
 *     This is "every task reconciled": a scheduler asking about any task gets the state the trace ends with.
 *     Faults happen at least 120 s before the end, so that a lost agent (≤ 90 s to notice) is noticed.
 * (e) The same scenario and seed give a byte-identical trace.
 * (g) No task is running after it was reported terminal: once a task has a terminal status, its executor
 *     and agent never report it staging, starting, running or killing again; and once the master itself
 *     declared it terminal, neither does the master, except to report that a task it had declared lost
 *     with an unreachable agent is back (REASON_AGENT_REREGISTERED). (The master may answer a
 *     reconciliation with an older state, or say TASK_UNREACHABLE, of a task whose executor ended while the
 *     master could not hear of it: its view lags, as Mesos's does.)
 * (f) A different seed may give a different trace; nothing is asserted about it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resources, isRoleAtOrBelow, type FlatResources } from '../resources';
import { parseScenario } from '../scenario/validate';
import { isTerminal } from '../scheduler/api';
import type { Scenario } from '../scenario/types';
import { traceToJsonl, type TraceEvent } from '../trace';
import { Simulation, type SchedulerLoader } from './Simulation';

// Learner code (the custom executors below) runs in the command line's Node sandbox (src/cli/common.ts),
// imported by a computed path so that the type check of src/ (no Node types) does not follow it.
const CLI_COMMON = '../../cli/common';
const { prepareLoader } = (await import(/* @vite-ignore */ CLI_COMMON)) as {
  prepareLoader: (scenario: Scenario, baseDir: string, budgetMs?: number) => SchedulerLoader;
};

// ------------------------------------------------------------------------------------------ the checker

const RUNNING_STATES: ReadonlySet<string> = new Set([
  'TASK_STAGING',
  'TASK_STARTING',
  'TASK_RUNNING',
  'TASK_KILLING',
]);

const fromFlat = (flat: FlatResources): Resources => Resources.fromFlat(flat);

/** What an offer operation turns the resources it names into, and back (consumed, converted). */
function conversion(operation: string, named: Resources): [Resources, Resources] {
  switch (operation) {
    case 'RESERVE':
      return [named.toUnreserved(), named];
    case 'UNRESERVE':
      return [named, named.toUnreserved()];
    case 'CREATE':
      return [named.withoutVolumes(), named];
    default:
      return [named, named.withoutVolumes()];
  }
}

interface TrackedOffer {
  framework: string;
  agent: string;
  role: string;
  resources: Resources;
}

interface TrackedTask {
  framework: string;
  agent: string;
  resources: Resources;
  launchedAt: number;
  /** Counts against its agent (see (a)). */
  live: boolean;
  /** The agent process (incarnation) on which the executor first reported it, if any. */
  startedOn: number | null;
  /** Some status was terminal or unreachable. */
  ended: boolean;
  /** Who first reported a terminal state (TASK_UNREACHABLE is not one), or null. */
  terminal: string | null;
  /** Its executor: the custom executor's id, or for a command task the task id. */
  executor: string;
  /** Its executor exited: the task is no longer running, whatever has been reported. */
  dead: boolean;
  /**
   * The master killed it by removing its framework. It does so without waiting for the agent (Mesos's
   * removeFramework; MESOS-6608), so an agent that receives the task's launch just before the framework's
   * shutdown may report it starting once more, to nobody.
   */
  frameworkRemoved: boolean;
  last: { state: string; source: string | undefined; t: number } | null;
}

/** Checks (a)–(d) on a trace that ran until `until`; returns every violation found, or []. */
function checkTrace(trace: readonly TraceEvent[], until: number): string[] {
  const problems: string[] = [];
  const fail = (e: TraceEvent, what: string): void => {
    if (problems.length < 20) problems.push(`t=${e.t} ${e.type}: ${what}`);
  };
  const totals = new Map<string, Resources>();
  /** Agents registered with the leading master. */
  const registered = new Set<string>();
  /** Agents registered since the last leader election. */
  const registeredWithLeader = new Set<string>();
  const incarnation = new Map<string, number>();
  const processUp = new Map<string, boolean>();
  const offers = new Map<string, TrackedOffer>();
  const offerState = new Map<string, 'outstanding' | 'used' | 'rescinded' | 'orphaned'>();
  const tasks = new Map<string, TrackedTask>();
  /** Live custom executors' resources, by framework, agent and executor id. */
  const executors = new Map<
    string,
    { agent: string; framework: string; resources: Resources; started: boolean }
  >();
  const executorKey = (framework: string, agent: string, executor: string): string =>
    `${framework}/${agent}/${executor}`;
  /** Frameworks whose last suppress/revive was a suppress. */
  const suppressedAtEnd = new Set<string>();
  const taskKey = (framework: string, task: string): string => `${framework}/${task}`;
  let masterEpoch = 0;
  const offerEpoch = new Map<string, number>();
  /** Offers consumed by the launches of the ACCEPT being traced (its `accept` event comes last). */
  let acceptGroup: { framework: string; offers: Set<string> } | null = null;

  const endOffer = (id: string, how: 'used' | 'rescinded' | 'orphaned'): void => {
    offers.delete(id);
    offerState.set(id, how);
  };

  const useOffer = (e: TraceEvent, id: string, framework: string, verb: string): void => {
    const state = offerState.get(id);
    if (state === undefined) return fail(e, `${verb} offer ${id}, which was never made`);
    if (state !== 'outstanding') return fail(e, `${verb} offer ${id}, which was already ${state}`);
    const o = offers.get(id)!;
    if (o.framework !== framework) fail(e, `${framework} ${verb} offer ${id}, made to ${o.framework}`);
    if (offerEpoch.get(id) !== masterEpoch) fail(e, `${verb} offer ${id} of a master that has failed`);
    endOffer(id, 'used');
  };

  /** The agent's tasks and executors as its (re-)registration reports them (see (a)). */
  const reregistered = (agent: string): void => {
    registered.add(agent);
    registeredWithLeader.add(agent);
    // An executor whose launch never reached the agent is not reported, and the master forgets it.
    for (const [k, x] of [...executors]) if (x.agent === agent && !x.started) executors.delete(k);
    for (const t of tasks.values())
      if (t.agent === agent) t.live = !t.ended && !t.dead && t.startedOn === (incarnation.get(agent) ?? 0);
  };

  const checkAgent = (e: TraceEvent, agent: string): void => {
    const total = totals.get(agent);
    if (!total || !registered.has(agent)) return;
    let offered = Resources.EMPTY;
    for (const [id, o] of offers) {
      if (o.agent !== agent) continue;
      offered = offered.plus(o.resources);
      // (c) Reservations go only to their role and the roles below it.
      for (const r of o.resources.items)
        if (r.role !== undefined && !isRoleAtOrBelow(o.role, r.role))
          fail(e, `offer ${id} to role ${o.role} holds ${r.name}(${r.role})`);
    }
    // (c) The outstanding offers on one agent fit in it together.
    if (!total.contains(offered))
      fail(e, `(c) offers on ${agent} hold ${offered.toString()}, more than its ${total.toString()}`);
    let used = offered;
    const live: string[] = [];
    for (const [k, t] of tasks)
      if (t.agent === agent && t.live) {
        used = used.plus(t.resources);
        live.push(k);
      }
    for (const [k, x] of executors)
      if (x.agent === agent) {
        used = used.plus(x.resources);
        live.push(`executor ${k}`);
      }
    // (a) Offers and live tasks fit in the agent.
    if (!total.contains(used))
      fail(
        e,
        `(a) ${agent} over-committed: offers ${offered.toString() || '(none)'} + tasks [${live.join(', ')}] = ${used.toString()} > ${total.toString()}`,
      );
  };

  for (const e of trace) {
    if (acceptGroup && e.type !== 'launch' && e.type !== 'accept' && e.type !== 'status') acceptGroup = null;
    if (e.type === 'suppress') suppressedAtEnd.add(e.framework);
    else if (e.type === 'revive') suppressedAtEnd.delete(e.framework);
    switch (e.type) {
      case 'leader':
        masterEpoch++;
        registered.clear();
        registeredWithLeader.clear();
        break;
      case 'master-failed':
        for (const id of [...offers.keys()]) endOffer(id, 'orphaned');
        registered.clear();
        break;
      case 'agent-added':
        totals.set(e.agent, fromFlat(e.resources));
        if (!processUp.has(e.agent)) processUp.set(e.agent, true);
        reregistered(e.agent);
        checkAgent(e, e.agent);
        break;
      case 'agent-reregistered':
        // Re-admitted, its resources are what the agent reports (its checkpoint may lack an operation).
        if (e.resources) totals.set(e.agent, fromFlat(e.resources));
        reregistered(e.agent);
        checkAgent(e, e.agent);
        break;
      case 'agent-removed':
        registered.delete(e.agent);
        registeredWithLeader.delete(e.agent);
        for (const [id, o] of [...offers]) if (o.agent === e.agent) endOffer(id, 'rescinded');
        for (const t of tasks.values()) if (t.agent === e.agent) t.live = false;
        for (const [k, x] of [...executors]) if (x.agent === e.agent) executors.delete(k);
        break;
      case 'agent-killed':
      case 'agent-rebooted':
        // The machine went down: whatever ran on it is gone, and its agent id never comes back after a reboot.
        incarnation.set(e.agent, (incarnation.get(e.agent) ?? 0) + 1);
        processUp.set(e.agent, false);
        break;
      case 'agent-restarted':
        // Only the agent process restarted; the machine and the executors of checkpointing frameworks live on.
        processUp.set(e.agent, true);
        break;
      case 'agent-disconnected':
        // Its offers are rescinded (traced as such); it is registered still, awaiting re-registration.
        break;
      case 'operation': {
        // A RESERVE, UNRESERVE, CREATE or DESTROY changes what the agent's resources are, not how much.
        if (e.status !== 'OPERATION_FINISHED') break;
        const total = totals.get(e.agent);
        if (!total) break;
        const [consumed, converted] = conversion(e.operation, fromFlat(e.resources));
        if (!total.contains(consumed))
          fail(e, `${e.operation} of ${consumed.toString()} on ${e.agent}, which has ${total.toString()}`);
        totals.set(e.agent, total.minus(consumed).plus(converted));
        break;
      }
      case 'executor-started': {
        const x = executors.get(executorKey(e.framework, e.agent, e.executor));
        if (x) x.started = true;
        break;
      }
      case 'executor-exited':
        executors.delete(executorKey(e.framework, e.agent, e.executor));
        for (const t of tasks.values())
          if (t.framework === e.framework && t.agent === e.agent && t.executor === e.executor) t.dead = true;
        break;
      case 'offer': {
        if (offerState.has(e.offer)) fail(e, `(b) offer id ${e.offer} made twice`);
        if (!registered.has(e.agent)) fail(e, `offer ${e.offer} on ${e.agent}, which is not registered`);
        offers.set(e.offer, {
          framework: e.framework,
          agent: e.agent,
          role: e.role,
          resources: fromFlat(e.resources),
        });
        offerState.set(e.offer, 'outstanding');
        offerEpoch.set(e.offer, masterEpoch);
        checkAgent(e, e.agent);
        break;
      }
      case 'decline':
        useOffer(e, e.offer, e.framework, '(b) declined');
        break;
      case 'rescind':
        if (offerState.get(e.offer) !== 'outstanding')
          fail(e, `rescinded offer ${e.offer}, which was ${offerState.get(e.offer) ?? 'never made'}`);
        endOffer(e.offer, 'rescinded');
        break;
      case 'launch': {
        if (!acceptGroup || acceptGroup.framework !== e.framework) {
          acceptGroup = { framework: e.framework, offers: new Set(e.offers) };
          for (const id of e.offers) useOffer(e, id, e.framework, '(b) launched on');
        } else if (e.offers.some((id) => !acceptGroup!.offers.has(id)))
          fail(e, `(b) launch names offers ${e.offers.join(',')} outside its ACCEPT`);
        const k = taskKey(e.framework, e.task);
        const before = tasks.get(k);
        // A scheduler may reuse the id of a task the master does not track: one that never reached its agent
        // and was forgotten in a master failover, or one on a machine that is gone (MESOS-6785). An id
        // whose task still runs on a live agent must never be launched again.
        if (
          before &&
          !before.ended &&
          !before.dead &&
          before.startedOn !== null &&
          processUp.get(before.agent) === true &&
          before.startedOn === (incarnation.get(before.agent) ?? 0)
        )
          fail(e, `task ${k} launched again while still running`);
        tasks.set(k, {
          framework: e.framework,
          agent: e.agent,
          resources: fromFlat(e.resources),
          launchedAt: e.t,
          live: true,
          startedOn: null,
          ended: false,
          terminal: null,
          executor: e.executor ?? e.task,
          dead: false,
          frameworkRemoved: false,
          last: null,
        });
        if (e.executorResources && e.executor !== undefined)
          executors.set(executorKey(e.framework, e.agent, e.executor), {
            agent: e.agent,
            framework: e.framework,
            resources: fromFlat(e.executorResources),
            started: false,
          });
        checkAgent(e, e.agent);
        break;
      }
      case 'accept':
        if (acceptGroup && acceptGroup.framework === e.framework) {
          for (const id of e.offers)
            if (!acceptGroup.offers.has(id)) useOffer(e, id, e.framework, '(b) accepted');
        } else for (const id of e.offers) useOffer(e, id, e.framework, '(b) accepted');
        acceptGroup = null;
        break;
      case 'status': {
        const t = tasks.get(taskKey(e.framework, e.task));
        if (!t) break; // TASK_ERROR, or TASK_LOST for an invalid offer: never launched.
        t.last = { state: e.state, source: e.source, t: e.t };
        if (e.source !== 'SOURCE_MASTER' && t.startedOn === null && e.agent === t.agent)
          t.startedOn = incarnation.get(t.agent) ?? 0;
        // (g) Nothing comes after a terminal state but the executor's own reports already on their way (the
        // master may declare a task killed or lost before its executor has said so) and the master's report
        // that an agent thought lost is back.
        if (
          t.terminal !== null &&
          !t.frameworkRemoved &&
          RUNNING_STATES.has(e.state) &&
          (e.source !== 'SOURCE_MASTER' ||
            (t.terminal === 'SOURCE_MASTER' && e.reason !== 'REASON_AGENT_REREGISTERED'))
        )
          fail(
            e,
            `(g) task ${e.framework}/${e.task} reported ${e.state} by ${e.source} after ${t.terminal} reported it terminal`,
          );
        if (isTerminal(e.state) && t.terminal === null) t.terminal = e.source ?? 'unknown';
        if (e.reason === 'REASON_FRAMEWORK_REMOVED') t.frameworkRemoved = true;
        if (isTerminal(e.state) || e.state === 'TASK_UNREACHABLE') {
          t.ended = true;
          t.live = false;
        }
        break;
      }
      case 'framework-removed':
        for (const [id, o] of [...offers]) if (o.framework === e.framework) endOffer(id, 'rescinded');
        for (const [k, x] of [...executors]) if (x.framework === e.framework) executors.delete(k);
        break;
      default:
        break;
    }
  }

  // (d) The fate of every launched task.
  const end = { t: until, type: 'end' } as unknown as TraceEvent;
  for (const [k, t] of tasks) {
    const last = t.last;
    if (last && isTerminal(last.state as never)) continue;
    if (last && last.source === 'SOURCE_MASTER') continue;
    const agentLive =
      processUp.get(t.agent) === true &&
      registered.has(t.agent) &&
      (t.startedOn === null || t.startedOn === (incarnation.get(t.agent) ?? 0));
    if (agentLive) continue;
    if (!registeredWithLeader.has(t.agent) && processUp.get(t.agent) === false && !registered.has(t.agent))
      continue; // Awaiting --agent_reregister_timeout after a failover.
    // A framework that the scenario suppressed gets no offers, and offers are a scheduler's only clock here
    // (schedulers have no timers), so it cannot retry the reconciliation that would report a task lost on
    // a restarted agent.
    if (suppressedAtEnd.has(t.framework)) continue;
    fail(
      end,
      `(d) task ${k} (launched at ${t.launchedAt} on ${t.agent}) ends as ${last ? `${last.state} from ${last.source} at ${last.t}` : 'launched, no status'}, ` +
        `but ${t.agent} is ${processUp.get(t.agent) ? 'up' : 'down'}, ${registered.has(t.agent) ? 'registered' : 'not registered'}` +
        `${t.startedOn !== null && t.startedOn !== (incarnation.get(t.agent) ?? 0) ? ', and restarted since the task started' : ''}`,
    );
  }
  return problems;
}

// ------------------------------------------------------------------------------------- the generators

const ROLES = ['*', 'r1', 'r2', 'eng/web'] as const;
// Failing commands take a little time: a batch framework relaunches failed tasks at once, and a task that
// fails instantly at zero latency never lets virtual time move (see the regression below).
const COMMANDS = [
  'sleep 5',
  'sleep 20',
  'sleep 60',
  'sleep 1000',
  'sleep 2; exit 1',
  'echo hi && sleep 10',
  'sleep 1; nope',
  'sleep 3; exit 2',
] as const;

const agentArb = fc.record({
  cpus: fc.integer({ min: 1, max: 8 }),
  mem: fc.integer({ min: 1, max: 16 }).map((n) => n * 512),
  disk: fc.integer({ min: 0, max: 4 }).map((n) => n * 1024),
  reserved: fc.option(
    fc.record({ role: fc.constantFrom('r1', 'eng'), cpus: fc.integer({ min: 1, max: 2 }) }),
    {
      nil: null,
    },
  ),
});

const taskArb = fc.record({
  cpus: fc.constantFrom(0.5, 1, 2),
  mem: fc.constantFrom(64, 256, 1024),
  command: fc.constantFrom(...COMMANDS),
});

const frameworkArb = fc.record({
  kind: fc.constantFrom('batch', 'service', 'scripted'),
  role: fc.constantFrom(...ROLES),
  count: fc.integer({ min: 1, max: 12 }),
  maxTasksPerOffer: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  refuseSeconds: fc.constantFrom(0, 1, 5),
  failoverTimeout: fc.constantFrom(0, 60, 1000),
  partitionAware: fc.boolean(),
  checkpoint: fc.boolean(),
  task: taskArb,
});

/** Actions draw agents and frameworks by index, taken modulo what the scenario has. */
const actionArb = fc.record({
  at: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
  kind: fc.constantFrom(
    'kill-agent',
    'restart-agent',
    'partition',
    'fail-master',
    'suppress',
    'revive',
    'set-weight',
    'set-quota',
    'decline',
    'launch',
    'teardown',
    'reboot-agent',
    'restart-framework',
    'flaky-link',
    // A stateful service's whole life (see below) is drawn more often: its steps must line up to succeed.
    'reserve',
    'reserve',
    'reserve',
    'unreserve',
    'create-volume',
    'destroy-volume',
  ),
  agent: fc.nat(),
  other: fc.nat(),
  framework: fc.nat(),
  seconds: fc.integer({ min: 1, max: 120 }),
  weight: fc.constantFrom(0.5, 2, 3),
  task: taskArb,
});

const scenarioArb = fc
  .record({
    seed: fc.nat({ max: 2 ** 31 - 1 }),
    until: fc.integer({ min: 200, max: 400 }),
    masters: fc.integer({ min: 1, max: 3 }),
    latencyMs: fc.integer({ min: 0, max: 20 }),
    dropRate: fc.constantFrom(0, 0, 0.01, 0.05, 0.1),
    offerTimeoutSeconds: fc.option(fc.constantFrom(10, 30), { nil: null }),
    agents: fc.array(agentArb, { minLength: 2, maxLength: 8 }),
    frameworks: fc.array(frameworkArb, { minLength: 1, maxLength: 4 }),
    actions: fc.array(actionArb, { maxLength: 10 }),
  })
  .map((g) => {
    const agentIds = g.agents.map((_, i) => `a${i + 1}`);
    const frameworkIds = g.frameworks.map((_, i) => `f${i + 1}`);
    const taskOf = (t: { cpus: number; mem: number; command: string }): Record<string, string> => ({
      resources: `cpus:${t.cpus};mem:${t.mem}`,
      command: t.command,
    });
    const schedulerOf = (f: (typeof g.frameworks)[number]): Record<string, unknown> =>
      f.kind === 'scripted'
        ? { builtin: 'scripted' }
        : {
            builtin: f.kind,
            ...(f.kind === 'batch' ? { tasks: f.count } : { instances: f.count }),
            task: taskOf(f.task),
            refuseSeconds: f.refuseSeconds,
            ...(f.maxTasksPerOffer !== null ? { maxTasksPerOffer: f.maxTasksPerOffer } : {}),
          };
    // Faults end at least 120 s before `until` (invariant (d)).
    const lastFault = g.until - 120;
    const actions = g.actions.flatMap<Record<string, unknown>>(
      (a): Record<string, unknown> | Record<string, unknown>[] => {
        const at = Math.round(a.at * lastFault * 1000) / 1000;
        const agent = agentIds[a.agent % agentIds.length]!;
        const framework = frameworkIds[a.framework % frameworkIds.length]!;
        switch (a.kind) {
          case 'kill-agent':
          case 'restart-agent':
            return { at, do: a.kind, agent };
          case 'partition': {
            const endpoints = ['master', ...agentIds, ...frameworkIds];
            const first = a.other % 2 === 0 ? 'master' : agent;
            let second = endpoints[a.other % endpoints.length]!;
            if (second === first) second = first === 'master' ? agent : 'master';
            return { at, do: 'partition', between: [first, second], forSeconds: a.seconds };
          }
          case 'fail-master':
            return { at, do: 'fail-master' };
          case 'suppress':
          case 'revive':
            return { at, do: a.kind, framework };
          case 'set-weight':
            return { at, do: 'set-weight', role: ['r1', 'r2', 'eng'][a.other % 3]!, weight: a.weight };
          case 'set-quota': {
            // Quota is for top-level roles; guarantees never above limits. Every fourth one removes it.
            const role = ['r1', 'r2', 'eng'][a.other % 3]!;
            if (a.seconds % 4 === 0) return { at, do: 'set-quota', role };
            const cpus = 1 + (a.seconds % 6);
            return {
              at,
              do: 'set-quota',
              role,
              guarantees: `cpus:${cpus}`,
              limits: `cpus:${cpus + (a.agent % 4)}`,
            };
          }
          case 'decline':
            return {
              at,
              do: 'decline',
              framework,
              ...(a.other % 2 === 0 ? { agent } : {}),
              refuseSeconds: a.seconds % 10,
            };
          case 'launch':
            // Every third launch uses a persistent volume of its offer, if it has one.
            return {
              at,
              do: 'launch',
              framework,
              agent,
              task: { ...taskOf(a.task), ...(a.other % 3 === 0 ? { volume: `v${a.seconds % 2}` } : {}) },
            };
          case 'reserve': {
            // A stateful service's life on one agent, one step an offer round apart: reserve, create a
            // volume, run a task on it, then (maybe) destroy the volume and unreserve.
            const resources = `cpus:${a.task.cpus};disk:${256 * (1 + (a.seconds % 4))}`;
            const volume = `v${a.seconds % 2}`;
            const step = (n: number): number => Math.round((at + n * 1.2) * 1000) / 1000;
            return [
              { at, do: 'reserve', framework, agent, resources },
              {
                at: step(1),
                do: 'create-volume',
                framework,
                agent,
                volume: { id: volume, path: 'data', size: 256 },
              },
              {
                at: step(2),
                do: 'launch',
                framework,
                agent,
                task: { resources: `cpus:${a.task.cpus};mem:64`, command: a.task.command, volume },
              },
              ...(a.other % 2 === 0
                ? [
                    { at: step(3), do: 'destroy-volume', framework, agent, volume },
                    { at: step(4), do: 'unreserve', framework, agent, resources },
                  ]
                : []),
            ];
          }
          case 'unreserve':
            return {
              at,
              do: 'unreserve',
              framework,
              agent,
              resources: `cpus:${a.task.cpus};disk:${256 * (1 + (a.seconds % 4))}`,
            };
          case 'create-volume':
            return {
              at,
              do: 'create-volume',
              framework,
              agent,
              volume: { id: `v${a.seconds % 2}`, path: 'data', size: 256 * (1 + (a.other % 2)) },
            };
          case 'destroy-volume':
            return { at, do: 'destroy-volume', framework, agent, volume: `v${a.seconds % 2}` };
          case 'teardown':
            // Rare: only every third teardown drawn is kept; the others revive instead.
            return a.other % 3 === 0 ? { at, do: 'teardown', framework } : { at, do: 'revive', framework };
          case 'flaky-link': {
            // Between the master and an agent or a framework, with one or more kinds of trouble. Messages
            // from a scheduler are delayed or dropped but never repeated here: a repeated ACCEPT is answered
            // TASK_DROPPED (REASON_INVALID_OFFERS) by the master while the first copy's task runs, as Mesos's
            // Master::accept answers any ACCEPT whose offers were already used, and (g) speaks of one call.
            // What a scheduler makes of a repeated message is for the explorer (src/explore) to judge.
            const toAgent = a.other % 2 === 0;
            const trouble = a.seconds % 7;
            return {
              at,
              do: 'flaky-link',
              between: ['master', toAgent ? agent : framework],
              forSeconds: a.seconds,
              drop: trouble & 1 ? 0.3 : 0,
              delayMs: trouble & 2 || !toAgent ? 2000 : 0,
              repeat: toAgent && (trouble & 4 || trouble === 0) ? 0.3 : 0,
            };
          }
          case 'reboot-agent':
            return { at, do: 'reboot-agent', agent, downSeconds: a.seconds % 40 };
          case 'restart-framework':
            // The scheduler fails over to a fresh process (MESOS.md §3.4). A new process of a built-in
            // scheduler would count its task ids from 1 again, and reusing a task id is unsafe in Mesos (a
            // retried update of the old task would end the new one), so the new process is a scripted one.
            return { at, do: 'restart-framework', framework, scheduler: { builtin: 'scripted' } };
        }
        throw new Error('unreachable');
      },
    );
    actions.sort(
      (x: Record<string, unknown>, y: Record<string, unknown>) => (x.at as number) - (y.at as number),
    );
    return {
      name: 'fuzz',
      seed: g.seed,
      until: g.until,
      masters: g.masters,
      network: { latencyMs: g.latencyMs, dropRate: g.dropRate },
      allocator: { offerTimeoutSeconds: g.offerTimeoutSeconds },
      agents: g.agents.map((a, i) => ({
        id: agentIds[i],
        resources: `cpus:${a.cpus};mem:${a.mem}${a.disk ? `;disk:${a.disk}` : ''}${a.reserved ? `;cpus(${a.reserved.role}):${a.reserved.cpus}` : ''}`,
      })),
      frameworks: g.frameworks.map((f, i) => ({
        id: frameworkIds[i],
        roles: [f.role],
        failoverTimeout: f.failoverTimeout,
        partitionAware: f.partitionAware,
        checkpoint: f.checkpoint,
        scheduler: schedulerOf(f),
      })),
      actions,
    };
  });

/** Simulates a raw scenario (validated first: the generators must only make valid ones). */
function simulate(raw: unknown): TraceEvent[] {
  return new Simulation(parseScenario(raw)).run();
}

function violations(raw: unknown): string[] {
  const scenario = parseScenario(raw);
  return checkTrace(new Simulation(scenario).run(), scenario.until);
}

const show = (raw: unknown): string => JSON.stringify(raw);

// --------------------------------------------------------------------------------------------- the tests

/**
 * The fast-check seed and number of scenarios. To fuzz longer: FUZZ_SEED=7 FUZZ_RUNS=500 npx vitest run
 * src/cluster/sim/invariants.test.ts (then shrink what fails and pin it below).
 */
const SEED = Number(import.meta.env.FUZZ_SEED ?? 20240611);
const RUNS = Number(import.meta.env.FUZZ_RUNS ?? 60);

/**
 * Scenarios that broke an invariant, as fast-check found and shrank them, kept as regressions (STYLE.md
 * §9). Each says which fast-check seed found it and what it catches. They fail until the model is fixed.
 */
const REGRESSIONS: { name: string; scenario: Record<string, unknown> }[] = [
  {
    // Found with seed 1 (500 runs). The new leader's DETECTED to a1 is lost with the 10 % of messages that
    // are dropped; a1 never learned of the new master and never re-registered, so its task (whose RUN_TASK
    // was also dropped, at t = 0) stayed unsettled for ever. Passes since agents register again after 75 s
    // without pings (b0c3556): with one master, the restarted leader has the address a1 still knows.
    name: 'a dropped leader notification, one master',
    scenario: {
      name: 'fuzz',
      seed: 0,
      until: 200,
      masters: 1,
      network: { latencyMs: 0, dropRate: 0.1 },
      allocator: { offerTimeoutSeconds: null },
      agents: [
        { id: 'a1', resources: 'cpus:1;mem:512;cpus(r1):1' },
        { id: 'a2', resources: 'cpus:1;mem:512;cpus(r1):1' },
        { id: 'a3', resources: 'cpus:1;mem:512;cpus(r1):1' },
      ],
      frameworks: [
        {
          id: 'f1',
          roles: ['*'],
          failoverTimeout: 0,
          partitionAware: false,
          scheduler: {
            builtin: 'batch',
            tasks: 1,
            task: { resources: 'cpus:0.5;mem:64', command: 'sleep 5' },
            refuseSeconds: 0,
          },
        },
        {
          id: 'f2',
          roles: ['*'],
          failoverTimeout: 0,
          partitionAware: false,
          scheduler: {
            builtin: 'batch',
            tasks: 7,
            task: { resources: 'cpus:0.5;mem:64', command: 'sleep 3; exit 2' },
            refuseSeconds: 0,
          },
        },
      ],
      actions: [
        { at: 30.08, do: 'set-weight', role: 'r1', weight: 0.5 },
        { at: 66.08, do: 'suppress', framework: 'f1' },
        { at: 66.08, do: 'fail-master' },
      ],
    },
  },
  {
    // Found with seed 1 (300 runs) after b0c3556. As above with two masters: a1's DETECTED is dropped, so
    // a1 keeps master/1 as its leader. When pings stop it registers again, with master/1, which is back as
    // a standby and ignores it. a1 never reaches master/2, and f2-6 (its RUN_TASK dropped) is never settled.
    name: 'a dropped leader notification, two masters',
    scenario: {
      name: 'fuzz',
      seed: 0,
      until: 200,
      masters: 2,
      network: { latencyMs: 0, dropRate: 0.1 },
      allocator: { offerTimeoutSeconds: null },
      agents: [
        { id: 'a1', resources: 'cpus:1;mem:512;cpus(r1):1' },
        { id: 'a2', resources: 'cpus:1;mem:512' },
        { id: 'a3', resources: 'cpus:2;mem:512;cpus(r1):1' },
        { id: 'a4', resources: 'cpus:2;mem:1024;cpus(r1):1' },
      ],
      frameworks: [
        {
          id: 'f1',
          scheduler: {
            builtin: 'batch',
            tasks: 1,
            task: { resources: 'cpus:0.5;mem:64', command: 'sleep 5' },
            refuseSeconds: 0,
          },
        },
        {
          id: 'f2',
          scheduler: {
            builtin: 'batch',
            tasks: 6,
            task: { resources: 'cpus:0.5;mem:256', command: 'sleep 20' },
            refuseSeconds: 0,
          },
        },
        {
          id: 'f3',
          roles: ['r1'],
          scheduler: {
            builtin: 'batch',
            tasks: 3,
            task: { resources: 'cpus:0.5;mem:64', command: 'sleep 3; exit 2' },
            refuseSeconds: 0,
          },
        },
      ],
      actions: [
        { at: 33.04, do: 'set-weight', role: 'r1', weight: 0.5 },
        { at: 62.08, do: 'fail-master' },
      ],
    },
  },
  {
    // Found with seeds 8 and 9 (300 runs). The standby is elected at t = 10.08 while master and a1 are cut
    // off from each other: the DETECTED to a1 is lost in the partition. a1, never registered (its
    // AGENT_REGISTERED was lost too), retries with master/1, now a standby, for ever.
    name: 'an agent cut off from the masters during an election never re-registers',
    scenario: {
      name: 'fuzz',
      seed: 0,
      until: 200,
      masters: 2,
      network: { latencyMs: 0, dropRate: 0 },
      agents: [
        { id: 'a1', resources: 'cpus:1;mem:512' },
        { id: 'a2', resources: 'cpus:1;mem:512' },
      ],
      frameworks: [
        {
          id: 'f1',
          scheduler: {
            builtin: 'batch',
            tasks: 1,
            task: { resources: 'cpus:0.5;mem:64', command: 'sleep 5' },
            refuseSeconds: 0,
          },
        },
      ],
      actions: [
        { at: 0, do: 'partition', between: ['master', 'a1'], forSeconds: 11 },
        { at: 0.08, do: 'fail-master' },
      ],
    },
  },
  {
    // Found with seeds 2, 3, 4, 5, 10, 11 and 12. a1 restarts while no master leads; its fresh process registers
    // with the new leader, which never knew f1-1. Nobody ever reports f1-1 lost: the batch scheduler only
    // reconciles implicitly (which answers only for tasks the master knows), and the master's reconciliation
    // answers are not traced. The batch framework waits for f1-1 for ever.
    name: 'a task lost while its agent restarts during a master failover is never reported',
    scenario: {
      name: 'fuzz',
      seed: 0,
      until: 200,
      masters: 1,
      network: { latencyMs: 0, dropRate: 0 },
      agents: [
        { id: 'a1', resources: 'cpus:1;mem:512' },
        { id: 'a2', resources: 'cpus:1;mem:512' },
      ],
      frameworks: [
        {
          id: 'f1',
          scheduler: {
            builtin: 'batch',
            tasks: 1,
            task: { resources: 'cpus:0.5;mem:64', command: 'sleep 5' },
            refuseSeconds: 0,
          },
        },
      ],
      actions: [
        { at: 0.08, do: 'fail-master' },
        { at: 0.08, do: 'restart-agent', agent: 'a1' },
      ],
    },
  },
];

/**
 * A learner's framework with custom executors that hold resources of their own: two executor ids, each
 * task taking `cpus:0.25;mem:32` for its executor when that executor is not running on the agent yet, and
 * each executor exiting once it has no task left, so that executor resources come and go.
 */
const EXECUTOR_FRAMEWORK = `
export class Worker {
  private tasks = 0;
  launchTask(driver: any, task: any): void {
    this.tasks++;
    driver.sendStatusUpdate({ task_id: task.task_id, state: 'TASK_RUNNING' });
    driver.setTimer(Number(task.data), task.task_id.value);
  }
  timer(driver: any, name: string): void { this.end(driver, { value: name }, 'TASK_FINISHED'); }
  killTask(driver: any, id: any): void { this.end(driver, id, 'TASK_KILLED'); }
  private end(driver: any, id: any, state: string): void {
    driver.sendStatusUpdate({ task_id: id, state });
    if (--this.tasks <= 0) driver.stop();
  }
}
export default class {
  private n = 0;
  resourceOffers(driver: any, offers: any[]): void {
    for (const o of offers) {
      let cpus = 0; let mem = 0;
      for (const r of o.resources) if (!r.role || r.role === '*') {
        if (r.name === 'cpus') cpus += r.scalar.value;
        if (r.name === 'mem') mem += r.scalar.value;
      }
      if (this.n >= 12 || cpus < 0.75 || mem < 96) { driver.declineOffer(o.id, { refuse_seconds: 1 }); continue; }
      const id = 'x' + (++this.n);
      driver.launchTasks([o.id], [{ name: id, task_id: { value: id }, agent_id: o.agent_id,
        resources: 'cpus:0.5;mem:64', data: String(2 + (this.n % 7) * 5),
        executor: { executor_id: { value: 'ex' + (this.n % 2) }, name: 'Worker', resources: 'cpus:0.25;mem:32' } }],
        { refuse_seconds: 1 });
    }
  }
}`;

describe('invariants over random scenarios and faults (fast-check)', () => {
  it('(a)–(d) hold on every run', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const found = violations(raw);
        expect(found, `scenario: ${show(raw)}\n${found.join('\n')}`).toEqual([]);
      }),
      // No shrinking here, to keep the time bounded: failures found are shrunk apart and pinned below.
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);

  it('(a)–(d) and (g) hold with custom executors that hold resources, through agent restarts and failovers', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), fc.constantFrom(0, 60), (raw, checkpoint, failoverTimeout) => {
        const withExecutors = {
          ...raw,
          frameworks: [
            ...(raw.frameworks as Record<string, unknown>[]),
            { id: 'x', checkpoint, failoverTimeout, scheduler: { code: EXECUTOR_FRAMEWORK } },
          ],
        };
        const scenario = parseScenario(withExecutors);
        const sim = new Simulation(scenario, { loadScheduler: prepareLoader(scenario, '.') });
        const found = checkTrace(sim.run(), scenario.until);
        sim.dispose();
        expect(found, `scenario: ${show(withExecutors)}\n${found.join('\n')}`).toEqual([]);
      }),
      { seed: SEED + 3, numRuns: Math.max(4, Math.round(RUNS / 6)), endOnFailure: true },
    );
  }, 240_000);

  it('(e) the same seed gives a byte-identical trace', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        expect(traceToJsonl(simulate(raw))).toBe(traceToJsonl(simulate(raw)));
      }),
      { seed: SEED + 1, numRuns: 8 },
    );
  }, 120_000);

  it('(f) a different seed may give a different trace (not asserted; only that both runs are valid)', () => {
    const raw = fc.sample(scenarioArb, { seed: SEED + 2, numRuns: 1 })[0]!;
    for (const seed of [raw.seed, raw.seed + 1]) expect(violations({ ...raw, seed })).toEqual([]);
  });

  describe('pinned regressions', () => {
    it.each(REGRESSIONS)('$name', ({ scenario }) => {
      expect(violations(scenario)).toEqual([]);
    });

    it('a task that fails at once, at zero latency, stops the run with a clear message instead of hanging', () => {
      // Found with seed 2. The batch scheduler relaunches a failed task at once; with no latency and a
      // command that fails without sleeping, launch, failure, revive, allocation and offer all happen at
      // t = 0, for ever. Virtual time cannot move, so the run must stop and say why rather than spin.
      const sim = new Simulation(
        parseScenario({
          until: 10,
          network: { latencyMs: 0 },
          agents: [{ id: 'a1', resources: 'cpus:1;mem:512' }],
          frameworks: [
            {
              id: 'f1',
              scheduler: {
                builtin: 'batch',
                tasks: 1,
                task: { resources: 'cpus:0.5;mem:64', command: 'exit 1' },
              },
            },
          ],
        }),
        { keepTrace: false },
      );
      expect(() => sim.advance(10_000_000)).toThrow(/makes no progress: more than 200000 events at t=0 s/);
    });
  });
});

describe('the checker itself', () => {
  // A checker that accepts everything proves nothing: feed it traces that break each invariant.
  const base: TraceEvent[] = [
    { t: 0, type: 'leader', master: 'master/1' },
    { t: 0, type: 'agent-added', agent: 'a1', resources: { cpus: 2, mem: 100 } },
    { t: 0, type: 'framework-added', framework: 'A', roles: ['*'] },
    { t: 0, type: 'framework-added', framework: 'B', roles: ['*'] },
    {
      t: 1,
      type: 'offer',
      offer: 'O-1',
      framework: 'A',
      role: '*',
      agent: 'a1',
      resources: { cpus: 2, mem: 100 },
    },
  ];

  it('accepts a well-behaved trace', () => {
    const trace: TraceEvent[] = [
      ...base,
      {
        t: 2,
        type: 'launch',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        resources: { cpus: 1, mem: 50 },
        offers: ['O-1'],
        role: '*',
      },
      { t: 2, type: 'accept', offers: ['O-1'], framework: 'A', agent: 'a1', tasks: ['t1'], refuseSeconds: 5 },
      {
        t: 3,
        type: 'offer',
        offer: 'O-2',
        framework: 'B',
        role: '*',
        agent: 'a1',
        resources: { cpus: 1, mem: 50 },
      },
      {
        t: 4,
        type: 'status',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        state: 'TASK_RUNNING',
        source: 'SOURCE_EXECUTOR',
      },
    ];
    expect(checkTrace(trace, 10)).toEqual([]);
  });

  it('(a) catches an offer of resources a task still holds', () => {
    const trace: TraceEvent[] = [
      ...base,
      {
        t: 2,
        type: 'launch',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        resources: { cpus: 1, mem: 50 },
        offers: ['O-1'],
        role: '*',
      },
      { t: 2, type: 'accept', offers: ['O-1'], framework: 'A', agent: 'a1', tasks: ['t1'], refuseSeconds: 5 },
      {
        t: 3,
        type: 'offer',
        offer: 'O-2',
        framework: 'B',
        role: '*',
        agent: 'a1',
        resources: { cpus: 2, mem: 50 },
      },
    ];
    expect(checkTrace(trace, 10).join('\n')).toMatch(/\(a\) a1 over-committed/);
  });

  it('(b) and (c) catch an offer used twice and two frameworks offered the same resources', () => {
    const trace: TraceEvent[] = [
      ...base,
      { t: 2, type: 'offer', offer: 'O-2', framework: 'B', role: '*', agent: 'a1', resources: { cpus: 1 } },
      { t: 3, type: 'decline', offer: 'O-1', framework: 'A', refuseSeconds: 5 },
      { t: 4, type: 'decline', offer: 'O-1', framework: 'A', refuseSeconds: 5 },
    ];
    const found = checkTrace(trace, 10).join('\n');
    expect(found).toMatch(/\(c\) offers on a1 hold/);
    expect(found).toMatch(/\(b\) declined offer O-1, which was already used/);
  });

  it('(b) catches the use of a rescinded offer', () => {
    const trace: TraceEvent[] = [
      ...base,
      { t: 2, type: 'rescind', offer: 'O-1', framework: 'A', reason: 'offer timeout' },
      { t: 3, type: 'accept', offers: ['O-1'], framework: 'A', agent: 'a1', tasks: [], refuseSeconds: 5 },
    ];
    expect(checkTrace(trace, 10).join('\n')).toMatch(/\(b\) accepted offer O-1, which was already rescinded/);
  });

  it('(d) catches a task left running on an agent whose machine rebooted and never reported lost', () => {
    const trace: TraceEvent[] = [
      ...base,
      {
        t: 2,
        type: 'launch',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        resources: { cpus: 1, mem: 50 },
        offers: ['O-1'],
        role: '*',
      },
      { t: 2, type: 'accept', offers: ['O-1'], framework: 'A', agent: 'a1', tasks: ['t1'], refuseSeconds: 5 },
      {
        t: 2,
        type: 'status',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        state: 'TASK_RUNNING',
        source: 'SOURCE_EXECUTOR',
      },
      { t: 5, type: 'agent-rebooted', agent: 'a1', hostname: 'a1', downSeconds: 0 },
      { t: 5.5, type: 'agent-reregistered', agent: 'a1' },
    ];
    expect(checkTrace(trace, 10).join('\n')).toMatch(/\(d\) task A\/t1 .*restarted since the task started/);
  });

  const launchWithExecutor: TraceEvent[] = [
    ...base,
    {
      t: 2,
      type: 'launch',
      task: 't1',
      framework: 'A',
      agent: 'a1',
      resources: { cpus: 1, mem: 50 },
      offers: ['O-1'],
      role: '*',
      executor: 'ex',
      executorResources: { cpus: 0.5 },
    },
    { t: 2, type: 'accept', offers: ['O-1'], framework: 'A', agent: 'a1', tasks: ['t1'], refuseSeconds: 5 },
  ];

  it("(a) counts a custom executor's resources until it exits", () => {
    const offerAll = (t: number, id: string): TraceEvent => ({
      t,
      type: 'offer',
      offer: id,
      framework: 'B',
      role: '*',
      agent: 'a1',
      resources: { cpus: 1, mem: 50 },
    });
    // The task's cpu and the executor's half cpu are in use: offering the agent's last whole cpu is too much.
    expect(checkTrace([...launchWithExecutor, offerAll(3, 'O-2')], 10).join('\n')).toMatch(
      /\(a\) a1 over-committed: .*executor A\/a1\/ex/,
    );
    // Once the executor has exited and the task finished, the same offer fits.
    const after: TraceEvent[] = [
      ...launchWithExecutor,
      {
        t: 3,
        type: 'status',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        state: 'TASK_FINISHED',
        source: 'SOURCE_EXECUTOR',
      },
      { t: 3, type: 'executor-exited', agent: 'a1', framework: 'A', executor: 'ex', status: 0 },
      offerAll(4, 'O-2'),
    ];
    expect(checkTrace(after, 10)).toEqual([]);
  });

  it('(g) catches a task reported running after it was reported terminal', () => {
    const trace: TraceEvent[] = [
      ...launchWithExecutor,
      {
        t: 3,
        type: 'status',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        state: 'TASK_KILLED',
        source: 'SOURCE_EXECUTOR',
      },
      {
        t: 4,
        type: 'status',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        state: 'TASK_RUNNING',
        source: 'SOURCE_EXECUTOR',
      },
    ];
    expect(checkTrace(trace, 10).join('\n')).toMatch(/\(g\) task A\/t1 reported TASK_RUNNING/);
    // The master declaring it terminal, then answering a reconciliation with RUNNING, is as wrong.
    const byMaster: TraceEvent[] = [
      ...launchWithExecutor,
      {
        t: 3,
        type: 'status',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        state: 'TASK_LOST',
        source: 'SOURCE_MASTER',
      },
      {
        t: 4,
        type: 'status',
        task: 't1',
        framework: 'A',
        agent: 'a1',
        state: 'TASK_RUNNING',
        reason: 'REASON_RECONCILIATION',
        source: 'SOURCE_MASTER',
      },
    ];
    expect(checkTrace(byMaster, 10).join('\n')).toMatch(/\(g\) task A\/t1 reported TASK_RUNNING/);
  });
});
