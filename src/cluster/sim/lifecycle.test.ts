/**
 * Scenario-level behaviour a learner would check (MESOS.md §3, CONTRACTS.md §1–3), read from the trace: what
 * happens to tasks and frameworks when commands fail, agents die, links break and masters fail over.
 *
 * Schedulers written as a learner would write them run in the Node sandbox through `{ code }` specs, and
 * report what their callbacks saw with console.log, which the trace records as `log` events.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types';
import { parseScenario } from '../scenario/validate';
import type { TaskState } from '../scheduler/api';
import type { TraceEvent, TraceType } from '../trace';
import { traceToJsonl } from '../trace';
import { Simulation, type SchedulerLoader } from './Simulation';

// Learner code runs in the command line's Node sandbox (src/cli/common.ts). It is imported by a computed
// path so that the type check of src/ (no Node types, tsconfig.json) does not follow it into node:fs.
const CLI_COMMON = '../../cli/common';
const { prepareLoader } = (await import(/* @vite-ignore */ CLI_COMMON)) as {
  prepareLoader: (scenario: Scenario, baseDir: string, budgetMs?: number) => SchedulerLoader;
};

type Of<T extends TraceType> = Extract<TraceEvent, { type: T }>;

interface Run {
  trace: TraceEvent[];
  of<T extends TraceType>(type: T, match?: Partial<Of<T>>): Of<T>[];
  /** What a framework's scheduler logged, line by line. */
  logs(framework: string): string[];
  /** The state changes of one task, in order, with their times. */
  states(task: string): { t: number; state: TaskState; reason?: string; source?: string }[];
}

/** Validates and simulates a scenario; learner code gets `budgetMs` per callback. */
function simulate(raw: Record<string, unknown>, budgetMs = 1000): Run {
  const scenario = parseScenario(raw);
  const sim = new Simulation(scenario, {
    loadScheduler: prepareLoader(scenario, '.', budgetMs),
    driverConfig: { callbackBudgetMs: budgetMs },
  });
  const trace = sim.run();
  sim.dispose();
  const of = <T extends TraceType>(type: T, match: Partial<Of<T>> = {}): Of<T>[] =>
    trace.filter(
      (e): e is Of<T> =>
        e.type === type &&
        Object.entries(match).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v),
    );
  return {
    trace,
    of,
    logs: (framework) => of('log', { framework }).map((e) => e.text),
    states: (task) =>
      of('status', { task }).map((e) => ({
        t: e.t,
        state: e.state,
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
        ...(e.source !== undefined ? { source: e.source } : {}),
      })),
  };
}

const agents = (n: number, resources = 'cpus:4;mem:4096'): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => ({ id: `a${i + 1}`, resources }));

const scripted = (id = 'F'): Record<string, unknown> => ({ id, scheduler: { builtin: 'scripted' } });

const service = (
  id: string,
  instances: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  id,
  scheduler: {
    builtin: 'service',
    instances,
    task: { resources: 'cpus:1;mem:256', command: 'sleep 100000' },
    ...extra,
  },
});

/**
 * A learner's scheduler that launches `commands` in order, one task per command (ids t1, t2, …), at most
 * `perOffer` a time, declines what it does not use, and logs every callback it gets.
 */
function observer(commands: string[], opts: { perOffer?: number; resources?: string } = {}): string {
  return `
interface Value { value: string }
const COMMANDS: string[] = ${JSON.stringify(commands)};
const PER_OFFER = ${opts.perOffer ?? 100};
const RESOURCES = ${JSON.stringify(opts.resources ?? 'cpus:0.5;mem:64')};

export default class Observer {
  private next = 0;

  registered(driver: unknown, id: Value): void { console.log('registered ' + id.value); }
  reregistered(): void { console.log('reregistered'); }
  disconnected(): void { console.log('disconnected'); }
  error(driver: unknown, message: string): void { console.log('error ' + message); }
  agentLost(driver: unknown, agent: Value): void { console.log('agentLost ' + agent.value); }
  offerRescinded(driver: unknown, offer: Value): void { console.log('rescinded ' + offer.value); }

  resourceOffers(driver: any, offers: any[]): void {
    for (const offer of offers) {
      const tasks = [];
      while (this.next < COMMANDS.length && tasks.length < PER_OFFER) {
        const n = ++this.next;
        tasks.push({
          name: 'task ' + n,
          task_id: { value: 't' + n },
          agent_id: offer.agent_id,
          resources: RESOURCES,
          command: { value: COMMANDS[n - 1] },
        });
      }
      if (tasks.length > 0) driver.launchTasks([offer.id], tasks, { refuse_seconds: 1 });
      else driver.declineOffer(offer.id, { refuse_seconds: 1 });
    }
  }

  statusUpdate(driver: unknown, status: { task_id: Value; state: string; reason?: string }): void {
    console.log('status ' + status.task_id.value + ' ' + status.state + (status.reason ? ' ' + status.reason : ''));
  }
}
`;
}

const learner = (id: string, code: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  scheduler: { code },
  ...extra,
});

/** Non-terminal states a task shows while it still runs. */
const LIVE: TaskState[] = ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING'];

