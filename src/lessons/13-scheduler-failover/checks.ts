/**
 * Lesson 13 checks, over the service instances web1…web3 (a task id "web2.3" is attempt 3 of web2). The
 * scenario replaces the scheduler's process at t=10 with a new one running the same code under the same
 * framework id; within failover_timeout the master keeps the framework and its tasks (Master::exited starts
 * the timer, Master::failoverFramework hands the framework to the new scheduler). The new process starts
 * with no memory, so what it launches afterwards shows whether it found out what was running: it must not
 * launch an instance that still runs, and must launch the one that never ran once there is room.
 */
import {
  byItem,
  eventsOf,
  fail,
  fmt,
  itemOf,
  offerRecords,
  pass,
  showResources,
  taskRuns,
} from '../checkKit';
import type { TraceEvent } from '../../cluster/trace';
import type { Check } from '../types';

export const INSTANCES = ['web1', 'web2', 'web3'];
/** Seconds after the re-registration the new scheduler may take to hear the master's answers. */
const SETTLE = 2;
/** What one instance needs. */
const INSTANCE = { cpus: 1, mem: 1024 };

/** When the master handed the framework to the new scheduler process (the first re-registration). */
function takeover(trace: readonly TraceEvent[], framework: string): number | null {
  return eventsOf(trace, 'framework-reregistered').find((e) => e.framework === framework)?.t ?? null;
}

