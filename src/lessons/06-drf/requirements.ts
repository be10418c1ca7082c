import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'Before launching anything, log the number of tasks A and B each run at the end: prediction: A=… B=…',
      must_zh: '在启动任何任务之前，打印最后 A 和 B 各运行的任务数：prediction: A=… B=…',
      check: 'Predicted the outcome first',
      wrong: ['predicts-late.ts', 'predicts-shares.ts'],
    },
    {
      must: "Predict DRF's answer: equal dominant shares, not equal task counts.",
      must_zh: '预测 DRF 的答案：主导份额相等，而不是任务数相等。',
      check: 'Predicted the outcome first',
      wrong: ['equal-tasks-prediction.ts'],
    },
    {
      must: 'Launch one task on every offer that has room for it.',
      must_zh: '每个放得下的 offer 上启动一个任务。',
      check: 'One task on every offer with room',
      wrong: ['greedy.ts'],
    },
    {
      must: 'Decline everything else with refuse_seconds: 0.',
      must_zh: '其余一律以 refuse_seconds: 0 拒绝。',
      check: 'Declined the rest without a filter',
      wrong: ['default-filter.ts'],
    },
    {
      must: 'Answer every offer at once.',
      must_zh: '立即回应每个 offer。',
      check: 'Answered every offer at once',
      wrong: ['holds-small-offers.ts'],
    },
  ],
  starterFails: ['Predicted the outcome first', 'One task on every offer with room'],
};
