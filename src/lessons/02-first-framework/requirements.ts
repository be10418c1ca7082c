import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'Launch the task with resources that fit in the offer it is launched on.',
      must_zh: '启动任务时，申请的资源要放得进所用的 offer。',
      check: 'The greeting ran to TASK_FINISHED',
      wrong: ['asks-too-much.ts'],
    },
    {
      must: 'Give the task a command object: { value: "echo \'Hello, world!\'" }.',
      must_zh: '给任务一个 command 对象：{ value: "echo \'Hello, world!\'" }。',
      check: 'The greeting ran to TASK_FINISHED',
      wrong: ['command-as-string.ts'],
    },
    {
      must: 'The task prints exactly Hello, world! and reaches TASK_FINISHED.',
      must_zh: '任务恰好打印 Hello, world!，并到达 TASK_FINISHED。',
      check: 'The greeting ran to TASK_FINISHED',
      wrong: ['greeting-without-comma.ts'],
    },
    {
      must: 'Launch exactly one task, and not again on later offers.',
      must_zh: '只启动一个任务，之后的 offer 上不要再启动。',
      check: 'Launched the greeting only once',
      wrong: ['task-per-offer.ts'],
    },
    {
      must: 'Decline every offer it does not use.',
      must_zh: '拒绝每一个用不上的 offer。',
      check: 'Unused offers went back',
      wrong: ['keeps-other-offers.ts'],
    },
  ],
  starterFails: ['The greeting ran to TASK_FINISHED'],
};
