/**
 * Lesson 7 checks: the api ran on prod offers (its quota), batch work only on batch offers, the batch role
 * (weight 2) ended with twice the research role's share, and prod offers stopped once the api was up.
 */
import { fail, fmt, liveAt, offerRecords, pass, taskRuns } from '../checkKit';
import type { Check } from '../types';

export const API_INSTANCES = 2;
export const RESEARCH = 'research';
/**
 * Weighted DRF, one task at a time, on the 10 CPUs left after prod's quota (12 in all): batch (weight 2)
 * gets 6 tasks and research 4. At batch 6 and research 3 the weighted shares tie (6/12/2 = 3/12), and the
 * last CPU goes to research, which has had fewer allocations (MESOS.md §1.3).
 */
export const EXPECTED = { batch: 6, research: 4 };
const TOTAL_CPUS = 12;

const isApi = (id: string): boolean => id.startsWith('api');

export const checks: Check[] = [
  {
    name: 'The api runs on prod',
    name_zh: 'api 运行在 prod 角色上',
    run(trace, ctx) {
      const runs = taskRuns(trace, ctx.framework).filter((r) => r.launchedAt !== null && isApi(r.id));
      const wrongRole = runs.find((r) => r.role !== 'prod');
      if (wrongRole)
        return fail(
          `At t=${fmt(wrongRole.launchedAt!)} ${wrongRole.id} was launched on an offer for role ${wrongRole.role}. The api must use prod offers: prod's quota is what guarantees it resources.`,
          `t=${fmt(wrongRole.launchedAt!)} 时 ${wrongRole.id} 被启动在角色 ${wrongRole.role} 的 offer 上。api 必须使用 prod 的 offer：保证它能拿到资源的正是 prod 的配额。`,
        );
      const up = liveAt(runs, ctx.scenario.until);
      if (up.length !== API_INSTANCES)
        return fail(
          `At t=${fmt(ctx.scenario.until)} ${up.length} api instance(s) were running on prod, not ${API_INSTANCES}.`,
          `t=${fmt(ctx.scenario.until)} 时 prod 上运行着 ${up.length} 个 api 实例，而不是 ${API_INSTANCES} 个。`,
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
          `At t=${fmt(bad.launchedAt!)} batch task ${bad.id} was launched on an offer for role ${bad.role}. Look at offer.allocation_info.role: resources offered for prod are prod's quota, not spare capacity.`,
          `t=${fmt(bad.launchedAt!)} 时批处理任务 ${bad.id} 被启动在角色 ${bad.role} 的 offer 上。请看 offer.allocation_info.role：提供给 prod 的资源属于 prod 的配额，不是多余的容量。`,
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
      const batch = liveAt(taskRuns(trace, ctx.framework), end).filter((r) => r.role === 'batch').length;
      const research = liveAt(taskRuns(trace, RESEARCH), end).length;
      if (batch === EXPECTED.batch && research === EXPECTED.research)
        return pass(
          `At t=${fmt(end)} batch runs ${batch} tasks and research ${research}: dominant shares ${batch}/${TOTAL_CPUS} and ${research}/${TOTAL_CPUS}; divided by its weight 2, batch's is ${batch / 2}/${TOTAL_CPUS}, as close to research's as whole tasks allow.`,
          `t=${fmt(end)} 时 batch 运行 ${batch} 个任务，research 运行 ${research} 个：主导份额分别为 ${batch}/${TOTAL_CPUS} 和 ${research}/${TOTAL_CPUS}；batch 的份额除以权重 2 后是 ${batch / 2}/${TOTAL_CPUS}，在整数个任务的限制下已与 research 尽量接近。`,
        );
      return fail(
        `At t=${fmt(end)} batch runs ${batch} tasks and research ${research}, not ${EXPECTED.batch} and ${EXPECTED.research}. ${batch > EXPECTED.batch ? 'Batch took more than weighted DRF gives it: launch one task per batch offer.' : 'Batch got less than its weight entitles it to: take one task from every batch offer and decline the rest without a filter.'}`,
        `t=${fmt(end)} 时 batch 运行 ${batch} 个任务，research 运行 ${research} 个，而不是 ${EXPECTED.batch} 个和 ${EXPECTED.research} 个。${batch > EXPECTED.batch ? 'batch 拿走的超过了加权 DRF 给它的：每个 batch offer 只启动一个任务。' : 'batch 得到的少于它的权重应得的：每个 batch offer 启动一个任务，其余不带过滤器地拒绝。'}`,
      );
    },
  },
  {
    name: 'Suppressed prod once the api was up',
    name_zh: 'api 启动后暂停了 prod 的 offer',
    run(trace, ctx) {
      const api = taskRuns(trace, ctx.framework).filter(
        (r) => r.launchedAt !== null && isApi(r.id) && r.role === 'prod',
      );
      if (api.length < API_INSTANCES)
        return fail(
          'The api never had all its instances launched on prod.',
          'api 的实例从未全部在 prod 上启动。',
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
        `The api was up at t=${fmt(up)}, yet ${late.length} more prod offer(s) came, the first ${o.id} on ${o.agent} at t=${fmt(o.at)}. Suppress the prod role (suppressOffers(['prod'])) when it has nothing left to run.`,
        `api 在 t=${fmt(up)} 已经启动完毕，之后却又来了 ${late.length} 个 prod 的 offer，第一个是 t=${fmt(o.at)} 在 ${o.agent} 上的 ${o.id}。prod 没有任务要运行时，请暂停这个角色（suppressOffers(['prod'])）。`,
      );
    },
  },
];
