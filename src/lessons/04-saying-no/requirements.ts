import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'Answer every offer at once: launch what is waiting, decline the rest.',
      must_zh: '立即回应每个 offer：启动等待中的任务，其余拒绝。',
      check: 'Answered every offer at once',
      wrong: ['keeps-offers.ts'],
    },
    {
      must: 'Decline with a filter (refuse_seconds above 0), the unused part of a launch included.',
      must_zh: '拒绝时带上过滤器（refuse_seconds 大于 0），启动后剩下的部分也一样。',
      check: 'Declined with a filter',
      wrong: ['zero-filter.ts'],
    },
    {
      must: 'Suppress offers while there is nothing to launch: while extract runs, and after the last transform is launched.',
      must_zh: '没有任务要启动时暂停 offer：extract 运行期间，以及最后一个 transform 启动之后。',
      check: 'Suppressed offers while it had nothing to launch',
      wrong: ['never-suppresses.ts'],
    },
    {
      must: 'Revive offers as soon as the second stage is ready.',
      must_zh: '第二阶段一就绪就恢复 offer。',
      check: 'Revived when the second stage was ready',
      wrong: ['forgets-revive.ts'],
    },
    {
      must: 'Make the transforms ready only when extract has finished.',
      must_zh: '只有 extract 完成后，transform 才算就绪。',
      check: 'The second stage waited for the first',
      wrong: ['launches-all-at-once.ts'],
    },
  ],
  starterFails: ['Answered every offer at once', 'Suppressed offers while it had nothing to launch'],
};