describe('tasks run their commands', () => {
  it("echo 'Hello, world!' finishes with that stdout", () => {
    const run = simulate({
      until: 5,
      agents: agents(1),
      frameworks: [scripted()],
      actions: [
        {
          at: 0.5,
          do: 'launch',
          framework: 'F',
          agent: 'a1',
          task: { resources: 'cpus:1;mem:128', command: "echo 'Hello, world!'" },
        },
      ],
    });
    const [launch] = run.of('launch', { framework: 'F' });
    expect(launch).toBeDefined();
    // STARTING and RUNNING from the executor, then FINISHED once the command exits 0.
    expect(run.states(launch!.task).map((s) => s.state)).toEqual([
      'TASK_STARTING',
      'TASK_RUNNING',
      'TASK_FINISHED',
    ]);
    expect(run.of('output', { task: launch!.task })).toEqual([
      expect.objectContaining({ stream: 'stdout', text: 'Hello, world!\n', agent: 'a1', framework: 'F' }),
    ]);
  });

  it('a command with sleep finishes after the sleep', () => {
    const run = simulate({
      until: 20,
      agents: agents(1),
      frameworks: [learner('L', observer(['sleep 5 && echo done']))],
    });
    const states = run.states('t1');
    const running = states.find((s) => s.state === 'TASK_RUNNING')!;
    const finished = states.find((s) => s.state === 'TASK_FINISHED')!;
    expect(finished.t - running.t).toBeCloseTo(5, 6);
    expect(run.of('output', { task: 't1' }).map((o) => o.text)).toEqual(['done\n']);
    // The scheduler heard about it.
    expect(run.logs('L')).toContain('status t1 TASK_FINISHED');
  });

  it('exit 3 fails the task', () => {
    const run = simulate({ until: 5, agents: agents(1), frameworks: [learner('L', observer(['exit 3']))] });
    const last = run.of('status', { task: 't1' }).at(-1)!;
    expect(last.state).toBe('TASK_FAILED');
    expect(last.message).toMatch(/exited with status 3/);
    expect(run.logs('L')).toContain('status t1 TASK_FAILED REASON_COMMAND_EXECUTOR_FAILED');
  });

  it('an unknown command fails the task, with "command not found" on stderr', () => {
    const run = simulate({
      until: 5,
      agents: agents(1),
      frameworks: [learner('L', observer(['frobnicate --now']))],
    });
    expect(run.of('status', { task: 't1' }).at(-1)!.state).toBe('TASK_FAILED');
    expect(run.of('output', { task: 't1' })).toEqual([
      expect.objectContaining({ stream: 'stderr', text: 'sh: frobnicate: command not found\n' }),
    ]);
  });

  it('a task asking for more than its offer gets TASK_ERROR naming the resources, and never runs', () => {
    const run = simulate({
      until: 5,
      agents: agents(1, 'cpus:2;mem:1024'),
      frameworks: [scripted()],
      actions: [
        {
          at: 0.5,
          do: 'launch',
          framework: 'F',
          agent: 'a1',
          task: { resources: 'cpus:8;mem:64', command: 'sleep 1' },
        },
      ],
    });
    const errors = run.of('status', { framework: 'F', state: 'TASK_ERROR' });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toBe('REASON_TASK_INVALID');
    // The message names what the task asked for and what the offer had.
    expect(errors[0]!.message).toMatch(/cpus:8/);
    expect(errors[0]!.message).toMatch(/cpus:2/);
    expect(run.of('launch', { framework: 'F' })).toEqual([]);
    expect(run.of('status', { task: errors[0]!.task }).map((s) => s.state)).toEqual(['TASK_ERROR']);
  });

  it('launching on an unknown offer gives TASK_LOST (REASON_INVALID_OFFERS)', () => {
    const code = `
export default class {
  private tried = false;
  resourceOffers(driver: any, offers: any[]): void {
    if (this.tried) return;
    this.tried = true;
    driver.launchTasks([{ value: 'O-999' }], [
      { name: 'x', task_id: { value: 'ghost' }, agent_id: offers[0].agent_id, resources: 'cpus:1;mem:64', command: { value: 'sleep 1' } },
    ]);
  }
  statusUpdate(driver: unknown, s: any): void { console.log('status ' + s.task_id.value + ' ' + s.state + ' ' + s.reason); }
}`;
    const run = simulate({ until: 3, agents: agents(1), frameworks: [learner('L', code)] });
    expect(run.states('ghost')).toEqual([
      expect.objectContaining({
        state: 'TASK_LOST',
        reason: 'REASON_INVALID_OFFERS',
        source: 'SOURCE_MASTER',
      }),
    ]);
    expect(run.of('status', { task: 'ghost' })[0]!.message).toMatch(/O-999/);
    expect(run.logs('L')).toContain('status ghost TASK_LOST REASON_INVALID_OFFERS');
    expect(run.of('launch', { task: 'ghost' })).toEqual([]);
  });

  it('launching on a rescinded offer gives TASK_LOST, and the resources are not used twice', () => {
    // Offers time out after 2 s; the scheduler holds its first offer, and tries to use it once rescinded.
    const code = `
export default class {
  private held: any = null;
  resourceOffers(driver: any, offers: any[]): void {
    if (this.held === null) this.held = offers[0];
    for (const o of offers) if (o !== this.held) driver.declineOffer(o.id, { refuse_seconds: 100 });
  }
  offerRescinded(driver: any, id: { value: string }): void {
    console.log('rescinded ' + id.value);
    if (!this.held || id.value !== this.held.id.value) return;
    driver.launchTasks([this.held.id], [
      { name: 'late', task_id: { value: 'late' }, agent_id: this.held.agent_id, resources: 'cpus:1;mem:64', command: { value: 'sleep 100' } },
    ]);
  }
  statusUpdate(driver: unknown, s: any): void { console.log('status ' + s.task_id.value + ' ' + s.state); }
}`;
    const run = simulate({
      until: 6,
      allocator: { offerTimeoutSeconds: 2 },
      agents: agents(1),
      frameworks: [learner('L', code)],
    });
    const rescind = run.of('rescind', { framework: 'L' })[0]!;
    expect(rescind.reason).toBe('offer timeout');
    expect(run.logs('L')).toContain(`rescinded ${rescind.offer}`);
    expect(run.states('late')).toEqual([
      expect.objectContaining({ state: 'TASK_LOST', reason: 'REASON_INVALID_OFFERS' }),
    ]);
    expect(run.of('launch', { task: 'late' })).toEqual([]);
  });
});

describe('frameworks leaving, and reconciliation, as the trace shows them', () => {
  it('teardown withdraws the offers the framework holds: the trace says so (rescind)', () => {
    // F (scripted) holds the agent's only offer when the operator tears it down.
    const run = simulate({
      until: 5,
      agents: agents(1),
      frameworks: [scripted('F'), scripted('G')],
      actions: [{ at: 2.5, do: 'teardown', framework: 'F' }],
    });
    const held = run.of('offer', { framework: 'F' });
    expect(held).toHaveLength(1);
    const removed = run.of('framework-removed', { framework: 'F' })[0]!;
    // Without it, a reader of the trace sees F's offer outstanding for ever, and G's later offer of the same
    // resources as the agent offered twice.
    const ended = run.trace.filter(
      (e) => (e.type === 'rescind' || e.type === 'decline') && e.offer === held[0]!.offer,
    );
    expect(ended).toHaveLength(1);
    expect(ended[0]!.t).toBe(removed.t);
    expect(run.of('offer', { framework: 'G' }).length).toBeGreaterThan(0);
  });

  it("the master's answers to reconciliation are in the trace (MESOS.md §3.5)", () => {
    // Explicit reconciliation of a task the master never heard of, on a registered agent: TASK_LOST (the
    // framework is not partition-aware), reason REASON_RECONCILIATION, from the master.
    const code = `
export default class {
  private asked = false;
  resourceOffers(driver: any, offers: any[]): void {
    for (const o of offers) driver.declineOffer(o.id, { refuse_seconds: 100 });
    if (this.asked) return;
    this.asked = true;
    driver.reconcileTasks([{ task_id: { value: 'ghost' }, agent_id: offers[0].agent_id }]);
  }
  statusUpdate(driver: unknown, s: any): void { console.log('status ' + s.task_id.value + ' ' + s.state + ' ' + s.reason); }
}`;
    const run = simulate({ until: 3, agents: agents(1), frameworks: [learner('L', code)] });
    // The scheduler gets the answer...
    expect(run.logs('L')).toContain('status ghost TASK_LOST REASON_RECONCILIATION');
    // ...and the trace records it, as it records every other update the master makes.
    expect(run.of('status', { task: 'ghost' })).toEqual([
      expect.objectContaining({
        state: 'TASK_LOST',
        reason: 'REASON_RECONCILIATION',
        source: 'SOURCE_MASTER',
      }),
    ]);
  });
});

