/**
 * General invariants over a trace: promises any correct scheduler keeps under any faults, judged from the
 * trace alone (CONTRACTS.md §3), for the frameworks under test. Each is defined so that a correct scheduler
 * never trips it; docs/explorer.md says the same in prose.
 *
 * - double-launch: no task id of a framework is launched twice (two `launch` events). The master refuses
 *   an id it knows (Master::validateTask, "Task has duplicate ID"), so a second launch means the scheduler
 *   reused an id the master had forgotten, typically after a failover, and two copies may run at once.
 * - task-unsettled: at the end of the run, every launched task's last state is TASK_RUNNING or beyond:
 *   running, terminal, or TASK_UNREACHABLE (what Mesos tells a partition-aware framework about a task on an
 *   agent it lost). A task still TASK_STAGING, TASK_STARTING or TASK_KILLING, or with no state at all,
 *   long after the faults ended, is one nobody settled. Exempt: a task on an agent whose machine is down
 *   at the end and that no leading master has heard from since its election (Mesos settles those only when
 *   --agent_reregister_timeout, 10 minutes, runs out). Exempt too: a task with no state at all (or only
 *   TASK_STAGING) that was launched while its agent's link to the master lost messages (a partition, a
 *   flaky link that drops).
 *   The model drops such a RUN_TASK silently and the master keeps the task staging until the agent
 *   re-registers; in Mesos the broken connection would make the agent re-register, and the master would
 *   answer TASK_DROPPED (Master::reconcileKnownSlave). A scheduler cannot be blamed for that gap.
 * - offer-held: no offer made after the faults are over is held longer than `offerHoldSeconds` without an
 *   answer (accept, decline) while it is valid (not rescinded, its master, agent and framework still there).
 *   An offer made during the faults may have been lost on its way, and a scheduler cannot answer what it
 *   never heard of.
 * - starved: after the faults are over and the cluster had `starveSeconds` to settle, the framework is
 *   never left without an offer for `starveSeconds` while it is subscribed, has not suppressed offers, has
 *   no decline filter of its own running, and some agent registered with the leading master sits idle all
 *   that time (no task, no offer) with resources of its own unreserved. The allocator offers such an agent
 *   within an allocation interval, so a framework that is not offered it has lost its subscription.
 * - callback-error: no callback of the scheduler throws or runs past its budget (`error` events that name
 *   a callback).
 */
import type { TraceEvent } from '../cluster/trace';
import type { Words } from './words';

export type InvariantId =
  | 'double-launch'
  | 'task-unsettled'
  | 'offer-held'
  | 'starved'
  | 'callback-error'
  | 'lesson-check'
  | 'learner-invariant';

export interface Violation {
  invariant: InvariantId;
  /** The moment it broke, in virtual seconds. */
  at: number;
  framework: string;
  /** What broke, in English and Chinese (one sentence, with ids and times). */
  what: Words;
  /** The task it is about, if any. */
  task?: string;
}

export interface InvariantOptions {
  /** The frameworks whose schedulers are under test. */
  frameworks: readonly string[];
  /** When the last fault's trouble ended (virtual seconds). */
  faultsOver: number;
  offerHoldSeconds: number;
  starveSeconds: number;
  /**
   * When a tested framework's scheduler process was replaced (the scenario's `restart-framework` actions,
   * scripted or drawn): the new process starts with no memory, so a task id launched before it and launched
   * again after it is not counted as a double launch.
   */
  restarts?: readonly { framework: string; at: number }[];
}

export const DEFAULT_HOLD_SECONDS = 30;
export const DEFAULT_STARVE_SECONDS = 30;

const fmt = (t: number): string => String(Math.round(t * 1000) / 1000);

const TERMINAL_OR_SETTLED = new Set([
  'TASK_RUNNING',
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
  'TASK_UNREACHABLE',
  'TASK_UNKNOWN',
]);

