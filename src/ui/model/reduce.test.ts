/**
 * The reducer, read as a story: fold real traces of the example scenarios and check that each prefix gives
 * the view of that moment — the same counts the command line's summary computes from the same prefix,
 * agents that look dead when they are, filters that count down as Mesos's allocator keeps them.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../cluster/scenario/validate';
import type { Scenario } from '../../cluster/scenario/types';
import { Simulation } from '../../cluster/sim/Simulation';
import { summarize } from '../../cluster/summary';
import type { TraceEvent } from '../../cluster/trace';
import { agentUsage, drfOrder, fold, initialView, liveFilters, reduce, visibleTasks } from './reduce';
import { holdings } from './resources';
import type { ViewState } from './view';
import agentFailure from '../../../scenarios/agent-failure.json';
import drfPaper from '../../../scenarios/drf-paper.json';
import masterFailover from '../../../scenarios/master-failover.json';

const files: Record<string, unknown> = {
  'agent-failure': agentFailure,
  'drf-paper': drfPaper,
  'master-failover': masterFailover,
};
const load = (name: string): Scenario => parseScenario(files[name]);

const run = (scenario: Scenario): TraceEvent[] => new Simulation(scenario).run();

const running = (s: ViewState, framework: string): string[] =>
  [...s.agents.values()].flatMap((a) =>
    [...a.tasks.values()]
      .filter((t) => t.framework === framework && t.state === 'TASK_RUNNING')
      .map((t) => `${t.id}@${a.id}`),
  );

/** A plain, comparable copy of a view (maps become entry lists). */
const plain = (s: ViewState): unknown =>
  JSON.parse(JSON.stringify(s, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v)));