describe('agents that die (MESOS.md §3.3)', () => {
  // Two instances, at most one an agent, on three agents: one agent is spare.
  const scenario = (actions: Record<string, unknown>[], until = 200): Record<string, unknown> => ({
    seed: 3,
    until,
    agents: agents(3),
    frameworks: [service('web', 2, { maxPerAgent: 1 }), learner('watcher', observer([]))],
    actions,
  });

  /** The agent that runs web's first instance. */
  const firstAgent = (): string => simulate(scenario([], 5)).of('launch', { framework: 'web' })[0]!.agent;

  it("a killed agent's tasks become TASK_LOST about 75 s later (5 missed pings of 15 s)", () => {
    const victim = firstAgent();
    const run = simulate(scenario([{ at: 10, do: 'kill-agent', agent: victim }]));
    expect(run.of('agent-killed', { agent: victim })).toHaveLength(1);
    const removed = run.of('agent-removed', { agent: victim });
    expect(removed).toHaveLength(1);
    // Pings go every 15 s; the fifth missed one is between 75 and 90 s after the crash.
    expect(removed[0]!.t - 10).toBeGreaterThanOrEqual(75);
    expect(removed[0]!.t - 10).toBeLessThanOrEqual(90.1);
    const lost = run.of('status', { framework: 'web', agent: victim, state: 'TASK_LOST' });
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      t: removed[0]!.t,
      reason: 'REASON_AGENT_REMOVED',
      source: 'SOURCE_MASTER',
    });
    // Nothing was lost before the master noticed.
    expect(run.of('status', { state: 'TASK_LOST' }).every((s) => s.t >= removed[0]!.t)).toBe(true);
  });

  it('every framework hears agentLost', () => {
    const victim = firstAgent();
    const run = simulate(scenario([{ at: 10, do: 'kill-agent', agent: victim }]));
    // The watcher runs no task there, and hears of it all the same.
    expect(run.logs('watcher')).toContain(`agentLost ${victim}`);
    const heard = run.of('log', { framework: 'watcher', text: `agentLost ${victim}` })[0]!;
    expect(heard.t).toBeGreaterThanOrEqual(run.of('agent-removed', { agent: victim })[0]!.t);
  });

  it('a service relaunches the lost instance on another agent', () => {
    const victim = firstAgent();
    const run = simulate(scenario([{ at: 10, do: 'kill-agent', agent: victim }]));
    const removedAt = run.of('agent-removed', { agent: victim })[0]!.t;
    const relaunched = run.of('launch', { framework: 'web' }).filter((l) => l.t > removedAt);
    expect(relaunched).toHaveLength(1);
    expect(relaunched[0]!.agent).not.toBe(victim);
    expect(run.states(relaunched[0]!.task).at(-1)!.state).toBe('TASK_RUNNING');
  });

  it('restart-agent restarts the agent process: a framework that does not checkpoint loses its tasks there at once', () => {
    const victim = firstAgent();
    const run = simulate(scenario([{ at: 10, do: 'restart-agent', agent: victim }], 40));
    expect(run.of('agent-restarted', { agent: victim })).toHaveLength(1);
    // The master sees the process's connection close, and the agent comes back under the same id.
    const disconnected = run.of('agent-disconnected', { agent: victim });
    expect(disconnected).toHaveLength(1);
    expect(run.of('agent-reregistered', { agent: victim }).filter((e) => e.t > 10)).toHaveLength(1);
    expect(run.of('agent-added').filter((e) => e.t > 10)).toEqual([]);
    // The framework does not checkpoint, so its task is lost as soon as the master sees the agent go.
    const task = run.of('launch', { framework: 'web', agent: victim })[0]!.task;
    expect(run.states(task).at(-1)).toMatchObject({
      t: disconnected[0]!.t,
      state: 'TASK_LOST',
      reason: 'REASON_AGENT_DISCONNECTED',
      source: 'SOURCE_MASTER',
    });
    // Its command executor shut itself down with the agent's link.
    expect(run.of('executor-exited', { agent: victim, framework: 'web' })).toHaveLength(1);
    // And the agent is offered again.
    expect(run.of('offer', { agent: victim }).some((o) => o.t > 10)).toBe(true);
  });

  it("restart-agent recovers a checkpointing framework's tasks: they keep running and nothing is lost", () => {
    const cluster = {
      seed: 3,
      agents: agents(3),
      frameworks: [{ ...service('web', 2, { maxPerAgent: 1 }), checkpoint: true }],
    };
    const victim = simulate({ ...cluster, until: 5 }).of('launch', { framework: 'web' })[0]!.agent;
    const run = simulate({
      ...cluster,
      until: 40,
      actions: [{ at: 10, do: 'restart-agent', agent: victim }],
    });
    expect(run.of('agent-recovered', { agent: victim })).toEqual([
      expect.objectContaining({ t: 10, tasks: 1, executors: 1 }),
    ]);
    const task = run.of('launch', { framework: 'web', agent: victim })[0]!.task;
    expect(run.states(task).map((s) => s.state)).toEqual(['TASK_STARTING', 'TASK_RUNNING']);
    expect(run.of('status', { state: 'TASK_LOST' })).toEqual([]);
    expect(run.of('executor-exited')).toEqual([]);
    // Nothing was relaunched: the service still has its two instances.
    expect(run.of('launch', { framework: 'web' })).toHaveLength(2);
  });

  it('reboot-agent: the machine comes back as a new agent id, the old one is removed and even checkpointed tasks are lost', () => {
    const cluster = {
      seed: 3,
      agents: agents(3),
      frameworks: [
        { ...service('web', 2, { maxPerAgent: 1 }), checkpoint: true },
        learner('watcher', observer([])),
      ],
    };
    const victim = simulate({ ...cluster, until: 5 }).of('launch', { framework: 'web' })[0]!.agent;
    const run = simulate({
      ...cluster,
      until: 60,
      actions: [{ at: 10, do: 'reboot-agent', agent: victim, downSeconds: 20 }],
    });
    expect(run.of('agent-rebooted', { agent: victim })).toEqual([
      expect.objectContaining({ t: 10, hostname: victim, downSeconds: 20 }),
    ]);
    // At t = 30 the machine is up again and its agent registers with a new id; the master then removes the old one.
    const added = run.of('agent-added', { agent: `${victim}#2` });
    expect(added).toHaveLength(1);
    expect(added[0]!.t).toBeGreaterThanOrEqual(30);
    expect(added[0]!.hostname).toBe(victim);
    const removed = run.of('agent-removed', { agent: victim });
    expect(removed).toEqual([
      expect.objectContaining({ reason: 'a new agent registered at the same address' }),
    ]);
    expect(removed[0]!.t).toBe(added[0]!.t);
    const task = run.of('launch', { framework: 'web', agent: victim })[0]!.task;
    expect(run.states(task).at(-1)).toMatchObject({ state: 'TASK_LOST', reason: 'REASON_AGENT_REMOVED' });
    expect(run.logs('watcher')).toContain(`agentLost ${victim}`);
    // The service runs its lost instance again, and the new agent is offered.
    expect(run.of('launch', { framework: 'web' }).length).toBeGreaterThanOrEqual(3);
    expect(run.of('offer', { agent: `${victim}#2` }).length).toBeGreaterThan(0);
  });
});

