/**
 * Lesson 4 checks: offers are answered at once, the pipeline suppresses offers while it waits for its first
 * stage, revives when the second stage becomes ready, goes quiet once everything is launched, and the
 * other framework gets the cluster it needs meanwhile.
 */
import { fail, firstHeldOffer, fmt, offerRecords, pass, taskRuns } from '../checkKit';
import type { Check, CheckContext, CheckResult } from '../types';
import type { TraceEvent } from '../../cluster/trace';

export const OTHERS = 'others';
export const OTHER_TASKS = 12;
/** With the pipeline holding only what it runs, the others' three waves of 4 s tasks end by about t=14. */
export const OTHERS_DONE_BY = 16;
const STAGE2 = ['transform-1', 'transform-2', 'transform-3'];
/** Seconds the scheduler may take to react (an allocation interval and a bit). */
const SLACK = 2;

interface Stages {
  extractLaunch: number;
  extractEnd: number;
}

/** When extract was launched and finished; a failing result when it did not. */
function stages(trace: readonly TraceEvent[], ctx: CheckContext): Stages | CheckResult {
  const extract = taskRuns(trace, ctx.framework).find((r) => r.id === 'extract' && r.launchedAt !== null);
  if (!extract) return fail('The extract task was never launched.', 'extract 任务从未启动。');
  if (extract.state !== 'TASK_FINISHED' || extract.endedAt === null)
    return fail(
      `The extract task ended in ${extract.state}, so the second stage never became ready.`,
      `extract 任务的最终状态是 ${extract.state}，第二阶段始终没有就绪。`,
    );
  return { extractLaunch: extract.launchedAt!, extractEnd: extract.endedAt };
}

