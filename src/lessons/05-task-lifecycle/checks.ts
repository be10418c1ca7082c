/**
 * Lesson 5 checks, over the work items w1…w5 (a task id "w3.2" is attempt 2 of item w3): the items that can
 * succeed finished; every failed or lost attempt was retried; each retry waited, and the waits grew;
 * the item that always fails was given up after a bounded number of attempts; no item ever had two attempts
 * at once.
 */
import { byItem, fail, fmt, pass, taskRuns, type TaskRun } from '../checkKit';
import type { Check } from '../types';

export const GOOD = ['w1', 'w2', 'w3', 'w4'];
export const HOPELESS = 'w5';
export const MAX_ATTEMPTS = 4;
/** The shortest wait accepted before a retry, in seconds. */
export const MIN_WAIT = 1;

const launched = (runs: readonly TaskRun[]): TaskRun[] => runs.filter((r) => r.launchedAt !== null);

/** The waits between each ended attempt and the next launch of the same item. */
function waits(attempts: readonly TaskRun[]): { after: TaskRun; next: TaskRun; wait: number }[] {
  const out: { after: TaskRun; next: TaskRun; wait: number }[] = [];
  for (let i = 1; i < attempts.length; i++) {
    const after = attempts[i - 1]!;
    const next = attempts[i]!;
    if (after.endedAt !== null) out.push({ after, next, wait: next.launchedAt! - after.endedAt });
  }
  return out;
}

