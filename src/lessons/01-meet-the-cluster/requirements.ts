import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'In registered, log the framework id the master gave it (frameworkId.value).',
      must_zh: '在 registered 中打印 master 分配给它的框架 ID（frameworkId.value）。',
      check: 'Logged its framework id',
      wrong: ['logs-name-not-id.ts'],
    },
    {
      must: 'Log the first offer it ever receives, whichever agent it comes from: the agent id, its cpus and its mem.',
      must_zh: '打印它收到的第一个 offer，不论来自哪个 agent：agent ID、cpus 和 mem。',
      check: 'Described the first offer',
      wrong: ['first-agent-assumed.ts', 'flat-resources.ts'],
    },
    {
      must: 'Decline every offer, since it has nothing to run.',
      must_zh: '拒绝每一个 offer，因为它没有任务要运行。',
      check: 'Answered every offer',
      wrong: ['holds-offers.ts'],
    },
  ],
  starterFails: ['Logged its framework id', 'Described the first offer', 'Answered every offer'],
};
