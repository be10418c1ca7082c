/**
 * Lesson 1 checks: the framework logged the id the master gave it, described the first offer it received
 * (agent, cpus, mem), and answered every offer instead of keeping it.
 */
import { addedAt, fail, firstHeldOffer, fmt, logsOf, offerRecords, pass } from '../checkKit';
import type { Check } from '../types';

/** The numbers written in a log line, ignoring digits inside names such as "agent2". */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![A-Za-z_\d.-])\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

/** True when `text` contains `word` on its own, not as part of a longer name ("hello-7f3a" in "hello-7f3a2"). */
export function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(text);
}

export const checks: Check[] = [
  {
    name: 'Logged its framework id',
    name_zh: '打印了自己的框架 ID',
    run(trace, ctx) {
      const logs = logsOf(trace, ctx.framework);
      const line = logs.find((l) => mentions(l.text, ctx.framework));
      if (line)
        return pass(
          `At t=${fmt(line.t)} the framework logged "${line.text}", with the id ${ctx.framework} the master gave it.`,
          `t=${fmt(line.t)} 时框架打印了“${line.text}”，其中有 master 分配给它的 ID ${ctx.framework}。`,
        );
      const at = addedAt(trace, ctx.framework) ?? 0;
      const said = logs.filter((l) => l.callback === 'registered');
      const saw = said.length
        ? ` In registered your scheduler logged ${said.map((l) => `"${l.text}"`).join(', ')}.`
        : ' Your scheduler logged nothing in registered.';
      const sawZh = said.length
        ? `你的调度器在 registered 中打印的是 ${said.map((l) => `“${l.text}”`).join('、')}。`
        : '你的调度器在 registered 中什么也没有打印。';
      return fail(
        `At t=${fmt(at)} the master registered the framework with the id ${ctx.framework}, but no log line contains that id.${saw} The id is not the framework's name: log frameworkId.value.`,
        `t=${fmt(at)} 时 master 为框架注册了 ID ${ctx.framework}，但没有任何日志包含这个 ID。${sawZh}框架 ID 不是框架的名字：请打印 frameworkId.value。`,
        at,
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
      const good = logs.find((l) => {
        const nums = numbersIn(l.text);
        return mentions(l.text, first.agent) && nums.includes(cpus) && nums.includes(mem);
      });
      if (good)
        return pass(
          `The first offer, ${first.id} at t=${fmt(first.at)}, came from ${first.agent} with cpus ${cpus} and mem ${mem}; the framework logged "${good.text}".`,
          `第一个 offer ${first.id}（t=${fmt(first.at)}）来自 ${first.agent}，cpus ${cpus}、mem ${mem}；框架打印了“${good.text}”。`,
        );
      const sample =
        logs.find((l) => l.callback === 'resourceOffers' && /offer|cpus|mem|agent/i.test(l.text)) ??
        logs.find((l) => l.callback === 'resourceOffers') ??
        logs[0];
      const saw = sample
        ? ` The closest line was "${sample.text}" at t=${fmt(sample.t)}.`
        : ' The framework logged nothing.';
      const sawZh = sample
        ? `最接近的一行是 t=${fmt(sample.t)} 的“${sample.text}”。`
        : '框架什么也没有打印。';
      return fail(
        `The first offer, ${first.id} at t=${fmt(first.at)}, came from ${first.agent} with cpus ${cpus} and mem ${mem} (MB), but no log line names that agent with both numbers.${saw} Describe the first offer you receive, whichever agent it is on: offer.agent_id.value, scalar(offer.resources, 'cpus') and scalar(offer.resources, 'mem').`,
        `第一个 offer ${first.id}（t=${fmt(first.at)}）来自 ${first.agent}，cpus ${cpus}、mem ${mem}（MB），但没有哪一行日志同时写出这个 agent 和这两个数。${sawZh}不管第一个 offer 来自哪个 agent，都要描述它：offer.agent_id.value、scalar(offer.resources, 'cpus') 和 scalar(offer.resources, 'mem')。`,
        first.at,
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
          `Offer ${o.id} (${o.agent}, made at t=${fmt(o.at)}) was ${o.closedAt === null ? `still held at the end, t=${fmt(ctx.scenario.until)}` : `held until t=${fmt(o.closedAt)}`}. Until you decline an offer, its resources count as yours and nobody else can use them: call driver.declineOffer(offer.id) for every offer you do not use.`,
          `offer ${o.id}（${o.agent}，t=${fmt(o.at)} 发出）${o.closedAt === null ? `直到结束（t=${fmt(ctx.scenario.until)}）还被占着` : `一直被占到 t=${fmt(o.closedAt)}`}。在你拒绝之前，offer 里的资源都算在你头上，别人用不了：对每个用不上的 offer 调用 driver.declineOffer(offer.id)。`,
          o.at,
        );
      }
      return pass(
        `All ${offers.length} offers were answered within a second.`,
        `全部 ${offers.length} 个 offer 都在一秒内得到了回应。`,
      );
    },
  },
];
