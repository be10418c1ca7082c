/**
 * Lesson 6 checks: B wrote down its prediction (task counts) before launching anything, and it is DRF's
 * answer for the paper's example (MESOS.md §6.2–6.4: A runs 3 tasks, B runs 2, both dominant shares 2/3);
 * B took one task from every offer with room for one, declined the rest without a filter, and answered
 * every offer at once.
 *
 * With those mechanics the allocator's offers reproduce progressive filling; each check says what the run
 * shows (the tasks each framework runs at the end, the dominant shares), but none requires a number that
 * only the mechanics can produce, so one mistake fails one check.
 */
import {
  answersOf,
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
  showResources,
  taskRuns,
} from '../checkKit';
import type { Check } from '../types';
import type { TraceEvent } from '../../cluster/trace';

export const OTHER = 'A';
export const EXPECTED = { A: 3, B: 2 };
/** What one of B's tasks needs. */
export const TASK = { cpus: 3, mem: 1024 };

/**
 * Reads "A=3 B=2" (any spacing, '=' or ':') from a log line that mentions a prediction. Values may be
 * written as fractions or percentages, which are read too so that a prediction of shares can be told apart
 * from one of task counts.
 */
export function readPrediction(text: string): { A: string; B: string } | null {
  if (!/predict/i.test(text)) return null;
  const value = String.raw`\s*[=:]\s*(\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)?%?)`;
  const a = new RegExp(String.raw`\bA${value}`).exec(text);
  const b = new RegExp(String.raw`\bB${value}`).exec(text);
  return a && b ? { A: a[1]!.replace(/\s+/g, ''), B: b[1]!.replace(/\s+/g, '') } : null;
}

/** A predicted value that is a whole number of tasks, or null (a fraction, a percentage). */
const taskCount = (v: string): number | null => (/^\d+$/.test(v) ? Number(v) : null);

/** What the run shows at its end: the tasks each framework runs and their dominant shares. */
function outcome(trace: readonly TraceEvent[], framework: string, end: number) {
  const runs = taskRuns(trace);
  const total = clusterTotal(trace, end);
  const held = heldAt(runs, end);
  return {
    a: liveAt(taskRuns(trace, OTHER), end).length,
    b: liveAt(taskRuns(trace, framework), end).length,
    sa: dominantShare(held.get(OTHER) ?? {}, total),
    sb: dominantShare(held.get(framework) ?? {}, total),
  };
}

const hasRoom = (r: Record<string, number>): boolean =>
  (r.cpus ?? 0) + 1e-9 >= TASK.cpus && (r.mem ?? 0) + 1e-9 >= TASK.mem;

