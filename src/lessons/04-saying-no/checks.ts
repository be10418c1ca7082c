/**
 * Lesson 4 checks: offers are answered at once and what is declined carries a filter; the pipeline is not
 * offered resources it cannot use while it has nothing to launch (while extract runs, and once everything is
 * launched); it revives when the second stage becomes ready; and the second stage waits for the first.
 *
 * Each check reads what the pipeline itself did (its answers, and the offers it was made while idle) rather
 * than when the other framework finished, which depends on allocation order as much as on the learner.
 */
import {
  answersOf,
  fail,
  firstHeldOffer,
  fmt,
  offerRecords,
  pass,
  showResources,
  taskRuns,
  type OfferRecord,
  type TaskRun,
} from '../checkKit';
import type { Check, CheckContext, CheckResult } from '../types';
import type { TraceEvent } from '../../cluster/trace';

export const EXTRACT = 'extract';
export const STAGE2 = ['transform-1', 'transform-2', 'transform-3'];
/**
 * Seconds the scheduler may take to react: an offer made in the same allocation as the one it launched on
 * may arrive before it suppresses, and a revive is answered by an allocation at once.
 */
const SLACK = 2;

/** The extract task's run; a failing result when it never finished. */
function extractRun(trace: readonly TraceEvent[], ctx: CheckContext): TaskRun | CheckResult {
  const extract = taskRuns(trace, ctx.framework).find((r) => r.id === EXTRACT && r.launchedAt !== null);
  if (!extract)
    return fail(
      'The extract task was never launched: it is ready at once, so launch it on the first offer with room.',
      'extract 任务从未启动：它一开始就已就绪，请在第一个有空间的 offer 上启动它。',
    );
  if (extract.state !== 'TASK_FINISHED' || extract.endedAt === null)
    return fail(
      `The extract task ended in ${extract.state}, so the second stage never became ready.`,
      `extract 任务的最终状态是 ${extract.state}，第二阶段始终没有就绪。`,
      extract.endedAt ?? undefined,
    );
  return extract;
}

const isRun = (x: TaskRun | CheckResult): x is TaskRun => 'id' in x;

