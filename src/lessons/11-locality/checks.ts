/**
 * Lesson 11 checks, the two rules of delay scheduling read from what the framework did with each offer:
 * an offer on a rack goes first to tasks whose data is there; a task runs on another rack only after it has
 * waited WAIT seconds, and then takes the next offer with room. Besides: offers it skips are declined, not
 * kept, and every map task ran.
 *
 * The wait is in virtual seconds from the moment the framework joined, never in offer rounds: rounds are
 * not a second apart (an added agent brings one of its own). A scheduler that starts its clock a few
 * milliseconds later, in registered or at its first offers, is allowed for.
 */
import {
  addedAt,
  agentAttributes,
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
import type { Check } from '../types';
import type { TraceEvent } from '../../cluster/trace';

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
/** Seconds a task waits for its own rack before it may run on another. */
export const WAIT = 3;
/** What one map task needs. */
const DEMAND = { cpus: 1, mem: 1024 };
/** Leeway around the wait: a scheduler's clock may start at its first callback, and offers come on the tick. */
const EARLY = 0.05;
const LATE = 1.1;

const rackOfAgent = (trace: readonly TraceEvent[]): ((agent: string) => string | undefined) => {
  const attrs = agentAttributes(trace);
  return (agent) => {
    const r = attrs.get(agent)?.rack;
    return r === undefined ? undefined : String(r);
  };
};

/** How many more map tasks fit in what the framework left of an offer. */
function roomLeft(o: OfferRecord, runs: readonly TaskRun[]): number {
  let cpus = o.resources.cpus ?? 0;
  let mem = o.resources.mem ?? 0;
  for (const r of runs)
    if (r.launchedAt !== null && r.offers.includes(o.id)) {
      cpus -= r.resources.cpus ?? 0;
      mem -= r.resources.mem ?? 0;
    }
  return Math.max(
    0,
    Math.min(Math.floor((cpus + 1e-9) / DEMAND.cpus), Math.floor((mem + 1e-9) / DEMAND.mem)),
  );
}

/**
 * Tasks still waiting after the framework answered its offers at time `t`: not launched by then (a task
 * launched in the same callback, on another offer, is not waiting).
 */
const waitingAt = (runs: readonly TaskRun[], t: number): string[] =>
  TASKS.filter((id) => !runs.some((r) => r.id === id && r.launchedAt !== null && r.launchedAt <= t));

/**
 * Tasks whose data is on `rack` that an offer on it answered at `t` should have served: not launched
 * before `t`, and not launched on their own rack at `t` either.
 */
const passedOver = (
  runs: readonly TaskRun[],
  t: number,
  rack: string | undefined,
  rackOf: (agent: string) => string | undefined,
): string[] =>
  TASKS.filter((id) => {
    if (PREFERRED[id] !== rack) return false;
    const r = runs.find((x) => x.id === id && x.launchedAt !== null);
    if (!r) return true;
    if (r.launchedAt! < t) return false;
    return !(r.launchedAt! <= t && rackOf(r.agent) === rack);
  });

export const checks: Check[] = [
  {
    name: 'Gave each rack to its own tasks first',
    name_zh: '每个机架先给自己的任务',
    run(trace, ctx) {
      const rack = rackOfAgent(trace);
      const runs = taskRuns(trace, ctx.framework);
      for (const o of offerRecords(trace, ctx.framework)) {
        if (o.closedAt === null || o.outcome === 'rescinded') continue;
        const here = rack(o.agent);
        const skippedLocal = passedOver(runs, o.closedAt, here, rack);
        if (skippedLocal.length === 0) continue;
        const onIt = runs.filter((r) => r.launchedAt !== null && r.offers.includes(o.id));
        const stranger = onIt.find((r) => PREFERRED[r.id] !== here);
        const left = roomLeft(o, runs);
        if ((stranger || left > 0) && skippedLocal.length > 0)
          return fail(
            `At t=${fmt(o.closedAt)} offer ${o.id} on ${o.agent} (rack ${here}, ${showResources(o.resources)}) ${stranger ? `went to ${stranger.id}, whose data is on ${PREFERRED[stranger.id]}` : `was ${o.outcome === 'declined' ? 'declined' : 'left partly unused'}`}, while ${skippedLocal.join(', ')}, whose data is on ${here}, waited. An offer on a rack goes first to the tasks whose data is there.`,
            `t=${fmt(o.closedAt)} 时 ${o.agent}（机架 ${here}，${showResources(o.resources)}）上的 offer ${o.id}${stranger ? `给了数据在 ${PREFERRED[stranger.id]} 上的 ${stranger.id}` : o.outcome === 'declined' ? '被拒绝了' : '有一部分没有用'}，而数据就在 ${here} 上的 ${skippedLocal.join('、')} 还在等待。某个机架上的 offer 要先给数据在那里的任务。`,
            o.closedAt,
          );
      }
      const local = runs.filter((r) => r.launchedAt !== null && rack(r.agent) === PREFERRED[r.id]);
      return pass(
        `Whenever a task's rack was offered, it got the room first; ${local.length} of ${TASKS.length} tasks ran next to their data.`,
        `只要某个任务的机架有 offer，空间就先给了它；${TASKS.length} 个任务中有 ${local.length} 个运行在数据旁边。`,
      );
    },
  },
  {
    name: `Waited ${WAIT} s before going elsewhere`,
    name_zh: `去别处之前等了 ${WAIT} 秒`,
    run(trace, ctx) {
      const rack = rackOfAgent(trace);
      const start = addedAt(trace, ctx.framework) ?? 0;
      const early = taskRuns(trace, ctx.framework).find(
        (r) =>
          r.launchedAt !== null &&
          PREFERRED[r.id] !== undefined &&
          rack(r.agent) !== PREFERRED[r.id] &&
          r.launchedAt < start + WAIT - EARLY,
      );
      if (early)
        return fail(
          `At t=${fmt(early.launchedAt!)} ${early.id} was launched on ${early.agent} (rack ${rack(early.agent) ?? '?'}), ${fmt(early.launchedAt! - start)} s after the job started; its data is on ${PREFERRED[early.id]}. Let a task wait ${WAIT} s (virtual time, Date.now()) for its own rack before it runs elsewhere.`,
          `t=${fmt(early.launchedAt!)} 时 ${early.id} 被启动在 ${early.agent}（机架 ${rack(early.agent) ?? '?'}）上，距作业开始只过了 ${fmt(early.launchedAt! - start)} 秒；它的数据在 ${PREFERRED[early.id]} 上。先让任务为自己的机架等 ${WAIT} 秒（虚拟时间，Date.now()），再让它去别处运行。`,
          early.launchedAt!,
        );
      return pass(
        `No task ran off its rack within ${WAIT} s of the job's start (t=${fmt(start)}).`,
        `作业开始（t=${fmt(start)}）后 ${WAIT} 秒内，没有任务离开自己的机架运行。`,
      );
    },
  },
  {
    name: 'Took any offer once the wait was over',
    name_zh: '等待结束后接受任何 offer',
    run(trace, ctx) {
      const start = addedAt(trace, ctx.framework) ?? 0;
      const runs = taskRuns(trace, ctx.framework);
      const rack = rackOfAgent(trace);
      const localLaunches = runs
        .filter((r) => r.launchedAt !== null && rack(r.agent) === PREFERRED[r.id])
        .map((r) => r.launchedAt!);
      for (const o of offerRecords(trace, ctx.framework)) {
        // The wait may run from the job's start or, as in the Delay Scheduling paper, from its last local launch.
        const from = Math.max(start, ...localLaunches.filter((t) => t < o.at));
        if (o.closedAt === null || o.outcome === 'rescinded' || o.at < from + WAIT + LATE) continue;
        const waiting = waitingAt(runs, o.closedAt);
        const left = roomLeft(o, runs);
        if (waiting.length > 0 && left > 0)
          return fail(
            `At t=${fmt(o.at)} offer ${o.id} on ${o.agent} had room for ${left} more task(s) (${showResources(o.resources)}), and the framework ${o.outcome === 'declined' ? 'declined it' : 'left that room unused'} while ${waiting.join(', ')} had been waiting since t=${fmt(from)}${from > start ? " (the job's last local launch)" : ''}, more than ${WAIT} s. After its wait, a task takes the next offer with room, whatever the rack: waiting for a busy rack is waiting forever.`,
            `t=${fmt(o.at)} 时 ${o.agent} 上的 offer ${o.id} 还能再放 ${left} 个任务（${showResources(o.resources)}），而框架${o.outcome === 'declined' ? '拒绝了它' : '没有用上这些空间'}，此时 ${waiting.join('、')} 从 t=${fmt(from)}${from > start ? '（作业最后一次在本地启动任务）' : ''}起已经等了超过 ${WAIT} 秒。等待结束后，任务要接受下一个有空间的 offer，不管在哪个机架：等一个忙碌的机架，就是永远等下去。`,
            o.at,
          );
      }
      return pass(
        `Once their ${WAIT} s were up, waiting tasks took the next offer with room.`,
        `等待的 ${WAIT} 秒一过，等待中的任务就接受了下一个有空间的 offer。`,
      );
    },
  },
  {
    name: 'Declined what it skipped',
    name_zh: '拒绝了跳过的 offer',
    run(trace, ctx) {
      const held = firstHeldOffer(offerRecords(trace, ctx.framework), 1, ctx.scenario.until);
      if (!held)
        return pass('Offers it did not want were declined at once.', '不想要的 offer 都被立即拒绝了。');
      const o = held.offer;
      return fail(
        `Offer ${o.id} (${o.agent}, ${showResources(o.resources)}, t=${fmt(o.at)}) was held for ${fmt(held.held)} s. Waiting for a better rack means declining the offers you skip (refuse_seconds: 0), not keeping them: a kept offer is hoarding, and hides that agent from you in the next rounds.`,
        `offer ${o.id}（${o.agent}，${showResources(o.resources)}，t=${fmt(o.at)}）被扣了 ${fmt(held.held)} 秒。等待更好的机架，意味着拒绝（refuse_seconds: 0）而不是扣住跳过的 offer：扣住 offer 就是囤积资源，而且会让你在之后几轮里看不到这个 agent。`,
        o.at,
      );
    },
  },
  {
    name: 'Every map task ran',
    name_zh: '每个 map 任务都运行了',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const missing = TASKS.filter((t) => !runs.some((r) => r.id === t && r.state === 'TASK_FINISHED'));
      if (missing.length === 0) {
        const end = Math.max(...runs.filter((r) => r.endedAt !== null).map((r) => r.endedAt!));
        return pass(
          `All ${TASKS.length} map tasks finished, the last at t=${fmt(end)}.`,
          `全部 ${TASKS.length} 个 map 任务都已完成，最后一个在 t=${fmt(end)}。`,
        );
      }
      const last = offerRecords(trace, ctx.framework).at(-1);
      return fail(
        `By t=${fmt(ctx.scenario.until)} these tasks had not finished: ${missing.join(', ')}${missing.some((m) => !runs.some((r) => r.id === m)) ? ' (some never launched)' : ''}. ${last ? `The framework's last offer came at t=${fmt(last.at)}: ask for offers while tasks wait, and suppress only when none is left.` : 'The framework received no offer.'}`,
        `到 t=${fmt(ctx.scenario.until)} 为止这些任务没有完成：${missing.join('、')}${missing.some((m) => !runs.some((r) => r.id === m)) ? '（有的从未启动）' : ''}。${last ? `框架收到的最后一个 offer 在 t=${fmt(last.at)}：还有任务在等待时要继续接收 offer，只有全部启动后才暂停。` : '框架一个 offer 也没有收到。'}`,
        last?.at,
      );
    },
  },
];
