/**
 * Lesson 12 checks, the challenge's score, read from what the framework did rather than from two deadlines
 * that one allocation order meets and another misses:
 *
 * - throughput: once stage B was ready, offers came back at once (a revive, or no suppression) and every
 *   offer was filled while stage-B tasks waited;
 * - fairness: while the framework had nothing to launch, it was not offered room the rival could use over
 *   and over (once per agent, as a long filter allows, is not "over and over");
 * - and the rules: stage B waits for stage A, every offer is answered within a second, each task runs once
 *   and none is rejected.
 *
 * The pass messages report the two numbers the challenge is about: when the job was done, and when the
 * rival was.
 */
import {
  fail,
  firstHeldOffer,
  firstTaskError,
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
import type { TraceEvent } from '../../cluster/trace';

export const RIVAL = 'rival';
export const RIVAL_TASKS = 30;
export const STAGE_A = 2;
export const STAGE_B = 20;
export const JOB = STAGE_A + STAGE_B;
/** What every task of the job (and of the rival) needs. */
const TASK = { cpus: 1, mem: 1024 };
/** Seconds the scheduler may take to react: one allocation interval and a bit. */
const SLACK = 2;

const isA = (id: string): boolean => id.startsWith('a-');
const isB = (id: string): boolean => id.startsWith('b-');

/** How many tasks fit in what the framework left of an offer. */
function roomLeft(o: OfferRecord, runs: readonly TaskRun[]): number {
  let left = o.resources;
  for (const r of runs) if (r.launchedAt !== null && r.offers.includes(o.id)) left = minus(left, r.resources);
  return Math.max(
    0,
    Math.min(
      Math.floor(((left.cpus ?? 0) + 1e-9) / TASK.cpus),
      Math.floor(((left.mem ?? 0) + 1e-9) / TASK.mem),
    ),
  );
}

/** When the last of `n` distinct tasks of `fw` finished, or null if fewer finished. */
function doneAt(trace: readonly TraceEvent[], fw: string, n: number): number | null {
  const finished = taskRuns(trace, fw).filter((r) => r.state === 'TASK_FINISHED');
  return new Set(finished.map((r) => r.id)).size >= n ? Math.max(...finished.map((r) => r.endedAt!)) : null;
}

/** When both stage-A tasks had finished (stage B ready), or null. */
function stageBReady(runs: readonly TaskRun[]): number | null {
  const a = runs.filter((r) => isA(r.id) && r.state === 'TASK_FINISHED');
  return new Set(a.map((r) => r.id)).size >= STAGE_A ? Math.max(...a.map((r) => r.endedAt!)) : null;
}

const score = (trace: readonly TraceEvent[], fw: string): { en: string; zh: string } => {
  const mine = doneAt(trace, fw, JOB);
  const rival = doneAt(trace, RIVAL, RIVAL_TASKS);
  return {
    en: `Your ${JOB} tasks were done ${mine === null ? 'not all by the end' : `at t=${fmt(mine)}`}, the rival's ${RIVAL_TASKS} ${rival === null ? 'not all by the end' : `at t=${fmt(rival)}`}.`,
    zh: `你的 ${JOB} 个任务${mine === null ? '到结束时没有全部完成' : `在 t=${fmt(mine)} 全部完成`}，对手的 ${RIVAL_TASKS} 个任务${rival === null ? '到结束时没有全部完成' : `在 t=${fmt(rival)} 全部完成`}。`,
  };
};

export const checks: Check[] = [
  {
    name: 'Throughput: packed stage B and asked for it at once',
    name_zh: '吞吐量：装满 B 阶段，并立即请求资源',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const ready = stageBReady(runs);
      if (ready === null)
        return fail(
          `Stage A never finished: ${STAGE_A} tasks of sleep 10 should be launched at once and done by about t=10.`,
          `A 阶段始终没有完成：${STAGE_A} 个 sleep 10 的任务应当一开始就启动，大约在 t=10 完成。`,
        );
      const offers = offerRecords(trace, ctx.framework);
      const bLaunched = runs.filter((r) => isB(r.id) && r.launchedAt !== null);
      const firstB = bLaunched.length ? Math.min(...bLaunched.map((r) => r.launchedAt!)) : null;
      const next = offers.find((o) => o.at >= ready - 1e-9);
      const resumed = Math.min(next?.at ?? Infinity, firstB !== null && firstB >= ready ? firstB : Infinity);
      if (resumed > ready + SLACK)
        return fail(
          `Stage B was ready at t=${fmt(ready)}, when the second stage-A task finished, but ${Number.isFinite(resumed) ? `the framework got its next offer only at t=${fmt(resumed)}` : 'no offer came after that'}. A suppressed framework, or one that declined with a long filter, must revive when work arrives.`,
          `第二个 A 阶段任务在 t=${fmt(ready)} 完成，B 阶段随之就绪，但${Number.isFinite(resumed) ? `框架直到 t=${fmt(resumed)} 才收到下一个 offer` : '之后再也没有 offer 到来'}。被暂停的框架，或者用长过滤器拒绝过 offer 的框架，在有工作到来时必须 revive。`,
          ready,
        );
      // While stage-B tasks waited, every offer is filled as far as it goes.
      for (const o of offers) {
        if (o.closedAt === null || o.outcome === 'rescinded' || o.at < ready) continue;
        const waiting = STAGE_B - bLaunched.filter((r) => r.launchedAt! <= o.closedAt!).length;
        const left = roomLeft(o, runs);
        if (waiting > 0 && left > 0)
          return fail(
            `At t=${fmt(o.closedAt)} offer ${o.id} on ${o.agent} (${showResources(o.resources)}) was ${o.tasks.length ? `used for ${o.tasks.length} task(s)` : 'declined'}, with room for ${Math.min(left, waiting)} more, while ${waiting} stage-B task(s) waited. Pack every offer you get (lesson 3): a task placed now does not wait for the next round.`,
            `t=${fmt(o.closedAt)} 时 ${o.agent} 上的 offer ${o.id}（${showResources(o.resources)}）${o.tasks.length ? `只放了 ${o.tasks.length} 个任务` : '被拒绝了'}，还能再放 ${Math.min(left, waiting)} 个，而此时还有 ${waiting} 个 B 阶段任务在等待。把拿到的每个 offer 装满（第 3 课）：现在放下的任务，就不必等下一轮。`,
            o.closedAt,
          );
      }
      const s = score(trace, ctx.framework);
      return pass(
        `Offers came back at t=${fmt(resumed)}, right after stage B was ready at t=${fmt(ready)}, and each was packed. ${s.en}`,
        `B 阶段在 t=${fmt(ready)} 就绪后，offer 在 t=${fmt(resumed)} 就回来了，而且每个都被装满。${s.zh}`,
      );
    },
  },
  {
    name: 'Fairness: not offered what the rival needed while idle',
    name_zh: '公平性：空闲时没有占用对手需要的资源',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const rival = taskRuns(trace, RIVAL).filter((r) => r.launchedAt !== null);
      const rivalWaits = (t: number): number => RIVAL_TASKS - rival.filter((r) => r.launchedAt! <= t).length;
      const a = runs.filter((r) => isA(r.id) && r.launchedAt !== null);
      const b = runs.filter((r) => isB(r.id) && r.launchedAt !== null);
      const ready = stageBReady(runs) ?? Infinity;
      const lastA = a.length === STAGE_A ? Math.max(...a.map((r) => r.launchedAt!)) : Infinity;
      const lastB = b.length === STAGE_B ? Math.max(...b.map((r) => r.launchedAt!)) : Infinity;
      // Offers the framework declined while it had nothing to launch and the rival had tasks to place.
      const idle = (o: OfferRecord): boolean =>
        o.outcome === 'declined' &&
        ((o.at > lastA + SLACK && o.at < ready) || o.at > lastB + SLACK) &&
        rivalWaits(o.at) > 0 &&
        (o.resources.cpus ?? 0) + 1e-9 >= TASK.cpus &&
        (o.resources.mem ?? 0) + 1e-9 >= TASK.mem;
      const seen = new Map<string, OfferRecord>();
      for (const o of offerRecords(trace, ctx.framework).filter(idle)) {
        const before = seen.get(o.agent);
        if (before)
          return fail(
            `While you had nothing to launch, you were offered room on ${o.agent} at t=${fmt(before.at)} (${showResources(before.resources)}) and again at t=${fmt(o.at)} (${showResources(o.resources)}), and declined both, while the rival still had ${rivalWaits(o.at)} task(s) to place. With the lowest dominant share you are offered freed resources first: suppress offers while idle (and revive for stage B), or decline with a long filter.`,
            `在你无事可做时，${o.agent} 上的空间在 t=${fmt(before.at)}（${showResources(before.resources)}）和 t=${fmt(o.at)}（${showResources(o.resources)}）两次提供给了你，你都拒绝了，而此时对手还有 ${rivalWaits(o.at)} 个任务没有放下。主导份额最低的你会最先被提供空出来的资源：空闲时请暂停 offer（B 阶段就绪时再 revive），或者用长过滤器拒绝。`,
            o.at,
          );
        seen.set(o.agent, o);
      }
      const s = score(trace, ctx.framework);
      return pass(
        `While you had nothing to launch, no agent's room was offered to you more than once while the rival waited. ${s.en}`,
        `在你无事可做、对手还在等待时，没有哪个 agent 的空间被反复提供给你。${s.zh}`,
      );
    },
  },
  {
    name: 'Stage B waited for stage A',
    name_zh: 'B 阶段等 A 阶段完成后才开始',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const ready = stageBReady(runs);
      const early = runs.find(
        (r) => isB(r.id) && r.launchedAt !== null && (ready === null || r.launchedAt < ready),
      );
      if (early)
        return fail(
          `At t=${fmt(early.launchedAt!)} ${early.id} was launched, ${ready !== null ? `before stage A was done at t=${fmt(ready)}` : 'although stage A never finished'}. Stage B becomes ready only when both stage-A tasks have reported TASK_FINISHED.`,
          `t=${fmt(early.launchedAt!)} 时启动了 ${early.id}，${ready !== null ? `而 A 阶段直到 t=${fmt(ready)} 才完成` : '而 A 阶段始终没有完成'}。只有两个 A 阶段任务都报告了 TASK_FINISHED，B 阶段才算就绪。`,
          early.launchedAt!,
        );
      return pass(
        ready !== null
          ? `No stage-B task was launched before stage A was done at t=${fmt(ready)}.`
          : 'No stage-B task was launched.',
        ready !== null
          ? `A 阶段在 t=${fmt(ready)} 完成之前，没有启动任何 B 阶段任务。`
          : '没有启动任何 B 阶段任务。',
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
        `Offer ${o.id} (${o.agent}, ${showResources(o.resources)}) was held from t=${fmt(o.at)} for ${fmt(held.held)} s. Never keep an offer "for later": decline it, and revive when work arrives.`,
        `offer ${o.id}（${o.agent}，${showResources(o.resources)}）从 t=${fmt(o.at)} 起被扣了 ${fmt(held.held)} 秒。不要把 offer 留着“以后用”：拒绝它，有工作时再 revive。`,
        o.at,
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
          `At t=${fmt(err.t)} task ${err.task} was rejected with TASK_ERROR: ${err.message}.`,
          `t=${fmt(err.t)} 时任务 ${err.task} 被以 TASK_ERROR 拒绝：${err.message}。`,
          err.t,
        );
      const seen = new Set<string>();
      for (const r of runs.filter((x) => x.launchedAt !== null)) {
        if (seen.has(r.id))
          return fail(
            `Task ${r.id} was launched twice (again at t=${fmt(r.launchedAt!)}).`,
            `任务 ${r.id} 被启动了两次（第二次在 t=${fmt(r.launchedAt!)}）。`,
            r.launchedAt!,
          );
        seen.add(r.id);
        if (seen.size > JOB)
          return fail(
            `At t=${fmt(r.launchedAt!)} task ${r.id} was launched, task number ${seen.size}; the job has ${JOB} (${STAGE_A} in stage A, ${STAGE_B} in stage B).`,
            `t=${fmt(r.launchedAt!)} 时启动了任务 ${r.id}，这是第 ${seen.size} 个任务；而作业只有 ${JOB} 个（A 阶段 ${STAGE_A} 个，B 阶段 ${STAGE_B} 个）。`,
            r.launchedAt!,
          );
      }
      return pass(`${seen.size} tasks launched, each once.`, `启动了 ${seen.size} 个任务，每个一次。`);
    },
  },
];