export const checks: Check[] = [
  {
    name: 'The work that can succeed finished',
    name_zh: '能成功的工作都完成了',
    run(trace, ctx) {
      const items = byItem(launched(taskRuns(trace, ctx.framework)));
      for (const name of GOOD) {
        const attempts = items.get(name) ?? [];
        if (!attempts.some((r) => r.state === 'TASK_FINISHED')) {
          const last = attempts[attempts.length - 1];
          return fail(
            last
              ? `Item ${name} never finished: its last attempt, ${last.id}, ended in ${last.state}${last.endedAt !== null ? ` at t=${fmt(last.endedAt)}` : ''}.`
              : `Item ${name} was never launched.`,
            last
              ? `工作项 ${name} 始终没有完成：最后一次尝试 ${last.id} 的状态是 ${last.state}${last.endedAt !== null ? `（t=${fmt(last.endedAt)}）` : ''}。`
              : `工作项 ${name} 从未启动。`,
          );
        }
      }
      return pass(`Items ${GOOD.join(', ')} all finished.`, `工作项 ${GOOD.join('、')} 全部完成。`);
    },
  },
  {
    name: 'Retried failed and lost attempts',
    name_zh: '重试了失败和丢失的尝试',
    run(trace, ctx) {
      const items = byItem(launched(taskRuns(trace, ctx.framework)));
      for (const [name, attempts] of items) {
        const last = attempts[attempts.length - 1]!;
        const endedBadly = last.state !== 'TASK_FINISHED' && last.endedAt !== null;
        const limitReached = name === HOPELESS && attempts.length >= 2;
        if (endedBadly && !limitReached && last.endedAt! < ctx.scenario.until - 5)
          return fail(
            `At t=${fmt(last.endedAt!)} attempt ${last.id} of ${name} ended in ${last.state}${last.states[last.states.length - 1]?.message ? ` (${last.states[last.states.length - 1]!.message})` : ''}, and ${name} was never tried again.`,
            `t=${fmt(last.endedAt!)} 时 ${name} 的尝试 ${last.id} 以 ${last.state} 结束${last.states[last.states.length - 1]?.message ? `（${last.states[last.states.length - 1]!.message}）` : ''}，之后再也没有重试。`,
          );
      }
      const lost = [...items.values()].flat().filter((r) => r.state === 'TASK_LOST').length;
      return pass(
        `Every failed or lost attempt was followed by another (${lost} attempt(s) were lost when agent2 restarted).`,
        `每次失败或丢失之后都有新的尝试（agent2 重启时丢失了 ${lost} 次尝试）。`,
      );
    },
  },
  {
    name: 'Backed off before retrying',
    name_zh: '重试前进行了退避',
    run(trace, ctx) {
      const items = byItem(launched(taskRuns(trace, ctx.framework)));
      for (const attempts of items.values())
        for (const w of waits(attempts))
          if (w.wait < MIN_WAIT)
            return fail(
              `Attempt ${w.after.id} ended in ${w.after.state} at t=${fmt(w.after.endedAt!)} and ${w.next.id} was launched at t=${fmt(w.next.launchedAt!)}, only ${fmt(w.wait)} s later. Wait at least ${MIN_WAIT} s before a retry.`,
              `尝试 ${w.after.id} 在 t=${fmt(w.after.endedAt!)} 以 ${w.after.state} 结束，${w.next.id} 在 t=${fmt(w.next.launchedAt!)} 就启动了，只隔了 ${fmt(w.wait)} 秒。重试前至少等待 ${MIN_WAIT} 秒。`,
            );
      const hopeless = waits(items.get(HOPELESS) ?? []);
      if (hopeless.length < 2)
        return fail(
          `${HOPELESS} was retried only ${hopeless.length} time(s), too few to see the waits grow.`,
          `${HOPELESS} 只重试了 ${hopeless.length} 次，看不出等待时间是否在增长。`,
        );
      const first = hopeless[0]!;
      const last = hopeless[hopeless.length - 1]!;
      const shown = hopeless.map((w) => `${fmt(w.wait)} s`).join(', ');
      if (last.wait < 1.5 * first.wait)
        return fail(
          `The waits before the retries of ${HOPELESS} were ${shown}: they should grow (exponential backoff), but the last is not even 1.5 times the first.`,
          `${HOPELESS} 每次重试前的等待时间是 ${shown}：它们应当增长（指数退避），但最后一次连第一次的 1.5 倍都不到。`,
        );
      return pass(
        `Every retry waited at least ${MIN_WAIT} s; the waits before the retries of ${HOPELESS} were ${shown}.`,
        `每次重试前都至少等待了 ${MIN_WAIT} 秒；${HOPELESS} 的重试等待时间依次为 ${shown}。`,
      );
    },
  },
  {
    name: 'Gave up on the hopeless item',
    name_zh: '放弃了无望的工作项',
    run(trace, ctx) {
      const attempts = byItem(launched(taskRuns(trace, ctx.framework))).get(HOPELESS) ?? [];
      if (attempts.length > MAX_ATTEMPTS) {
        const extra = attempts[MAX_ATTEMPTS]!;
        return fail(
          `${HOPELESS} fails every time, yet attempt number ${MAX_ATTEMPTS + 1} (${extra.id}) was launched at t=${fmt(extra.launchedAt!)}. Give up after ${MAX_ATTEMPTS} attempts.`,
          `${HOPELESS} 每次都会失败，但 t=${fmt(extra.launchedAt!)} 时仍启动了第 ${MAX_ATTEMPTS + 1} 次尝试（${extra.id}）。尝试 ${MAX_ATTEMPTS} 次后就应放弃。`,
        );
      }
      if (attempts.length < 2)
        return fail(
          `${HOPELESS} was attempted ${attempts.length} time(s); a failure may be bad luck, so retry it before giving up.`,
          `${HOPELESS} 只尝试了 ${attempts.length} 次；失败也可能只是运气不好，放弃之前应该重试。`,
        );
      return pass(
        `${HOPELESS} was attempted ${attempts.length} times and then left alone.`,
        `${HOPELESS} 尝试了 ${attempts.length} 次，之后不再尝试。`,
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
              `At t=${fmt(next.launchedAt!)} ${next.id} was launched while ${prev.id} of the same item ${name} was still ${prev.state}.`,
              `t=${fmt(next.launchedAt!)} 时启动了 ${next.id}，而同一工作项 ${name} 的 ${prev.id} 仍处于 ${prev.state}。`,
            );
          if (done && done.endedAt! <= next.launchedAt!)
            return fail(
              `Item ${name} had already finished (${done.id}, t=${fmt(done.endedAt!)}), yet ${next.id} was launched at t=${fmt(next.launchedAt!)}.`,
              `工作项 ${name} 已经完成（${done.id}，t=${fmt(done.endedAt!)}），却在 t=${fmt(next.launchedAt!)} 又启动了 ${next.id}。`,
            );
        }
      }
      return pass('No item ever had two attempts in flight.', '没有任何工作项同时有两次尝试在进行。');
    },
  },
];