export const checks: Check[] = [
  {
    name: 'Predicted the outcome first',
    name_zh: '先做出预测',
    run(trace, ctx) {
      const firstLaunch =
        taskRuns(trace, ctx.framework).find((r) => r.launchedAt !== null)?.launchedAt ?? Infinity;
      const logs = logsOf(trace, ctx.framework);
      const line = logs.find((l) => readPrediction(l.text) !== null);
      if (!line) {
        const said = logs.find((l) => /predict/i.test(l.text));
        return fail(
          said
            ? `At t=${fmt(said.t)} B logged "${said.text}", but that is not in the form "prediction: A=… B=…" with the number of tasks each will run.`
            : 'No prediction was logged. Before launching anything, log a line such as "prediction: A=… B=…" with the number of tasks each framework will run.',
          said
            ? `t=${fmt(said.t)} 时 B 打印了“${said.text}”，但格式不是 “prediction: A=… B=…”（写出各自将运行的任务数）。`
            : '没有打印预测。在启动任何任务之前，打印一行类似 “prediction: A=… B=…” 的内容，写出两个框架各自将运行的任务数。',
          said?.t,
        );
      }
      if (line.t > firstLaunch)
        return fail(
          `The prediction "${line.text}" was logged at t=${fmt(line.t)}, after B's first launch at t=${fmt(firstLaunch)}: predict first (in registered), then watch.`,
          `预测“${line.text}”在 t=${fmt(line.t)} 才打印，晚于 B 的第一次启动（t=${fmt(firstLaunch)}）：要先预测（在 registered 中），再观察。`,
          line.t,
        );
      const p = readPrediction(line.text)!;
      const [a, b] = [taskCount(p.A), taskCount(p.B)];
      const end = ctx.scenario.until;
      const o = outcome(trace, ctx.framework, end);
      const seen = `At t=${fmt(end)} A runs ${o.a} tasks and B runs ${o.b}, dominant shares ${fmt(o.sa)} and ${fmt(o.sb)}.`;
      const seenZh = `t=${fmt(end)} 时 A 运行 ${o.a} 个任务，B 运行 ${o.b} 个，主导份额分别为 ${fmt(o.sa)} 和 ${fmt(o.sb)}。`;
      if (a === null || b === null)
        return fail(
          `At t=${fmt(line.t)} you predicted A=${p.A}, B=${p.B}: those look like dominant shares, not numbers of tasks. The prediction asks how many tasks A and B each run at the end. ${seen}`,
          `t=${fmt(line.t)} 时你预测的是 A=${p.A}、B=${p.B}：这看起来是主导份额，而不是任务数。预测要写的是最后 A 和 B 各运行几个任务。${seenZh}`,
          line.t,
        );
      if (a !== EXPECTED.A || b !== EXPECTED.B)
        return fail(
          `At t=${fmt(line.t)} you predicted A=${a}, B=${b}. DRF equalises dominant shares, not task counts: A's dominant resource is memory (4 GB of 18 per task), B's is CPU (3 of 9 per task); give the next task to whoever's share is lower until the next one does not fit. ${seen}`,
          `t=${fmt(line.t)} 时你预测的是 A=${a}、B=${b}。DRF 让主导份额相等，而不是让任务数相等：A 的主导资源是内存（每个任务占 18 GB 中的 4 GB），B 的是 CPU（每个任务占 9 个中的 3 个）；把下一个任务交给份额较低的一方，直到下一个任务放不下为止。${seenZh}`,
          line.t,
        );
      return pass(
        `At t=${fmt(line.t)} B predicted A=${a}, B=${b}, before launching anything: DRF's answer. ${seen}`,
        `t=${fmt(line.t)} 时 B 在启动任何任务之前预测了 A=${a}、B=${b}：正是 DRF 的答案。${seenZh}`,
      );
    },
  },
  {
    name: 'One task on every offer with room',
    name_zh: '每个放得下的 offer 上启动一个任务',
    run(trace, ctx) {
      const offers = offerRecords(trace, ctx.framework).filter(
        (o) => o.outcome === 'accepted' || o.outcome === 'declined',
      );
      const big = offers.find((o) => o.tasks.length > 1);
      if (big)
        return fail(
          `At t=${fmt(big.closedAt!)} B launched ${big.tasks.length} tasks (${big.tasks.join(', ')}) on offer ${big.id}. Launch one task per offer: then the allocator decides, after every task, who goes next.`,
          `t=${fmt(big.closedAt!)} 时 B 在 offer ${big.id} 上启动了 ${big.tasks.length} 个任务（${big.tasks.join('、')}）。每个 offer 只启动一个任务：这样分配器才能在每个任务之后决定下一个轮到谁。`,
          big.closedAt!,
        );
      const skipped = offers.find((o) => o.tasks.length === 0 && hasRoom(o.resources));
      if (skipped)
        return fail(
          `At t=${fmt(skipped.at)} offer ${skipped.id} held ${showResources(skipped.resources)}, room for one of B's tasks (cpus:${TASK.cpus};mem:${TASK.mem}), and B ${skipped.outcome === 'declined' ? 'declined it' : 'launched nothing on it'}. B wants more than the cluster can give: launch one task on every offer with room.`,
          `t=${fmt(skipped.at)} 时 offer ${skipped.id} 有 ${showResources(skipped.resources)}，放得下 B 的一个任务（cpus:${TASK.cpus};mem:${TASK.mem}），而 B ${skipped.outcome === 'declined' ? '拒绝了它' : '没有在上面启动任务'}。B 想要的比集群能给的还多：每个放得下的 offer 上都启动一个任务。`,
          skipped.at,
        );
      const n = offers.filter((o) => o.tasks.length === 1).length;
      return pass(
        `B launched one task on each of the ${n} offers that had room for one, and nothing on the others.`,
        `B 在 ${n} 个放得下任务的 offer 上各启动了一个任务，其余 offer 上没有启动任务。`,
      );
    },
  },
  {
    name: 'Declined the rest without a filter',
    name_zh: '其余部分不带过滤器拒绝',
    run(trace, ctx) {
      const filtered = answersOf(trace, ctx.framework).find(
        (a) => a.refuseSeconds !== 0 && (a.kind === 'decline' || Object.keys(a.unused).length > 0),
      );
      if (filtered)
        return fail(
          `At t=${fmt(filtered.t)} B ${filtered.kind === 'decline' ? `declined offer ${filtered.offers.join(', ')}` : `launched on offer ${filtered.offers.join(', ')} and so declined its unused ${showResources(filtered.unused)}`} with refuse_seconds ${fmt(filtered.refuseSeconds)}${filtered.refuseSeconds === 5 ? ' (the default, when no filter is given)' : ''}. For that long the allocator does not offer those resources to B again, so B sits out rounds it could have used and the outcome is no longer progressive filling. Pass { refuse_seconds: 0 } to declineOffer and to launchTasks.`,
          `t=${fmt(filtered.t)} 时 B ${filtered.kind === 'decline' ? `拒绝了 offer ${filtered.offers.join('、')}` : `在 offer ${filtered.offers.join('、')} 上启动了任务，从而拒绝了没用上的 ${showResources(filtered.unused)}`}，refuse_seconds 为 ${fmt(filtered.refuseSeconds)}${filtered.refuseSeconds === 5 ? '（不写过滤器时的默认值）' : ''}。这段时间里分配器不会再把这些资源提供给 B，B 就会错过本可以使用的轮次，结果也就不再是渐进填充。请给 declineOffer 和 launchTasks 都传 { refuse_seconds: 0 }。`,
          filtered.t,
        );
      return pass(
        'B gave back everything it did not use without a filter.',
        'B 不带过滤器地退回了所有用不上的资源。',
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
        `B kept offer ${o.id} (${showResources(o.resources)}) from t=${fmt(o.at)} for ${fmt(held.held)} s. Held resources count in B's share and nobody else can be offered them: launch on it or decline it in the callback that brings it.`,
        `B 从 t=${fmt(o.at)} 起把 offer ${o.id}（${showResources(o.resources)}）占了 ${fmt(held.held)} 秒。被占着的资源会计入 B 的份额，也无法再提供给别人：请在收到它的那次回调里就启动任务或拒绝。`,
        o.at,
      );
    },
  },
];