describe('flaky links: dropped, delayed and repeated messages', () => {
  /** A scheduler that logs each offer it is given and declines it for a second. */
  const offerLogger = `
export default class OfferLogger {
  resourceOffers(driver: any, offers: any[]): void {
    for (const o of offers) {
      console.log('offer ' + o.id.value);
      driver.declineOffer(o.id, { refuse_seconds: 1 });
    }
  }
}
`;

  it('a link that drops everything for 50 s is cut like a partition: nothing is lost for good', () => {
    const run = simulate({
      seed: 3,
      until: 150,
      agents: agents(1),
      frameworks: [learner('L', observer(['sleep 100000', 'sleep 30 && echo done'], { perOffer: 2 }))],
      actions: [{ at: 10, do: 'flaky-link', between: ['master', 'a1'], forSeconds: 50, drop: 1 }],
    });
    expect(run.of('flaky-link')).toEqual([
      expect.objectContaining({ t: 10, between: ['master', 'a1'], drop: 1, delayMs: 0, repeat: 0 }),
    ]);
    expect(run.of('flaky-link-ended')).toEqual([
      expect.objectContaining({ t: 60, between: ['master', 'a1'] }),
    ]);
    // No offer of a1 while its messages are lost: its resources are all in use or it cannot be heard.
    expect(run.of('agent-removed')).toEqual([]);
    // t2 finished at about 30 s, in the dark; its update reached the scheduler only after the window.
    const finished = run.of('log', { framework: 'L' }).find((e) => e.text === 'status t2 TASK_FINISHED');
    expect(finished).toBeDefined();
    expect(finished!.t).toBeGreaterThanOrEqual(60);
  });

  it('a delayed message never overtakes an earlier one on the same connection', () => {
    const run = simulate({
      seed: 5,
      until: 40,
      agents: agents(2),
      frameworks: [learner('L', observer(['sleep 1', 'sleep 2', 'exit 3', 'sleep 4', 'echo hi']))],
      actions: [{ at: 0, do: 'flaky-link', between: ['master', 'L'], forSeconds: 30, delayMs: 3000 }],
    });
    const statuses = run.of('status').filter((e) => e.framework === 'L');
    expect(statuses.length).toBeGreaterThanOrEqual(10);
    const heard = run.logs('L').filter((l) => l.startsWith('status '));
    // Every update the scheduler heard, it heard in the order in which the master forwarded them, each
    // task's updates in the order they happened; some arrived seconds late.
    for (let n = 1; n <= 5; n++) {
      const order = heard.filter((l) => l.startsWith(`status t${n} `)).map((l) => l.split(' ')[2]);
      const happened = run.states(`t${n}`).map((s) => s.state);
      expect(order).toEqual(happened.slice(0, order.length));
    }
    const logs = run.of('log', { framework: 'L' });
    const late = logs.filter((l) => {
      const [, task, state] = l.text.split(' ');
      const sent = statuses.find((s) => s.task === task && s.state === state);
      return sent !== undefined && l.t - sent.t > 0.5;
    });
    expect(late.length).toBeGreaterThan(0);
    for (const l of logs) expect(l.t).toBeLessThanOrEqual(40);
  });

  it('a repeating link delivers each offer twice while it lasts, and once after', () => {
    const run = simulate({
      seed: 2,
      until: 20,
      agents: agents(1),
      frameworks: [learner('L', offerLogger)],
      actions: [{ at: 0, do: 'flaky-link', between: ['L', 'master'], forSeconds: 10, repeat: 1 }],
    });
    const heard = run.of('log', { framework: 'L' });
    const during = run.of('offer').filter((o) => o.t < 9.9);
    const after = run.of('offer').filter((o) => o.t > 10);
    expect(during.length).toBeGreaterThan(2);
    expect(after.length).toBeGreaterThan(2);
    for (const o of during) expect(heard.filter((l) => l.text === `offer ${o.offer}`)).toHaveLength(2);
    for (const o of after.filter((o) => o.t < 19.9))
      expect(heard.filter((l) => l.text === `offer ${o.offer}`)).toHaveLength(1);
  });

  it('the same scenario and seed give the same trouble; another seed may not', () => {
    const raw = (seed: number) => ({
      seed,
      until: 30,
      agents: agents(2),
      frameworks: [service('web', 3, { task: { resources: 'cpus:1;mem:256', command: 'sleep 4' } })],
      actions: [
        {
          at: 1,
          do: 'flaky-link',
          between: ['master', 'a1'],
          forSeconds: 20,
          drop: 0.3,
          delayMs: 800,
          repeat: 0.3,
        },
      ],
    });
    const once = traceToJsonl(simulate(raw(7)).trace);
    expect(traceToJsonl(simulate(raw(7)).trace)).toBe(once);
    expect(traceToJsonl(simulate(raw(8)).trace)).not.toBe(once);
  });
});

