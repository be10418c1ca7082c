/**
 * Lesson 6 checks: B wrote down its prediction before launching anything, launched one task per offer, and
 * the cluster ended where DRF's progressive filling says it should (MESOS.md §6.2–6.4): A runs 3 tasks,
 * B runs 2, and both dominant shares are 2/3.
 */
import {
  clusterTotal,
  dominantShare,
  fail,
  firstHeldOffer,
  fmt,
  heldAt,
  liveAt,
  logsOf,
  offerRecords,
  pass,
  taskRuns,
} from '../checkKit';
import type { Check } from '../types';

export const OTHER = 'A';
export const EXPECTED = { A: 3, B: 2 };

/** Reads "A=3 B=2" (any spacing, ':' or '=') from a log line that mentions a prediction. */
export function readPrediction(text: string): { A: number; B: number } | null {
  if (!/predict/i.test(text)) return null;
  const a = /\bA\s*[=:]\s*(\d+)/.exec(text);
  const b = /\bB\s*[=:]\s*(\d+)/.exec(text);
  return a && b ? { A: Number(a[1]), B: Number(b[1]) } : null;
}

const running = (trace: Parameters<Check['run']>[0], fw: string, t: number): number =>
  liveAt(taskRuns(trace, fw), t).length;

export const checks: Check[] = [
  {
    name: 'Predicted the outcome first',
    name_zh: '先做出预测',
    run(trace, ctx) {
      const firstLaunch =
        taskRuns(trace, ctx.framework).find((r) => r.launchedAt !== null)?.launchedAt ?? Infinity;
      const line = logsOf(trace, ctx.framework).find((l) => readPrediction(l.text) !== null);
      if (!line)
        return fail(
          'No prediction was logged. Before launching anything, log a line such as "prediction: A=… B=…".',
          '没有打印预测。在启动任何任务之前，打印一行类似 “prediction: A=… B=…” 的内容。',
        );
      if (line.t > firstLaunch)
        return fail(
          `The prediction was logged at t=${fmt(line.t)}, after B's first launch at t=${fmt(firstLaunch)}: predict first, then watch.`,
          `预测在 t=${fmt(line.t)} 才打印，晚于 B 的第一次启动（t=${fmt(firstLaunch)}）：要先预测，再观察。`,
        );
      const p = readPrediction(line.text)!;
      if (p.A !== EXPECTED.A || p.B !== EXPECTED.B)
        return fail(
          `You predicted A=${p.A}, B=${p.B}. DRF equalises dominant shares, not task counts: A's dominant resource is memory (4 GB of 18 per task), B's is CPU (3 of 9 per task).`,
          `你预测的是 A=${p.A}、B=${p.B}。DRF 让主导份额相等，而不是让任务数相等：A 的主导资源是内存（每个任务占 18 GB 中的 4 GB），B 的是 CPU（每个任务占 9 个中的 3 个）。`,
        );
      return pass(
        `At t=${fmt(line.t)} B predicted A=${p.A}, B=${p.B}, before launching anything.`,
        `t=${fmt(line.t)} 时 B 在启动任何任务之前预测了 A=${p.A}、B=${p.B}。`,
      );
    },
  },
  {
    name: 'One task per offer',
    name_zh: '每个 offer 只启动一个任务',
    run(trace, ctx) {
      const big = offerRecords(trace, ctx.framework).find((o) => o.tasks.length > 1);
      if (big)
        return fail(
          `At t=${fmt(big.closedAt!)} B launched ${big.tasks.length} tasks (${big.tasks.join(', ')}) on offer ${big.id}. With one task per offer, the allocator decides after every task who goes next.`,
          `t=${fmt(big.closedAt!)} 时 B 在 offer ${big.id} 上启动了 ${big.tasks.length} 个任务（${big.tasks.join('、')}）。每个 offer 只启动一个任务，分配器才能在每个任务之后决定下一个轮到谁。`,
        );
      return pass(
        'B never launched more than one task on an offer.',
        'B 从未在一个 offer 上启动多于一个任务。',
      );
    },
  },
  {
    name: 'Answered every offer at once',
    name_zh: '立即回应每个 offer',
    run(trace, ctx) {
      const held = firstHeldOffer(offerRecords(trace, ctx.framework), 1, ctx.scenario.until);
      if (!held) return pass('B answered every offer within a second.', 'B 在一秒内回应了每个 offer。');
      const o = held.offer;
      return fail(
        `B kept offer ${o.id} from t=${fmt(o.at)} for ${fmt(held.held)} s; held resources count in B's share.`,
        `B 从 t=${fmt(o.at)} 起把 offer ${o.id} 占了 ${fmt(held.held)} 秒；被占着的资源会计入 B 的份额。`,
      );
    },
  },
  {
    name: "Observed DRF's allocation",
    name_zh: '观察到 DRF 的分配结果',
    run(trace, ctx) {
      const end = ctx.scenario.until;
      const a = running(trace, OTHER, end);
      const b = running(trace, ctx.framework, end);
      const total = clusterTotal(trace, end);
      const held = heldAt(taskRuns(trace), end);
      const sa = dominantShare(held.get(OTHER) ?? {}, total);
      const sb = dominantShare(held.get(ctx.framework) ?? {}, total);
      const shares = `dominant shares A ${fmt(sa)}, B ${fmt(sb)}`;
      const sharesZh = `主导份额 A ${fmt(sa)}、B ${fmt(sb)}`;
      if (a === EXPECTED.A && b === EXPECTED.B)
        return pass(
          `At t=${fmt(end)} A runs ${a} tasks and B runs ${b}; ${shares}, equal as DRF wants.`,
          `t=${fmt(end)} 时 A 运行 ${a} 个任务，B 运行 ${b} 个；${sharesZh}，正如 DRF 所要求的那样相等。`,
        );
      return fail(
        `At t=${fmt(end)} A runs ${a} tasks and B runs ${b} (${shares}), not the A=${EXPECTED.A}, B=${EXPECTED.B} of progressive filling. ${b === 0 ? 'B ran no task at all.' : b > EXPECTED.B ? 'B took more than its fair share: launch one task per offer.' : 'B sat out rounds it could have used: decline what you cannot use without a filter (refuse_seconds: 0).'}`,
        `t=${fmt(end)} 时 A 运行 ${a} 个任务，B 运行 ${b} 个（${sharesZh}），不是渐进填充给出的 A=${EXPECTED.A}、B=${EXPECTED.B}。${b === 0 ? 'B 一个任务也没有运行。' : b > EXPECTED.B ? 'B 拿走了超过公平份额的资源：每个 offer 只启动一个任务。' : 'B 错过了本可以使用的轮次：用不上的资源请不带过滤器地拒绝（refuse_seconds: 0）。'}`,
      );
    },
  },
];