/** Every violation of the general invariants in the trace, earliest first. */
export function generalViolations(trace: readonly TraceEvent[], o: InvariantOptions): Violation[] {
  const tested = new Set(o.frameworks);
  const out: Violation[] = [
    ...doubleLaunches(trace, tested, o.restarts ?? []),
    ...unsettledTasks(trace, tested),
    ...heldOffers(trace, tested, o.offerHoldSeconds, o.faultsOver),
    ...starvation(trace, tested, o),
    ...callbackErrors(trace, tested),
  ];
  return out.sort((a, b) => a.at - b.at);
}

function doubleLaunches(
  trace: readonly TraceEvent[],
  tested: Set<string>,
  restarts: readonly { framework: string; at: number }[],
): Violation[] {
  const first = new Map<string, Extract<TraceEvent, { type: 'launch' }>>();
  const out: Violation[] = [];
  for (const e of trace) {
    if (e.type !== 'launch' || !tested.has(e.framework)) continue;
    const key = `${e.framework}\u0000${e.task}`;
    const before = first.get(key);
    // A new scheduler process in between cannot remember the first launch (the master refuses an id it
    // still knows as active, "Task has duplicate ID"; one that ended it has forgotten).
    const forgotten =
      before !== undefined &&
      restarts.some((r) => r.framework === e.framework && r.at > before.t && r.at <= e.t);
    if (!before || forgotten) {
      first.set(key, e);
      continue;
    }
    out.push({
      invariant: 'double-launch',
      at: e.t,
      framework: e.framework,
      task: e.task,
      what: {
        en: `task ${e.task} is launched twice: on ${before.agent} at ${fmt(before.t)} s and on ${e.agent} at ${fmt(e.t)} s`,
        zh: `任务 ${e.task} 被启动了两次：${fmt(before.t)} 秒在 ${before.agent} 上，${fmt(e.t)} 秒在 ${e.agent} 上`,
      },
    });
  }
  return out;
}

/**
 * The machine an agent id runs on: link faults name the machine, and a rebooted machine's agent has a new
 * id, `agent1#2` for its second boot (Simulation.startAgent).
 */
