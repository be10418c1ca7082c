/**
 * Lesson 7 checks: the api ran on prod offers (its quota), batch work only on batch offers, the batch role
 * (weight 2) and the research role (weight 1) ended with a split weighted DRF can produce, and prod offers
 * stopped once the api was up.
 *
 * The split is not one number. The allocator offers whole agents, counts an outstanding offer as
 * allocated, and breaks ties by allocation count, which depends on how the api was placed and on which
 * agent is offered first; so for the ten CPUs left after prod's quota both 6/4 and 7/3 are weighted-fair
 * (at batch 6, research 3 the weighted shares tie). What every legal order gives is the max-min property:
 * each role's last task went to it when its weighted share, less that task, was no greater than the
 * other's. The check holds the run's own end state to that, with the weights of the scenario.
 */
import {
  answersOf,
  clusterTotal,
  dominantShare,
  fail,
  fmt,
  liveAt,
  offerRecords,
  pass,
  showResources,
  taskRuns,
  type TaskRun,
} from '../checkKit';
import type { Check } from '../types';
import type { TraceEvent } from '../../cluster/trace';

export const API_INSTANCES = 2;
export const RESEARCH = 'research';
/** What every task of the lesson needs. */
const TASK = { cpus: 1, mem: 1024 };

const isApi = (id: string): boolean => id.startsWith('api');

/** A role's tasks at the end, their dominant share, one task's share, and the role's weight. */
interface RoleHold {
  role: string;
  tasks: number;
  share: number;
  one: number;
  weight: number;
}

function holdOf(
  trace: readonly TraceEvent[],
  runs: readonly TaskRun[],
  role: string,
  weight: number,
  end: number,
): RoleHold {
  const total = clusterTotal(trace, end);
  const live = liveAt(runs, end).filter((r) => r.role === role);
  const held: Record<string, number> = {};
  for (const r of live) for (const [k, v] of Object.entries(r.resources)) held[k] = (held[k] ?? 0) + v;
  return {
    role,
    tasks: live.length,
    share: dominantShare(held, total),
    one: dominantShare(TASK, total),
    weight,
  };
}