export const checks: Check[] = [
  {
    name: 'Answered every offer at once',
    name_zh: '立即回应每个 offer',
    run(trace, ctx) {
      const held = firstHeldOffer(offerRecords(trace, ctx.framework), 1, ctx.scenario.until);
      if (!held)
        return pass(
          'Every offer was used or declined within a second.',
          '每个 offer 都在一秒内被使用或拒绝。',
        );
      const o = held.offer;
      return fail(
        `Offer ${o.id} (${o.agent}, t=${fmt(o.at)}) was ${o.closedAt === null ? `still held at the end` : `held until t=${fmt(o.closedAt)}`}: ${fmt(held.held)} s during which nobody else could use ${o.agent}'s resources.`,
        `offer ${o.id}（${o.agent}，t=${fmt(o.at)}）${o.closedAt === null ? '直到结束都被占着' : `一直被占到 t=${fmt(o.closedAt)}`}：这 ${fmt(held.held)} 秒里，别人都用不了 ${o.agent} 的资源。`,
      );
    },
  },
  {
    name: 'Suppressed offers while waiting',
    name_zh: '等待期间暂停了 offer',
    run(trace, ctx) {
      const s = stages(trace, ctx);
      if (!('extractEnd' in s)) return s;
      const from = s.extractLaunch + SLACK;
      const during = offerRecords(trace, ctx.framework).filter((o) => o.at > from && o.at < s.extractEnd);
      if (during.length === 0)
        return pass(
          `From t=${fmt(from)} until extract finished at t=${fmt(s.extractEnd)}, no offers were made to the pipeline.`,
          `从 t=${fmt(from)} 到 extract 在 t=${fmt(s.extractEnd)} 完成，没有向流水线发出任何 offer。`,
        );
      const o = during[0]!;
      return fail(
        `Extract ran from t=${fmt(s.extractLaunch)} to t=${fmt(s.extractEnd)} and the pipeline had nothing else to launch, yet it was offered ${during.length} offer(s) meanwhile, the first ${o.id} on ${o.agent} at t=${fmt(o.at)}. Suppress offers when you have nothing to run.`,
        `extract 从 t=${fmt(s.extractLaunch)} 运行到 t=${fmt(s.extractEnd)}，这期间流水线没有别的任务要启动，却收到了 ${during.length} 个 offer，第一个是 t=${fmt(o.at)} 在 ${o.agent} 上的 ${o.id}。没有任务要运行时，请暂停（suppress）offer。`,
      );
    },
  },
  {
    name: 'Revived when the second stage was ready',
    name_zh: '第二阶段就绪时恢复了 offer',
    run(trace, ctx) {
      const s = stages(trace, ctx);
      if (!('extractEnd' in s)) return s;
      const runs = taskRuns(trace, ctx.framework);
      for (const id of STAGE2) {
        const r = runs.find((x) => x.id === id && x.launchedAt !== null);
        if (!r)
          return fail(
            `Extract finished at t=${fmt(s.extractEnd)}, but ${id} was never launched. A suppressed framework gets no offers until it revives.`,
            `extract 在 t=${fmt(s.extractEnd)} 完成，但 ${id} 一直没有启动。被暂停的框架在恢复（revive）之前收不到任何 offer。`,
          );
        if (r.launchedAt! > s.extractEnd + SLACK)
          return fail(
            `Extract finished at t=${fmt(s.extractEnd)}, but ${id} was launched only at t=${fmt(r.launchedAt!)}.`,
            `extract 在 t=${fmt(s.extractEnd)} 完成，但 ${id} 直到 t=${fmt(r.launchedAt!)} 才启动。`,
          );
      }
      return pass(
        `All of the second stage was launched within ${SLACK} s after extract finished at t=${fmt(s.extractEnd)}.`,
        `extract 在 t=${fmt(s.extractEnd)} 完成后 ${SLACK} 秒内，第二阶段全部启动。`,
      );
    },
  },
  {
    name: 'Went quiet when everything was launched',
    name_zh: '全部启动后不再接收 offer',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework).filter(
        (r) => STAGE2.includes(r.id) && r.launchedAt !== null,
      );
      if (runs.length < STAGE2.length)
        return fail('The second stage was not fully launched.', '第二阶段没有全部启动。');
      const last = Math.max(...runs.map((r) => r.launchedAt!));
      const after = offerRecords(trace, ctx.framework).filter((o) => o.at > last + SLACK);
      if (after.length === 0)
        return pass(
          `After the last launch at t=${fmt(last)}, no more offers were made to the pipeline.`,
          `最后一次启动（t=${fmt(last)}）之后，流水线再没有收到 offer。`,
        );
      const o = after[0]!;
      return fail(
        `Everything was launched by t=${fmt(last)}, but the pipeline was still offered ${after.length} offer(s), the first ${o.id} at t=${fmt(o.at)}.`,
        `所有任务在 t=${fmt(last)} 前已启动，但流水线之后仍收到 ${after.length} 个 offer，第一个是 t=${fmt(o.at)} 的 ${o.id}。`,
      );
    },
  },
  {
    name: 'The other framework got its turn',
    name_zh: '另一个框架也轮到了资源',
    run(trace, ctx) {
      const finished = taskRuns(trace, OTHERS).filter((r) => r.state === 'TASK_FINISHED');
      const end = finished.length >= OTHER_TASKS ? Math.max(...finished.map((r) => r.endedAt!)) : null;
      if (end !== null && end <= OTHERS_DONE_BY)
        return pass(
          `The ${OTHERS} framework finished its ${OTHER_TASKS} tasks by t=${fmt(end)}.`,
          `${OTHERS} 框架在 t=${fmt(end)} 前完成了全部 ${OTHER_TASKS} 个任务。`,
        );
      const why =
        'when the pipeline holds only what it runs, they are done by about t=14; resources the pipeline keeps or is offered over and over are resources the others wait for';
      const whyZh =
        '如果流水线只占用它真正运行的资源，它们大约在 t=14 完成；流水线扣着不放或被反复提供的资源，正是别人在等的资源';
      if (end !== null)
        return fail(
          `The ${OTHERS} framework finished its ${OTHER_TASKS} tasks only at t=${fmt(end)} (${why}).`,
          `${OTHERS} 框架直到 t=${fmt(end)} 才完成全部 ${OTHER_TASKS} 个任务（${whyZh}）。`,
        );
      return fail(
        `By t=${fmt(ctx.scenario.until)} the ${OTHERS} framework had finished only ${finished.length} of its ${OTHER_TASKS} tasks (${why}).`,
        `到 t=${fmt(ctx.scenario.until)}，${OTHERS} 框架的 ${OTHER_TASKS} 个任务只完成了 ${finished.length} 个（${whyZh}）。`,
      );
    },
  },
];
