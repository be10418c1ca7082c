/**
 * Lesson 8 checks: the service came up with one instance per agent, the instance lost with agent2 was
 * replaced on a live agent soon after TASK_LOST, the service never ran more instances than it should or two
 * on one agent, and the framework noticed agentLost.
 */
import { eventsOf, fail, fmt, liveAt, logsOf, pass, taskRuns, type TaskRun } from '../checkKit';
import type { Check } from '../types';
import type { TraceEvent } from '../../cluster/trace';

export const INSTANCES = 3;
export const DEAD = 'agent2';
/** Seconds allowed between TASK_LOST and the replacement's launch (a default 5 s filter may be in the way). */
const REACT = 8;

const launched = (trace: readonly TraceEvent[], fw: string): TaskRun[] =>
  taskRuns(trace, fw).filter((r) => r.launchedAt !== null);

/** Times at which the set of live instances may change: every launch and every end. */
const moments = (runs: readonly TaskRun[]): number[] =>
  [...new Set(runs.flatMap((r) => [r.launchedAt!, ...(r.endedAt !== null ? [r.endedAt] : [])]))].sort(
    (a, b) => a - b,
  );

export const checks: Check[] = [
  {
    name: 'The service came up',
    name_zh: '服务启动了',
    run(trace, ctx) {
      const runs = launched(trace, ctx.framework);
      const at = 3;
      const up = liveAt(runs, at);
      if (up.length === INSTANCES)
        return pass(
          `By t=${at}, ${INSTANCES} instances were running on ${up.map((r) => r.agent).join(', ')}.`,
          `t=${at} 时 ${INSTANCES} 个实例已在 ${up.map((r) => r.agent).join('、')} 上运行。`,
        );
      return fail(
        `At t=${at} ${up.length} instance(s) were running, not ${INSTANCES}.`,
        `t=${at} 时运行着 ${up.length} 个实例，而不是 ${INSTANCES} 个。`,
      );
    },
  },
  {
    name: 'Replaced the lost instance',
    name_zh: '替换了丢失的实例',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const lost = runs.find((r) => r.agent === DEAD && r.state === 'TASK_LOST');
      if (!lost)
        return fail(
          `No instance was lost with ${DEAD}: was one running there when it died at t=5?`,
          `没有实例随 ${DEAD} 一起丢失：它在 t=5 宕机时上面有实例在运行吗？`,
        );
      const t = lost.endedAt!;
      const next = runs.find((r) => (r.launchedAt === null ? (r.states[0]?.t ?? 0) >= t : r.launchedAt >= t));
      if (next && next.launchedAt === null) {
        const s = next.states[0]!;
        return fail(
          `${lost.id} was lost at t=${fmt(t)}, and at t=${fmt(s.t)} its replacement ${next.id} ended in ${s.state}: ${s.message ?? ''}. Build a new TaskInfo for the new offer (its agent_id comes from the offer).`,
          `${lost.id} 在 t=${fmt(t)} 丢失，t=${fmt(s.t)} 时替换实例 ${next.id} 以 ${s.state} 结束：${s.message ?? ''}。请为新的 offer 构造新的 TaskInfo（agent_id 取自 offer）。`,
        );
      }
      if (!next)
        return fail(
          `${lost.id} was lost with ${DEAD} at t=${fmt(t)} (TASK_LOST) and no replacement was ever launched.`,
          `${lost.id} 在 t=${fmt(t)} 随 ${DEAD} 丢失（TASK_LOST），之后再也没有启动替换实例。`,
        );
      if (next.launchedAt! > t + REACT)
        return fail(
          `${lost.id} was lost at t=${fmt(t)}, but its replacement ${next.id} was launched only at t=${fmt(next.launchedAt!)}.`,
          `${lost.id} 在 t=${fmt(t)} 丢失，但替换实例 ${next.id} 直到 t=${fmt(next.launchedAt!)} 才启动。`,
        );
      const end = ctx.scenario.until;
      const up = liveAt(launched(trace, ctx.framework), end);
      if (up.length !== INSTANCES)
        return fail(
          `At the end, t=${fmt(end)}, ${up.length} instance(s) were running, not ${INSTANCES}.`,
          `结束时（t=${fmt(end)}）运行着 ${up.length} 个实例，而不是 ${INSTANCES} 个。`,
        );
      return pass(
        `${lost.id} was lost at t=${fmt(t)}; ${next.id} replaced it on ${next.agent} at t=${fmt(next.launchedAt!)}.`,
        `${lost.id} 在 t=${fmt(t)} 丢失；${next.id} 在 t=${fmt(next.launchedAt!)} 于 ${next.agent} 上替换了它。`,
      );
    },
  },
  {
    name: `Never more than ${INSTANCES} instances`,
    name_zh: `实例从不多于 ${INSTANCES} 个`,
    run(trace, ctx) {
      const runs = launched(trace, ctx.framework);
      for (const t of moments(runs)) {
        const up = liveAt(runs, t);
        if (up.length > INSTANCES)
          return fail(
            `At t=${fmt(t)} ${up.length} instances were running (${up.map((r) => `${r.id} on ${r.agent}`).join(', ')}). Replace each lost instance once: TASK_LOST and agentLost speak of the same loss.`,
            `t=${fmt(t)} 时运行着 ${up.length} 个实例（${up.map((r) => `${r.agent} 上的 ${r.id}`).join('、')}）。每个丢失的实例只替换一次：TASK_LOST 和 agentLost 说的是同一次丢失。`,
          );
      }
      return pass(
        `At no time did more than ${INSTANCES} instances run.`,
        `任何时刻运行的实例都不超过 ${INSTANCES} 个。`,
      );
    },
  },
  {
    name: 'One instance per agent',
    name_zh: '每个 agent 一个实例',
    run(trace, ctx) {
      const runs = launched(trace, ctx.framework);
      for (const t of moments(runs)) {
        const seen = new Map<string, string>();
        for (const r of liveAt(runs, t)) {
          const other = seen.get(r.agent);
          if (other)
            return fail(
              `At t=${fmt(t)} ${other} and ${r.id} were both running on ${r.agent}; losing that agent would lose both.`,
              `t=${fmt(t)} 时 ${other} 和 ${r.id} 同时运行在 ${r.agent} 上；失去这个 agent 就会同时失去两者。`,
            );
          seen.set(r.agent, r.id);
        }
      }
      return pass('No two instances ever shared an agent.', '从来没有两个实例共用一个 agent。');
    },
  },
  {
    name: 'Noticed agentLost',
    name_zh: '注意到了 agentLost',
    run(trace, ctx) {
      const removed = eventsOf(trace, 'agent-removed').find((e) => e.agent === DEAD);
      if (!removed) return fail(`${DEAD} was never removed by the master.`, `master 始终没有移除 ${DEAD}。`);
      // A line about the agent, not a status update of one of its tasks ("TASK_LOST").
      const line = logsOf(trace, ctx.framework).find(
        (l) =>
          l.t >= removed.t &&
          new RegExp(`\\b${DEAD}\\b`).test(l.text) &&
          /lost/i.test(l.text) &&
          !/TASK_/.test(l.text),
      );
      if (line)
        return pass(
          `The master removed ${DEAD} at t=${fmt(removed.t)} (${removed.reason}); the framework logged "${line.text}".`,
          `master 在 t=${fmt(removed.t)} 移除了 ${DEAD}（${removed.reason}）；框架打印了“${line.text}”。`,
        );
      return fail(
        `The master removed ${DEAD} at t=${fmt(removed.t)} and told every framework through agentLost, but no log line afterwards names ${DEAD} as lost.`,
        `master 在 t=${fmt(removed.t)} 移除了 ${DEAD}，并通过 agentLost 通知了每个框架，但之后没有任何一行日志说 ${DEAD} 丢失了。`,
      );
    },
  },
];