/** Offers made to the pipeline in (from, to) that it did not launch anything on. */
const unusedOffers = (offers: readonly OfferRecord[], from: number, to: number): OfferRecord[] =>
  offers.filter((o) => o.at > from && o.at < to && o.tasks.length === 0);

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
        `Offer ${o.id} (${o.agent}, ${showResources(o.resources)}, t=${fmt(o.at)}) was ${o.closedAt === null ? 'still held at the end' : `held until t=${fmt(o.closedAt)}`}: ${fmt(held.held)} s during which nobody else could use those resources. Answer every offer in the callback that brings it: launch on it or decline it; when work arrives later, new offers come (revive).`,
        `offer ${o.id}（${o.agent}，${showResources(o.resources)}，t=${fmt(o.at)}）${o.closedAt === null ? '直到结束都被占着' : `一直被占到 t=${fmt(o.closedAt)}`}：这 ${fmt(held.held)} 秒里，别人都用不了这些资源。在收到 offer 的那次回调里就回应它：要么在上面启动任务，要么拒绝；之后有了新工作，会有新的 offer（revive）。`,
        o.at,
      );
    },
  },
  {
    name: 'Declined with a filter',
    name_zh: '拒绝时带了过滤器',
    run(trace, ctx) {
      const answers = answersOf(trace, ctx.framework);
      const bare = answers.find(
        (a) => a.refuseSeconds <= 0 && (a.kind === 'decline' || Object.keys(a.unused).length > 0),
      );
      if (bare) {
        const what =
          bare.kind === 'decline'
            ? `declined offer ${bare.offers.join(', ')} (${bare.agent})`
            : `launched on offer ${bare.offers.join(', ')} (${bare.agent}), leaving ${showResources(bare.unused)} unused,`;
        const whatZh =
          bare.kind === 'decline'
            ? `拒绝了 offer ${bare.offers.join('、')}（${bare.agent}）`
            : `在 offer ${bare.offers.join('、')}（${bare.agent}）上启动了任务，剩下 ${showResources(bare.unused)} 没用，`;
        return fail(
          `At t=${fmt(bare.t)} the pipeline ${what} with refuse_seconds ${bare.refuseSeconds}: no filter, so the allocator may offer the same resources again at the next tick. Pass a filter, { refuse_seconds: 30 } for example, to declineOffer and to launchTasks (or leave it out for the default 5 s).`,
          `t=${fmt(bare.t)} 时流水线${whatZh}refuse_seconds 为 ${bare.refuseSeconds}：没有过滤器，分配器下一轮就可能把同样的资源再提供给你。请给 declineOffer 和 launchTasks 传一个过滤器，例如 { refuse_seconds: 30 }（或者不写，默认 5 秒）。`,
          bare.t,
        );
      }
      const declines = answers.filter((a) => a.kind === 'decline');
      const shortest = declines.length ? Math.min(...declines.map((a) => a.refuseSeconds)) : null;
      return pass(
        `Every decline carried a filter${shortest !== null ? ` (the shortest ${fmt(shortest)} s, over ${declines.length} decline(s))` : ''}.`,
        `每次拒绝都带了过滤器${shortest !== null ? `（共 ${declines.length} 次拒绝，最短 ${fmt(shortest)} 秒）` : ''}。`,
      );
    },
  },
  {
    name: 'Suppressed offers while it had nothing to launch',
    name_zh: '无事可做时暂停了 offer',
    run(trace, ctx) {
      const extract = extractRun(trace, ctx);
      if (!isRun(extract)) return extract;
      const offers = offerRecords(trace, ctx.framework);
      const from = extract.launchedAt! + SLACK;
      const during = unusedOffers(offers, from, extract.endedAt!);
      if (during.length > 0) {
        const o = during[0]!;
        return fail(
          `Extract ran from t=${fmt(extract.launchedAt!)} to t=${fmt(extract.endedAt!)}, and the pipeline had nothing else to launch, yet it was made ${during.length} offer(s) meanwhile that it did not use, the first ${o.id} on ${o.agent} (${showResources(o.resources)}) at t=${fmt(o.at)}. Call driver.suppressOffers() once nothing is waiting; a filter alone does not stop offers of resources that have since grown.`,
          `extract 从 t=${fmt(extract.launchedAt!)} 运行到 t=${fmt(extract.endedAt!)}，这期间流水线没有别的任务要启动，却收到了 ${during.length} 个它没有使用的 offer，第一个是 t=${fmt(o.at)} 在 ${o.agent} 上的 ${o.id}（${showResources(o.resources)}）。没有任务等待时请调用 driver.suppressOffers()；光靠过滤器挡不住后来变大的资源。`,
          o.at,
        );
      }
      const transforms = taskRuns(trace, ctx.framework).filter(
        (r) => STAGE2.includes(r.id) && r.launchedAt !== null,
      );
      if (transforms.length === STAGE2.length) {
        const last = Math.max(...transforms.map((r) => r.launchedAt!));
        const after = unusedOffers(offers, last + SLACK, Infinity);
        if (after.length > 0) {
          const o = after[0]!;
          return fail(
            `Everything was launched by t=${fmt(last)}, but the pipeline was still made ${after.length} offer(s), the first ${o.id} on ${o.agent} at t=${fmt(o.at)}. Suppress again once the last transform is launched.`,
            `所有任务在 t=${fmt(last)} 前已启动，但流水线之后仍收到 ${after.length} 个 offer，第一个是 t=${fmt(o.at)} 在 ${o.agent} 上的 ${o.id}。最后一个 transform 启动后，请再次暂停 offer。`,
            o.at,
          );
        }
      }
      return pass(
        `No offer came to the pipeline while extract ran (t=${fmt(from)} to t=${fmt(extract.endedAt!)}) or after its last launch, save those it used.`,
        `extract 运行期间（t=${fmt(from)} 到 t=${fmt(extract.endedAt!)}）以及最后一次启动之后，流水线没有收到它用不上的 offer。`,
      );
    },
  },
  {
    name: 'Revived when the second stage was ready',
    name_zh: '第二阶段就绪时恢复了 offer',
    run(trace, ctx) {
      const extract = extractRun(trace, ctx);
      if (!isRun(extract)) return extract;
      const end = extract.endedAt!;
      const runs = taskRuns(trace, ctx.framework);
      // Transforms launched before extract finished are the next check's concern; nothing to revive for them.
      const pending = STAGE2.filter(
        (id) => !runs.some((r) => r.id === id && r.launchedAt !== null && r.launchedAt < end),
      );
      if (pending.length === 0)
        return pass(
          `Nothing was left to launch when extract finished at t=${fmt(end)}.`,
          `extract 在 t=${fmt(end)} 完成时，已经没有要启动的任务了。`,
        );
      const offers = offerRecords(trace, ctx.framework);
      const next = offers.find((o) => o.at >= end);
      if (!next || next.at > end + SLACK)
        return fail(
          `Extract finished at t=${fmt(end)}, and the pipeline ${next ? `was made its next offer only at t=${fmt(next.at)}` : 'was made no offer after that'}. A suppressed framework gets no offers until it revives: call driver.reviveOffers() when the second stage becomes ready.`,
          `extract 在 t=${fmt(end)} 完成，而流水线${next ? `直到 t=${fmt(next.at)} 才收到下一个 offer` : '之后再也没有收到 offer'}。被暂停的框架在恢复之前收不到任何 offer：第二阶段就绪时请调用 driver.reviveOffers()。`,
          end,
        );
      const missing = STAGE2.filter((id) => !runs.some((r) => r.id === id && r.launchedAt !== null));
      if (missing.length > 0)
        return fail(
          `Extract finished at t=${fmt(end)} and offers came again from t=${fmt(next.at)}, but ${missing.join(', ')} ${missing.length > 1 ? 'were' : 'was'} never launched.`,
          `extract 在 t=${fmt(end)} 完成，从 t=${fmt(next.at)} 起又有了 offer，但 ${missing.join('、')} 一直没有启动。`,
          next.at,
        );
      const first = Math.min(
        ...runs.filter((r) => STAGE2.includes(r.id)).map((r) => r.launchedAt ?? Infinity),
      );
      return pass(
        `Extract finished at t=${fmt(end)}; offers came again at t=${fmt(next.at)} and the first transform was launched at t=${fmt(first)}.`,
        `extract 在 t=${fmt(end)} 完成；t=${fmt(next.at)} 起又有了 offer，第一个 transform 在 t=${fmt(first)} 启动。`,
      );
    },
  },
  {
    name: 'The second stage waited for the first',
    name_zh: '第二阶段等第一阶段完成后才开始',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const extract = runs.find((r) => r.id === EXTRACT && r.state === 'TASK_FINISHED');
      const early = runs.find(
        (r) =>
          STAGE2.includes(r.id) &&
          r.launchedAt !== null &&
          (extract?.endedAt === undefined || extract.endedAt === null || r.launchedAt < extract.endedAt),
      );
      if (early)
        return fail(
          `At t=${fmt(early.launchedAt!)} ${early.id} was launched, ${extract?.endedAt != null ? `before extract finished at t=${fmt(extract.endedAt)}` : 'although extract never finished'}. The transforms read what extract produces: queue them in statusUpdate when extract reports TASK_FINISHED.`,
          `t=${fmt(early.launchedAt!)} 时启动了 ${early.id}，${extract?.endedAt != null ? `而 extract 直到 t=${fmt(extract.endedAt)} 才完成` : '而 extract 始终没有完成'}。transform 要读取 extract 的产出：请在 statusUpdate 中收到 extract 的 TASK_FINISHED 时再把它们加入队列。`,
          early.launchedAt!,
        );
      return pass(
        extract
          ? `No transform was launched before extract finished at t=${fmt(extract.endedAt!)}.`
          : 'No transform was launched.',
        extract
          ? `extract 在 t=${fmt(extract.endedAt!)} 完成之前，没有启动任何 transform。`
          : '没有启动任何 transform。',
      );
    },
  },
];
