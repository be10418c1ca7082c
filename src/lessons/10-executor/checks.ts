/**
 * Lesson 10 checks: the tasks ran in the framework's own executor (one per agent), each frame was reported
 * RUNNING and then FINISHED after its two seconds of work, each result came back as a framework message,
 * and the preview was killed through the executor.
 *
 * They read two things the trace should record for custom executors: the `executor` field of `launch`
 * events and `message` events for framework messages (see docs/lessons.md).
 */
import { fail, fmt, messagesOf, pass, reached, taskRuns } from '../checkKit';
import type { Check } from '../types';

export const FRAMES = ['frame-1', 'frame-2', 'frame-3', 'frame-4'];
export const PREVIEW = 'preview';
export const WORK_SECONDS = 2;

export const checks: Check[] = [
  {
    name: 'Tasks ran in your executor',
    name_zh: '任务运行在你的执行器中',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null);
      if (runs.length === 0) return fail('No task was launched.', '没有启动任何任务。');
      const plain = runs.find((r) => r.executor === undefined);
      if (plain)
        return fail(
          `At t=${fmt(plain.launchedAt!)} task ${plain.id} was launched with the command executor. Give tasks an executor: { executor_id, name } instead of a command.`,
          `t=${fmt(plain.launchedAt!)} 时任务 ${plain.id} 使用的是命令执行器。请给任务设置 executor: { executor_id, name }，而不是 command。`,
          plain.launchedAt!,
        );
      return pass(
        `All ${runs.length} tasks ran in executor(s) ${[...new Set(runs.map((r) => r.executor))].join(', ')}.`,
        `全部 ${runs.length} 个任务都运行在执行器 ${[...new Set(runs.map((r) => r.executor))].join('、')} 中。`,
      );
    },
  },
  {
    name: 'One executor per agent',
    name_zh: '每个 agent 一个执行器',
    run(trace, ctx) {
      const byAgent = new Map<string, Set<string>>();
      for (const r of taskRuns(trace, ctx.framework))
        if (r.launchedAt !== null && r.executor !== undefined) {
          let s = byAgent.get(r.agent);
          if (!s) byAgent.set(r.agent, (s = new Set()));
          s.add(r.executor);
        }
      for (const [agent, ids] of byAgent)
        if (ids.size > 1)
          return fail(
            `On ${agent} the framework started ${ids.size} executors (${[...ids].join(', ')}). Tasks that name the same executor_id share one executor; each extra executor is another process to start and pay for.`,
            `框架在 ${agent} 上启动了 ${ids.size} 个执行器（${[...ids].join('、')}）。指定相同 executor_id 的任务共享一个执行器；每多一个执行器，就多一个要启动、要付出资源的进程。`,
          );
      return pass(
        'On every agent, one executor ran all of the framework’s tasks.',
        '在每个 agent 上，框架的所有任务都由同一个执行器运行。',
      );
    },
  },
  {
    name: 'Frames were reported running, then finished',
    name_zh: '帧先报告运行，再报告完成',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework);
      for (const id of FRAMES) {
        const r = runs.find((x) => x.id === id && x.launchedAt !== null);
        if (!r) return fail(`${id} was never launched.`, `${id} 从未启动。`);
        const running = reached(r, 'TASK_RUNNING');
        const finished = reached(r, 'TASK_FINISHED');
        if (running === null)
          return fail(
            `${id} never reported TASK_RUNNING (it went ${r.states.map((s) => s.state).join(' → ')}). An executor reports RUNNING when it starts a task.`,
            `${id} 从未报告 TASK_RUNNING（它的状态依次为 ${r.states.map((s) => s.state).join(' → ')}）。执行器开始运行任务时应报告 RUNNING。`,
            r.launchedAt!,
          );
        if (finished === null)
          return fail(
            `${id} never reported TASK_FINISHED; its last state is ${r.state}.`,
            `${id} 从未报告 TASK_FINISHED；它的最后状态是 ${r.state}。`,
            r.states[r.states.length - 1]!.t,
          );
        if (finished - running < WORK_SECONDS - 0.01)
          return fail(
            `${id} was RUNNING at t=${fmt(running)} and FINISHED at t=${fmt(finished)}, after ${fmt(finished - running)} s; its work takes ${WORK_SECONDS} s. Use driver.setTimer and finish the task in timer().`,
            `${id} 在 t=${fmt(running)} 进入 RUNNING，t=${fmt(finished)} 就 FINISHED 了，只用了 ${fmt(finished - running)} 秒；它的工作需要 ${WORK_SECONDS} 秒。请用 driver.setTimer，在 timer() 中结束任务。`,
            finished,
          );
      }
      return pass(
        `Each frame was RUNNING, then FINISHED ${WORK_SECONDS} s later.`,
        `每一帧都先进入 RUNNING，${WORK_SECONDS} 秒后再 FINISHED。`,
      );
    },
  },
  {
    name: 'Results came back as framework messages',
    name_zh: '结果通过框架消息返回',
    run(trace, ctx) {
      const messages = messagesOf(trace, ctx.framework).filter((m) => m.from === 'executor');
      const runs = taskRuns(trace, ctx.framework);
      for (const id of FRAMES) {
        const r = runs.find((x) => x.id === id && x.state === 'TASK_FINISHED');
        if (!r) return fail(`${id} did not finish.`, `${id} 没有完成。`);
        const m = messages.find((x) => new RegExp(`\\b${id}\\b`).test(x.data));
        if (!m)
          return fail(
            `${id} finished at t=${fmt(r.endedAt!)}, but no framework message from the executor mentions it. Send the result with driver.sendFrameworkMessage.`,
            `${id} 在 t=${fmt(r.endedAt!)} 完成，但执行器发出的框架消息中没有一条提到它。请用 driver.sendFrameworkMessage 发送结果。`,
            r.endedAt!,
          );
      }
      return pass(
        `The executor sent ${messages.length} framework message(s), one for each frame.`,
        `执行器发送了 ${messages.length} 条框架消息，每一帧一条。`,
      );
    },
  },
  {
    name: 'The preview was cancelled',
    name_zh: '预览任务被取消了',
    run(trace, ctx) {
      const r = taskRuns(trace, ctx.framework).find((x) => x.id === PREVIEW && x.launchedAt !== null);
      if (!r) return fail(`${PREVIEW} was never launched.`, `${PREVIEW} 从未启动。`);
      const messages = messagesOf(trace, ctx.framework).filter((m) => m.from === 'executor');
      const firstResult = messages.find((m) => FRAMES.some((f) => new RegExp(`\\b${f}\\b`).test(m.data)));
      const killed = reached(r, 'TASK_KILLED');
      if (killed === null) {
        const last = r.states[r.states.length - 1]!;
        return fail(
          `${PREVIEW} ${r.endedAt !== null ? `ended in ${r.state} at t=${fmt(r.endedAt)}` : `was still ${r.state} at the end, t=${fmt(ctx.scenario.until)}`}${firstResult ? `, although the first result ("${firstResult.data}") arrived at t=${fmt(firstResult.t)}` : ''}. Kill it with driver.killTask once the first result arrives; the executor's killTask must then answer TASK_KILLED (an executor without killTask ignores the kill).`,
          `${PREVIEW} ${r.endedAt !== null ? `在 t=${fmt(r.endedAt)} 以 ${r.state} 结束` : `到结束时（t=${fmt(ctx.scenario.until)}）仍处于 ${r.state}`}${firstResult ? `，尽管第一个结果（“${firstResult.data}”）在 t=${fmt(firstResult.t)} 就已到达` : ''}。收到第一个结果后用 driver.killTask 杀掉它；执行器的 killTask 随后必须回复 TASK_KILLED（没有 killTask 的执行器会忽略这次杀掉）。`,
          r.endedAt ?? last.t,
        );
      }
      if (firstResult && killed < firstResult.t)
        return fail(
          `${PREVIEW} was killed at t=${fmt(killed)}, before the first result arrived at t=${fmt(firstResult.t)}. The preview is only cancelled once a frame is in: kill it from frameworkMessage.`,
          `${PREVIEW} 在 t=${fmt(killed)} 被杀掉，早于第一个结果到达的时间 t=${fmt(firstResult.t)}。只有在有一帧完成之后才取消预览：请在 frameworkMessage 中杀掉它。`,
          killed,
        );
      // The work must stop: nothing more may come of the preview after its TASK_KILLED.
      const after = r.states.find((s) => s.t > killed && s.state !== 'TASK_KILLED');
      const later = taskRuns(trace, ctx.framework).find(
        (x) => x !== r && x.id === PREVIEW && x.launchedAt === null && (x.states[0]?.t ?? 0) >= killed,
      );
      const message = messages.find((m) => m.t > killed && new RegExp(`\\b${PREVIEW}\\b`).test(m.data));
      const leak = later?.states[0] ?? after ?? null;
      if (message || leak) {
        const t = Math.min(message?.t ?? Infinity, leak?.t ?? Infinity);
        const what =
          message && message.t === t
            ? `the executor sent "${message.data}"`
            : `the executor reported ${leak!.state}`;
        const whatZh =
          message && message.t === t ? `执行器发送了“${message.data}”` : `执行器报告了 ${leak!.state}`;
        return fail(
          `${PREVIEW} was reported TASK_KILLED at t=${fmt(killed)}, yet at t=${fmt(t)} ${what}: its work went on after the kill. In killTask, remember the task was killed, and have timer() do nothing for it.`,
          `${PREVIEW} 在 t=${fmt(killed)} 已报告为 TASK_KILLED，但 t=${fmt(t)} 时${whatZh}：杀掉之后它的工作还在继续。请在 killTask 中记下这个任务已被杀掉，并让 timer() 对它什么也不做。`,
          t,
        );
      }
      return pass(
        `${PREVIEW} was killed at t=${fmt(killed)}${firstResult ? `, after the first result at t=${fmt(firstResult.t)}` : ''}, and its work stopped there.`,
        `${PREVIEW} 在 t=${fmt(killed)} 被杀掉${firstResult ? `，此前第一个结果于 t=${fmt(firstResult.t)} 到达` : ''}，它的工作也随之停止。`,
      );
    },
  },
];
