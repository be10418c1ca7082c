/**
 * Lesson 2 checks: the greeting ran (the master accepted the task, it reached TASK_FINISHED and printed
 * "Hello, world!"), it was launched only once, and offers the framework did not use went back.
 */
import {
  fail,
  firstHeldOffer,
  firstTaskError,
  fmt,
  offerRecords,
  pass,
  showResources,
  taskRuns,
} from '../checkKit';
import type { Check } from '../types';

export const GREETING = 'Hello, world!';

const path = (states: readonly { state: string }[]): string =>
  states.map((s) => s.state.replace('TASK_', '')).join(' → ');

export const checks: Check[] = [
  {
    name: 'The greeting ran to TASK_FINISHED',
    name_zh: '问候任务运行到了 TASK_FINISHED',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const good = runs.find((r) => r.state === 'TASK_FINISHED' && r.stdout.trim() === GREETING);
      if (good)
        return pass(
          `Task ${good.id} went ${path(good.states)} on ${good.agent} and wrote "${GREETING}" to its stdout.`,
          `任务 ${good.id} 在 ${good.agent} 上经历 ${path(good.states)}，并向标准输出写了“${GREETING}”。`,
        );
      const err = firstTaskError(runs);
      if (err) {
        // Say what to change for the rejection the master gave, or both common causes if it is another.
        const fit = 'ask for resources that fit in the offer you launch on (cpus:0.1;mem:32 is plenty)';
        const fitZh = '只申请放得进所用 offer 的资源（cpus:0.1;mem:32 就够了）';
        const cmd = `give command as an object: { value: "echo '${GREETING}'" }`;
        const cmdZh = `把 command 写成对象：{ value: "echo '${GREETING}'" }`;
        const [next, nextZh] = /resources/i.test(err.message)
          ? [fit, fitZh]
          : /command/i.test(err.message)
            ? [cmd, cmdZh]
            : [`${fit}, and ${cmd}`, `${fitZh}，并${cmdZh}`];
        return fail(
          `At t=${fmt(err.t)} the master rejected task ${err.task} with TASK_ERROR: ${err.message}. A rejected task never reaches an agent: ${next}.`,
          `t=${fmt(err.t)} 时 master 以 TASK_ERROR 拒绝了任务 ${err.task}：${err.message}。被拒绝的任务根本不会到达 agent：请${nextZh}。`,
          err.t,
        );
      }
      const ran = runs.find((r) => r.launchedAt !== null);
      if (ran) {
        const last = ran.states[ran.states.length - 1]!;
        const out = `${JSON.stringify(ran.stdout)} to stdout${ran.stderr ? ` and ${JSON.stringify(ran.stderr)} to stderr` : ''}`;
        const outZh = `向标准输出写了 ${JSON.stringify(ran.stdout)}${ran.stderr ? `，向标准错误写了 ${JSON.stringify(ran.stderr)}` : ''}`;
        return fail(
          `Task ${ran.id}, launched at t=${fmt(ran.launchedAt!)}, went ${path(ran.states)} (last at t=${fmt(last.t)}${last.message ? `: ${last.message}` : ''}) and wrote ${out}. The command must be exactly echo '${GREETING}', which prints ${GREETING} and exits 0 (TASK_FINISHED).`,
          `任务 ${ran.id} 于 t=${fmt(ran.launchedAt!)} 启动，经历 ${path(ran.states)}（最后一次在 t=${fmt(last.t)}${last.message ? `：${last.message}` : ''}），${outZh}。命令必须正好是 echo '${GREETING}'：它打印 ${GREETING} 并以 0 退出（TASK_FINISHED）。`,
          last.t,
        );
      }
      const first = offerRecords(trace, ctx.framework)[0];
      if (!first) return fail('The framework received no offer at all.', '这个框架一个 offer 也没有收到。');
      return fail(
        `No task was launched. The first offer, ${first.id} at t=${fmt(first.at)} (${first.agent}, ${showResources(first.resources)}), was ${first.outcome === 'declined' ? 'declined' : 'not used'}: call driver.launchTasks([offer.id], [task]) on one offer.`,
        `没有启动任何任务。第一个 offer ${first.id}（t=${fmt(first.at)}，${first.agent}，${showResources(first.resources)}）${first.outcome === 'declined' ? '被拒绝了' : '没有被使用'}：请对一个 offer 调用 driver.launchTasks([offer.id], [task])。`,
        first.at,
      );
    },
  },
  {
    name: 'Launched the greeting only once',
    name_zh: '问候只启动了一次',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      if (runs.length <= 1)
        return pass(
          runs.length === 1
            ? `The framework launched ${runs[0]!.id} and no other task.`
            : 'The framework launched no second task.',
          runs.length === 1 ? `框架只启动了 ${runs[0]!.id}，没有别的任务。` : '框架没有启动第二个任务。',
        );
      const second = runs[1]!;
      const when = second.launchedAt ?? second.states[0]?.t ?? 0;
      return fail(
        `The framework launched ${runs.length} tasks; the second, ${second.id}, at t=${fmt(when)}${second.offers.length ? ` on offer ${second.offers.join(', ')}` : ''}, after ${runs[0]!.id}. The greeting should run once: remember in a field that you launched it, and decline later offers.`,
        `框架一共启动了 ${runs.length} 个任务；继 ${runs[0]!.id} 之后的第二个是 t=${fmt(when)} 的 ${second.id}${second.offers.length ? `（offer ${second.offers.join('、')}）` : ''}。问候只需运行一次：用一个字段记住你已经启动过它，之后的 offer 都拒绝。`,
        when,
      );
    },
  },
  {
    name: 'Unused offers went back',
    name_zh: '用不上的 offer 已退回',
    run(trace, ctx) {
      const held = firstHeldOffer(offerRecords(trace, ctx.framework), 1, ctx.scenario.until);
      if (!held)
        return pass(
          'Every offer was used or declined within a second.',
          '每个 offer 都在一秒内被使用或拒绝。',
        );
      const o = held.offer;
      return fail(
        `Offer ${o.id} (${o.agent}, t=${fmt(o.at)}) was ${o.closedAt === null ? `never answered, to the end at t=${fmt(ctx.scenario.until)}` : `answered only at t=${fmt(o.closedAt)}`}. Every offer in the list needs an answer: decline the ones you do not use with driver.declineOffer(offer.id).`,
        `offer ${o.id}（${o.agent}，t=${fmt(o.at)}）${o.closedAt === null ? `直到结束（t=${fmt(ctx.scenario.until)}）都没有得到回应` : `直到 t=${fmt(o.closedAt)} 才得到回应`}。列表中的每个 offer 都需要回应：用不上的请用 driver.declineOffer(offer.id) 拒绝。`,
        o.at,
      );
    },
  },
];
