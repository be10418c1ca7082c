/**
 * Words: every kind of fault reads as a clause in English and in Chinese, with its names, times and
 * trouble, and a schedule reads as one sentence ending in what broke.
 */
import { describe, expect, it } from 'vitest';
import type { Fault } from './schedule';
import { describeFailure, describeFault } from './words';

const ALL: Fault[] = [
  { at: 12.3, do: 'kill-agent', agent: 'agent2' },
  { at: 13, do: 'restart-agent', agent: 'agent1' },
  { at: 13.5, do: 'reboot-agent', agent: 'agent3', downSeconds: 4 },
  { at: 14, do: 'fail-master' },
  { at: 15, do: 'restart-framework', framework: 'web', scheduler: { file: 'web.ts' } },
  { at: 16, do: 'partition', between: ['master', 'agent4'], forSeconds: 2.5 },
  {
    at: 17,
    do: 'flaky-link',
    between: ['master', 'agent5'],
    forSeconds: 3,
    drop: 0.3,
    delayMs: 1500,
    repeat: 0.2,
  },
];

describe('a schedule in words', () => {
  it('tells every kind of fault in both languages', () => {
    expect(ALL.map((f) => describeFault(f).en)).toEqual([
      'agent2 crashes at 12.3 s',
      'the agent process on agent1 restarts at 13 s',
      "agent3's machine reboots at 13.5 s and is down for 4 s",
      'the master fails over at 14 s',
      'the scheduler of web fails over at 15 s',
      'master and agent4 are cut off from each other from 16 s for 2.5 s',
      'the link between master and agent5 is flaky from 17 s for 3 s (30 % of messages lost, messages up to 1.5 s late, 20 % delivered twice)',
    ]);
    expect(ALL.map((f) => describeFault(f).zh)).toEqual([
      'agent2 在 12.3 秒崩溃',
      'agent1 上的 agent 进程在 13 秒重启',
      'agent3 的机器在 13.5 秒重启，停机 4 秒',
      'master 在 14 秒故障切换',
      'web 的调度器在 15 秒故障切换',
      'master 与 agent4 之间从 16 秒起断开 2.5 秒',
      'master 与 agent5 之间的连接从 17 秒起 3 秒内不稳定（丢失 30% 的消息，消息最多延迟 1.5 秒，20% 的消息被送达两次）',
    ]);
  });

  it('tells a schedule and what broke as one sentence', () => {
    const what = { en: 'task web-3 is launched twice', zh: '任务 web-3 被启动了两次' };
    expect(describeFailure([ALL[0]!, ALL[3]!], what)).toEqual({
      en: 'agent2 crashes at 12.3 s, then the master fails over at 14 s: task web-3 is launched twice.',
      zh: 'agent2 在 12.3 秒崩溃，然后 master 在 14 秒故障切换：任务 web-3 被启动了两次。',
    });
    expect(describeFailure([], what).en).toBe(
      'With no fault added to the scenario: task web-3 is launched twice.',
    );
  });
});
