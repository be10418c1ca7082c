/**
 * Lesson 8 checks: the service came up with one instance per agent; every instance that was lost was
 * replaced on a live agent soon after its TASK_LOST, whether or not an agentLost came with it (agent3's
 * machine reboots and its instance is lost without one); the service never ran more instances than it
 * should or two on one agent; and the framework's agentLost callback said which agent was lost.
 */
import { eventsOf, fail, fmt, liveAt, logsOf, pass, taskRuns, type TaskRun } from '../checkKit';
import type { Check, CheckContext } from '../types';
import type { TraceEvent } from '../../cluster/trace';

export const INSTANCES = 3;
/** The agent whose machine dies: the master removes it and tells every framework through agentLost. */
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

/** When the scenario's first agent fault happens: the service must be up before it. */
const firstFault = (ctx: CheckContext): number =>
  Math.min(
    ...ctx.scenario.actions.filter((a) => a.do === 'kill-agent' || a.do === 'restart-agent').map((a) => a.at),
  );

export const checks: Check[] = [
  {
    name: 'The service came up',
    name_zh: '服务启动了',
    run(trace, ctx) {
      const runs = launched(trace, ctx.framework);
      const at = firstFault(ctx);
      const agents = eventsOf(trace, 'agent-added').filter((e) => e.t <= at).length;
      const up = liveAt(runs, at);
      if (up.length === INSTANCES)
        return pass(
          `By t=${fmt(at)}, ${INSTANCES} instances were running on ${up.map((r) => r.agent).join(', ')}.`,
          `t=${fmt(at)} 时 ${INSTANCES} 个实例已在 ${up.map((r) => r.agent).join('、')} 上运行。`,
        );
      return fail(
        `At t=${fmt(at)} ${up.length} instance(s) were running${up.length ? ` (${up.map((r) => `${r.id} on ${r.agent}`).join(', ')})` : ''}, not ${INSTANCES}, although ${agents} agents were up from t=0. Start the ${INSTANCES} instances at once, one on each agent.`,
        `t=${fmt(at)} 时运行着 ${up.length} 个实例${up.length ? `（${up.map((r) => `${r.agent} 上的 ${r.id}`).join('、')}）` : ''}，而不是 ${INSTANCES} 个，尽管从 t=0 起就有 ${agents} 个 agent。请一开始就启动 ${INSTANCES} 个实例，每个 agent 一个。`,
        at,
      );
    },
  },
  {
    name: 'Replaced every lost instance',
    name_zh: '替换了每个丢失的实例',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const removed = new Set(eventsOf(trace, 'agent-removed').map((e) => e.agent));
      const lost = runs
        .filter((r) => r.launchedAt !== null && r.state === 'TASK_LOST')
        .sort((a, b) => a.endedAt! - b.endedAt!);
      if (lost.length === 0)
        return fail(
          `No instance was lost: was one running on ${DEAD} when it died at t=5, and on agent3 when its machine rebooted at t=30?`,
          `没有实例丢失：${DEAD} 在 t=5 宕机时、agent3 的机器在 t=30 重启时，上面有实例在运行吗？`,
        );
      // Each loss needs its own replacement: the k-th launch after a loss answers the k-th loss.
      const shown: string[] = [];
      const shownZh: string[] = [];
      const used = new Set<TaskRun>();
      for (const l of lost) {
        const t = l.endedAt!;
        const how = removed.has(l.agent)
          ? `with ${l.agent}, which the master removed (an agentLost came too)`
          : `when ${l.agent}'s machine rebooted (no agentLost: the agent was never removed)`;
        const howZh = removed.has(l.agent)
          ? `随 ${l.agent} 一起丢失，master 移除了这个 agent（同时发来了 agentLost）`
          : `在 ${l.agent} 的机器重启时丢失（没有 agentLost：这个 agent 并没有被移除）`;
        const next = runs.find((r) => !used.has(r) && r !== l && (r.launchedAt ?? r.states[0]?.t ?? -1) >= t);
        if (next && next.launchedAt === null) {
          const s = next.states[0]!;
          return fail(
            `${l.id} was lost at t=${fmt(t)} ${how}, and at t=${fmt(s.t)} its replacement ${next.id} was rejected with ${s.state}: ${s.message ?? ''}. Build a new TaskInfo for the new offer: its agent_id comes from that offer.`,
            `${l.id} 在 t=${fmt(t)} ${howZh}；t=${fmt(s.t)} 时替换实例 ${next.id} 被以 ${s.state} 拒绝：${s.message ?? ''}。请为新的 offer 构造新的 TaskInfo：agent_id 取自这个 offer。`,
            s.t,
          );
        }
        if (!next || next.launchedAt! > t + REACT)
          return fail(
            `${l.id} was lost at t=${fmt(t)} ${how}, and ${next ? `the next instance, ${next.id}, was launched only at t=${fmt(next.launchedAt!)}` : 'no replacement was ever launched'}. Each TASK_LOST is the signal to replace that instance${removed.has(l.agent) ? '' : '; agentLost does not always come'}. If you declined with a long filter, revive.`,
            `${l.id} 在 t=${fmt(t)} ${howZh}，而${next ? `下一个实例 ${next.id} 直到 t=${fmt(next.launchedAt!)} 才启动` : '之后再也没有启动替换实例'}。每个 TASK_LOST 都是替换这个实例的信号${removed.has(l.agent) ? '' : '；agentLost 并不总会到来'}。如果你拒绝时用了很长的过滤器，请 revive。`,
            t,
          );
        used.add(next);
        shown.push(
          `${l.id} (lost at t=${fmt(t)}) by ${next.id} on ${next.agent} at t=${fmt(next.launchedAt!)}`,
        );
        shownZh.push(
          `${l.id}（t=${fmt(t)} 丢失）由 ${next.agent} 上的 ${next.id} 在 t=${fmt(next.launchedAt!)} 替换`,
        );
      }
      return pass(`Replaced ${shown.join('; ')}.`, `${shownZh.join('；')}。`);
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
            t,
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
              `At t=${fmt(t)} ${other} and ${r.id} were both running on ${r.agent}; losing that agent would lose both. Launch on an offer only if none of your live instances is on its agent.`,
              `t=${fmt(t)} 时 ${other} 和 ${r.id} 同时运行在 ${r.agent} 上；失去这个 agent 就会同时失去两者。只有当你的存活实例都不在某个 offer 的 agent 上时，才在这个 offer 上启动。`,
              t,
            );
          seen.set(r.agent, r.id);
        }
      }
      return pass('No two instances ever shared an agent.', '从来没有两个实例共用一个 agent。');
    },
  },
  {
    name: 'Logged agentLost',
    name_zh: '在 agentLost 中打印了信息',
    run(trace, ctx) {
      const removed = eventsOf(trace, 'agent-removed').find((e) => e.agent === DEAD);
      if (!removed) return fail(`${DEAD} was never removed by the master.`, `master 始终没有移除 ${DEAD}。`);
      const logs = logsOf(trace, ctx.framework);
      const agentRe = new RegExp(`(?<![\\w-])${DEAD}(?![\\w-])`);
      const line = logs.find((l) => l.callback === 'agentLost' && agentRe.test(l.text));
      if (line)
        return pass(
          `The master removed ${DEAD} at t=${fmt(removed.t)} (${removed.reason}); agentLost logged "${line.text}".`,
          `master 在 t=${fmt(removed.t)} 移除了 ${DEAD}（${removed.reason}）；agentLost 中打印了“${line.text}”。`,
        );
      const inCallback = logs.filter((l) => l.callback === 'agentLost');
      const elsewhere = logs.find((l) => l.t >= removed.t && agentRe.test(l.text));
      const saw = inCallback.length
        ? ` In agentLost your scheduler logged ${inCallback.map((l) => `"${l.text}"`).join(', ')}, which does not name ${DEAD}: log agentId.value.`
        : elsewhere
          ? ` Your scheduler logged "${elsewhere.text}" from ${elsewhere.callback ?? 'another callback'}, not from agentLost: implement agentLost(driver, agentId).`
          : ' Your scheduler logged nothing in agentLost: implement agentLost(driver, agentId) and log agentId.value.';
      const sawZh = inCallback.length
        ? `你的调度器在 agentLost 中打印的是 ${inCallback.map((l) => `“${l.text}”`).join('、')}，其中没有 ${DEAD}：请打印 agentId.value。`
        : elsewhere
          ? `你的调度器是在 ${elsewhere.callback ?? '别的回调'} 中打印了“${elsewhere.text}”，而不是在 agentLost 中：请实现 agentLost(driver, agentId)。`
          : '你的调度器在 agentLost 中什么也没有打印：请实现 agentLost(driver, agentId) 并打印 agentId.value。';
      return fail(
        `At t=${fmt(removed.t)} the master removed ${DEAD} and told every framework through agentLost.${saw}`,
        `t=${fmt(removed.t)} 时 master 移除了 ${DEAD}，并通过 agentLost 通知了每个框架。${sawZh}`,
        removed.t,
      );
    },
  },
];
