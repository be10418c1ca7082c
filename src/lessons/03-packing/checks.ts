/**
 * Lesson 3 checks: no task asked for more than its offer held (no TASK_ERROR), every offer that arrived
 * while tasks were waiting was filled as far as it could be, and the job of twelve tasks ran to completion
 * exactly once.
 */
import {
  fail,
  firstTaskError,
  fits,
  fmt,
  minus,
  offerRecords,
  pass,
  showResources,
  taskRuns,
  type OfferRecord,
} from '../checkKit';
import type { Check } from '../types';

export const TOTAL = 12;
export const DEMAND = { cpus: 1, mem: 1024 };

/** How many tasks of DEMAND fit in `q`. */
const room = (q: Record<string, number>): number =>
  Math.min(...Object.entries(DEMAND).map(([k, v]) => Math.floor(((q[k] ?? 0) + 1e-9) / v)));

export const checks: Check[] = [
  {
    name: 'Never asked for more than an offer held',
    name_zh: '从未超出 offer 的资源',
    run(trace, ctx) {
      const err = firstTaskError(taskRuns(trace, ctx.framework));
      if (!err) return pass('No task was rejected with TASK_ERROR.', '没有任务因 TASK_ERROR 被拒绝。');
      return fail(
        `At t=${fmt(err.t)} task ${err.task} was rejected with TASK_ERROR: ${err.message}. Tasks launched on one offer share it: subtract each task's cpus and mem before placing the next.`,
        `t=${fmt(err.t)} 时任务 ${err.task} 被以 TASK_ERROR 拒绝：${err.message}。同一个 offer 上的任务共享它的资源：放下一个任务之前，先减去前一个任务用掉的 cpus 和 mem。`,
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
            const before = used.get(o) ?? {};
            const after = { ...before };
            for (const [k, v] of Object.entries(r.resources)) after[k] = (after[k] ?? 0) + v;
            used.set(o, after);
          }
      const launchedBy = (t: number): number =>
        runs.filter((r) => r.launchedAt !== null && r.launchedAt <= t).length;
      const wasteful = (
        o: OfferRecord,
      ): { left: Record<string, number>; extra: number; waiting: number } | null => {
        if (o.closedAt === null || o.outcome === 'rescinded') return null;
        const waiting = TOTAL - launchedBy(o.closedAt);
        if (waiting <= 0) return null;
        const left = minus(o.resources, used.get(o.id) ?? {});
        const extra = Math.min(room(left), waiting);
        return extra > 0 && fits(DEMAND, left) ? { left, extra, waiting } : null;
      };
      for (const o of offers) {
        const w = wasteful(o);
        if (!w) continue;
        return fail(
          `At t=${fmt(o.closedAt!)} offer ${o.id} on ${o.agent} was ${o.outcome} with ${showResources(w.left)} unused, room for ${w.extra} more task(s), while ${w.waiting} task(s) were still waiting.`,
          `t=${fmt(o.closedAt!)} 时 ${o.agent} 上的 offer ${o.id} 被${o.outcome === 'declined' ? '拒绝' : '接受'}，却留下 ${showResources(w.left)} 没用，还能再放 ${w.extra} 个任务，而此时还有 ${w.waiting} 个任务在等待。`,
        );
      }
      return pass(
        'Whenever tasks were waiting, each offer was used until no further task fitted.',
        '只要还有任务在等待，每个 offer 都被用到放不下更多任务为止。',
      );
    },
  },
  {
    name: `Ran the ${TOTAL} tasks, each once`,
    name_zh: `${TOTAL} 个任务各运行一次`,
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null);
      const finished = runs.filter((r) => r.state === 'TASK_FINISHED');
      if (runs.length > TOTAL) {
        const extra = runs[TOTAL]!;
        return fail(
          `The job has ${TOTAL} tasks, but at t=${fmt(extra.launchedAt!)} task number ${TOTAL + 1} (${extra.id}) was launched.`,
          `这个作业只有 ${TOTAL} 个任务，但 t=${fmt(extra.launchedAt!)} 时启动了第 ${TOTAL + 1} 个任务（${extra.id}）。`,
        );
      }
      if (finished.length === TOTAL) {
        const end = Math.max(...finished.map((r) => r.endedAt!));
        return pass(
          `All ${TOTAL} tasks finished; the last at t=${fmt(end)}.`,
          `全部 ${TOTAL} 个任务都已完成，最后一个在 t=${fmt(end)}。`,
        );
      }
      return fail(
        `Only ${finished.length} of ${TOTAL} tasks finished by t=${fmt(ctx.scenario.until)} (${runs.length} launched).`,
        `到 t=${fmt(ctx.scenario.until)} 为止，${TOTAL} 个任务中只完成了 ${finished.length} 个（启动了 ${runs.length} 个）。`,
      );
    },
  },
];
