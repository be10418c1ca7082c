import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'On reregistered, treat every task launched and not seen to end as in doubt, and reconcile those tasks explicitly (by task id).',
      must_zh:
        '在 reregistered 中，把每个已启动、但没有看到其结束的任务视为存疑，并对这些任务进行显式协调（按任务 ID）。',
      check: 'Found the lost launches and ran them',
      wrong: ['trusts-updates.ts', 'implicit-only.ts'],
    },
    {
      must: 'Repeat the reconciliation until the master has answered for each task in doubt.',
      must_zh: '不断重复协调，直到 master 对每个存疑的任务都作了回答。',
      check: 'Found the lost launches and ran them',
      wrong: ['reconcile-once.ts'],
    },
    {
      must: 'Launch an item again only when the master says its task is gone (TASK_LOST), so that nothing runs twice.',
      must_zh:
        '只有当 master 说某个任务已经不存在（TASK_LOST）时才重新启动它，这样就不会有任何工作运行两次。',
      check: 'No work ran twice',
      wrong: ['relaunch-unfinished.ts', 'relaunch-unanswered.ts'],
    },
  ],
  starterFails: ['Found the lost launches and ran them'],
};