describe('drf-paper: one agent, two frameworks, progressive filling', () => {
  const scenario = load('drf-paper');
  const trace = run(scenario);
  const end = fold(initialView(scenario), trace);

  it('ends as the paper says: A runs 3 tasks, B runs 2, both at dominant share 2/3', () => {
    expect(running(end, 'A')).toHaveLength(3);
    expect(running(end, 'B')).toHaveLength(2);
    // Tasks: A = 3 × 4 GB / 18 GB = 2/3, B = 2 × 3 CPUs / 9 CPUs = 2/3. A share counts offered resources
    // too (MESOS.md §1.13): the last run offered A the idle 4 GB, so A = (12 + 4) / 18 = 8/9 as DRF sees it.
    expect(end.frameworks.get('A')!.share).toBeCloseTo(8 / 9);
    expect(end.frameworks.get('B')!.share).toBeCloseTo(2 / 3);
    expect(end.seq).toBe(trace.length);
    expect(end.t).toBe(trace.at(-1)!.t);
  });

  it('gives, for every prefix, the counts the summary computes from that prefix', () => {
    let state = initialView(scenario);
    for (let i = 0; i < trace.length; i++) {
      state = reduce(state, trace[i]!);
      const summary = summarize(trace.slice(0, i + 1), { scenario: 'x', seed: 0, until: 0 });
      for (const [id, f] of Object.entries(summary.frameworks)) {
        const fw = state.frameworks.get(id)!;
        expect(fw.offers, `offers of ${id} after event ${i}`).toBe(f.offers);
        expect(fw.declined).toBe(f.declined);
        expect(fw.tasks.launched).toBe(f.launched);
        expect(running(state, id)).toHaveLength(f.running);
      }
    }
  });

  it('draws the agent split by framework: what tasks use, what is offered, nothing free', () => {
    const agent = end.agents.get('agent1')!;
    const [cpus, mem] = agentUsage(end, agent);
    expect(cpus).toMatchObject({ name: 'cpus', total: 9, free: 0 });
    // cpus: A holds 3 × 1, B holds 2 × 3
    expect(cpus!.used).toEqual([
      { framework: 'A', amount: 3 },
      { framework: 'B', amount: 6 },
    ]);
    // mem: A's tasks 12 GB, B's 2 GB, and the last 4 GB are on offer to A
    expect(mem).toMatchObject({ name: 'mem', total: 18432, free: 0 });
    expect(mem!.offered).toEqual([{ framework: 'A', amount: 4096 }]);
  });

  it('shows an outstanding offer as offered, and launches on it out of its remainder', () => {
    const i = trace.findIndex((e) => e.type === 'offer');
    const afterOffer = fold(initialView(scenario), trace, 0, i + 1);
    const agent = afterOffer.agents.get('agent1')!;
    expect(agentUsage(afterOffer, agent)[0]!.offered).toEqual([{ framework: 'A', amount: 9 }]);
    const j = trace.findIndex((e) => e.type === 'launch');
    const afterLaunch = fold(afterOffer, trace, i + 1, j + 1);
    const usage = agentUsage(afterLaunch, afterLaunch.agents.get('agent1')!)[0]!;
    // cpus: 1 launched on the offer of 9; 8 are still offered until the accept
    expect(usage.used).toEqual([{ framework: 'A', amount: 1 }]);
    expect(usage.offered).toEqual([{ framework: 'A', amount: 8 }]);
  });

  it('never changes a state it was given, so any snapshot can be shown again', () => {
    const mid = fold(initialView(scenario), trace, 0, 40);
    const before = plain(mid);
    fold(mid, trace, 40);
    expect(plain(mid)).toEqual(before);
    expect(plain(fold(initialView(scenario), trace, 0, 40))).toEqual(before);
  });

  it('orders roles as the DRF sorter does: share, then allocation count, then name', () => {
    const order = drfOrder(
      [
        { name: 'b', share: 0.5, count: 2 },
        { name: 'a', share: 0.5, count: 2 },
        { name: 'c', share: 0.5, count: 1 },
        { name: 'd', share: 0.1, count: 9 },
      ],
      (x) => x.name,
    );
    expect(order.map((x) => x.name)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('agent-failure: a dead agent looks dead, then its tasks are lost and relaunched elsewhere', () => {
  const scenario = load('agent-failure');
  const trace = run(scenario);
  const at = (pred: (e: TraceEvent) => boolean): number => trace.findIndex(pred) + 1;
  const killed = at((e) => e.type === 'agent-killed');
  const removed = at((e) => e.type === 'agent-removed');

  it('marks the agent crashed while the master still counts its tasks as running', () => {
    const s = fold(initialView(scenario), trace, 0, killed);
    const agent = s.agents.get('agent2')!;
    expect(agent.status).toBe('crashed');
    expect([...agent.tasks.values()].some((t) => t.state === 'TASK_RUNNING')).toBe(true);
  });

  it('marks it unreachable when the master removes it, with its tasks lost', () => {
    let s = fold(initialView(scenario), trace, 0, removed);
    expect(s.agents.get('agent2')).toMatchObject({ status: 'unreachable' });
    expect(s.agents.get('agent2')!.reason).toMatch(/health check/);
    // The TASK_LOST updates follow at the same instant.
    while (trace[s.seq]?.type === 'status' && trace[s.seq]!.t === trace[removed - 1]!.t)
      s = reduce(s, trace[s.seq]!);
    const tasks = visibleTasks(s.agents.get('agent2')!, s.t);
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.state === 'TASK_LOST' && t.reason === 'REASON_AGENT_REMOVED')).toBe(true);
    expect(s.frameworks.get('web')!.tasks.lost).toBeGreaterThan(0);
  });

  it('ends with the service back at six instances, none on the agent that died', () => {
    const end = fold(initialView(scenario), trace);
    const web = running(end, 'web');
    expect(web).toHaveLength(6);
    expect(web.some((t) => t.endsWith('@agent2'))).toBe(false);
    // At t=150 the machine booted again; its agent registered as a new agent id and took agent2's place.
    expect(end.agents.get('agent2#2')!.status).toBe('active');
    expect(end.agents.has('agent2')).toBe(false);
  });

  it('lets lost tasks linger for a while, then drops them', () => {
    const before = fold(
      initialView(scenario),
      trace,
      0,
      at((e) => e.type === 'agent-rebooted'),
    );
    expect([...before.agents.get('agent2')!.tasks.values()].filter((t) => t.state === 'TASK_LOST')).toEqual(
      [],
    );
  });
});

describe('master-failover: the standby takes over', () => {
  const scenario = load('master-failover');
  const trace = run(scenario);
  const failed = trace.findIndex((e) => e.type === 'master-failed') + 1;
  const elected = trace.findIndex((e, i) => i >= failed && e.type === 'leader') + 1;

  it('shows the failed master, no leader, and no offers while the session expires', () => {
    const s = fold(initialView(scenario), trace, 0, failed);
    expect(s.masters).toEqual([
      { id: 'master/1', state: 'failed' },
      { id: 'master/2', state: 'standby' },
    ]);
    expect(s.leader).toBeNull();
    expect(s.offers.size).toBe(0);
    expect(s.filters).toEqual([]);
  });

  it('has agents re-register with the new leader, and the old one stand by', () => {
    const s = fold(initialView(scenario), trace, 0, elected);
    expect(s.leader).toBe('master/2');
    expect(s.masters.map((m) => m.state)).toEqual(['standby', 'leading']);
    expect([...s.agents.values()].every((a) => a.status === 'reregistering')).toBe(true);
    const end = fold(s, trace, elected);
    expect([...end.agents.values()].every((a) => a.status === 'active')).toBe(true);
    expect([...end.frameworks.values()].every((f) => f.status === 'active')).toBe(true);
  });
});

describe('refuse filters, partitions and the rest, on hand-written events', () => {
  const scenario = parseScenario({
    allocator: { intervalSeconds: 1 },
    roles: { r: { weight: 2, quota: { guarantees: 'cpus:1', limits: 'cpus:2' } } },
    agents: [{ id: 'a1', resources: 'cpus:4;mem:1024' }],
    frameworks: [{ id: 'f', roles: ['r'], scheduler: { builtin: 'scripted' } }],
  });
  const base: TraceEvent[] = [
    { t: 0, type: 'leader', master: 'master/1' },
    { t: 0.001, type: 'agent-added', agent: 'a1', resources: { cpus: 4, mem: 1024 } },
    { t: 0.001, type: 'framework-added', framework: 'f', roles: ['r'] },
    {
      t: 1,
      type: 'offer',
      offer: 'O-1',
      framework: 'f',
      role: 'r',
      agent: 'a1',
      resources: { cpus: 4, mem: 1024 },
    },
  ];

  it("draws the allocator's own filter: a short refuse_seconds lasts one allocation interval, 0 sets none", () => {
    const declining = (refuseSeconds: number): Scenario =>
      parseScenario({
        until: 4,
        allocator: { intervalSeconds: 1 },
        agents: [{ id: 'a1', resources: 'cpus:4;mem:1024' }],
        frameworks: [{ id: 'f', roles: ['r'], scheduler: { builtin: 'scripted' } }],
        actions: [{ at: 1.5, do: 'decline', framework: 'f', refuseSeconds }],
      });
    const short = declining(0.2);
    const trace = run(short);
    const decline = trace.findIndex((e) => e.type === 'decline');
    const filter = trace.find((e) => e.type === 'filter')!;
    expect(filter).toMatchObject({ framework: 'f', role: 'r', agent: 'a1', refuseSeconds: 0.2 });
    // MESOS-4302: the allocator stretches it to one allocation interval.
    expect(filter.until).toBeCloseTo(trace[decline]!.t + 1, 9);
    const s = fold(initialView(short), trace, 0, trace.indexOf(filter) + 1);
    expect(s.offers.size).toBe(0);
    expect(liveFilters(s, filter.t)).toEqual([
      expect.objectContaining({ framework: 'f', agent: 'a1', from: filter.t, until: filter.until }),
    ]);
    expect(liveFilters(s, filter.until)).toEqual([]);
    // The allocator held the agent back until then: the next offer comes at the first allocation after.
    const next = trace.find((e, i) => i > decline && e.type === 'offer')!;
    expect(next.t).toBeGreaterThanOrEqual(filter.until);

    const none = run(declining(0));
    expect(none.some((e) => e.type === 'decline')).toBe(true);
    expect(none.some((e) => e.type === 'filter')).toBe(false);
    expect(fold(initialView(declining(0)), none).filters).toEqual([]);
  });

  it('filters what an accept leaves unused, and revive clears it', () => {
    const s = fold(initialView(scenario), [
      ...base,
      {
        t: 1.002,
        type: 'launch',
        task: 't1',
        framework: 'f',
        agent: 'a1',
        resources: { cpus: 1, mem: 128 },
        offers: ['O-1'],
        role: 'r',
      },
      {
        t: 1.002,
        type: 'accept',
        offers: ['O-1'],
        framework: 'f',
        agent: 'a1',
        tasks: ['t1'],
        refuseSeconds: 5,
      },
      {
        t: 1.002,
        type: 'filter',
        framework: 'f',
        role: 'r',
        agent: 'a1',
        resources: { cpus: 3, mem: 896 },
        refuseSeconds: 5,
        until: 6.002,
      },
    ]);
    expect(s.filters).toEqual([expect.objectContaining({ resources: { cpus: 3, mem: 896 }, until: 6.002 })]);
    const revived = reduce(s, { t: 2, type: 'revive', framework: 'f', roles: ['r'] });
    expect(revived.filters).toEqual([]);
  });

  it('marks partitions until they heal, and rescinds remove offers', () => {
    let s = fold(initialView(scenario), [
      ...base,
      { t: 2, type: 'partition', between: ['master', 'a1'], forSeconds: 5 },
      { t: 2.5, type: 'rescind', offer: 'O-1', framework: 'f', reason: 'agent partitioned' },
    ]);
    expect(s.partitions).toEqual([{ between: ['master', 'a1'], from: 2, until: 7 }]);
    expect(s.offers.size).toBe(0);
    s = reduce(s, { t: 7, type: 'heal', between: ['master', 'a1'] });
    expect(s.partitions).toEqual([]);
  });

  it('keeps roles with their weights and quota, and follows weight and quota changes', () => {
    let s = initialView(scenario);
    expect(s.roles.get('r')).toMatchObject({ weight: 2, guarantees: 'cpus:1', limits: 'cpus:2' });
    s = reduce(s, { t: 1, type: 'weight', role: 'r', weight: 3 });
    s = reduce(s, { t: 1, type: 'quota', role: 'r', guarantees: {}, limits: { cpus: 3 } });
    expect(s.roles.get('r')).toEqual(expect.objectContaining({ weight: 3, limits: 'cpus:3' }));
    expect(s.roles.get('r')!.guarantees).toBeUndefined();
  });

  it('ignores event types it does not draw', () => {
    const s = initialView(scenario);
    const next = reduce(s, { t: 3, type: 'log', framework: 'f', level: 'info', text: 'hello' });
    expect(next.seq).toBe(1);
    expect(next.agents).toBe(s.agents);
  });
});

describe('reservations, volumes and executors on the agent card', () => {
  // The persistent-volume acceptance case's steps (PersistentVolumeTest.CreateAndDestroyPersistentVolumes).
  const stateful: Scenario = parseScenario({
    name: 'stateful',
    seed: 7,
    until: 7,
    agents: [{ id: 'agent1', resources: 'cpus:2;mem:1024;disk:2048' }],
    frameworks: [{ id: 'db', roles: ['db'], scheduler: { builtin: 'scripted' } }],
    actions: [
      { at: 0.5, do: 'reserve', framework: 'db', agent: 'agent1', resources: 'cpus:1;mem:512;disk:1024' },
      {
        at: 1.5,
        do: 'create-volume',
        framework: 'db',
        agent: 'agent1',
        volume: { id: 'data', path: 'data', size: 1024 },
      },
      {
        at: 2.5,
        do: 'launch',
        framework: 'db',
        agent: 'agent1',
        task: { resources: 'cpus:1;mem:512', command: 'sleep 2', volume: 'data' },
      },
      { at: 5.5, do: 'destroy-volume', framework: 'db', agent: 'agent1', volume: 'data' },
    ],
  });
  const trace = run(stateful);
  const at = (t: number): ViewState =>
    fold(
      initialView(stateful),
      trace.filter((e) => e.t <= t),
    );

  it('a RESERVE and a CREATE redraw what the agent holds, never how much', () => {
    const before = at(0.4).agents.get('agent1')!;
    expect(holdings(before.total)).toEqual([]);
    const reserved = at(1).agents.get('agent1')!;
    expect(holdings(reserved.total)).toEqual([
      { role: 'db', dynamic: true, amounts: 'cpus:1;mem:512;disk:1024' },
    ]);
    const withVolume = at(2).agents.get('agent1')!;
    expect(holdings(withVolume.total)).toEqual([
      { role: 'db', dynamic: true, amounts: 'cpus:1;mem:512' },
      { role: 'db', dynamic: true, amounts: '1024 MB', volume: { id: 'data', path: 'data' } },
    ]);
    // The bars add reservations and volumes into their resource: the agent is as big as ever.
    const disk = agentUsage(at(2), withVolume).find((u) => u.name === 'disk')!;
    expect(disk.total).toBe(2048);
    // DESTROY turns the volume back into reserved disk.
    expect(holdings(at(6).agents.get('agent1')!.total)).toEqual([
      { role: 'db', dynamic: true, amounts: 'cpus:1;mem:512;disk:1024' },
    ]);
  });

  it('the task on the volume ran in a command executor of its own, which left with it', () => {
    const running = at(3).agents.get('agent1')!;
    expect([...running.executors.values()].map((x) => [x.id, x.command])).toEqual([
      [running.tasks.keys().next().value, true],
    ]);
    expect(at(6).agents.get('agent1')!.executors.size).toBe(0);
  });

  it("a custom executor's own resources count as its framework's use until it exits", () => {
    const base = at(0.4);
    const started = reduce(base, {
      t: 1,
      type: 'executor-started',
      agent: 'agent1',
      framework: 'db',
      executor: 'hold',
      resources: { cpus: 0.5, mem: 32 },
      command: false,
    });
    const agent = started.agents.get('agent1')!;
    const cpus = agentUsage(started, agent).find((u) => u.name === 'cpus')!;
    expect(cpus.used).toEqual([{ framework: 'db', amount: 0.5 }]);
    const exited = reduce(started, {
      t: 2,
      type: 'executor-exited',
      agent: 'agent1',
      framework: 'db',
      executor: 'hold',
      status: 0,
    });
    const after = agentUsage(exited, exited.agents.get('agent1')!).find((u) => u.name === 'cpus')!;
    expect(after.used).toEqual([]);
  });
});
