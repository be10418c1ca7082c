/**
 * Lesson 11 checks: most map tasks ran on the rack that holds their data, no task waited long for it (the
 * delay in delay scheduling is short), the job finished, and offers were not held while waiting.
 */
import {
  agentAttributes,
  addedAt,
  fail,
  firstHeldOffer,
  fmt,
  offerRecords,
  pass,
  taskRuns,
} from '../checkKit';
import type { Check } from '../types';

export const PREFERRED: Record<string, string> = {
  m1: 'r1',
  m2: 'r1',
  m3: 'r1',
  m4: 'r1',
  m5: 'r2',
  m6: 'r2',
  m7: 'r3',
  m8: 'r3',
};
const TASKS = Object.keys(PREFERRED);
/** Six of eight: r1 has room for only two tasks until t≈12, so two r1 tasks cannot be local in time. */
export const MIN_LOCAL = 6;
/** The longest any task may wait for a slot, from the framework's start. */
export const MAX_WAIT = 8;

export const checks: Check[] = [
  {
    name: 'Most tasks ran next to their data',
    name_zh: '大多数任务运行在数据旁边',
    run(trace, ctx) {
      const racks = agentAttributes(trace);
      const runs = taskRuns(trace, ctx.framework).filter(
        (r) => r.launchedAt !== null && TASKS.includes(r.id),
      );
      const local = runs.filter((r) => racks.get(r.agent)?.rack === PREFERRED[r.id]);
      const remote = runs.filter((r) => !local.includes(r));
      const shown = remote.map(
        (r) => `${r.id} on ${r.agent} (${racks.get(r.agent)?.rack ?? '?'}, wanted ${PREFERRED[r.id]})`,
      );
      const shownZh = remote.map(
        (r) => `${r.id} 在 ${r.agent}（${racks.get(r.agent)?.rack ?? '?'}，想要 ${PREFERRED[r.id]}）`,
      );
      if (local.length >= MIN_LOCAL)
        return pass(
          `${local.length} of ${TASKS.length} tasks ran on their preferred rack${remote.length ? `; the others: ${shown.join(', ')}` : ''}.`,
          `${TASKS.length} 个任务中有 ${local.length} 个运行在首选机架上${remote.length ? `；其余：${shownZh.join('、')}` : ''}。`,
        );
      return fail(
        `Only ${local.length} of ${TASKS.length} tasks ran on their preferred rack (at least ${MIN_LOCAL} can): ${shown.join(', ')}. Wait a few offer rounds for the right rack before taking any offer.`,
        `${TASKS.length} 个任务中只有 ${local.length} 个运行在首选机架上（至少可以做到 ${MIN_LOCAL} 个）：${shownZh.join('、')}。在接受任意 offer 之前，先为正确的机架等待几轮 offer。`,
      );
    },
  },
  {
    name: 'No task waited long',
    name_zh: '没有任务等待太久',
    run(trace, ctx) {
      const start = addedAt(trace, ctx.framework) ?? 0;
      const runs = taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null);
      for (const id of TASKS) {
        const r = runs.find((x) => x.id === id);
        if (!r)
          return fail(
            `${id} was never launched: waiting for a rack that has no room is waiting forever.`,
            `${id} 从未启动：等待一个没有空位的机架，就是永远等下去。`,
          );
        if (r.launchedAt! - start > MAX_WAIT)
          return fail(
            `${id} was launched only at t=${fmt(r.launchedAt!)}, ${fmt(r.launchedAt! - start)} s after the job started. Delay scheduling waits a little, then takes what is offered.`,
            `${id} 直到 t=${fmt(r.launchedAt!)} 才启动，距作业开始已过去 ${fmt(r.launchedAt! - start)} 秒。延迟调度只等一小会儿，然后就接受送来的资源。`,
          );
      }
      return pass(`Every task was launched within ${MAX_WAIT} s.`, `每个任务都在 ${MAX_WAIT} 秒内启动。`);
    },
  },
  {
    name: 'The job finished',
    name_zh: '作业完成了',
    run(trace, ctx) {
      const done = new Set(
        taskRuns(trace, ctx.framework)
          .filter((r) => r.state === 'TASK_FINISHED')
          .map((r) => r.id),
      );
      const missing = TASKS.filter((t) => !done.has(t));
      if (missing.length === 0) return pass('All 8 map tasks finished.', '全部 8 个 map 任务都已完成。');
      return fail(
        `These tasks did not finish: ${missing.join(', ')}.`,
        `这些任务没有完成：${missing.join('、')}。`,
      );
    },
  },
  {
    name: 'Waited without holding offers',
    name_zh: '等待时没有扣住 offer',
    run(trace, ctx) {
      const held = firstHeldOffer(offerRecords(trace, ctx.framework), 1, ctx.scenario.until);
      if (!held)
        return pass('Offers it did not want were declined at once.', '不想要的 offer 都被立即拒绝了。');
      const o = held.offer;
      return fail(
        `Offer ${o.id} (${o.agent}, t=${fmt(o.at)}) was held for ${fmt(held.held)} s. Waiting for a better rack means declining, not keeping, the offers you do not want.`,
        `offer ${o.id}（${o.agent}，t=${fmt(o.at)}）被扣了 ${fmt(held.held)} 秒。等待更好的机架，意味着拒绝而不是扣住不想要的 offer。`,
      );
    },
  },
];