describe('network partitions between the master and an agent', () => {
  const scenario = (forSeconds: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    seed: 3,
    until: 250,
    agents: agents(2),
    frameworks: [
      learner(
        'L',
        observer(['sleep 100000', 'sleep 30 && echo finished-in-the-dark'], { perOffer: 1 }),
        extra,
      ),
    ],
    actions: [{ at: 10, do: 'partition', between: ['master', 'a1'], forSeconds }],
  });

  it('a partition shorter than 75 s loses nothing, and updates sent meanwhile arrive after it heals', () => {
    const run = simulate(scenario(50));
    expect(run.of('partition')).toHaveLength(1);
    expect(run.of('heal')).toEqual([expect.objectContaining({ t: 60 })]);
    expect(run.of('agent-removed')).toEqual([]);
    expect(run.of('status', { state: 'TASK_LOST' })).toEqual([]);
    // Whatever ran on a1 is still running or finished normally.
    for (const l of run.of('launch')) {
      const last = run.states(l.task).at(-1)!;
      expect(['TASK_RUNNING', 'TASK_FINISHED']).toContain(last.state);
    }
    // t2 finishes 30 s after launch; if it ran on a1, its update waited for the link and a retry.
    expect(run.logs('L')).toContain('status t2 TASK_FINISHED');
    expect(run.logs('L')).not.toContain('agentLost a1');
  });

  it('a partition longer than 75 s marks the agent unreachable; its tasks come back when it heals', () => {
    const run = simulate(scenario(120));
    const removed = run.of('agent-removed', { agent: 'a1' });
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBeGreaterThanOrEqual(85);
    expect(removed[0]!.t).toBeLessThanOrEqual(100.1);
    const onA1 = run.of('launch', { agent: 'a1' }).filter((l) => l.t < 10);
    expect(onA1.length).toBeGreaterThan(0);
    for (const l of onA1) {
      const states = run.states(l.task);
      // Lost while cut off (the framework is not partition-aware)...
      expect(states).toContainEqual(
        expect.objectContaining({
          state: 'TASK_LOST',
          reason: 'REASON_AGENT_REMOVED',
          source: 'SOURCE_MASTER',
        }),
      );
    }
    expect(run.logs('L')).toContain('agentLost a1');
    // ...and back when the link heals at t = 130: the agent re-registers with its tasks (MESOS.md §3.3.5).
    const back = run.of('agent-reregistered', { agent: 'a1' });
    expect(back.length).toBeGreaterThan(0);
    expect(back[0]!.t).toBeGreaterThanOrEqual(130);
    const sleeper = onA1.find((l) => run.states(l.task).every((s) => s.state !== 'TASK_FINISHED'));
    expect(sleeper).toBeDefined();
    const after = run.states(sleeper!.task).filter((s) => s.t >= 130);
    expect(after).toContainEqual(
      expect.objectContaining({ state: 'TASK_RUNNING', reason: 'REASON_AGENT_REREGISTERED' }),
    );
    expect(run.logs('L')).toContain(`status ${sleeper!.task} TASK_RUNNING REASON_AGENT_REREGISTERED`);
  });

  it('a partition-aware framework sees TASK_UNREACHABLE instead of TASK_LOST', () => {
    const run = simulate(scenario(120, { partitionAware: true }));
    const onA1 = run.of('launch', { agent: 'a1' }).filter((l) => l.t < 10);
    expect(onA1.length).toBeGreaterThan(0);
    for (const l of onA1)
      expect(run.states(l.task)).toContainEqual(
        expect.objectContaining({ state: 'TASK_UNREACHABLE', source: 'SOURCE_MASTER' }),
      );
    expect(run.of('status', { state: 'TASK_LOST' })).toEqual([]);
  });
});

describe('master failover (MESOS.md §3.6)', () => {
  const run = simulate({
    seed: 5,
    until: 60,
    masters: 2,
    agents: agents(3),
    frameworks: [
      { ...service('web', 3, { maxPerAgent: 1 }), failoverTimeout: 600 },
      learner('L', observer(['sleep 100000']), { failoverTimeout: 600 }),
    ],
    actions: [{ at: 20, do: 'fail-master' }],
  });
  const leaders = run.of('leader');

  it('a standby is elected when the ZooKeeper session of the failed leader expires, 10 s later', () => {
    expect(run.of('master-failed')).toEqual([expect.objectContaining({ t: 20, master: leaders[0]!.master })]);
    expect(leaders).toHaveLength(2);
    expect(leaders[1]!.t).toBe(30);
    expect(leaders[1]!.master).not.toBe(leaders[0]!.master);
  });

  it('agents re-register with the new leader', () => {
    for (const a of ['a1', 'a2', 'a3']) {
      const back = run.of('agent-reregistered', { agent: a });
      expect(back.length).toBeGreaterThan(0);
      expect(back[0]!.t).toBeGreaterThanOrEqual(30);
    }
  });

  it('frameworks re-register (framework-reregistered, and the reregistered callback)', () => {
    for (const f of ['web', 'L']) {
      const again = run.trace.filter(
        (e) =>
          (e.type === 'framework-added' || e.type === 'framework-reregistered') &&
          e.framework === f &&
          e.t > 20,
      );
      expect(again.map((e) => e.type)).toEqual(['framework-reregistered']);
    }
    const logs = run.logs('L');
    expect(logs.filter((l) => l === 'reregistered')).toHaveLength(1);
    expect(logs.filter((l) => l.startsWith('registered'))).toHaveLength(1);
    expect(logs.indexOf('disconnected')).toBeLessThan(logs.indexOf('reregistered'));
  });

  it('tasks keep running through the failover', () => {
    const launches = run.of('launch');
    expect(launches.length).toBe(4);
    expect(launches.every((l) => l.t < 20)).toBe(true);
    for (const l of launches) expect(run.states(l.task).at(-1)!.state).toBe('TASK_RUNNING');
    expect(run.trace.filter((e) => e.type === 'status' && !LIVE.includes(e.state))).toEqual([]);
  });

  it('offers resume from the new master, with ids the old one never used', () => {
    const before = new Set(
      run
        .of('offer')
        .filter((o) => o.t <= 20)
        .map((o) => o.offer),
    );
    const after = run.of('offer').filter((o) => o.t >= 30);
    expect(after.length).toBeGreaterThan(0);
    for (const o of after) expect(before.has(o.offer)).toBe(false);
  });
});

