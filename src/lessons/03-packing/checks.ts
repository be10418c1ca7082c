/**
 * Lesson 3 checks: no task asked for more than its offer held (no TASK_ERROR), every offer that arrived
 * while tasks were waiting was filled as far as it could be, each of the twelve tasks was launched once,
 * and offers that could hold nothing were declined rather than kept.
 *
 * A task the master rejected counts as launched (its attempt was made, and the first check reports it), so
 * that one mistake fails one check: a scheduler that over-commits an offer is told so once, not also that
 * its job is short of tasks or that later offers went unfilled.
 */
import {
  fail,
  firstHeldOffer,
  firstTaskError,
  fits,
  fmt,
  minus,
  offerRecords,
  pass,
  showResources,
  taskRuns,
  type OfferRecord,
  type TaskRun,
} from '../checkKit';
import type { Check } from '../types';

export const TOTAL = 12;
export const DEMAND = { cpus: 1, mem: 1024 };

/** How many tasks of DEMAND fit in `q`. */
const room = (q: Record<string, number>): number =>
  Math.min(...Object.entries(DEMAND).map(([k, v]) => Math.floor(((q[k] ?? 0) + 1e-9) / v)));

/** When the framework made each attempt: the launch, or the master's TASK_ERROR for a rejected task. */
const attemptAt = (r: TaskRun): number => r.launchedAt ?? r.states[0]?.t ?? 0;

