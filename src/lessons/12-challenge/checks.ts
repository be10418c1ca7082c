/**
 * Lesson 12 checks, the challenge's score: throughput (your 22 tasks done by t=24, with each run once and
 * none rejected) and fairness (the built-in rival, which only wants its fair share, is done by t=14, and no
 * offer is held). A scheduler that suppresses while idle, packs its offers and declines leftovers with a
 * filter scores 19 s and 12 s.
 */
import { fail, firstHeldOffer, firstTaskError, fmt, offerRecords, pass, taskRuns } from '../checkKit';
import type { Check } from '../types';
import type { TraceEvent } from '../../cluster/trace';

export const RIVAL = 'rival';
export const RIVAL_TASKS = 30;
export const JOB = 22;
/** Your job must be done by then: packing and prompt reviving make it about 19 s. */
export const JOB_BY = 24;
/** The rival must be done by then: about 12 s when you leave it the resources you do not use. */
export const RIVAL_BY = 14;

/** When the last of `n` distinct tasks of `fw` finished, or null if fewer finished. */
function doneAt(
  trace: readonly TraceEvent[],
  fw: string,
  n: number,
): { at: number | null; finished: number } {
  const finished = taskRuns(trace, fw).filter((r) => r.state === 'TASK_FINISHED');
  const ids = new Set(finished.map((r) => r.id));
  return { at: ids.size >= n ? Math.max(...finished.map((r) => r.endedAt!)) : null, finished: ids.size };
}

export const checks: Check[] = [
  {
    name: `Throughput: your job done by t=${JOB_BY}`,
    name_zh: `吞吐量：你的作业在 t=${JOB_BY} 前完成`,
    run(trace, ctx) {
      const { at, finished } = doneAt(trace, ctx.framework, JOB);
      if (at !== null && at <= JOB_BY)
        return pass(
          `Your ${JOB} tasks were done at t=${fmt(at)}: ${fmt((JOB / at) * 60)} tasks a minute.`,
          `你的 ${JOB} 个任务在 t=${fmt(at)} 全部完成：每分钟 ${fmt((JOB / at) * 60)} 个任务。`,
        );
      if (at !== null)
        return fail(
          `Your ${JOB} tasks were done only at t=${fmt(at)} (target t=${JOB_BY}): pack every offer you get, and ask for offers again as soon as stage B is ready.`,
          `你的 ${JOB} 个任务直到 t=${fmt(at)} 才全部完成（目标 t=${JOB_BY}）：把拿到的每个 offer 装满，并在 B 阶段就绪时立刻重新请求 offer。`,
        );
      return fail(
        `Only ${finished} of your ${JOB} tasks finished by t=${fmt(ctx.scenario.until)}.`,
        `到 t=${fmt(ctx.scenario.until)} 为止，你的 ${JOB} 个任务只完成了 ${finished} 个。`,
      );
    },
  },
  {
    name: `Fairness: the rival done by t=${RIVAL_BY}`,
    name_zh: `公平性：对手在 t=${RIVAL_BY} 前完成`,
    run(trace) {
      const { at, finished } = doneAt(trace, RIVAL, RIVAL_TASKS);
      if (at !== null && at <= RIVAL_BY)
        return pass(
          `The rival's ${RIVAL_TASKS} tasks were done at t=${fmt(at)}.`,
          `对手的 ${RIVAL_TASKS} 个任务在 t=${fmt(at)} 全部完成。`,
        );
      return fail(
        at !== null
          ? `The rival's ${RIVAL_TASKS} tasks were done only at t=${fmt(at)} (target t=${RIVAL_BY}): while you had nothing to run, resources it could have used were held by you or offered to you in vain.`
          : `Only ${finished} of the rival's ${RIVAL_TASKS} tasks finished.`,
        at !== null
          ? `对手的 ${RIVAL_TASKS} 个任务直到 t=${fmt(at)} 才全部完成（目标 t=${RIVAL_BY}）：在你无事可做时，它本可以使用的资源被你占着，或者白白提供给了你。`
          : `对手的 ${RIVAL_TASKS} 个任务只完成了 ${finished} 个。`,
      );
    },
  },
  {
    name: 'Answered every offer within a second',
    name_zh: '一秒内回应每个 offer',
    run(trace, ctx) {
      const held = firstHeldOffer(offerRecords(trace, ctx.framework), 1, ctx.scenario.until);
      if (!held) return pass('No offer was held.', '没有扣住任何 offer。');
      const o = held.offer;
      return fail(
        `Offer ${o.id} (${o.agent}, ${Object.entries(o.resources)
          .map(([k, v]) => `${k}:${v}`)
          .join(', ')}) was held from t=${fmt(o.at)} for ${fmt(held.held)} s.`,
        `offer ${o.id}（${o.agent}，${Object.entries(o.resources)
          .map(([k, v]) => `${k}:${v}`)
          .join('，')}）从 t=${fmt(o.at)} 起被扣了 ${fmt(held.held)} 秒。`,
      );
    },
  },
  {
    name: 'Each task ran once, none rejected',
    name_zh: '每个任务只运行一次，没有被拒绝的',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const err = firstTaskError(runs);
      if (err)
        return fail(
          `At t=${fmt(err.t)} task ${err.task} was rejected: ${err.message}.`,
          `t=${fmt(err.t)} 时任务 ${err.task} 被拒绝：${err.message}。`,
        );
      const seen = new Set<string>();
      for (const r of runs.filter((x) => x.launchedAt !== null)) {
        if (seen.has(r.id))
          return fail(
            `Task ${r.id} was launched twice (again at t=${fmt(r.launchedAt!)}).`,
            `任务 ${r.id} 被启动了两次（第二次在 t=${fmt(r.launchedAt!)}）。`,
          );
        seen.add(r.id);
      }
      if (seen.size > JOB)
        return fail(
          `${seen.size} tasks were launched; the job has ${JOB}.`,
          `启动了 ${seen.size} 个任务，而作业只有 ${JOB} 个。`,
        );
      return pass(`${seen.size} tasks launched, each once.`, `启动了 ${seen.size} 个任务，每个一次。`);
    },
  },
];
