/**
 * Lesson 2 checks: exactly one task was launched, it finished, and it printed the greeting; offers the
 * framework did not use went back.
 */
import { fail, firstHeldOffer, firstTaskError, fmt, offerRecords, pass, taskRuns } from '../checkKit';
import type { Check } from '../types';

export const GREETING = 'Hello, world!';

export const checks: Check[] = [
  {
    name: 'Launched a task',
    name_zh: '启动了一个任务',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const launched = runs.find((r) => r.launchedAt !== null);
      if (launched)
        return pass(
          `At t=${fmt(launched.launchedAt!)} task ${launched.id} was launched on ${launched.agent}.`,
          `t=${fmt(launched.launchedAt!)} 时任务 ${launched.id} 在 ${launched.agent} 上启动。`,
        );
      const err = firstTaskError(runs);
      if (err)
        return fail(
          `At t=${fmt(err.t)} the master rejected task ${err.task} with TASK_ERROR: ${err.message}. A TASK_ERROR task never reaches an agent.`,
          `t=${fmt(err.t)} 时 master 以 TASK_ERROR 拒绝了任务 ${err.task}：${err.message}。TASK_ERROR 的任务根本不会到达 agent。`,
        );
      return fail(
        'No task was launched: call driver.launchTasks([offer.id], [task]) on one of the offers.',
        '没有启动任何任务：请对某个 offer 调用 driver.launchTasks([offer.id], [task])。',
      );
    },
  },
  {
    name: 'Exactly one task',
    name_zh: '恰好一个任务',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      if (runs.length === 1)
        return pass('The framework launched one task and no other.', '框架只启动了一个任务。');
      if (runs.length === 0) return fail('No task was launched.', '没有启动任何任务。');
      const second = runs[1]!;
      const when = second.launchedAt ?? second.states[0]?.t ?? 0;
      return fail(
        `The framework tried ${runs.length} tasks; the second, ${second.id}, at t=${fmt(when)}${second.offers.length ? ` on offer ${second.offers.join(', ')}` : ''}. The greeting should run once: remember that you launched it.`,
        `框架一共尝试了 ${runs.length} 个任务；第二个是 t=${fmt(when)} 的 ${second.id}${second.offers.length ? `（offer ${second.offers.join('、')}）` : ''}。问候只需运行一次：记住你已经启动过它。`,
      );
    },
  },
  {
    name: 'The task finished',
    name_zh: '任务运行结束',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const done = runs.find((r) => r.state === 'TASK_FINISHED');
      if (done)
        return pass(
          `Task ${done.id} went ${done.states.map((s) => s.state.replace('TASK_', '')).join(' → ')} and finished at t=${fmt(done.endedAt!)}.`,
          `任务 ${done.id} 经历 ${done.states.map((s) => s.state.replace('TASK_', '')).join(' → ')}，在 t=${fmt(done.endedAt!)} 结束。`,
        );
      const last = runs[0];
      if (!last) return fail('No task was launched.', '没有启动任何任务。');
      const s = last.states[last.states.length - 1];
      return fail(
        `Task ${last.id} ended in ${last.state}${s?.message ? ` (${s.message})` : ''}${s ? ` at t=${fmt(s.t)}` : ''}, not TASK_FINISHED.`,
        `任务 ${last.id} 的最终状态是 ${last.state}${s?.message ? `（${s.message}）` : ''}${s ? `，时间 t=${fmt(s.t)}` : ''}，而不是 TASK_FINISHED。`,
      );
    },
  },
  {
    name: 'It printed the greeting',
    name_zh: '打印出了问候语',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      const good = runs.find((r) => r.stdout.trim() === GREETING);
      if (good)
        return pass(
          `Task ${good.id} wrote "${GREETING}" to its stdout.`,
          `任务 ${good.id} 向标准输出写了“${GREETING}”。`,
        );
      const any = runs.find((r) => r.stdout !== '' || r.stderr !== '');
      if (any)
        return fail(
          `Task ${any.id} wrote ${JSON.stringify(any.stdout)} to stdout${any.stderr ? ` and ${JSON.stringify(any.stderr)} to stderr` : ''}, not "${GREETING}".`,
          `任务 ${any.id} 向标准输出写了 ${JSON.stringify(any.stdout)}${any.stderr ? `，向标准错误写了 ${JSON.stringify(any.stderr)}` : ''}，而不是“${GREETING}”。`,
        );
      return fail(
        `No task printed anything; the command should be echo '${GREETING}'.`,
        `没有任务打印任何内容；命令应该是 echo '${GREETING}'。`,
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
        `Offer ${o.id} (${o.agent}, t=${fmt(o.at)}) was ${o.closedAt === null ? 'never answered' : `answered only at t=${fmt(o.closedAt)}`}. Decline the offers you do not use.`,
        `offer ${o.id}（${o.agent}，t=${fmt(o.at)}）${o.closedAt === null ? '一直没有得到回应' : `直到 t=${fmt(o.closedAt)} 才得到回应`}。用不上的 offer 请拒绝。`,
      );
    },
  },
];