export const checks: Check[] = [
  {
    name: 'Never asked for more than an offer held',
    name_zh: '从未超出 offer 的资源',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const err = firstTaskError(runs);
      if (!err) return pass('No task was rejected with TASK_ERROR.', '没有任务因 TASK_ERROR 被拒绝。');
      const rejected = runs.filter((r) => r.state === 'TASK_ERROR').length;
      return fail(
        `At t=${fmt(err.t)} the master rejected task ${err.task} with TASK_ERROR: ${err.message}${rejected > 1 ? ` (${rejected} tasks were rejected in all)` : ''}. Tasks launched on one offer share it: before placing the next task, subtract what the earlier ones take, in cpus and in mem, and stop when either runs short.`,
        `t=${fmt(err.t)} 时 master 以 TASK_ERROR 拒绝了任务 ${err.task}：${err.message}${rejected > 1 ? `（一共有 ${rejected} 个任务被拒绝）` : ''}。同一个 offer 上的任务共享它的资源：放下一个任务之前，先减去前面任务用掉的 cpus 和 mem，任何一项不够就停下。`,
        err.t,
      );
    },
  },
  {
    name: 'Filled every offer while work was waiting',
    name_zh: '有任务等待时填满了每个 offer',
    run(trace, ctx) {
      const offers = offerRecords(trace, ctx.framework).filter((o) => o.outcome !== 'outstanding');
      const runs = taskRuns(trace, ctx.framework);
      const used = new Map<string, Record<string, number>>();
      for (const r of runs)
        if (r.launchedAt !== null)
          for (const o of r.offers) {
            const after = { ...(used.get(o) ?? {}) };
            for (const [k, v] of Object.entries(r.resources)) after[k] = (after[k] ?? 0) + v;
            used.set(o, after);
          }
      // Tasks the framework had not tried yet when it answered the offer, as it sees its own job.
      const waitingAt = (t: number): number =>
        TOTAL - new Set(runs.filter((r) => attemptAt(r) <= t).map((r) => r.id)).size;
      const wasteful = (
        o: OfferRecord,
      ): { left: Record<string, number>; extra: number; waiting: number } | null => {
        if (o.closedAt === null || o.outcome === 'rescinded') return null;
        const waiting = waitingAt(o.closedAt);
        if (waiting <= 0) return null;
        const left = minus(o.resources, used.get(o.id) ?? {});
        const extra = Math.min(room(left), waiting);
        return extra > 0 && fits(DEMAND, left) ? { left, extra, waiting } : null;
      };
      for (const o of offers) {
        const w = wasteful(o);
        if (!w) continue;
        const placed = o.tasks.length;
        return fail(
          `At t=${fmt(o.closedAt!)} offer ${o.id} on ${o.agent} (${showResources(o.resources)}) was ${o.outcome === 'declined' ? 'declined' : `used for ${placed} task(s)`}, leaving ${showResources(w.left)} unused, room for ${w.extra} more task(s), while ${w.waiting} task(s) were still waiting. Keep placing tasks on an offer while both its cpus and its mem have room for one more.`,
          `t=${fmt(o.closedAt!)} 时 ${o.agent} 上的 offer ${o.id}（${showResources(o.resources)}）${o.outcome === 'declined' ? '被拒绝了' : `只放了 ${placed} 个任务`}，留下 ${showResources(w.left)} 没用，还能再放 ${w.extra} 个任务，而此时还有 ${w.waiting} 个任务在等待。只要 offer 剩下的 cpus 和 mem 都还够一个任务，就继续往上放。`,
          o.closedAt!,
        );
      }
      return pass(
        'Whenever tasks were waiting, each offer was used until no further task fitted.',
        '只要还有任务在等待，每个 offer 都被用到放不下更多任务为止。',
      );
    },
  },
  {
    name: `Launched each of the ${TOTAL} tasks once`,
    name_zh: `${TOTAL} 个任务各启动一次`,
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const tried = runs.filter((r) => r.launchedAt !== null || r.state === 'TASK_ERROR');
      const seen = new Map<string, TaskRun>();
      for (const r of tried.filter((x) => x.launchedAt !== null)) {
        const before = seen.get(r.id);
        if (before)
          return fail(
            `Task ${r.id} was launched at t=${fmt(before.launchedAt!)} and again at t=${fmt(r.launchedAt!)}: each task of the job runs once.`,
            `任务 ${r.id} 在 t=${fmt(before.launchedAt!)} 启动过，又在 t=${fmt(r.launchedAt!)} 再次启动：作业里的每个任务只运行一次。`,
            r.launchedAt!,
          );
        seen.set(r.id, r);
      }
      const ids = [...new Set(tried.map((r) => r.id))];
      if (ids.length > TOTAL) {
        const extra = tried.find((r) => r.id === ids[TOTAL])!;
        return fail(
          `The job has ${TOTAL} tasks, but at t=${fmt(attemptAt(extra))} a task number ${TOTAL + 1} (${extra.id}) was launched. Count the tasks you launch and stop at ${TOTAL}.`,
          `这个作业只有 ${TOTAL} 个任务，但 t=${fmt(attemptAt(extra))} 时启动了第 ${TOTAL + 1} 个任务（${extra.id}）。数一数你启动了多少个任务，到 ${TOTAL} 个就停。`,
          attemptAt(extra),
        );
      }
      if (ids.length < TOTAL)
        return fail(
          `By the end, t=${fmt(ctx.scenario.until)}, only ${ids.length} of the ${TOTAL} tasks had been launched.`,
          `到结束时（t=${fmt(ctx.scenario.until)}），${TOTAL} 个任务中只启动了 ${ids.length} 个。`,
        );
      const rejected = tried.filter((r) => r.launchedAt === null).length;
      const finished = runs.filter((r) => r.state === 'TASK_FINISHED');
      const last = finished.length ? Math.max(...finished.map((r) => r.endedAt!)) : null;
      return pass(
        `All ${TOTAL} tasks were launched, each once${rejected ? ` (${rejected} of them rejected with TASK_ERROR)` : ''}; ${finished.length} finished${last !== null ? `, the last at t=${fmt(last)}` : ''}.`,
        `全部 ${TOTAL} 个任务都各启动了一次${rejected ? `（其中 ${rejected} 个被以 TASK_ERROR 拒绝）` : ''}；完成了 ${finished.length} 个${last !== null ? `，最后一个在 t=${fmt(last)}` : ''}。`,
      );
    },
  },
  {
    name: 'Declined offers it could not use',
    name_zh: '拒绝了用不上的 offer',
    run(trace, ctx) {
      const held = firstHeldOffer(offerRecords(trace, ctx.framework), 1, ctx.scenario.until);
      if (!held)
        return pass(
          'Every offer was used or declined within a second.',
          '每个 offer 都在一秒内被使用或拒绝。',
        );
      const o = held.offer;
      return fail(
        `Offer ${o.id} (${o.agent}, ${showResources(o.resources)}, t=${fmt(o.at)}) was ${o.closedAt === null ? 'never answered' : `answered only at t=${fmt(o.closedAt)}`}. An offer that cannot hold a task must still be declined: until then its resources count as yours.`,
        `offer ${o.id}（${o.agent}，${showResources(o.resources)}，t=${fmt(o.at)}）${o.closedAt === null ? '一直没有得到回应' : `直到 t=${fmt(o.closedAt)} 才得到回应`}。放不下任务的 offer 也必须拒绝：在此之前，它的资源都算在你头上。`,
        o.at,
      );
    },
  },
];
