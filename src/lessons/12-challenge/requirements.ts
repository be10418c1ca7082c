import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'As soon as stage B is ready, get offers again (revive if you suppressed or declined with a long filter).',
      must_zh: 'B 阶段一就绪就重新获得 offer（如果你暂停了 offer，或者用长过滤器拒绝过，就要 revive）。',
      check: 'Throughput: packed stage B and asked for it at once',
      wrong: ['forgets-revive.ts'],
    },
    {
      must: 'Pack every offer you get while stage-B tasks wait.',
      must_zh: '在 B 阶段任务等待期间，把拿到的每个 offer 装满。',
      check: 'Throughput: packed stage B and asked for it at once',
      wrong: ['one-per-offer.ts'],
    },
    {
      must: 'While you have nothing to launch, do not be offered room the rival could use over and over: suppress, or decline with a long filter.',
      must_zh:
        '在你无事可做时，不要让 rival 能用的空间一次又一次地提供给你：暂停 offer，或者用长过滤器拒绝。',
      check: 'Fairness: not offered what the rival needed while idle',
      wrong: ['no-filters.ts'],
    },
    {
      must: 'Start stage B only when both stage-A tasks have finished.',
      must_zh: '只有 A 阶段的两个任务都完成之后，才开始 B 阶段。',
      check: 'Stage B waited for stage A',
      wrong: ['stage-b-early.ts'],
    },
    {
      must: 'Answer every offer within a second; never keep one for later.',
      must_zh: '一秒内回应每个 offer；不要把 offer 留着以后用。',
      check: 'Answered every offer within a second',
      wrong: ['keeps-offers-for-later.ts'],
    },
    {
      must: 'Launch each of the 22 tasks once, never asking for more than an offer holds.',
      must_zh: '22 个任务每个只启动一次，永远不要申请超过 offer 所含的资源。',
      check: 'Each task ran once, none rejected',
      wrong: ['twenty-one-b-tasks.ts'],
    },
  ],
  starterFails: [
    'Throughput: packed stage B and asked for it at once',
    'Fairness: not offered what the rival needed while idle',
  ],
};
