/**
 * Lesson 9 checks, over the work items long, s1…s4 (a task id "s3.2" is attempt 2 of s3): every item
 * finished, even the two whose launches the failed master never carried out; no item ever ran twice at
 * once or again after finishing; and the lost items were launched again soon after the new master led.
 */
import { byItem, eventsOf, fail, fmt, pass, taskRuns } from '../checkKit';
import type { Check } from '../types';

export const ITEMS = ['long', 's1', 's2', 's3', 's4'];
/** Seconds after the new leader's election by which lost items must be launched again. */
const RESUME = 5;

export const checks: Check[] = [
  {
    name: 'Every item finished',
    name_zh: '每个工作项都完成了',
    run(trace, ctx) {
      const items = byItem(taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null));
      for (const name of ITEMS) {
        const runs = items.get(name) ?? [];
        if (runs.some((r) => r.state === 'TASK_FINISHED')) continue;
        const last = runs[runs.length - 1];
        return fail(
          last
            ? `${name} never finished: its last attempt the cluster knows of, ${last.id}, is ${last.state}. If you launched it again later, the master never received that launch.`
            : `${name} never ran: if you launched it, the master never received the launch (it failed at t=6.0015). Reconcile after re-registering to find out.`,
          last
            ? `${name} 始终没有完成：集群所知的最后一次尝试 ${last.id} 处于 ${last.state}。如果你之后又启动过它，master 从未收到那次启动。`
            : `${name} 从未运行：即使你启动过它，master 也从未收到这次启动（它在 t=6.0015 宕机）。重新注册后请进行协调（reconcile）来查明情况。`,
        );
      }
      return pass(`All of ${ITEMS.join(', ')} finished.`, `${ITEMS.join('、')} 全部完成。`);
    },
  },
  {
    name: 'No work ran twice',
    name_zh: '没有重复运行的工作',
    run(trace, ctx) {
      const items = byItem(taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null));
      for (const [name, runs] of items)
        for (let i = 1; i < runs.length; i++) {
          const next = runs[i]!;
          for (const prev of runs.slice(0, i)) {
            if (prev.state === 'TASK_FINISHED' && prev.endedAt! <= next.launchedAt!)
              return fail(
                `${name} had finished (${prev.id}, t=${fmt(prev.endedAt!)}), yet ${next.id} was launched at t=${fmt(next.launchedAt!)}.`,
                `${name} 已经完成（${prev.id}，t=${fmt(prev.endedAt!)}），却在 t=${fmt(next.launchedAt!)} 又启动了 ${next.id}。`,
              );
            if (prev.endedAt === null || prev.endedAt > next.launchedAt!)
              return fail(
                `At t=${fmt(next.launchedAt!)} ${next.id} was launched while ${prev.id} of the same item was still running on ${prev.agent}. After a failover, ask the master (reconcile) before launching again.`,
                `t=${fmt(next.launchedAt!)} 时启动了 ${next.id}，而同一工作项的 ${prev.id} 仍在 ${prev.agent} 上运行。故障切换之后，要先问 master（协调），再决定是否重新启动。`,
              );
          }
        }
      return pass('No item ever had two attempts running at once.', '没有任何工作项同时运行两次尝试。');
    },
  },
  {
    name: 'Resumed soon after the failover',
    name_zh: '故障切换后迅速恢复',
    run(trace, ctx) {
      const leaders = eventsOf(trace, 'leader');
      const elected = leaders[1];
      if (!elected) return fail('No new master was elected.', '没有选出新的 master。');
      const items = byItem(taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null));
      const missing = ITEMS.filter(
        (name) => !(items.get(name) ?? []).some((r) => r.launchedAt! <= elected.t),
      );
      const late = missing
        .map((name) => ({
          name,
          at: (items.get(name) ?? []).find((r) => r.launchedAt! > elected.t)?.launchedAt ?? null,
        }))
        .find((x) => x.at === null || x.at > elected.t + RESUME);
      if (late)
        return fail(
          `The new master led from t=${fmt(elected.t)}, but ${late.name} ${late.at === null ? 'was never launched afterwards' : `was launched only at t=${fmt(late.at)}`}.`,
          `新的 master 从 t=${fmt(elected.t)} 开始领导，但 ${late.name} ${late.at === null ? '之后再也没有启动' : `直到 t=${fmt(late.at)} 才启动`}。`,
        );
      return pass(
        `The new master led from t=${fmt(elected.t)}; ${missing.length ? `${missing.join(' and ')} ran again within ${RESUME} s` : 'nothing had to be launched again'}.`,
        `新的 master 从 t=${fmt(elected.t)} 开始领导；${missing.length ? `${missing.join('、')} 在 ${RESUME} 秒内重新运行` : '没有需要重新启动的工作'}。`,
      );
    },
  },
];