const machineOf = (agent: string): string => agent.replace(/#\d+$/, '');

function unsettledTasks(trace: readonly TraceEvent[], tested: Set<string>): Violation[] {
  const launches = new Map<string, Extract<TraceEvent, { type: 'launch' }>>();
  const last = new Map<string, string>();
  /** Agents whose machine is down, since when. */
  const down = new Map<string, number>();
  /** When each agent was last heard from by a master (registered or re-registered). */
  const heard = new Map<string, number>();
  let elected = 0;
  /**
   * Windows in which a machine's link to the master loses messages (a partition, a flaky link that drops),
   * each until it ends by its own length; a heal ends the machine's partitions. Windows may overlap, and a
   * flaky link's end does not say which window ended, so each is kept by its own times.
   */
  const lossy = new Map<string, { until: number; partition: boolean }[]>();
  /** Launches made while their agent's link lost messages: the master may never have delivered them. */
  const mayBeLost = new Set<string>();
  const lossyAgent = (between: [string, string]): string | null =>
    between[0] === 'master' ? between[1] : between[1] === 'master' ? between[0] : null;
  const losing = (machine: string, t: number): boolean =>
    (lossy.get(machine) ?? []).some((w) => t <= w.until);
  for (const e of trace) {
    if (e.type === 'partition' || (e.type === 'flaky-link' && e.drop > 0)) {
      const agent = lossyAgent(e.between);
      if (agent !== null)
        lossy.set(agent, [
          ...(lossy.get(agent) ?? []),
          { until: e.t + e.forSeconds, partition: e.type === 'partition' },
        ]);
    } else if (e.type === 'heal') {
      const agent = lossyAgent(e.between);
      if (agent !== null)
        lossy.set(
          agent,
          (lossy.get(agent) ?? []).map((w) => (w.partition ? { ...w, until: Math.min(w.until, e.t) } : w)),
        );
    }
    if (e.type === 'launch' && tested.has(e.framework)) {
      const key = `${e.framework}\u0000${e.task}`;
      launches.set(key, e);
      last.delete(key);
      if (losing(machineOf(e.agent), e.t)) mayBeLost.add(key);
      else mayBeLost.delete(key);
    } else if (e.type === 'status' && tested.has(e.framework)) {
      // A reconciliation answer tells the master's latest state, which lags behind the agent's while an
      // update waits for its acknowledgement: it may settle a task, never unsettle one the agent moved on.
      const key = `${e.framework}\u0000${e.task}`;
      const reconciled = e.reason === 'REASON_RECONCILIATION';
      if (!reconciled || TERMINAL_OR_SETTLED.has(e.state) || !last.has(key)) last.set(key, e.state);
    } else if (e.type === 'agent-killed' || e.type === 'agent-rebooted') down.set(e.agent, e.t);
    // Only a restart brings a crashed machine's agent back under its id (a reboot comes back with a new one);
    // a registration that lands after the crash was on its way before it.
    else if (e.type === 'agent-restarted') down.delete(e.agent);
    else if (e.type === 'agent-added' || e.type === 'agent-reregistered') heard.set(e.agent, e.t);
    else if (e.type === 'leader') elected = e.t;
  }
  const end = trace.length > 0 ? trace[trace.length - 1]!.t : 0;
  const out: Violation[] = [];
  for (const [key, l] of launches) {
    const state = last.get(key);
    if (state !== undefined && TERMINAL_OR_SETTLED.has(state)) continue;
    if (down.has(l.agent) && (heard.get(l.agent) ?? -1) < elected) continue;
    // Launched while the link lost messages and never reported by the agent (no state, or only the master's
    // TASK_STAGING, as reconciliation answers it): the launch itself may have been lost.
    if ((state === undefined || state === 'TASK_STAGING') && mayBeLost.has(key)) continue;
    out.push({
      invariant: 'task-unsettled',
      at: end,
      framework: l.framework,
      task: l.task,
      what: {
        en: `task ${l.task}, launched on ${l.agent} at ${fmt(l.t)} s, is still ${state ?? 'without any state'} at the end (${fmt(end)} s), long after the faults ended`,
        zh: `任务 ${l.task}（${fmt(l.t)} 秒在 ${l.agent} 上启动）到结束时（${fmt(end)} 秒）仍然${state ? `处于 ${state}` : '没有任何状态'}，而故障早已结束`,
      },
    });
  }
  return out;
}

function heldOffers(
  trace: readonly TraceEvent[],
  tested: Set<string>,
  hold: number,
  after: number,
): Violation[] {
  interface Held {
    framework: string;
    agent: string;
    t: number;
  }
  const open = new Map<string, Held>();
  const out: Violation[] = [];
  const overdue = (now: number): void => {
    for (const [id, h] of open)
      if (now - h.t > hold) {
        open.delete(id);
        out.push({
          invariant: 'offer-held',
          at: h.t + hold,
          framework: h.framework,
          what: {
            en: `offer ${id} (${h.agent}) made at ${fmt(h.t)} s is held for more than ${hold} s without an answer`,
            zh: `${fmt(h.t)} 秒发出的 offer ${id}（${h.agent}）被持有超过 ${hold} 秒而没有答复`,
          },
        });
      }
  };
  const closeWhere = (pred: (h: Held) => boolean): void => {
    for (const [id, h] of open) if (pred(h)) open.delete(id);
  };
  for (const e of trace) {
    if (open.size > 0) overdue(e.t);
    switch (e.type) {
      case 'offer':
        // Only offers made once the faults are over: one made during them may never have arrived.
        if (tested.has(e.framework) && e.t >= after)
          open.set(e.offer, { framework: e.framework, agent: e.agent, t: e.t });
        break;
      case 'decline':
      case 'rescind':
        open.delete(e.offer);
        break;
      case 'accept':
      case 'launch':
        for (const id of e.offers) open.delete(id);
        break;
      case 'master-failed':
        // Offers die with the master that made them (MESOS.md §3.6).
        open.clear();
        break;
      case 'agent-removed':
      case 'agent-killed':
      case 'agent-rebooted':
      case 'agent-disconnected':
        closeWhere((h) => h.agent === e.agent);
        break;
      case 'framework-removed':
      case 'framework-disconnected':
        closeWhere((h) => h.framework === e.framework);
        break;
      default:
        break;
    }
  }
  if (trace.length > 0) overdue(trace[trace.length - 1]!.t);
  return out;
}

/** Does a flat resource object hold anything not reserved for a role? */
const hasUnreserved = (r: Record<string, number | string>): boolean =>
  Object.entries(r).some(([k, v]) => (k === 'cpus' || k === 'mem') && typeof v === 'number' && v > 0);

function starvation(trace: readonly TraceEvent[], tested: Set<string>, o: InvariantOptions): Violation[] {
  const from = o.faultsOver + o.starveSeconds;
  const out: Violation[] = [];
  for (const framework of tested) {
    let subscribed = false;
    let suppressed = false;
    let filterUntil = -Infinity;
    /** Since when the framework has waited for an offer while it could take one (null: not waiting). */
    let waiting: number | null = null;
    /** Agents registered with the leader, with their live tasks and outstanding offers. */
    const agents = new Map<
      string,
      { tasks: Set<string>; offers: Set<string>; idleSince: number | null; registered: boolean }
    >();
    /** Agents with nothing unreserved: never idle for a framework's purposes. */
    const reservedOnly = new Set<string>();
    const offerAgent = new Map<string, string>();
    const taskAgent = new Map<string, string>();
    let reported = false;
    const idleFor = (now: number): boolean => {
      for (const a of agents.values())
        if (
          a.registered &&
          a.idleSince !== null &&
          now - a.idleSince >= o.starveSeconds &&
          a.tasks.size === 0 &&
          a.offers.size === 0
        )
          return true;
      return false;
    };
    const touch = (agent: string | undefined, now: number): void => {
      const a = agent === undefined ? undefined : agents.get(agent);
      if (!a) return;
      a.idleSince = a.registered && a.tasks.size === 0 && a.offers.size === 0 ? (a.idleSince ?? now) : null;
    };
    const canWait = (now: number): boolean => subscribed && !suppressed && now >= filterUntil;
    for (const e of trace) {
      const now = e.t;
      if (
        !reported &&
        waiting !== null &&
        now >= from &&
        now - Math.max(waiting, from - o.starveSeconds, filterUntil) >= o.starveSeconds &&
        canWait(now) &&
        idleFor(now)
      ) {
        reported = true;
        // The wait counts from when the framework could take an offer again: a filter of its own that ran
        // into the window held offers back until it expired.
        const since = Math.max(waiting, from - o.starveSeconds, filterUntil);
        out.push({
          invariant: 'starved',
          at: since + o.starveSeconds,
          framework,
          what: {
            en: `framework ${framework} gets no offer from ${fmt(since)} s to ${fmt(since + o.starveSeconds)} s while an agent sits idle, though it has not suppressed offers or declined with a filter: it has lost its subscription`,
            zh: `从 ${fmt(since)} 秒到 ${fmt(since + o.starveSeconds)} 秒，framework ${framework} 没有收到任何 offer，而有 agent 一直空闲，它也没有抑制 offer 或带过滤器拒绝：它失去了订阅`,
          },
        });
      }
      switch (e.type) {
        case 'framework-added':
        case 'framework-reregistered':
          if (e.framework === framework) {
            subscribed = true;
            waiting = now;
          }
          break;
        case 'framework-removed':
          if (e.framework === framework) {
            subscribed = false;
            waiting = null;
          }
          break;
        case 'suppress':
          if (e.framework === framework) suppressed = true;
          break;
        case 'revive':
          if (e.framework === framework) {
            suppressed = false;
            filterUntil = -Infinity;
            waiting = now;
          }
          break;
        case 'decline': {
          if (e.framework === framework) {
            filterUntil = Math.max(filterUntil, now + e.refuseSeconds);
            waiting = now;
          }
          // The declined resources are the agent's to offer again.
          const agent = offerAgent.get(e.offer);
          agents.get(agent ?? '')?.offers.delete(e.offer);
          touch(agent, now);
          break;
        }
        case 'offer': {
          if (e.framework === framework) waiting = now;
          const a = agents.get(e.agent);
          if (a) {
            a.offers.add(e.offer);
            offerAgent.set(e.offer, e.agent);
            touch(e.agent, now);
          }
          break;
        }
        case 'rescind': {
          const agent = offerAgent.get(e.offer);
          agents.get(agent ?? '')?.offers.delete(e.offer);
          touch(agent, now);
          if (e.framework === framework) waiting = now;
          break;
        }
        case 'accept':
          for (const id of e.offers) {
            const agent = offerAgent.get(id);
            agents.get(agent ?? '')?.offers.delete(id);
            touch(agent, now);
          }
          break;
        case 'launch': {
          const a = agents.get(e.agent);
          const key = `${e.framework}\u0000${e.task}`;
          taskAgent.set(key, e.agent);
          if (a) a.tasks.add(key);
          for (const id of e.offers) agents.get(offerAgent.get(id) ?? '')?.offers.delete(id);
          touch(e.agent, now);
          break;
        }
        case 'status': {
          if (e.state === 'TASK_RUNNING' || e.state === 'TASK_STAGING' || e.state === 'TASK_STARTING') break;
          const key = `${e.framework}\u0000${e.task}`;
          const agent = taskAgent.get(key);
          // A launch refused for reusing the id of a task still running elsewhere ("Task has duplicate ID")
          // ends nothing there.
          if (e.agent !== undefined && e.agent !== agent) break;
          agents.get(agent ?? '')?.tasks.delete(key);
          touch(agent, now);
          break;
        }
        case 'agent-added':
        case 'agent-reregistered': {
          // An agent first seen re-registering (after a master failover) says what it has there too.
          if (e.resources && !hasUnreserved(e.resources)) reservedOnly.add(e.agent);
          if (reservedOnly.has(e.agent)) break;
          const a = agents.get(e.agent) ?? {
            tasks: new Set(),
            offers: new Set(),
            idleSince: null,
            registered: true,
          };
          a.registered = true;
          agents.set(e.agent, a);
          touch(e.agent, now);
          break;
        }
        case 'agent-removed':
        case 'agent-killed':
        case 'agent-rebooted':
        case 'agent-disconnected': {
          const a = agents.get(e.agent);
          if (!a) break;
          a.registered = false;
          a.idleSince = null;
          a.offers.clear();
          // A disconnected agent process may come back with its tasks; a machine that went down may not.
          if (e.type !== 'agent-disconnected') a.tasks.clear();
          break;
        }
        case 'master-failed':
          // Offers die with the master; no agent counts as idle until it is heard from by the new leader.
          for (const a of agents.values()) {
            a.offers.clear();
            a.idleSince = null;
            a.registered = false;
          }
          waiting = subscribed ? now : null;
          break;
        case 'leader':
          waiting = subscribed ? now : null;
          break;
        default:
          break;
      }
    }
  }
  return out;
}

function callbackErrors(trace: readonly TraceEvent[], tested: Set<string>): Violation[] {
  const out: Violation[] = [];
  for (const e of trace) {
    if (e.type !== 'error' || e.framework === undefined || !tested.has(e.framework) || !e.callback) continue;
    out.push({
      invariant: 'callback-error',
      at: e.t,
      framework: e.framework,
      what: {
        en: `the scheduler's ${e.callback} fails at ${fmt(e.t)} s${e.line !== undefined ? ` (line ${e.line})` : ''}: ${e.message}`,
        zh: `调度器的 ${e.callback} 在 ${fmt(e.t)} 秒出错${e.line !== undefined ? `（第 ${e.line} 行）` : ''}：${e.message}`,
      },
    });
    break;
  }
  return out;
}
