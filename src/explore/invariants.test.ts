/**
 * The general invariants: each one trips on the trace of the mistake it names, and none trips on the runs
 * of the cluster's own built-in schedulers under the explorer's faults (they are correct schedulers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../cluster/rng';
import { parseScenario } from '../cluster/scenario/validate';
import { Simulation } from '../cluster/sim/Simulation';
import type { TraceEvent } from '../cluster/trace';
import { generalViolations, type InvariantOptions } from './invariants';
import { drawSchedule, faultsOver, withFaults, worldOf } from './schedule';

const opts = (o: Partial<InvariantOptions> = {}): InvariantOptions => ({
  frameworks: ['web'],
  faultsOver: 0,
  offerHoldSeconds: 30,
  starveSeconds: 30,
  ...o,
});

const ids = (trace: TraceEvent[], o?: Partial<InvariantOptions>): string[] =>
  generalViolations(trace, opts(o)).map((v) => v.invariant);

const R = { cpus: 1, mem: 256 };
const launch = (t: number, task: string, agent: string, offer: string): TraceEvent => ({
  t,
  type: 'launch',
  task,
  framework: 'web',
  agent,
  resources: R,
  offers: [offer],
  role: '*',
});
const offer = (t: number, id: string, agent: string, framework = 'web'): TraceEvent => ({
  t,
  type: 'offer',
  offer: id,
  framework,
  role: '*',
  agent,
  resources: { cpus: 4, mem: 4096 },
});
const status = (t: number, task: string, state: string, agent = 'a1'): TraceEvent =>
  ({ t, type: 'status', task, framework: 'web', agent, state }) as TraceEvent;
const agentAdded = (t: number, agent: string): TraceEvent => ({
  t,
  type: 'agent-added',
  agent,
  resources: { cpus: 4, mem: 4096 },
});
const subscribed: TraceEvent = { t: 0, type: 'framework-added', framework: 'web', roles: ['*'] };

describe('each invariant trips on its mistake', () => {
  it('double-launch: the same task id launched twice', () => {
    const trace = [
      subscribed,
      launch(1, 'web-1', 'a1', 'O-1'),
      status(1.1, 'web-1', 'TASK_RUNNING'),
      launch(9, 'web-1', 'a2', 'O-2'),
      status(9.1, 'web-1', 'TASK_RUNNING', 'a2'),
    ];
    const [v] = generalViolations(trace, opts());
    expect(v).toMatchObject({ invariant: 'double-launch', at: 9, task: 'web-1' });
    expect(v!.what.en).toBe('task web-1 is launched twice: on a1 at 1 s and on a2 at 9 s');
    expect(v!.what.zh).toContain('任务 web-1 被启动了两次');
    // Another framework's tasks are not under test.
    expect(ids(trace, { frameworks: ['other'] })).toEqual([]);
  });

  it('double-launch: not across a scheduler failover (the new process has no memory of the first)', () => {
    const twice = [
      subscribed,
      launch(1, 'web-1', 'a1', 'O-1'),
      status(2, 'web-1', 'TASK_LOST'),
      launch(12, 'web-1', 'a1', 'O-2'),
      status(13, 'web-1', 'TASK_RUNNING'),
    ];
    expect(ids(twice)).toEqual(['double-launch']);
    expect(ids(twice, { restarts: [{ framework: 'web', at: 10 }] })).toEqual([]);
    // A failover of another framework, or one before both launches, changes nothing.
    expect(ids(twice, { restarts: [{ framework: 'other', at: 10 }] })).toEqual(['double-launch']);
    expect(ids(twice, { restarts: [{ framework: 'web', at: 0.5 }] })).toEqual(['double-launch']);
  });

  it('task-unsettled: a task left staging at the end; running, terminal or unreachable is settled', () => {
    const base = [subscribed, agentAdded(0, 'a1'), launch(1, 'web-1', 'a1', 'O-1')];
    expect(ids([...base, { t: 200, type: 'weight', role: '*', weight: 1 }])).toEqual(['task-unsettled']);
    expect(ids([...base, status(1.1, 'web-1', 'TASK_STARTING')])).toEqual(['task-unsettled']);
    for (const s of ['TASK_RUNNING', 'TASK_FINISHED', 'TASK_LOST', 'TASK_UNREACHABLE'])
      expect(ids([...base, status(1.1, 'web-1', s)])).toEqual([]);
    // Exempt: its machine is down, and the leading master was elected after it last heard from the agent.
    const down: TraceEvent[] = [
      ...base,
      { t: 2, type: 'agent-killed', agent: 'a1' },
      { t: 3, type: 'leader', master: 'master/2' },
    ];
    expect(ids(down)).toEqual([]);
    // The same when the machine crashed while its registration was on its way (registered after the crash).
    const crashedFirst: TraceEvent[] = [
      subscribed,
      { t: 0, type: 'agent-killed', agent: 'a1' },
      agentAdded(0.001, 'a1'),
      launch(1, 'web-1', 'a1', 'O-1'),
      { t: 11, type: 'leader', master: 'master/2' },
    ];
    expect(ids(crashedFirst)).toEqual([]);
    // A crashed agent restarted under its id is up again: its task must settle.
    expect(
      ids([
        ...crashedFirst.slice(0, 3),
        { t: 0.5, type: 'agent-restarted', agent: 'a1' },
        ...crashedFirst.slice(3),
      ]),
    ).toEqual(['task-unsettled']);
    // Exempt: launched, with no state since, while the agent's link lost messages (the launch may be lost).
    const cut: TraceEvent[] = [
      subscribed,
      agentAdded(0, 'a1'),
      { t: 0.5, type: 'partition', between: ['master', 'a1'], forSeconds: 2 },
      launch(1, 'web-1', 'a1', 'O-1'),
      { t: 2.5, type: 'heal', between: ['master', 'a1'] },
      launch(3, 'web-2', 'a1', 'O-2'),
    ];
    expect(generalViolations(cut, opts()).map((v) => v.task)).toEqual(['web-2']);
    // Overlapping windows: the end of a delaying one does not end a dropping one begun meanwhile.
    const overlapping: TraceEvent[] = [
      subscribed,
      agentAdded(0, 'a1'),
      {
        t: 0,
        type: 'flaky-link',
        between: ['master', 'a1'],
        forSeconds: 0.1,
        drop: 0,
        delayMs: 200,
        repeat: 0,
      },
      {
        t: 0,
        type: 'flaky-link',
        between: ['master', 'a1'],
        forSeconds: 0.2,
        drop: 0.3,
        delayMs: 0,
        repeat: 0,
      },
      { t: 0.1, type: 'flaky-link-ended', between: ['master', 'a1'] },
      launch(0.178, 'web-1', 'a1', 'O-1'),
      { t: 0.2, type: 'flaky-link-ended', between: ['master', 'a1'] },
    ];
    expect(ids(overlapping)).toEqual([]);
    // The master's reconciliation answer lags behind the agent (its update awaits an acknowledgement): the
    // task is running, as the agent said.
    expect(
      ids([
        ...base,
        status(1.1, 'web-1', 'TASK_STARTING'),
        status(1.1, 'web-1', 'TASK_RUNNING'),
        { ...status(3, 'web-1', 'TASK_STARTING'), reason: 'REASON_RECONCILIATION' } as TraceEvent,
      ]),
    ).toEqual([]);
    // Still only staging, as the master answers a reconciliation: the same.
    expect(
      generalViolations([...cut, status(20, 'web-1', 'TASK_STAGING')], opts()).map((v) => v.task),
    ).toEqual(['web-2']);
    // The link names the machine; after a reboot its agent has a new id (a1#2): the same link.
    const rebooted: TraceEvent[] = [
      subscribed,
      agentAdded(4, 'a1#2'),
      {
        t: 4.1,
        type: 'flaky-link',
        between: ['master', 'a1'],
        forSeconds: 0.4,
        drop: 0.2,
        delayMs: 0,
        repeat: 0,
      },
      launch(4.3, 'b-3', 'a1#2', 'O-3'),
      { t: 4.5, type: 'flaky-link-ended', between: ['master', 'a1'] },
    ];
    expect(ids(rebooted)).toEqual([]);
    // A flaky link that only delays loses nothing: not exempt.
    const late: TraceEvent[] = [
      subscribed,
      {
        t: 0.5,
        type: 'flaky-link',
        between: ['a1', 'master'],
        forSeconds: 2,
        drop: 0,
        delayMs: 500,
        repeat: 0,
      },
      launch(1, 'web-1', 'a1', 'O-1'),
    ];
    expect(ids(late)).toEqual(['task-unsettled']);
  });

  it('offer-held: an offer made after the faults, held past the limit; answered ones are fine', () => {
    const held = [subscribed, agentAdded(0, 'a1'), offer(50, 'O-1', 'a1'), offer(100, 'O-2', 'a1')];
    const v = generalViolations(held, opts({ faultsOver: 40 }));
    expect(v.map((x) => [x.invariant, x.at])).toEqual([['offer-held', 80]]);
    expect(v[0]!.what.en).toContain('offer O-1 (a1) made at 50 s is held for more than 30 s');
    // Made during the faults: it may never have arrived.
    expect(ids(held, { faultsOver: 60 })).toEqual([]);
    const answered: TraceEvent[] = [
      ...held.slice(0, 3),
      // (A long filter: without one, a1 idle from 51 s to 100 s would be starvation, a finding of its own.)
      { t: 51, type: 'decline', offer: 'O-1', framework: 'web', refuseSeconds: 60 },
      offer(100, 'O-2', 'a1'),
      { t: 101, type: 'rescind', offer: 'O-2', framework: 'web', reason: 'agent removed' },
      { t: 125, type: 'weight', role: '*', weight: 1 },
    ];
    expect(ids(answered, { faultsOver: 40 })).toEqual([]);
  });

  it('starved: no offer for long while an agent sits idle and the framework has not said no', () => {
    const idle = [subscribed, agentAdded(0, 'a1'), agentAdded(0, 'a2'), offer(1, 'O-1', 'a2', 'other')];
    const end: TraceEvent = { t: 120, type: 'weight', role: '*', weight: 1 };
    const v = generalViolations([...idle, end], opts({ faultsOver: 10 }));
    expect(v.map((x) => x.invariant)).toEqual(['starved']);
    expect(v[0]!.at).toBe(40);
    expect(v[0]!.what.en).toContain('framework web gets no offer from 10 s to 40 s');
    // Suppressed, or a long decline filter of its own: it asked for no offers.
    expect(
      ids([...idle, { t: 5, type: 'suppress', framework: 'web', roles: [] }, end], { faultsOver: 10 }),
    ).toEqual([]);
    expect(
      ids(
        [
          ...idle,
          offer(5, 'O-2', 'a1'),
          { t: 5, type: 'decline', offer: 'O-2', framework: 'web', refuseSeconds: 3600 },
          end,
        ],
        { faultsOver: 10 },
      ),
    ).toEqual([]);
    // A filter that ran past the window's start: the wait counts from its end (the next offer comes at the
    // first allocation after it expires), not from before it.
    const filtered = [
      subscribed,
      agentAdded(0, 'a1'),
      offer(0.001, 'O-2', 'a1'),
      { t: 0.003, type: 'decline', offer: 'O-2', framework: 'web', refuseSeconds: 60 },
      agentAdded(0.35, 'a2'),
      offer(61, 'O-3', 'a1'),
      { t: 61.002, type: 'decline', offer: 'O-3', framework: 'web', refuseSeconds: 60 },
      end,
    ] as TraceEvent[];
    expect(ids(filtered, { faultsOver: 0.1 })).toEqual([]);
    // Offers keep coming: not starved.
    const fed = [...idle, ...[20, 45, 70, 95].map((t) => offer(t, `O-${t}`, 'a1'))];
    for (const o of fed.filter((e) => e.type === 'offer' && e.framework === 'web'))
      fed.push({
        t: o.t,
        type: 'decline',
        offer: (o as { offer: string }).offer,
        framework: 'web',
        refuseSeconds: 1,
      });
    fed.sort((a, b) => a.t - b.t);
    expect(ids([...fed, end], { faultsOver: 10 })).toEqual([]);
    // The only idle agent is reserved to another role, first seen re-registering after a master failover:
    // nothing there for this framework.
    const reserved: TraceEvent[] = [
      subscribed,
      {
        t: 1,
        type: 'agent-reregistered',
        agent: 'ops',
        resources: { 'cpus(ops)': 1, 'mem(ops)': 1024 },
      },
      end,
    ];
    expect(ids(reserved, { faultsOver: 10 })).toEqual([]);
    // A relaunch under a running task's id is refused on another agent: the task still runs, a1 is busy.
    const refused: TraceEvent[] = [
      subscribed,
      agentAdded(0, 'a1'),
      launch(1, 'web-1', 'a1', 'O-1'),
      status(1.1, 'web-1', 'TASK_RUNNING', 'a1'),
      status(5, 'web-1', 'TASK_ERROR', 'a2'),
      end,
    ];
    expect(ids(refused, { faultsOver: 10 })).toEqual([]);
    // No agent idle (the other framework holds a1's offer, a2 runs a task): not starved either.
    const busy = [subscribed, agentAdded(0, 'a1'), offer(1, 'O-1', 'a1', 'other'), end];
    expect(ids(busy, { faultsOver: 10 })).toEqual([]);
  });

  it('callback-error: a callback that throws; an error the master reports is not one', () => {
    const trace: TraceEvent[] = [
      subscribed,
      { t: 3, type: 'error', framework: 'web', message: 'Offer O-1 is no longer valid' },
      {
        t: 4,
        type: 'error',
        framework: 'web',
        callback: 'statusUpdate',
        line: 12,
        message: 'x is undefined',
      },
    ];
    const v = generalViolations(trace, opts());
    expect(v.map((x) => [x.invariant, x.at])).toEqual([['callback-error', 4]]);
    expect(v[0]!.what.en).toBe("the scheduler's statusUpdate fails at 4 s (line 12): x is undefined");
  });
});

describe('correct schedulers trip none', () => {
  it("the built-in service and batch schedulers, under the explorer's faults", () => {
    const raw = {
      until: 60,
      masters: 2,
      agents: [{ id: 'agent', count: 5, resources: 'cpus:4;mem:4096' }],
      frameworks: [
        {
          id: 'web',
          failoverTimeout: 600,
          scheduler: {
            builtin: 'service',
            instances: 6,
            task: { resources: 'cpus:1;mem:256', command: 'sleep 1000' },
          },
        },
        {
          id: 'jobs',
          failoverTimeout: 600,
          scheduler: {
            builtin: 'batch',
            tasks: 12,
            task: { resources: 'cpus:1;mem:256', command: 'sleep 7' },
          },
        },
      ],
    };
    const world = worldOf(parseScenario(raw), ['web', 'jobs']);
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const faults = drawSchedule(world, new Rng(seed));
        const trace = new Simulation(parseScenario(withFaults(raw, faults, seed))).run();
        const v = generalViolations(
          trace,
          opts({ frameworks: ['web', 'jobs'], faultsOver: faultsOver(faults) }),
        );
        expect(v, JSON.stringify(faults)).toEqual([]);
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});
