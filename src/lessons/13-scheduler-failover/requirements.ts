import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'On registered, reconcile (driver.reconcileTasks([])) and adopt every instance the master reports as running, whatever its task id: a new process knows nothing of the old one.',
      must_zh:
        '在 registered 中进行协调（driver.reconcileTasks([])），并接管 master 报告为正在运行的每个实例，不论它的任务 ID 是什么：新进程对旧进程一无所知。',
      check: 'Kept the instances that survived the restart',
      wrong: ['ignores-answers-it-did-not-launch.ts'],
    },
    {
      must: 'Never launch an instance while an attempt of it still runs, under the same task id or a new one.',
      must_zh: '在某个实例的一次尝试仍在运行时，绝不再启动它，无论用同一个任务 ID 还是新的 ID。',
      check: 'Kept the instances that survived the restart',
      wrong: ['starts-afresh.ts'],
    },
    {
      must: 'Launch each instance the master does not report (web3) as soon as an offer has room.',
      must_zh: '一旦有 offer 有足够空间，就启动 master 没有报告的每个实例（web3）。',
      check: 'Ran every instance',
      wrong: ['trusts-the-old-process.ts'],
    },
  ],
  starterFails: ['Kept the instances that survived the restart'],
};