describe('status updates are reliable (MESOS.md §3.2)', () => {
  it('with messages dropped, every update still reaches the scheduler through retries', () => {
    const commands = Array.from({ length: 12 }, (_, i) => `sleep ${2 + (i % 5)}`);
    const run = simulate({
      seed: 21,
      until: 400,
      network: { latencyMs: 2, dropRate: 0.2 },
      // Offers lost on the way are not retried (they are at-most-once); a timeout gives them back.
      allocator: { offerTimeoutSeconds: 5 },
      agents: agents(3),
      frameworks: [learner('L', observer(commands, { perOffer: 2 }))],
    });
    // Some ACCEPTs are lost on the way too, so not every task the scheduler meant to launch exists; every
    // one that ran and finished must be heard of.
    const finished = run.of('status', { framework: 'L', state: 'TASK_FINISHED', source: 'SOURCE_EXECUTOR' });
    expect(finished.length).toBeGreaterThanOrEqual(4);
    const heard = new Set(run.logs('L'));
    for (const f of finished) expect(heard).toContain(`status ${f.task} TASK_FINISHED`);
    // The test only means something if messages were really dropped: some update was retried, so the
    // scheduler heard of it well after the executor sent it.
    const late = finished.filter((f) => {
      const log = run.of('log', { framework: 'L', text: `status ${f.task} TASK_FINISHED` })[0]!;
      return log.t - f.t >= 10;
    });
    expect(late.length).toBeGreaterThan(0);
  });
});

/**
 * The wall-clock budget for the hanging scheduler: small, so the tests are quick, yet roomy enough that
 * loading the module (which runs under the same budget) never times out on a busy machine.
 */
const HANG_BUDGET_MS = 300;

describe('failoverTimeout: a scheduler that stops responding (MESOS.md §3.4)', () => {
  // The learner launches one long task, then hangs in its next resourceOffers.
  const hang = `
export default class {
  private calls = 0;
  resourceOffers(driver: any, offers: any[]): void {
    if (++this.calls > 1) { while (true) {} }
    const o = offers[0];
    driver.launchTasks([o.id], [
      { name: 'h', task_id: { value: 'h1' }, agent_id: o.agent_id, resources: 'cpus:1;mem:128', command: { value: 'sleep 100000' } },
    ], { refuse_seconds: 0 });
    for (const x of offers.slice(1)) driver.declineOffer(x.id, { refuse_seconds: 0 });
  }
}`;
  const scenario = (failoverTimeout: number): Record<string, unknown> => ({
    seed: 9,
    until: 120,
    agents: agents(2),
    frameworks: [learner('H', hang, { failoverTimeout }), service('web', 2)],
  });

  it('with failoverTimeout 0 the framework is disconnected, then removed with its tasks killed; others run on', () => {
    const run = simulate(scenario(0), HANG_BUDGET_MS);
    const unresponsive = run.of('error', { framework: 'H' });
    expect(unresponsive).toHaveLength(1);
    expect(unresponsive[0]!.message).toMatch(/^framework unresponsive: resourceOffers/);
    const disconnected = run.of('framework-disconnected', { framework: 'H' });
    expect(disconnected).toHaveLength(1);
    const removed = run.of('framework-removed', { framework: 'H' });
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBe(disconnected[0]!.t);
    expect(run.states('h1').at(-1)).toMatchObject({
      state: 'TASK_KILLED',
      reason: 'REASON_FRAMEWORK_REMOVED',
    });
    // The service is untouched.
    const web = run.of('launch', { framework: 'web' });
    expect(web).toHaveLength(2);
    for (const l of web) expect(run.states(l.task).at(-1)!.state).toBe('TASK_RUNNING');
    // And H's resources went back: it holds no offer after its removal.
    expect(run.of('offer', { framework: 'H' }).every((o) => o.t <= removed[0]!.t)).toBe(true);
  });

  it('with failoverTimeout 60 it is not removed before 60 s have passed', () => {
    const run = simulate(scenario(60), HANG_BUDGET_MS);
    const disconnected = run.of('framework-disconnected', { framework: 'H' })[0]!;
    const removed = run.of('framework-removed', { framework: 'H' });
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t - disconnected.t).toBeCloseTo(60, 6);
    // Its task runs on until then.
    const killed = run.of('status', { task: 'h1', state: 'TASK_KILLED' });
    expect(killed.map((k) => k.t)).toEqual([removed[0]!.t]);
    // While disconnected it is offered nothing.
    expect(run.of('offer', { framework: 'H' }).every((o) => o.t <= disconnected.t)).toBe(true);
  });
});

describe('determinism', () => {
  it('the same scenario and seed give the same trace, byte for byte', () => {
    const raw = {
      seed: 77,
      until: 120,
      network: { latencyMs: 3, dropRate: 0.05 },
      agents: agents(3),
      frameworks: [service('web', 3), learner('L', observer(['sleep 3', 'exit 1', 'echo hi', 'sleep 50']))],
      actions: [
        { at: 10, do: 'kill-agent', agent: 'a2' },
        { at: 30, do: 'fail-master' },
      ],
    };
    expect(traceToJsonl(simulate(raw).trace)).toBe(traceToJsonl(simulate(raw).trace));
  });
});

