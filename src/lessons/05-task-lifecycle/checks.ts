/**
 * Lesson 5 checks, over the work items w1…w5 (a task id "w3.2" is attempt 2 of item w3): every failed or
 * lost attempt was retried until the item finished or had its four attempts; each retry waited at least a
 * second and the waits of one item doubled; no item was attempted more than four times; and no item ever had
 * two attempts at once or ran again after finishing.
 *
 * The backoff is judged in virtual seconds and from what the run shows about the wait the scheduler chose,
 * never from the measured gap alone: offers do not come once a second (a filter makes an agent skip a
 * round, a restart adds one), so a gap is the chosen wait plus however long the next usable offer took. An
 * offer with room for the item that the framework declined after the failure shows that the wait had not
 * run out then; the launch of the retry shows that it had. A wait must fit between the two.
 */
import { byItem, fail, fmt, offerRecords, pass, taskRuns, type OfferRecord, type TaskRun } from '../checkKit';
import type { Check } from '../types';

export const GOOD = ['w1', 'w2', 'w3', 'w4'];
export const HOPELESS = 'w5';
export const MAX_ATTEMPTS = 4;
/** The first wait, in seconds; each further wait of the same item at least doubles. */
export const FIRST_WAIT = 1;
/** What one task of the job needs: an offer with this much room could have taken a retry. */
const DEMAND = { cpus: 1, mem: 512 };
/**
 * The scheduler learns of a failure a few milliseconds after it happened (the update travels through the
 * agent and the master), so an offer it declined shows a wait longer than its age less this much.
 */
const NOTICE = 0.05;
/** A retry is only required of an attempt that ended this long before the run stops. */
const HORIZON = 10;

const launched = (runs: readonly TaskRun[]): TaskRun[] => runs.filter((r) => r.launchedAt !== null);
const endedBadly = (r: TaskRun): boolean => r.endedAt !== null && r.state !== 'TASK_FINISHED';

/** One retry: the attempt that ended, the next one, and the bounds on the wait the scheduler chose. */
export interface Retry {
  after: TaskRun;
  next: TaskRun;
  /** The measured gap from the end of `after` to the launch of `next`: the chosen wait is at most this. */
  gap: number;
  /** The chosen wait was longer than this: an offer with room, declined this long after the end. */
  waitedPast: number;
  /** That declined offer, if any. */
  declined?: OfferRecord;
}

export function retriesOf(attempts: readonly TaskRun[], offers: readonly OfferRecord[]): Retry[] {
  const out: Retry[] = [];
  for (let i = 1; i < attempts.length; i++) {
    const after = attempts[i - 1]!;
    const next = attempts[i]!;
    if (after.endedAt === null) continue;
    const end = after.endedAt;
    // Offers made before the one the retry went on (those of the same allocation are no evidence).
    const retryOffer = offers.find((o) => next.offers.includes(o.id));
    const before = retryOffer?.at ?? next.launchedAt!;
    const declined = offers.filter(
      (o) =>
        o.outcome === 'declined' &&
        o.at > end &&
        o.at < before &&
        (o.resources.cpus ?? 0) + 1e-9 >= DEMAND.cpus &&
        (o.resources.mem ?? 0) + 1e-9 >= DEMAND.mem,
    );
    const last = declined[declined.length - 1];
    out.push({
      after,
      next,
      gap: next.launchedAt! - end,
      waitedPast: last ? last.at - end : 0,
      ...(last ? { declined: last } : {}),
    });
  }
  return out;
}

/**
 * The first retry whose wait cannot be one of a backoff that starts at FIRST_WAIT and doubles, given the
 * bounds the run shows, or null. The smallest waits that fit are tried (the waits only have lower bounds
 * from each other), so a scheduler that did back off properly is never blamed.
 */
export function firstBadWait(
  retries: readonly Retry[],
): { retry: Retry; needed: number; k: number; previous: number } | null {
  let previous = 0;
  for (let k = 0; k < retries.length; k++) {
    const r = retries[k]!;
    const needed = k === 0 ? FIRST_WAIT : 2 * previous;
    // The retry was launched after the chosen wait had passed, so the gap is never shorter than the wait.
    if (r.gap + 1e-6 < needed) return { retry: r, needed, k, previous };
    previous = Math.max(needed, r.waitedPast - NOTICE);
  }
  return null;
}

const lastState = (r: TaskRun): string => {
  const s = r.states[r.states.length - 1];
  return `${r.state}${s?.message ? ` (${s.message})` : ''}`;
};