export const checks: Check[] = [
  {
    name: 'Kept the instances that survived the restart',
    name_zh: '保留了重启后仍在运行的实例',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework).filter((r) => INSTANCES.includes(itemOf(r.id)));
      const back = takeover(trace, ctx.framework);
      const when = (t: number): string =>
        back !== null && t > back ? ` (after the new scheduler took over at t=${fmt(back)})` : '';
      const when_zh = (t: number): string =>
        back !== null && t > back ? `（在新调度器于 t=${fmt(back)} 接管之后）` : '';
      // A launch under a task id that still runs is rejected; the model folds that TASK_ERROR into the
      // running task's history, so it is read from the status events themselves.
      const duplicate = eventsOf(trace, 'status').find(
        (e) =>
          e.framework === ctx.framework &&
          e.state === 'TASK_ERROR' &&
          /duplicate ID/i.test(e.message ?? '') &&
          INSTANCES.includes(itemOf(e.task)),
      );
      // A second attempt launched while an earlier one of the same instance still ran.
      let twice: { run: (typeof runs)[number]; other: (typeof runs)[number] } | null = null;
      for (const [, attempts] of byItem(runs)) {
        for (const run of attempts) {
          if (run.launchedAt === null) continue;
          const other = attempts.find(
            (o) =>
              o !== run &&
              o.launchedAt !== null &&
              o.launchedAt <= run.launchedAt! &&
              (o.endedAt === null || o.endedAt > run.launchedAt!),
          );
          if (other && (!twice || run.launchedAt < twice.run.launchedAt!)) twice = { run, other };
        }
      }
      if (duplicate && (!twice || duplicate.t <= twice.run.launchedAt!)) {
        const original = runs.find((r) => r.id === duplicate.task && r.launchedAt !== null);
        return fail(
          `At t=${fmt(duplicate.t)}${when(duplicate.t)} your scheduler launched ${duplicate.task} again, and the master rejected it with TASK_ERROR: ${duplicate.message}. ${original ? `${duplicate.task} had been running on ${original.agent} since t=${fmt(original.launchedAt!)}. ` : ''}A new scheduler process knows nothing of the old one's tasks: in registered, reconcile (driver.reconcileTasks([])) and adopt every task the master reports as running, whatever its task id, before you launch anything.`,
          `t=${fmt(duplicate.t)} 时${when_zh(duplicate.t)}，你的调度器再次启动了 ${duplicate.task}，master 以 TASK_ERROR 拒绝了它：${duplicate.message}。${original ? `${duplicate.task} 自 t=${fmt(original.launchedAt!)} 起一直在 ${original.agent} 上运行。` : ''}新的调度器进程对旧进程的任务一无所知：请在 registered 中进行协调（driver.reconcileTasks([])），在启动任何任务之前，接管 master 报告为正在运行的每个任务，不论它的任务 ID 是什么。`,
          duplicate.t,
        );
      }
      if (twice) {
        const { run, other } = twice;
        const t = run.launchedAt!;
        return fail(
          `At t=${fmt(t)}${when(t)} your scheduler launched ${run.id} on ${run.agent} while ${other.id}, launched at t=${fmt(other.launchedAt!)} on ${other.agent}, was still running: ${itemOf(run.id)} ran twice. A new scheduler process knows nothing of the old one's tasks: in registered, reconcile (driver.reconcileTasks([])) and adopt every instance the master reports as running, before you launch anything.`,
          `t=${fmt(t)} 时${when_zh(t)}，你的调度器在 ${run.agent} 上启动了 ${run.id}，而 t=${fmt(other.launchedAt!)} 在 ${other.agent} 上启动的 ${other.id} 仍在运行：${itemOf(run.id)} 运行了两份。新的调度器进程对旧进程的任务一无所知：请在 registered 中进行协调（driver.reconcileTasks([])），在启动任何任务之前，接管 master 报告为正在运行的每个实例。`,
          t,
        );
      }
      return pass(
        back === null
          ? 'No instance was launched while another attempt of it ran.'
          : `No instance was launched while another attempt of it ran, before or after the new scheduler took over at t=${fmt(back)}.`,
        back === null
          ? '没有在某个实例的另一次尝试仍在运行时再次启动它。'
          : `无论在新调度器于 t=${fmt(back)} 接管之前还是之后，都没有在某个实例的另一次尝试仍在运行时再次启动它。`,
      );
    },
  },
  {
    name: 'Ran every instance',
    name_zh: '运行了每一个实例',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework).filter(
        (r) => INSTANCES.includes(itemOf(r.id)) && r.launchedAt !== null,
      );
      const items = byItem(runs);
      const back = takeover(trace, ctx.framework);
      const offers = offerRecords(trace, ctx.framework);
      // Instances with no attempt running when the new scheduler took over: it must launch them itself.
      const missing =
        back === null
          ? []
          : INSTANCES.filter(
              (name) =>
                !(items.get(name) ?? []).some(
                  (r) => r.launchedAt! <= back && (r.endedAt === null || r.endedAt > back),
                ),
            );
      for (const name of missing) {
        const launch = (items.get(name) ?? []).find((r) => r.launchedAt! > back!);
        // Offers made with the one the launch used came in the same batch: only earlier ones count.
        const madeAt = launch
          ? Math.min(...offers.filter((o) => launch.offers.includes(o.id)).map((o) => o.at))
          : Infinity;
        const idle = offers.find(
          (o) =>
            o.at > back! + SETTLE &&
            o.at < madeAt &&
            o.outcome === 'declined' &&
            (o.resources.cpus ?? 0) >= INSTANCE.cpus &&
            (o.resources.mem ?? 0) >= INSTANCE.mem,
        );
        if (idle)
          return fail(
            `When the new scheduler took over at t=${fmt(back!)}, no attempt of ${name} was running. At t=${fmt(idle.at)} it declined offer ${idle.id} (${idle.agent}, ${showResources(idle.resources)}) while ${name} ${launch ? `was launched only at t=${fmt(launch.launchedAt!)}` : 'never ran'}. Implicit reconciliation reports only tasks the master knows: an instance it does not mention is not running, so launch it as soon as an offer has room.`,
            `新调度器在 t=${fmt(back!)} 接管时，${name} 没有任何尝试在运行。t=${fmt(idle.at)} 时它拒绝了 offer ${idle.id}（${idle.agent}，${showResources(idle.resources)}），而 ${name} ${launch ? `直到 t=${fmt(launch.launchedAt!)} 才启动` : '始终没有运行'}。隐式协调只报告 master 知道的任务：它没有提到的实例并没有在运行，所以一旦有 offer 有足够空间就启动它。`,
            idle.at,
          );
      }
      for (const name of INSTANCES) {
        if ((items.get(name) ?? []).some((r) => r.runningAt !== null)) continue;
        return fail(
          `${name} never reached TASK_RUNNING. Launch each of web1, web2 and web3 (cpus:1;mem:1024, one per offer with room) and keep them running.`,
          `${name} 从未到达 TASK_RUNNING。请启动 web1、web2 和 web3 中的每一个（cpus:1;mem:1024，每个有空间的 offer 一个），并让它们保持运行。`,
        );
      }
      return pass(
        missing.length
          ? `Every instance ran; ${missing.join(', ')}, not running when the new scheduler took over, was launched by it.`
          : 'Every instance ran.',
        missing.length
          ? `每个实例都运行了；新调度器接管时没有在运行的 ${missing.join('、')} 由它启动了。`
          : '每个实例都运行了。',
      );
    },
  },
];
