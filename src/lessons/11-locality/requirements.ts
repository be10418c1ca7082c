import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: "On each offer, launch first the waiting tasks whose data is on the offer's rack.",
      must_zh: '对每个 offer，先启动数据就在该 offer 所在机架上的等待中任务。',
      check: 'Gave each rack to its own tasks first',
      wrong: ['ignores-racks.ts'],
    },
    {
      must: 'Run a task on another rack only once it has waited 3 s for its own.',
      must_zh: '任务只有为自己的机架等了 3 秒之后，才可以运行在其他机架上。',
      check: 'Waited 3 s before going elsewhere',
      wrong: ['no-waiting.ts'],
    },
    {
      must: 'Once the wait is over, take the next offer with room, whatever its rack.',
      must_zh: '等待结束后，接受下一个有空间的 offer，不管在哪个机架。',
      check: 'Took any offer once the wait was over',
      wrong: ['strict-locality.ts'],
    },
    {
      must: 'Decline whatever you do not use with refuse_seconds: 0; never keep skipped offers.',
      must_zh: '用不上的资源以 refuse_seconds: 0 拒绝；不要扣住跳过的 offer。',
      check: 'Declined what it skipped',
      wrong: ['keeps-offers-while-waiting.ts'],
    },
    {
      must: 'Keep receiving offers until every task has been launched, so that all eight run.',
      must_zh: '在每个任务都启动之前一直接收 offer，让八个任务都能运行。',
      check: 'Every map task ran',
      wrong: ['suppresses-too-early.ts'],
    },
  ],
  starterFails: ['Waited 3 s before going elsewhere'],
};
