import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'Run 2 instances of the api (api-1, api-2) on prod offers only.',
      must_zh: '在 prod 的 offer 上（且只在 prod 的 offer 上）运行 2 个 api 实例（api-1、api-2）。',
      check: 'The api runs on prod',
      wrong: ['api-on-any-role.ts'],
    },
    {
      must: 'Run batch tasks on batch offers only.',
      must_zh: '批处理任务只用 batch 的 offer。',
      check: 'Batch work only on batch offers',
      wrong: ['batch-on-prod.ts'],
    },
    {
      must: 'Take one task per batch offer and decline the rest with refuse_seconds 0, so that weighted DRF decides the split.',
      must_zh: '每个 batch offer 只启动一个任务，其余以 refuse_seconds 0 拒绝，让加权 DRF 决定如何分配。',
      check: 'Batch and research split by weighted DRF',
      wrong: ['greedy-batch.ts', 'default-filter-batch.ts'],
    },
    {
      must: "Once both api instances are launched, suppress the prod role: driver.suppressOffers(['prod']).",
      must_zh: "两个 api 实例都启动后，暂停 prod 角色：driver.suppressOffers(['prod'])。",
      check: 'Suppressed prod once the api was up',
      wrong: ['never-suppresses-prod.ts'],
    },
  ],
  starterFails: [
    'The api runs on prod',
    'Batch work only on batch offers',
    'Suppressed prod once the api was up',
  ],
};
