import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'Retry every failed or lost attempt (TASK_LOST included) until the item finishes or has had 4 attempts.',
      must_zh: '重试每一次失败或丢失（包括 TASK_LOST）的尝试，直到工作项完成或已尝试 4 次。',
      check: 'Retried failed and lost work until it finished',
      wrong: ['ignores-lost.ts', 'gives-up-after-two.ts'],
    },
    {
      must: 'Wait at least 1 s before the first retry of an item, and at least twice as long before each further one.',
      must_zh: '同一工作项第一次重试前至少等待 1 秒，之后每次至少是上一次的两倍。',
      check: 'Backed off before retrying, longer each time',
      wrong: ['no-backoff.ts', 'constant-backoff.ts'],
    },
    {
      must: 'Give up on an item after 4 attempts in all.',
      must_zh: '一个工作项总共尝试 4 次后就放弃。',
      check: 'Gave up after 4 attempts',
      wrong: ['never-gives-up.ts'],
    },
    {
      must: 'Never run two attempts of one item at once, nor an item again once it finished.',
      must_zh: '同一工作项绝不同时运行两次尝试，已经完成的工作项也不再运行。',
      check: 'One attempt at a time',
      wrong: ['retries-finished-work.ts'],
    },
  ],
  starterFails: ['Retried failed and lost work until it finished'],
};
