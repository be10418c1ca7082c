/**
 * Lesson 1 checks: the framework said who it is, described the first offer it received (agent, cpus,
 * mem), and answered every offer instead of keeping it.
 */
import { fail, firstHeldOffer, fmt, logsOf, offerRecords, pass } from '../checkKit';
import type { Check } from '../types';

/** The numbers written in a log line, ignoring digits inside names such as "agent2". */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![A-Za-z_\d.])\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

export const checks: Check[] = [
  {
    name: 'Logged its framework id',
    name_zh: '打印了自己的框架 ID',
    run(trace, ctx) {
      const line = logsOf(trace, ctx.framework).find((l) => l.text.includes(ctx.framework));
      if (line)
        return pass(
          `At t=${fmt(line.t)} the framework logged "${line.text}".`,
          `t=${fmt(line.t)} 时框架打印了“${line.text}”。`,
        );
      return fail(
        `No log line contains the framework id "${ctx.framework}". The master sends it in registered(); log frameworkId.value.`,
        `没有任何日志包含框架 ID“${ctx.framework}”。master 会在 registered() 里告诉你，打印 frameworkId.value 即可。`,
      );
    },
  },
  {
    name: 'Described the first offer',
    name_zh: '描述了第一个 offer',
    run(trace, ctx) {
      const first = offerRecords(trace, ctx.framework)[0];
      if (!first) return fail('The framework received no offer at all.', '这个框架一个 offer 也没有收到。');
      const cpus = first.resources.cpus ?? 0;
      const mem = first.resources.mem ?? 0;
      const logs = logsOf(trace, ctx.framework);
      const agentRe = new RegExp(`\\b${first.agent}\\b`);
      const good = logs.find((l) => {
        const nums = numbersIn(l.text);
        return agentRe.test(l.text) && nums.includes(cpus) && nums.includes(mem);
      });
      if (good)
        return pass(
          `The first offer, ${first.id} at t=${fmt(first.at)}, came from ${first.agent} with cpus ${cpus} and mem ${mem}; the framework logged "${good.text}".`,
          `第一个 offer ${first.id}（t=${fmt(first.at)}）来自 ${first.agent}，cpus ${cpus}、mem ${mem}；框架打印了“${good.text}”。`,
        );
      const sample = logs.find((l) => /offer|cpus|mem/i.test(l.text)) ?? logs[0];
      const saw = sample
        ? ` The closest line was "${sample.text}" at t=${fmt(sample.t)}.`
        : ' The framework logged nothing.';
      const sawZh = sample
        ? `最接近的一行是 t=${fmt(sample.t)} 的“${sample.text}”。`
        : '框架什么也没有打印。';
      return fail(
        `The first offer, ${first.id} at t=${fmt(first.at)}, came from ${first.agent} with cpus ${cpus} and mem ${mem}, but no log line names that agent with both numbers.${saw}`,
        `第一个 offer ${first.id}（t=${fmt(first.at)}）来自 ${first.agent}，cpus ${cpus}、mem ${mem}，但没有哪一行日志同时写出这个 agent 和这两个数。${sawZh}`,
      );
    },
  },
  {
    name: 'Answered every offer',
    name_zh: '回应了每一个 offer',
    run(trace, ctx) {
      const offers = offerRecords(trace, ctx.framework);
      const held = firstHeldOffer(offers, 1, ctx.scenario.until);
      if (held) {
        const o = held.offer;
        return fail(
          `Offer ${o.id} (${o.agent}, made at t=${fmt(o.at)}) was ${o.closedAt === null ? `still held at the end, t=${fmt(ctx.scenario.until)}` : `held until t=${fmt(o.closedAt)}`}. Until you decline an offer, its resources count as yours and nobody else can use them.`,
          `offer ${o.id}（${o.agent}，t=${fmt(o.at)} 发出）${o.closedAt === null ? `直到结束（t=${fmt(ctx.scenario.until)}）还被占着` : `一直被占到 t=${fmt(o.closedAt)}`}。在你拒绝之前，offer 里的资源都算在你头上，别人用不了。`,
        );
      }
      return pass(
        `All ${offers.length} offers were answered within a second.`,
        `全部 ${offers.length} 个 offer 都在一秒内得到了回应。`,
      );
    },
  },
];