describe('scheduler failover (MESOS.md §3.4)', () => {
  // A learner's scheduler that launches one long task, suppresses once it has, and logs what it hears.
  const oneTask = `
export default class {
  private launched = false;
  registered(driver: any, id: { value: string }): void { console.log('registered ' + id.value); }
  error(driver: any, message: string): void { console.log('error ' + message); }
  resourceOffers(driver: any, offers: any[]): void {
    console.log('offers ' + offers.length);
    for (const o of offers) {
      if (this.launched) { driver.declineOffer(o.id); continue; }
      this.launched = true;
      driver.launchTasks([o.id], [{ name: 'long', task_id: { value: 'long' }, agent_id: o.agent_id,
        resources: 'cpus:1;mem:128', command: { value: 'sleep 100000' } }]);
      driver.suppressOffers();
    }
  }
  statusUpdate(driver: any, s: any): void { console.log('status ' + s.task_id.value + ' ' + s.state); }
}`;
  const cluster = (failoverTimeout: number): Record<string, unknown> => ({
    seed: 4,
    until: 20,
    agents: agents(2),
    frameworks: [learner('L', oneTask, { failoverTimeout })],
    actions: [{ at: 5, do: 'restart-framework', framework: 'L', scheduler: { code: oneTask } }],
  });

  it('the new scheduler subscribes with no suppressed roles: it is revived and offered at once, though its predecessor suppressed', () => {
    const run = simulate(cluster(60));
    expect(run.of('suppress', { framework: 'L' }).filter((e) => e.t < 5)).toHaveLength(1);
    const back = run.of('framework-reregistered', { framework: 'L' });
    expect(back).toHaveLength(1);
    expect(run.of('revive', { framework: 'L' })).toEqual([
      expect.objectContaining({ t: back[0]!.t, roles: ['*'] }),
    ]);
    // The re-subscription allocates at once (reviveRoles), so the new code is offered in the same instant.
    const offers = run.of('offer', { framework: 'L' }).filter((o) => o.t >= 5);
    expect(offers.length).toBeGreaterThan(0);
    expect(offers[0]!.t).toBe(back[0]!.t);
    // Its task lived on through the failover: the new code, which knows nothing of it, tries to launch it
    // again and is told the id is taken.
    expect(run.states('long').map((s) => s.state)).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_ERROR']);
    expect(run.of('status', { task: 'long', state: 'TASK_ERROR' })[0]!.message).toBe(
      'Task has duplicate ID: long',
    );
    expect(run.logs('L').filter((l) => l.startsWith('registered'))).toHaveLength(2);
  });

  it('with failoverTimeout 0 the framework is removed when its scheduler exits: tasks killed, and the new scheduler is refused', () => {
    const run = simulate(cluster(0));
    // The master hears of the exit one network latency later, and removes the framework in that instant,
    // before the new scheduler's SUBSCRIBE (sent just after) is handled.
    const disconnected = run.of('framework-disconnected', { framework: 'L' });
    expect(disconnected.map((e) => e.t)).toEqual([5.001]);
    const removed = run.of('framework-removed', { framework: 'L' });
    expect(removed).toEqual([expect.objectContaining({ t: 5.001, reason: 'failover timeout expired' })]);
    expect(run.states('long').at(-1)).toMatchObject({
      t: 5.001,
      state: 'TASK_KILLED',
      reason: 'REASON_FRAMEWORK_REMOVED',
      source: 'SOURCE_MASTER',
    });
    expect(run.of('framework-reregistered', { framework: 'L' })).toEqual([]);
    expect(run.of('error', { framework: 'L' }).map((e) => e.message)).toContain(
      'subscription refused: Framework has been removed',
    );
    expect(run.logs('L')).toContain('error Framework has been removed');
    // The agent shut the framework's executor down.
    expect(run.of('executor-exited', { framework: 'L', executor: 'long' })).toHaveLength(1);
  });
});

describe('reconciliation and kills as Mesos answers them (MESOS.md §3.5)', () => {
  // Runs task "quick" to completion, then (at its next offers) reconciles it explicitly, kills a task that
  // never existed, and reconciles implicitly.
  const asker = `
export default class {
  private step = 0;
  private agent: any = null;
  resourceOffers(driver: any, offers: any[]): void {
    const o = offers[0];
    if (this.step === 0) {
      this.step = 1;
      this.agent = o.agent_id;
      driver.launchTasks([o.id], [{ name: 'q', task_id: { value: 'quick' }, agent_id: o.agent_id,
        resources: 'cpus:1;mem:128', command: { value: 'sleep 1' } }], { refuse_seconds: 1 });
      for (const x of offers.slice(1)) driver.declineOffer(x.id, { refuse_seconds: 1 });
      return;
    }
    for (const x of offers) driver.declineOffer(x.id, { refuse_seconds: 1 });
    if (this.step === 2) {
      this.step = 3;
      driver.reconcileTasks([{ task_id: { value: 'quick' }, agent_id: this.agent }]);
      driver.killTask({ value: 'ghost' });
      driver.reconcileTasks([]);
    }
  }
  statusUpdate(driver: any, s: any): void {
    console.log('status ' + s.task_id.value + ' ' + s.state + ' ' + (s.reason ?? '') + ' ' + (s.message ?? ''));
    if (s.task_id.value === 'quick' && s.state === 'TASK_FINISHED') this.step = 2;
  }
}`;

  const run = (partitionAware: boolean): Run =>
    simulate({ seed: 2, until: 8, agents: agents(1), frameworks: [learner('R', asker, { partitionAware })] });

  it('a finished, acknowledged task is unknown to the master: TASK_LOST (legacy), TASK_GONE (partition-aware)', () => {
    const legacy = run(false).of('status', { task: 'quick', source: 'SOURCE_MASTER' });
    expect(legacy).toEqual([
      expect.objectContaining({
        state: 'TASK_LOST',
        reason: 'REASON_RECONCILIATION',
        message: 'Reconciliation: Task is unknown to the agent',
      }),
    ]);
    const aware = run(true).of('status', { task: 'quick', source: 'SOURCE_MASTER' });
    expect(aware).toEqual([expect.objectContaining({ state: 'TASK_GONE', reason: 'REASON_RECONCILIATION' })]);
  });

  it('killing an unknown task is answered as reconciliation (TASK_LOST, or TASK_UNKNOWN when partition-aware)', () => {
    expect(run(false).states('ghost')).toEqual([
      expect.objectContaining({
        state: 'TASK_LOST',
        reason: 'REASON_RECONCILIATION',
        source: 'SOURCE_MASTER',
      }),
    ]);
    expect(run(true).states('ghost')).toEqual([
      expect.objectContaining({ state: 'TASK_UNKNOWN', reason: 'REASON_RECONCILIATION' }),
    ]);
  });

  it('implicit reconciliation reports only the tasks the master still tracks (none here)', () => {
    const r = run(false);
    const answers = r.of('status', { source: 'SOURCE_MASTER', reason: 'REASON_RECONCILIATION' });
    // Exactly the explicit answer and the kill's answer: the implicit one had nothing to report.
    expect(answers.map((a) => a.task).sort()).toEqual(['ghost', 'quick']);
  });

  it('tasks lost with an unreachable agent are kept apart: implicit reconciliation no longer reports them', () => {
    // The reconciler asks implicitly at every offer round; a1 is cut off for 120 s.
    const implicit = `
export default class {
  private launched = false;
  resourceOffers(driver: any, offers: any[]): void {
    for (const o of offers) {
      if (!this.launched && o.agent_id.value === 'a1') {
        this.launched = true;
        driver.launchTasks([o.id], [{ name: 'x', task_id: { value: 'far' }, agent_id: o.agent_id,
          resources: 'cpus:1;mem:128', command: { value: 'sleep 100000' } }], { refuse_seconds: 1 });
      } else driver.declineOffer(o.id, { refuse_seconds: 1 });
    }
    driver.reconcileTasks([]);
  }
}`;
    const r = simulate({
      seed: 2,
      until: 120,
      agents: agents(2),
      frameworks: [learner('I', implicit, { partitionAware: true })],
      actions: [{ at: 5, do: 'partition', between: ['master', 'a1'], forSeconds: 200 }],
    });
    const removed = r.of('agent-removed', { agent: 'a1' })[0]!;
    expect(r.states('far')).toContainEqual(
      expect.objectContaining({ state: 'TASK_UNREACHABLE', t: removed.t }),
    );
    const answers = r.of('status', { task: 'far', reason: 'REASON_RECONCILIATION' });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.t <= removed.t)).toBe(true);
  });
});