export const checks: Check[] = [
  {
    name: 'The api runs on prod',
    name_zh: 'api 运行在 prod 角色上',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null && isApi(r.id));
      const wrongRole = runs.find((r) => r.role !== 'prod');
      if (wrongRole)
        return fail(
          `At t=${fmt(wrongRole.launchedAt!)} ${wrongRole.id} was launched on offer ${wrongRole.offers.join(', ')}, made for role ${wrongRole.role}. The api must use prod offers (offer.allocation_info.role === 'prod'): prod's quota is what guarantees it resources.`,
          `t=${fmt(wrongRole.launchedAt!)} 时 ${wrongRole.id} 被启动在 offer ${wrongRole.offers.join('、')} 上，这个 offer 是给角色 ${wrongRole.role} 的。api 必须使用 prod 的 offer（offer.allocation_info.role === 'prod'）：保证它能拿到资源的正是 prod 的配额。`,
          wrongRole.launchedAt!,
        );
      const up = liveAt(runs, ctx.scenario.until);
      if (up.length !== API_INSTANCES)
        return fail(
          `At t=${fmt(ctx.scenario.until)} ${up.length} api instance(s) were running on prod, not ${API_INSTANCES}.`,
          `t=${fmt(ctx.scenario.until)} 时 prod 上运行着 ${up.length} 个 api 实例，而不是 ${API_INSTANCES} 个。`,
          ctx.scenario.until,
        );
      const ready = Math.max(...up.map((r) => r.launchedAt!));
      return pass(
        `${API_INSTANCES} api instances run on prod, all launched by t=${fmt(ready)}.`,
        `${API_INSTANCES} 个 api 实例运行在 prod 上，全部在 t=${fmt(ready)} 前启动。`,
      );
    },
  },
  {
    name: 'Batch work only on batch offers',
    name_zh: '批处理任务只用 batch 的 offer',
    run(trace, ctx) {
      const bad = taskRuns(trace, ctx.framework).find(
        (r) => r.launchedAt !== null && !isApi(r.id) && r.role !== 'batch',
      );
      if (bad)
        return fail(
          `At t=${fmt(bad.launchedAt!)} batch task ${bad.id} was launched on offer ${bad.offers.join(', ')}, made for role ${bad.role}. Look at offer.allocation_info.role: resources offered for prod are prod's quota, not spare capacity, and a task is charged to the role of its offer.`,
          `t=${fmt(bad.launchedAt!)} 时批处理任务 ${bad.id} 被启动在 offer ${bad.offers.join('、')} 上，这个 offer 是给角色 ${bad.role} 的。请看 offer.allocation_info.role：提供给 prod 的资源属于 prod 的配额，不是多余的容量，而且任务记在它所用 offer 的角色名下。`,
          bad.launchedAt!,
        );
      return pass(
        'Every batch task ran on an offer for role batch.',
        '每个批处理任务都运行在 batch 角色的 offer 上。',
      );
    },
  },
  {
    name: 'Batch and research split by weighted DRF',
    name_zh: 'batch 与 research 按加权 DRF 分配',
    run(trace, ctx) {
      const end = ctx.scenario.until;
      const weight = (role: string): number => ctx.scenario.roles[role]?.weight ?? 1;
      const batch = holdOf(trace, taskRuns(trace, ctx.framework), 'batch', weight('batch'), end);
      const research = holdOf(trace, taskRuns(trace, RESEARCH), 'research', weight('research'), end);
      const w = (h: RoleHold, less = 0): number => (h.share - less * h.one) / h.weight;
      const shown = `batch runs ${batch.tasks} tasks (dominant share ${fmt(batch.share)}, ${fmt(w(batch))} divided by its weight ${batch.weight}) and research ${research.tasks} (${fmt(research.share)}, weight ${research.weight})`;
      const shownZh = `batch 运行 ${batch.tasks} 个任务（主导份额 ${fmt(batch.share)}，除以权重 ${batch.weight} 后为 ${fmt(w(batch))}），research 运行 ${research.tasks} 个（${fmt(research.share)}，权重 ${research.weight}）`;
      // Max-min fair within one task: neither role's last task went to it while it was ahead.
      const tooMuch = batch.tasks > 0 && w(batch, 1) > w(research) + 1e-9;
      const tooLittle = research.tasks > 0 && w(research, 1) > w(batch) + 1e-9;
      if (!tooMuch && !tooLittle)
        return pass(
          `At t=${fmt(end)} ${shown}: each role's last task went to it while its weighted share was not ahead, as weighted DRF decides.`,
          `t=${fmt(end)} 时 ${shownZh}：每个角色的最后一个任务都是在它的加权份额不领先时得到的，正是加权 DRF 的决定。`,
        );
      // Say what the framework did with its batch offers that tilted the split.
      const batchOffers = offerRecords(trace, ctx.framework).filter((o) => o.role === 'batch');
      const packed = batchOffers.find((o) => o.tasks.length > 1);
      const skipped = batchOffers.find(
        (o) =>
          o.tasks.length === 0 &&
          o.outcome !== 'rescinded' &&
          (o.resources.cpus ?? 0) >= TASK.cpus &&
          (o.resources.mem ?? 0) >= TASK.mem,
      );
      const batchIds = new Set(batchOffers.map((o) => o.id));
      const filtered = answersOf(trace, ctx.framework).find(
        (a) =>
          a.refuseSeconds > 0 &&
          a.offers.some((o) => batchIds.has(o)) &&
          (a.kind === 'decline' || Object.keys(a.unused).length > 0),
      );
      let why: string, whyZh: string, at: number | undefined;
      if (tooMuch && packed) {
        why = `At t=${fmt(packed.closedAt!)} it launched ${packed.tasks.length} tasks (${packed.tasks.join(', ')}) on batch offer ${packed.id}: launch one task per batch offer, so that the allocator decides after every task who goes next.`;
        whyZh = `t=${fmt(packed.closedAt!)} 时它在 batch 的 offer ${packed.id} 上启动了 ${packed.tasks.length} 个任务（${packed.tasks.join('、')}）：每个 batch offer 只启动一个任务，分配器才能在每个任务之后决定下一个轮到谁。`;
        at = packed.closedAt!;
      } else if (tooLittle && filtered) {
        why = `At t=${fmt(filtered.t)} it declined ${filtered.kind === 'decline' ? '' : 'the unused part of '}batch offer ${filtered.offers.join(', ')} with refuse_seconds ${fmt(filtered.refuseSeconds)}, so batch sat out rounds: decline with refuse_seconds 0.`;
        whyZh = `t=${fmt(filtered.t)} 时它以 refuse_seconds ${fmt(filtered.refuseSeconds)} ${filtered.kind === 'decline' ? '拒绝了' : '退回了未用完的'} batch 的 offer ${filtered.offers.join('、')}，batch 因此错过了一些轮次：请以 refuse_seconds 0 拒绝。`;
        at = filtered.t;
      } else if (tooLittle && skipped) {
        why = `At t=${fmt(skipped.at)} batch offer ${skipped.id} (${showResources(skipped.resources)}) had room for a task and the framework launched nothing on it: take one task from every batch offer.`;
        whyZh = `t=${fmt(skipped.at)} 时 batch 的 offer ${skipped.id}（${showResources(skipped.resources)}）放得下一个任务，框架却没有在上面启动：每个 batch offer 都要启动一个任务。`;
        at = skipped.at;
      } else if (tooMuch) {
        why =
          'Batch got more than weighted DRF gives it: take one task per batch offer, and nothing from offers of other roles.';
        whyZh =
          'batch 得到的超过了加权 DRF 给它的：每个 batch offer 只启动一个任务，其他角色的 offer 不要拿来跑 batch。';
      } else {
        why =
          'Batch got less than its weight entitles it to: take one task from every batch offer, and decline the rest with refuse_seconds 0.';
        whyZh =
          'batch 得到的少于它的权重应得的：每个 batch offer 都启动一个任务，其余以 refuse_seconds 0 拒绝。';
      }
      return fail(
        `At t=${fmt(end)} ${shown}: ${tooMuch ? 'even without its last task, batch is ahead of research in weighted share' : 'even without its last task, research is ahead of batch in weighted share'}. ${why}`,
        `t=${fmt(end)} 时 ${shownZh}：${tooMuch ? '即使去掉最后一个任务，batch 的加权份额仍领先于 research' : '即使去掉最后一个任务，research 的加权份额仍领先于 batch'}。${whyZh}`,
        at,
      );
    },
  },
  {
    name: 'Suppressed prod once the api was up',
    name_zh: 'api 启动后暂停了 prod 的 offer',
    run(trace, ctx) {
      // On whichever role: where the api runs is the first check's concern.
      const api = taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null && isApi(r.id));
      if (api.length < API_INSTANCES)
        return pass(
          `Only ${api.length} api instance(s) were launched, so prod always had work waiting.`,
          `只启动了 ${api.length} 个 api 实例，所以 prod 一直有工作在等待。`,
        );
      const up = api.map((r) => r.launchedAt!).sort((a, b) => a - b)[API_INSTANCES - 1]!;
      const late = offerRecords(trace, ctx.framework).filter((o) => o.role === 'prod' && o.at > up + 2);
      if (late.length === 0)
        return pass(
          `After the api was up at t=${fmt(up)}, the framework got no more prod offers.`,
          `api 在 t=${fmt(up)} 启动完毕后，框架没有再收到 prod 的 offer。`,
        );
      const o = late[0]!;
      return fail(
        `The api was up at t=${fmt(up)}, yet ${late.length} more prod offer(s) came, the first ${o.id} on ${o.agent} at t=${fmt(o.at)}. Suppress the prod role (suppressOffers(['prod'])) when it has nothing left to run; batch stays active.`,
        `api 在 t=${fmt(up)} 已经启动完毕，之后却又来了 ${late.length} 个 prod 的 offer，第一个是 t=${fmt(o.at)} 在 ${o.agent} 上的 ${o.id}。prod 没有任务要运行时，请暂停这个角色（suppressOffers(['prod'])）；batch 保持活跃。`,
        o.at,
      );
    },
  },
];