export const checks: Check[] = [
  {
    name: 'Retried failed and lost work until it finished',
    name_zh: '失败和丢失的工作一直重试到完成',
    run(trace, ctx) {
      const items = byItem(launched(taskRuns(trace, ctx.framework)));
      for (const name of GOOD)
        if (!items.has(name))
          return fail(
            `Item ${name} was never launched. Launch every item of the job: ${[...GOOD, HOPELESS].join(', ')}.`,
            `工作项 ${name} 从未启动。作业里的每个工作项都要启动：${[...GOOD, HOPELESS].join('、')}。`,
          );
      for (const [name, attempts] of items) {
        const last = attempts[attempts.length - 1]!;
        if (!endedBadly(last) || attempts.length >= MAX_ATTEMPTS) continue;
        if (last.endedAt! > ctx.scenario.until - HORIZON) continue;
        return fail(
          `At t=${fmt(last.endedAt!)} attempt ${last.id} of ${name} ended in ${lastState(last)}, and ${name} was never tried again (${attempts.length} attempt(s) of ${MAX_ATTEMPTS}). ${last.state === 'TASK_LOST' ? 'A lost attempt is over, just as a failed one: retry it.' : 'Put the item back to wait for its retry.'}`,
          `t=${fmt(last.endedAt!)} 时 ${name} 的尝试 ${last.id} 以 ${lastState(last)} 结束，之后再也没有重试（${MAX_ATTEMPTS} 次中只尝试了 ${attempts.length} 次）。${last.state === 'TASK_LOST' ? '丢失的尝试和失败的一样已经结束了：请重试。' : '请把这个工作项放回去，等待重试。'}`,
          last.endedAt!,
        );
      }
      for (const name of GOOD) {
        const attempts = items.get(name)!;
        if (!attempts.some((r) => r.state === 'TASK_FINISHED')) {
          const last = attempts[attempts.length - 1]!;
          return fail(
            `Item ${name} never finished by t=${fmt(ctx.scenario.until)}: its last attempt, ${last.id}, is ${lastState(last)}.`,
            `到 t=${fmt(ctx.scenario.until)} 为止工作项 ${name} 始终没有完成：最后一次尝试 ${last.id} 处于 ${lastState(last)}。`,
            last.endedAt ?? last.launchedAt!,
          );
        }
      }
      const lost = [...items.values()].flat().filter((r) => r.state === 'TASK_LOST').length;
      return pass(
        `Items ${GOOD.join(', ')} finished; every failed or lost attempt was retried (${lost} were lost when agent2 restarted).`,
        `工作项 ${GOOD.join('、')} 都已完成；每次失败或丢失的尝试都得到了重试（agent2 重启时丢失了 ${lost} 次尝试）。`,
      );
    },
  },
  {
    name: 'Backed off before retrying, longer each time',
    name_zh: '重试前退避，且一次比一次久',
    run(trace, ctx) {
      const items = byItem(launched(taskRuns(trace, ctx.framework)));
      const offers = offerRecords(trace, ctx.framework);
      for (const [name, attempts] of items) {
        const bad = firstBadWait(retriesOf(attempts, offers));
        if (!bad) continue;
        const { retry: r, needed, k, previous } = bad;
        const before = retriesOf(attempts, offers)[k - 1];
        const shown = before?.declined
          ? ` (at t=${fmt(before.declined.at)} you declined offer ${before.declined.id}, which had room, while ${before.after.id}'s retry waited)`
          : '';
        const shownZh = before?.declined
          ? `（t=${fmt(before.declined.at)} 时 ${before.after.id} 的重试还在等待，你拒绝了有空间的 offer ${before.declined.id}）`
          : '';
        const why =
          k === 0
            ? `Wait at least ${FIRST_WAIT} s before the first retry of an item.`
            : `The wait before the previous retry was at least ${fmt(previous)} s${shown}, so this one should have been at least ${fmt(needed)} s: double the wait after each failure of the same item.`;
        const whyZh =
          k === 0
            ? `同一工作项第一次重试之前至少等待 ${FIRST_WAIT} 秒。`
            : `上一次重试前的等待至少有 ${fmt(previous)} 秒${shownZh}，所以这一次至少应等 ${fmt(needed)} 秒：同一工作项每失败一次，等待时间就要翻倍。`;
        return fail(
          `Attempt ${r.after.id} of ${name} ended in ${r.after.state} at t=${fmt(r.after.endedAt!)}, and ${r.next.id} was launched at t=${fmt(r.next.launchedAt!)}, ${fmt(r.gap)} s later. ${why} Measure waits with Date.now() (virtual time), not by counting offers.`,
          `工作项 ${name} 的尝试 ${r.after.id} 在 t=${fmt(r.after.endedAt!)} 以 ${r.after.state} 结束，${r.next.id} 在 t=${fmt(r.next.launchedAt!)} 就启动了，只隔了 ${fmt(r.gap)} 秒。${whyZh}请用 Date.now()（虚拟时间）计算等待，而不是数 offer 的次数。`,
          r.next.launchedAt!,
        );
      }
      const hopeless = retriesOf(items.get(HOPELESS) ?? [], offers);
      return pass(
        `Every retry waited long enough; the gaps before the retries of ${HOPELESS} were ${hopeless.map((r) => `${fmt(r.gap)} s`).join(', ') || 'none'}.`,
        `每次重试前都等待得足够久；${HOPELESS} 各次重试前的间隔为 ${hopeless.map((r) => `${fmt(r.gap)} 秒`).join('、') || '无'}。`,
      );
    },
  },
  {
    name: `Gave up after ${MAX_ATTEMPTS} attempts`,
    name_zh: `尝试 ${MAX_ATTEMPTS} 次后放弃`,
    run(trace, ctx) {
      for (const [name, attempts] of byItem(launched(taskRuns(trace, ctx.framework)))) {
        if (attempts.length <= MAX_ATTEMPTS) continue;
        const extra = attempts[MAX_ATTEMPTS]!;
        return fail(
          `${name} had failed ${MAX_ATTEMPTS} times, yet attempt number ${MAX_ATTEMPTS + 1} (${extra.id}) was launched at t=${fmt(extra.launchedAt!)}. Give up on an item after ${MAX_ATTEMPTS} attempts in all and report it: some tasks never succeed.`,
          `${name} 已经失败了 ${MAX_ATTEMPTS} 次，但 t=${fmt(extra.launchedAt!)} 时仍启动了第 ${MAX_ATTEMPTS + 1} 次尝试（${extra.id}）。同一工作项总共尝试 ${MAX_ATTEMPTS} 次后就应放弃并报告：有些任务永远不会成功。`,
          extra.launchedAt!,
        );
      }
      const n = byItem(launched(taskRuns(trace, ctx.framework))).get(HOPELESS)?.length ?? 0;
      return pass(
        `No item was attempted more than ${MAX_ATTEMPTS} times (${HOPELESS}, which always fails, ${n} time(s)).`,
        `没有工作项的尝试超过 ${MAX_ATTEMPTS} 次（总是失败的 ${HOPELESS} 尝试了 ${n} 次）。`,
      );
    },
  },
  {
    name: 'One attempt at a time',
    name_zh: '同一时间只有一次尝试',
    run(trace, ctx) {
      const items = byItem(launched(taskRuns(trace, ctx.framework)));
      for (const [name, attempts] of items) {
        const done = attempts.find((r) => r.state === 'TASK_FINISHED');
        for (let i = 1; i < attempts.length; i++) {
          const prev = attempts[i - 1]!;
          const next = attempts[i]!;
          if (prev.endedAt === null || prev.endedAt > next.launchedAt!)
            return fail(
              `At t=${fmt(next.launchedAt!)} ${next.id} was launched while ${prev.id} of the same item ${name} was still ${prev.state}. Launch an item again only once its attempt has ended.`,
              `t=${fmt(next.launchedAt!)} 时启动了 ${next.id}，而同一工作项 ${name} 的 ${prev.id} 仍处于 ${prev.state}。只有上一次尝试结束之后，才能再次启动同一工作项。`,
              next.launchedAt!,
            );
          if (done && done.endedAt! <= next.launchedAt!)
            return fail(
              `Item ${name} had already finished (${done.id}, t=${fmt(done.endedAt!)}), yet ${next.id} was launched at t=${fmt(next.launchedAt!)}.`,
              `工作项 ${name} 已经完成（${done.id}，t=${fmt(done.endedAt!)}），却在 t=${fmt(next.launchedAt!)} 又启动了 ${next.id}。`,
              next.launchedAt!,
            );
        }
      }
      return pass('No item ever had two attempts in flight.', '没有任何工作项同时有两次尝试在进行。');
    },
  },
];
