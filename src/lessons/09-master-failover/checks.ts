/**
 * Lesson 9 checks, over the work items long, s1…s4 (a task id "s3.2" is attempt 2 of s3): every item
 * finished, and the items whose launches the failed master never carried out were found and launched again
 * as soon as the new master could offer room for them; and no item ever ran twice at once or again after
 * finishing.
 *
 * Which launches are lost depends on when the scheduler made them; the checks read that from the run: an
 * item with no launch the cluster knew of by the time the new master led is one the scheduler must find
 * out about (by reconciling) and launch again.
 */
import { byItem, eventsOf, fail, fmt, offerRecords, pass, showResources, taskRuns } from '../checkKit';
import type { Check } from '../types';

export const ITEMS = ['long', 's1', 's2', 's3', 's4'];
/** Seconds after the new leader's election within which offers with room must be used for lost items. */
const RESUME = 5;
/** What one task needs. */
const TASK = { cpus: 1, mem: 1024 };

export const checks: Check[] = [
  {
    name: 'Found the lost launches and ran them',
    name_zh: '查明了丢失的启动并重新运行',
    run(trace, ctx) {
      const elected = eventsOf(trace, 'leader')[1];
      const items = byItem(taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null));
      const offers = offerRecords(trace, ctx.framework);
      // Items the cluster had no launch of when the new master took over: their launches were lost (or never made).
      const missing = elected
        ? ITEMS.filter((name) => !(items.get(name) ?? []).some((r) => r.launchedAt! <= elected.t))
        : [];
      for (const name of missing) {
        const relaunch = (items.get(name) ?? []).find((r) => r.launchedAt! > elected!.t);
        // An offer with room that the framework declined, after it could have known, while the item waited.
        const idle = offers.find(
          (o) =>
            o.at > elected!.t + RESUME &&
            (relaunch === undefined || o.at < relaunch.launchedAt!) &&
            o.outcome === 'declined' &&
            (o.resources.cpus ?? 0) >= TASK.cpus &&
            (o.resources.mem ?? 0) >= TASK.mem,
        );
        if (idle)
          return fail(
            `The new master led from t=${fmt(elected!.t)}, and the cluster had no launch of ${name}: the failed master never received it. At t=${fmt(idle.at)} your scheduler declined offer ${idle.id} (${idle.agent}, ${showResources(idle.resources)}) while ${name} ${relaunch ? `was only launched again at t=${fmt(relaunch.launchedAt!)}` : 'never ran again'}. After re-registering, reconcile the tasks you did not see end, by task id and agent, and ask again until the master has answered each: TASK_LOST means launch it again.`,
            `新的 master 从 t=${fmt(elected!.t)} 开始领导，而集群里没有 ${name} 的任何启动：宕机的 master 没有收到它。t=${fmt(idle.at)} 时你的调度器拒绝了 offer ${idle.id}（${idle.agent}，${showResources(idle.resources)}），而 ${name} ${relaunch ? `直到 t=${fmt(relaunch.launchedAt!)} 才重新启动` : '再也没有运行'}。重新注册之后，请按任务 ID 和 agent 对没有看到结束的任务进行协调，并一直询问，直到 master 对每个任务都作出回答：TASK_LOST 表示要重新启动它。`,
            idle.at,
          );
      }
      for (const name of ITEMS) {
        const runs = items.get(name) ?? [];
        if (runs.some((r) => r.state === 'TASK_FINISHED')) continue;
        const last = runs[runs.length - 1];
        return fail(
          last
            ? `${name} never finished by t=${fmt(ctx.scenario.until)}: its last attempt the cluster knows of, ${last.id}, is ${last.state}.`
            : `${name} never ran: ${elected ? `if you launched it, the master never received the launch (the leading master failed, and a new one led from t=${fmt(elected.t)}). Reconcile after re-registering to find out` : 'launch every item of the job'}.`,
          last
            ? `到 t=${fmt(ctx.scenario.until)} 为止 ${name} 始终没有完成：集群所知的最后一次尝试 ${last.id} 处于 ${last.state}。`
            : `${name} 从未运行：${elected ? `即使你启动过它，master 也从未收到这次启动（领导 master 宕机了，新的 master 从 t=${fmt(elected.t)} 开始领导）。重新注册后请进行协调（reconcile）来查明情况` : '作业里的每个工作项都要启动'}。`,
          last ? (last.endedAt ?? last.launchedAt!) : elected?.t,
        );
      }
      return pass(
        `All of ${ITEMS.join(', ')} finished${missing.length ? `; ${missing.join(' and ')}, whose launches the failed master never received, ran again after the new master led from t=${fmt(elected!.t)}` : ''}.`,
        `${ITEMS.join('、')} 全部完成${missing.length ? `；宕机的 master 没有收到其启动的 ${missing.join('、')}，在新的 master 于 t=${fmt(elected!.t)} 开始领导之后重新运行` : ''}。`,
      );
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
                next.launchedAt!,
              );
            if (prev.endedAt === null || prev.endedAt > next.launchedAt!)
              return fail(
                `At t=${fmt(next.launchedAt!)} ${next.id} was launched while ${prev.id} of the same item was still running on ${prev.agent}. A task you have not heard from since the failover may well be running: launch it again only when the master answers TASK_LOST, and ask again while it says nothing.`,
                `t=${fmt(next.launchedAt!)} 时启动了 ${next.id}，而同一工作项的 ${prev.id} 仍在 ${prev.agent} 上运行。故障切换之后没有消息的任务很可能仍在运行：只有 master 回答 TASK_LOST 时才重新启动它，master 沉默时就再问一次。`,
                next.launchedAt!,
              );
          }
        }
      return pass('No item ever had two attempts running at once.', '没有任何工作项同时运行两次尝试。');
    },
  },
];
