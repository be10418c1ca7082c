/**
 * A fault schedule and what it broke, told in English and Chinese: "agent2 crashes at 12.3 s, then the
 * master fails over at 14 s: task web-3 is launched twice …".
 */
import type { Fault } from './schedule';

export interface Words {
  en: string;
  zh: string;
}

const s = (t: number): string => String(Math.round(t * 1000) / 1000);
const pct = (p: number): string => `${Math.round(p * 100)}`;

/** One fault, as a clause. */
export function describeFault(f: Fault): Words {
  switch (f.do) {
    case 'kill-agent':
      return { en: `${f.agent} crashes at ${s(f.at)} s`, zh: `${f.agent} 在 ${s(f.at)} 秒崩溃` };
    case 'restart-agent':
      return {
        en: `the agent process on ${f.agent} restarts at ${s(f.at)} s`,
        zh: `${f.agent} 上的 agent 进程在 ${s(f.at)} 秒重启`,
      };
    case 'reboot-agent':
      return {
        en: `${f.agent}'s machine reboots at ${s(f.at)} s${f.downSeconds ? ` and is down for ${s(f.downSeconds)} s` : ''}`,
        zh: `${f.agent} 的机器在 ${s(f.at)} 秒重启${f.downSeconds ? `，停机 ${s(f.downSeconds)} 秒` : ''}`,
      };
    case 'fail-master':
      return { en: `the master fails over at ${s(f.at)} s`, zh: `master 在 ${s(f.at)} 秒故障切换` };
    case 'restart-framework':
      return {
        en: `the scheduler of ${f.framework} fails over at ${s(f.at)} s`,
        zh: `${f.framework} 的调度器在 ${s(f.at)} 秒故障切换`,
      };
    case 'partition':
      return {
        en: `${f.between[0]} and ${f.between[1]} are cut off from each other from ${s(f.at)} s for ${s(f.forSeconds)} s`,
        zh: `${f.between[0]} 与 ${f.between[1]} 之间从 ${s(f.at)} 秒起断开 ${s(f.forSeconds)} 秒`,
      };
    case 'flaky-link': {
      const en: string[] = [];
      const zh: string[] = [];
      if (f.drop) {
        en.push(`${pct(f.drop)} % of messages lost`);
        zh.push(`丢失 ${pct(f.drop)}% 的消息`);
      }
      if (f.delayMs) {
        en.push(`messages up to ${s(f.delayMs / 1000)} s late`);
        zh.push(`消息最多延迟 ${s(f.delayMs / 1000)} 秒`);
      }
      if (f.repeat) {
        en.push(`${pct(f.repeat)} % delivered twice`);
        zh.push(`${pct(f.repeat)}% 的消息被送达两次`);
      }
      return {
        en: `the link between ${f.between[0]} and ${f.between[1]} is flaky from ${s(f.at)} s for ${s(f.forSeconds)} s (${en.join(', ')})`,
        zh: `${f.between[0]} 与 ${f.between[1]} 之间的连接从 ${s(f.at)} 秒起 ${s(f.forSeconds)} 秒内不稳定（${zh.join('，')}）`,
      };
    }
  }
}

/** A schedule and what broke, as one sentence: "A, then B: what broke." */
export function describeFailure(faults: readonly Fault[], what: Words): Words {
  if (faults.length === 0)
    return { en: `With no fault added to the scenario: ${what.en}.`, zh: `不加任何故障时：${what.zh}。` };
  const clauses = faults.map(describeFault);
  const en = clauses.map((c) => c.en).join(', then ');
  const zh = clauses.map((c) => c.zh).join('，然后 ');
  return {
    // A sentence starts with a capital, but an id ("agent2") keeps its own spelling.
    en: `${en.startsWith('the ') ? `The${en.slice(3)}` : en}: ${what.en}.`,
    zh: `${zh}：${what.zh}。`,
  };
}
