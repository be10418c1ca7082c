import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: "Launch every task with executor: { executor_id: { value: 'renderer' }, name: 'RenderExecutor' }, not a command.",
      must_zh:
        "每个任务都带上 executor: { executor_id: { value: 'renderer' }, name: 'RenderExecutor' }，而不是 command。",
      check: 'Tasks ran in your executor',
      wrong: ['preview-as-command.ts'],
    },
    {
      must: 'Give all tasks the same executor id: one executor per agent.',
      must_zh: '所有任务使用同一个执行器 ID：每个 agent 一个执行器。',
      check: 'One executor per agent',
      wrong: ['executor-per-task.ts'],
    },
    {
      must: 'In launchTask, report TASK_RUNNING and start the work with setTimer; report TASK_FINISHED when the timer fires.',
      must_zh: '在 launchTask 中报告 TASK_RUNNING 并用 setTimer 开始工作；定时器触发时报告 TASK_FINISHED。',
      check: 'Frames were reported running, then finished',
      wrong: ['finishes-at-once.ts'],
    },
    {
      must: 'When the work is done, send the result with driver.sendFrameworkMessage.',
      must_zh: '工作完成时，用 driver.sendFrameworkMessage 发送结果。',
      check: 'Results came back as framework messages',
      wrong: ['no-messages.ts'],
    },
    {
      must: 'When the first result arrives, kill the preview; the executor answers TASK_KILLED and stops its work.',
      must_zh: '第一个结果到达时杀掉预览任务；执行器回复 TASK_KILLED，并停止它的工作。',
      check: 'The preview was cancelled',
      wrong: ['ignores-kill.ts', 'kill-lets-work-go-on.ts'],
    },
  ],
  starterFails: [
    'Tasks ran in your executor',
    'Results came back as framework messages',
    'The preview was cancelled',
  ],
};
