import type { RequirementsTable } from '../types';

export const requirements: RequirementsTable = {
  rows: [
    {
      must: 'Start the 3 instances, one per agent.',
      must_zh: '启动 3 个实例，每个 agent 一个。',
      check: 'The service came up',
      wrong: ['one-instance-per-round.ts'],
    },
    {
      must: 'When an instance is lost (each TASK_LOST, with or without an agentLost), launch one replacement within a few seconds.',
      must_zh: '某个实例丢失时（每个 TASK_LOST，不论有没有 agentLost），在几秒内启动一个替换实例。',
      check: 'Replaced every lost instance',
      wrong: ['ignores-task-lost.ts', 'recovers-on-agent-lost.ts'],
    },
    {
      must: "Build the replacement for the new offer (its agent_id from that offer), not from the lost task's TaskInfo.",
      must_zh: '根据新的 offer 构造替换实例（agent_id 取自这个 offer），而不是沿用丢失任务的 TaskInfo。',
      check: 'Replaced every lost instance',
      wrong: ['reuses-old-taskinfo.ts'],
    },
    {
      must: 'Never run more than 3 instances: TASK_LOST and agentLost speak of the same loss.',
      must_zh: '任何时候都不要运行多于 3 个实例：TASK_LOST 和 agentLost 说的是同一次丢失。',
      check: 'Never more than 3 instances',
      wrong: ['double-replacement.ts'],
    },
    {
      must: 'Never run two instances on one agent.',
      must_zh: '不要让两个实例在同一个 agent 上。',
      check: 'One instance per agent',
      wrong: ['packs-instances.ts'],
    },
    {
      must: 'Implement agentLost and log from it which agent was lost.',
      must_zh: '实现 agentLost，并在其中打印丢失的是哪个 agent。',
      check: 'Logged agentLost',
      wrong: ['logs-lost-in-status-update.ts'],
    },
  ],
  starterFails: ['Replaced every lost instance', 'Logged agentLost'],
};