describe('executors as Mesos runs them', () => {
  it('each command task runs in a command executor of its own, whose id is the task id; it exits with its task', () => {
    const run = simulate({
      until: 10,
      agents: agents(1),
      frameworks: [learner('L', observer(['sleep 2', 'sleep 4']))],
    });
    const started = run.of('executor-started', { framework: 'L' });
    expect(started.map((e) => [e.executor, e.command])).toEqual([
      ['t1', true],
      ['t2', true],
    ]);
    const exited = run.of('executor-exited', { framework: 'L' });
    expect(exited.map((e) => e.executor)).toEqual(['t1', 't2']);
    for (const e of exited) {
      const finished = run.of('status', { task: e.executor, state: 'TASK_FINISHED' })[0]!;
      expect(e.t).toBe(finished.t);
      expect(e.status).toBe(0);
    }
  });
});

describe('offer operations: reservations and persistent volumes (MESOS.md §2.1)', () => {
  // A database framework in role "db": on its first offer it reserves, creates a volume and launches a task
  // on it, all in one ACCEPT (Mesos applies operations in order); later it launches again on the volume.
  const db = `
export default class {
  private step = 0;
  resourceOffers(driver: any, offers: any[]): void {
    for (const o of offers) {
      const volume = o.resources.find((r: any) => r.disk && r.disk.persistence);
      if (this.step === 0) {
        this.step = 1;
        const reserved = [
          { name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, role: 'db', reservation: {} },
          { name: 'mem', type: 'SCALAR', scalar: { value: 256 }, role: 'db', reservation: {} },
          { name: 'disk', type: 'SCALAR', scalar: { value: 512 }, role: 'db', reservation: {} },
        ];
        const vol = { name: 'disk', type: 'SCALAR', scalar: { value: 512 }, role: 'db', reservation: {},
          disk: { persistence: { id: 'pg' }, volume: { container_path: 'pgdata', mode: 'RW' } } };
        driver.acceptOffers([o.id], [
          { type: 'RESERVE', reserve: { resources: reserved } },
          { type: 'CREATE', create: { volumes: [vol] } },
          { type: 'LAUNCH', launch: { task_infos: [{ name: 'pg', task_id: { value: 'pg-1' }, agent_id: o.agent_id,
            resources: [reserved[0], reserved[1], vol], command: { value: 'sleep 3' } }] } },
        ], { refuse_seconds: 1 });
      } else if (this.step === 2 && volume) {
        this.step = 3;
        console.log('volume back ' + volume.disk.persistence.id);
        driver.launchTasks([o.id], [{ name: 'pg', task_id: { value: 'pg-2' }, agent_id: o.agent_id,
          resources: o.resources.filter((r: any) => r.role === 'db'), command: { value: 'sleep 100' } }]);
      } else driver.declineOffer(o.id, { refuse_seconds: 1 });
    }
  }
  statusUpdate(driver: any, s: any): void { if (s.task_id.value === 'pg-1' && s.state === 'TASK_FINISHED') this.step = 2; }
}`;

  it('RESERVE, CREATE and LAUNCH in one ACCEPT; the volume comes back when the task ends', () => {
    const run = simulate({
      until: 12,
      agents: agents(1, 'cpus:2;mem:1024;disk:1024'),
      frameworks: [learner('db', db, { roles: ['db'] })],
    });
    expect(run.of('operation').map((e) => [e.operation, e.status])).toEqual([
      ['RESERVE', 'OPERATION_FINISHED'],
      ['CREATE', 'OPERATION_FINISHED'],
    ]);
    const launches = run.of('launch', { framework: 'db' });
    expect(launches.map((l) => l.task)).toEqual(['pg-1', 'pg-2']);
    // Both tasks run with the same volume, the second after the first finished.
    for (const l of launches) expect(l.resources['disk(db,dynamic)[pg:pgdata]']).toBe(512);
    expect(run.logs('db')).toContain('volume back pg');
    // Unused, unreserved resources were never offered to it as reserved: other roles could still have them.
    const offered = run.of('offer', { framework: 'db' }).at(-1)!;
    expect(offered.resources).not.toHaveProperty('cpus(db)');
  });

  it('a volume cannot be made of unreserved disk, nor reserved to "*": the operation is dropped, the launch goes on', () => {
    const bad = `
export default class {
  private done = false;
  resourceOffers(driver: any, offers: any[]): void {
    for (const o of offers) {
      if (this.done) { driver.declineOffer(o.id, { refuse_seconds: 100 }); continue; }
      this.done = true;
      driver.acceptOffers([o.id], [
        { type: 'CREATE', create: { volumes: [{ name: 'disk', scalar: { value: 100 },
          disk: { persistence: { id: 'x' }, volume: { container_path: 'x' } } }] } },
        { type: 'RESERVE', reserve: { resources: 'cpus:1' } },
        { type: 'LAUNCH', launch: { task_infos: [{ name: 't', task_id: { value: 't' }, agent_id: o.agent_id,
          resources: 'cpus:1;mem:64', command: { value: 'sleep 1' } }] } },
      ]);
    }
  }
}`;
    const run = simulate({
      until: 4,
      agents: agents(1, 'cpus:2;mem:1024;disk:1024'),
      frameworks: [learner('B', bad)],
    });
    const ops = run.of('operation');
    expect(ops.map((e) => [e.operation, e.status])).toEqual([
      ['CREATE', 'OPERATION_ERROR'],
      ['RESERVE', 'OPERATION_ERROR'],
    ]);
    expect(ops[0]!.message).toMatch(/persistent volumes cannot be created from unreserved resources/);
    expect(ops[1]!.message).toBe('Resource cpus:1 is not dynamically reserved');
    expect(run.states('t').at(-1)!.state).toBe('TASK_FINISHED');
  });
});
