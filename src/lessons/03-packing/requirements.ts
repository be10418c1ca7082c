import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'Never ask for more than is left of the offer, in cpus and in mem (no TASK_ERROR).',
      must_zh: '申请的资源从不超过 offer 剩下的部分，cpus 和 mem 都一样（不出现 TASK_ERROR）。',
      check: 'Never asked for more than an offer held',
      wrong: ['cpus-only.ts', 'no-subtraction.ts'],
    },
    {
      must: 'For each offer, launch as many waiting tasks as fit.',
      must_zh: '对每个 offer，启动放得下的尽可能多的等待中任务。',
      check: 'Filled every offer while work was waiting',
      wrong: ['one-per-offer.ts', 'leaves-room.ts'],
    },
    {
      must: 'Launch each of the 12 tasks, and never one twice.',
      must_zh: '12 个任务每个都要启动，且任何一个都不启动两次。',
      check: 'Launched each of the 12 tasks once',
      wrong: ['thirteen-tasks.ts'],
    },
    {
      must: 'Decline offers that cannot hold a task.',
      must_zh: '拒绝放不下任务的 offer。',
      check: 'Declined offers it could not use',
      wrong: ['keeps-full-offers.ts'],
    },
  ],
  starterFails: ['Filled every offer while work was waiting'],
};
