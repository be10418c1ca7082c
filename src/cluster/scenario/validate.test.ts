import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from './types';
import { ACTION_KINDS, checkScenario, keyPath, parseAction, parseScenario, ScenarioError } from './validate';
import guide from '../../../docs/scenarios.md?raw';

/** The error parseScenario throws for `input` (fails the test if it throws nothing, or something else). */
function errorOf(input: unknown): ScenarioError {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError, but the scenario was accepted');
}

const agent = (id: string, resources = 'cpus:4;mem:8192') => ({ id, resources });
const scripted = (id: string, roles?: string[]) => ({
  id,
  ...(roles && { roles }),
  scheduler: { builtin: 'scripted' },
});
const batch = (extra: Record<string, unknown> = {}) => ({
  builtin: 'batch',
  tasks: 5,
  task: { resources: 'cpus:1;mem:128', command: 'sleep 5' },
  ...extra,
});

/** A scenario that uses every field and every action kind. */
const RICH = {
  $schema: './scenario.schema.json',
  name: 'rich',
  description: 'Every field at least once.',
  seed: 42,
  until: 120,
  allocator: {
    intervalSeconds: 1,
    minAllocatable: 'cpus:0.01|mem:32',
    offerTimeoutSeconds: 30,
    fairnessExcludedResourceNames: ['gpus'],
  },
  network: { latencyMs: 2, dropRate: 0.01 },
  masters: 3,
  roles: {
    role2: { weight: 2 },
    prod: { quota: { guarantees: 'cpus:2;mem:1024', limits: 'cpus:4;mem:2048' } },
    'eng/web': { weight: 1.5 },
  },
  agents: [
    { id: 'agent1', resources: 'cpus:9;mem:18432', attributes: { rack: 'r1', zone: 2 } },
    { id: 'node', count: 3, resources: 'cpus:4;mem:8192;ports:[31000-32000]', attributes: { rack: 'r2' } },
  ],
  frameworks: [
    { id: 'A', roles: ['*'], scheduler: batch({ tasks: 50, maxTasksPerOffer: 1, refuseSeconds: 0 }) },
    {
      id: 'framework1',
      name: 'the scripted one',
      roles: ['role1', 'role2'],
      failoverTimeout: 60,
      checkpoint: true,
      partitionAware: true,
      minAllocatable: 'cpus:1',
      scheduler: { builtin: 'scripted' },
    },
    {
      id: 'web',
      roles: ['eng/web'],
      scheduler: {
        builtin: 'service',
        instances: 3,
        task: { resources: 'cpus:0.5;mem:256', command: 'sleep 100', name: 'web' },
        constraints: { rack: 'r1', zone: 2 },
        maxPerAgent: 1,
      },
    },
    { id: 'mine', scheduler: { file: 'my-scheduler.ts' } },
    { id: 'inline', scheduler: { code: 'export default class {}', language: 'ts' } },
  ],
  actions: [
    // Listed first, but it runs after agent2 is added at t=2.
    { at: 5, do: 'kill-agent', agent: 'agent2' },
    { at: 0.5, do: 'decline', framework: 'framework1', agent: 'agent1', refuseSeconds: 2 },
    {
      at: 1,
      do: 'launch',
      framework: 'framework1',
      agent: 'node1',
      task: { resources: 'cpus:1', command: 'echo hi' },
    },
    { at: 2, do: 'add-agent', agent: { id: 'agent2', resources: 'cpus:2;mem:2048' } },
    {
      at: 3,
      do: 'add-framework',
      framework: { id: 'B', roles: ['role2'], scheduler: { builtin: 'scripted' } },
    },
    { at: 4, do: 'suppress', framework: 'framework1', roles: ['role1'] },
    { at: 6, do: 'revive', framework: 'framework1' },
    { at: 7, do: 'set-weight', role: 'role2', weight: 3 },
    { at: 8, do: 'set-quota', role: 'prod', guarantees: 'cpus:1', limits: 'cpus:2' },
    { at: 9, do: 'partition', between: ['master', 'B'], forSeconds: 5 },
    { at: 9.5, do: 'flaky-link', between: ['agent1', 'master'], forSeconds: 4, drop: 0.2, delayMs: 300 },
    { at: 10, do: 'restart-agent', agent: 'agent2' },
    { at: 11, do: 'teardown', framework: 'B' },
    { at: 12, do: 'fail-master' },
    // After `until`: accepted, it simply never runs.
    { at: 500, do: 'revive', framework: 'A', roles: [] },
  ],
};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// The acceptance cases beside the project (CONTRACTS.md §2 scenarios with expected outcomes).
const acceptance = import.meta.glob<{ scenario: unknown }>('../../../../shared/acceptance/*.json', {
  eager: true,
  import: 'default',
});

describe('defaults', () => {
  it('fills every default into an empty scenario', () => {
    // CONTRACTS.md §2: nothing is required at the top level.
    expect(parseScenario({})).toEqual({
      name: 'scenario',
      seed: 1,
      until: 60,
      allocator: {
        intervalSeconds: 1,
        minAllocatable: 'cpus:0.01|mem:32',
        offerTimeoutSeconds: null,
        fairnessExcludedResourceNames: [],
      },
      network: { latencyMs: 1, dropRate: 0 },
      masters: 2,
      roles: {},
      agents: [],
      frameworks: [],
      actions: [],
    } satisfies Scenario);
  });

  it('fills framework and agent defaults as Mesos has them', () => {
    const s = parseScenario({ agents: [agent('a1')], frameworks: [scripted('F')] });
    expect(s.agents).toEqual([{ id: 'a1', resources: 'cpus:4;mem:8192', attributes: {} }]);
    // FrameworkInfo: role "*", failover_timeout 0, checkpoint false, no PARTITION_AWARE capability.
    expect(s.frameworks).toEqual([
      {
        id: 'F',
        name: 'F',
        roles: ['*'],
        failoverTimeout: 0,
        checkpoint: false,
        partitionAware: false,
        minAllocatable: null,
        scheduler: { builtin: 'scripted' },
      },
    ]);
  });

  it('keeps partial allocator and network settings and defaults the rest', () => {
    const s = parseScenario({ allocator: { intervalSeconds: 5 }, network: { dropRate: 0.5 } });
    expect(s.allocator).toEqual({
      intervalSeconds: 5,
      minAllocatable: 'cpus:0.01|mem:32',
      offerTimeoutSeconds: null,
      fairnessExcludedResourceNames: [],
    });
    expect(s.network).toEqual({ latencyMs: 1, dropRate: 0.5 });
  });

  it('reads the sorter choices as Mesos names them, and leaves them out when absent (DRF)', () => {
    const s = parseScenario({ allocator: { roleSorter: 'random', frameworkSorter: 'drf' } });
    expect(s.allocator.roleSorter).toBe('random');
    expect(s.allocator.frameworkSorter).toBe('drf');
    expect('roleSorter' in parseScenario({}).allocator).toBe(false);
  });

  it.each([
    [{ allocator: { roleSorter: 'fair' } }, '$.allocator.roleSorter'],
    [{ allocator: { frameworkSorter: 1 } }, '$.allocator.frameworkSorter'],
  ])('%j names the field and the two sorters', (input, path) => {
    const e = errorOf(input);
    expect(e.path).toBe(path);
    expect(e.message).toContain('"drf" or "random"');
  });

  it('accepts null minAllocatable (check off) and null offerTimeoutSeconds', () => {
    const s = parseScenario({ allocator: { minAllocatable: null, offerTimeoutSeconds: null } });
    expect(s.allocator.minAllocatable).toBeNull();
    expect(s.allocator.offerTimeoutSeconds).toBeNull();
  });

  it('ignores $schema, description and source and leaves them out', () => {
    const s = parseScenario({ $schema: 'x', description: 'about', source: { paper: 'DRF' } });
    expect(Object.keys(s)).not.toContain('description');
    expect(Object.keys(s)).not.toContain('source');
    expect(Object.keys(s)).not.toContain('$schema');
  });

  it('accepts the rich scenario and is idempotent on its own output', () => {
    const s = parseScenario(clone(RICH));
    expect(parseScenario(clone(s))).toEqual(s);
  });

  it('parses JSON text, with or without a byte-order mark', () => {
    const text = JSON.stringify({ name: 'from-text', agents: [agent('a1')] });
    expect(parseScenario(text).name).toBe('from-text');
    expect(parseScenario(`\uFEFF${text}`).agents).toHaveLength(1);
  });

  it('leaves optional fields out rather than inventing values', () => {
    const s = parseScenario({
      agents: [agent('a1')],
      frameworks: [{ id: 'F', scheduler: batch() }],
      actions: [{ at: 1, do: 'decline', framework: 'F' }],
    });
    expect(s.frameworks[0]!.scheduler).toEqual(batch());
    // refuseSeconds omitted means Mesos's default of 5 s; the simulator applies it.
    expect(s.actions[0]).toEqual({ at: 1, do: 'decline', framework: 'F' });
  });
});

describe('agents', () => {
  it('expands count into agent1..agentN with the same resources and attributes', () => {
    const s = parseScenario({
      agents: [{ count: 3, resources: 'cpus:2;mem:1024', attributes: { rack: 'r1' } }],
    });
    expect(s.agents.map((a) => a.id)).toEqual(['agent1', 'agent2', 'agent3']);
    for (const a of s.agents) {
      expect(a.resources).toBe('cpus:2;mem:1024');
      expect(a.attributes).toEqual({ rack: 'r1' });
    }
    // Each agent has its own attributes object, so changing one cannot change another.
    expect(s.agents[0]!.attributes).not.toBe(s.agents[1]!.attributes);
  });

  it('uses id as the prefix when count is given', () => {
    const s = parseScenario({ agents: [{ id: 'node', count: 2, resources: 'cpus:1' }, agent('solo')] });
    expect(s.agents.map((a) => a.id)).toEqual(['node1', 'node2', 'solo']);
  });

  it('refuses agent and framework ids that are not plain names (they name actors, workers and trace entries)', () => {
    for (const bad of ['__proto__', 'a/b', 'two words', '<b>x</b>', '-lead', 'x'.repeat(65), 'ünï']) {
      expect(errorOf({ agents: [agent(bad)] }).path).toBe('$.agents[0].id');
      expect(errorOf({ agents: [agent('a1')], frameworks: [scripted(bad)] }).path).toBe('$.frameworks[0].id');
    }
    expect(errorOf({ agents: [agent('__proto__')] }).message).toMatch(/a plain agent id/);
    const s = parseScenario({ agents: [agent('node-1.eu_west')], frameworks: [scripted('Web2')] });
    expect(s.agents[0]!.id).toBe('node-1.eu_west');
  });

  it('refuses periods under a millisecond, which would round to nothing in virtual time', () => {
    expect(errorOf({ allocator: { intervalSeconds: 1e-300 } }).path).toBe('$.allocator.intervalSeconds');
    expect(errorOf({ allocator: { offerTimeoutSeconds: 0.0001 } }).path).toBe(
      '$.allocator.offerTimeoutSeconds',
    );
    expect(parseScenario({ allocator: { intervalSeconds: 0.001 } }).allocator.intervalSeconds).toBe(0.001);
  });

  it('rejects a duplicate id at its second occurrence, expanded ids included', () => {
    const e = errorOf({ agents: [{ count: 3, resources: 'cpus:1' }, agent('x'), agent('agent2')] });
    expect(e.path).toBe('$.agents[2].id');
    expect(e.message).toContain('"agent2" is already used by $.agents[0]');
  });

  it('reports two count entries with the same prefix once, with a hint', () => {
    const { errors } = checkScenario({
      agents: [
        { count: 3, resources: 'cpus:1' },
        { count: 2, resources: 'cpus:1' },
      ],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe(
      '$.agents[1]: expected a unique agent id ("agent1" is already used by $.agents[0]; give each "count" entry its own "id" prefix)',
    );
  });

  it('rejects an add-agent action that reuses an id', () => {
    const e = errorOf({
      agents: [agent('a1')],
      actions: [{ at: 1, do: 'add-agent', agent: agent('a1') }],
    });
    expect(e.path).toBe('$.actions[0].agent.id');
    expect(e.message).toContain('already used by $.agents[0].id');
  });

  it('reports a resource syntax error with its position', () => {
    const e = errorOf({ agents: [agent('a1'), agent('a2'), agent('a3', 'cpus:4;mem:lots')] });
    expect(e.path).toBe('$.agents[2].resources');
    expect(e.message).toBe(
      '$.agents[2].resources: expected a number, [ranges] or {set} at position 12 of "cpus:4;mem:lots"',
    );
  });

  it('rejects an agent without resources, or with only zero amounts', () => {
    expect(errorOf({ agents: [{ id: 'a1' }] }).message).toBe(
      '$.agents[0].resources: expected resources such as "cpus:2;mem:1024" (required)',
    );
    const e = errorOf({ agents: [agent('a1', 'cpus:0;mem:0')] });
    expect(e.path).toBe('$.agents[0].resources');
    expect(e.message).toContain('an agent needs some resources');
  });

  it('requires an id unless count is given', () => {
    expect(errorOf({ agents: [{ resources: 'cpus:1' }] }).path).toBe('$.agents[0].id');
  });

  it('checks count and attribute values', () => {
    expect(errorOf({ agents: [{ count: 0, resources: 'cpus:1' }] }).path).toBe('$.agents[0].count');
    expect(errorOf({ agents: [{ count: 2.5, resources: 'cpus:1' }] }).path).toBe('$.agents[0].count');
    expect(errorOf({ agents: [{ count: 100001, resources: 'cpus:1' }] }).path).toBe('$.agents[0].count');
    const e = errorOf({ agents: [{ id: 'a', resources: 'cpus:1', attributes: { rack: true } }] });
    expect(e.message).toBe('$.agents[0].attributes.rack: expected a string or a finite number, got true');
  });

  it('rejects unknown keys in an agent, suggesting the near miss', () => {
    const e = errorOf({ agents: [{ id: 'a', resource: 'cpus:1' }] });
    expect(e.path).toBe('$.agents[0].resource');
    expect(e.message).toContain('did you mean "resources"?');
    expect(e.message).toContain('allowed here: id, count, resources, attributes');
  });
});

describe('frameworks and schedulers', () => {
  it('requires the batch fields, naming the exact path', () => {
    const e = errorOf({
      frameworks: [scripted('A'), { id: 'B', scheduler: { builtin: 'batch', task: batch().task } }],
    });
    expect(e.path).toBe('$.frameworks[1].scheduler.tasks');
    expect(e.message).toContain('(required)');
    const wrong = errorOf({ frameworks: [{ id: 'B', scheduler: batch({ tasks: -3 }) }] });
    expect(wrong.message).toBe(
      '$.frameworks[0].scheduler.tasks: expected a whole number from 1 to 100000, got -3',
    );
  });

  it('lists the known built-ins for an unknown one', () => {
    const e = errorOf({ frameworks: [{ id: 'A', scheduler: { builtin: 'bach' } }] });
    expect(e.message).toBe(
      '$.frameworks[0].scheduler.builtin: expected one of "scripted", "batch", "service" (did you mean "batch"?), got "bach"',
    );
  });

  it('asks for the built-in name when only its fields are there', () => {
    const e = errorOf({ frameworks: [{ id: 'A', scheduler: { tasks: 3, task: batch().task } }] });
    expect(e.path).toBe('$.frameworks[0].scheduler.builtin');
  });

  it('wants exactly one of builtin, file and code', () => {
    expect(errorOf({ frameworks: [{ id: 'A', scheduler: {} }] }).path).toBe('$.frameworks[0].scheduler');
    const both = errorOf({ frameworks: [{ id: 'A', scheduler: { file: 'x.ts', code: '' } }] });
    expect(both.message).toBe('$.frameworks[0].scheduler: expected only one of "file" and "code"');
    expect(errorOf({ frameworks: [{ id: 'A' }] }).path).toBe('$.frameworks[0].scheduler');
    expect(errorOf({ frameworks: [{ id: 'A', scheduler: { file: '' } }] }).path).toBe(
      '$.frameworks[0].scheduler.file',
    );
    const lang = errorOf({ frameworks: [{ id: 'A', scheduler: { code: 'x', language: 'py' } }] });
    expect(lang.path).toBe('$.frameworks[0].scheduler.language');
  });

  it('rejects fields that do not belong to the chosen built-in', () => {
    const e = errorOf({ frameworks: [{ id: 'A', scheduler: { builtin: 'scripted', tasks: 3 } }] });
    expect(e.path).toBe('$.frameworks[0].scheduler.tasks');
    expect(e.message).toContain('allowed here: builtin');
  });

  it('checks a task: non-empty resources and a command', () => {
    const noCommand = errorOf({
      frameworks: [{ id: 'A', scheduler: batch({ task: { resources: 'cpus:1' } }) }],
    });
    expect(noCommand.path).toBe('$.frameworks[0].scheduler.task.command');
    const empty = errorOf({
      frameworks: [{ id: 'A', scheduler: batch({ task: { resources: 'cpus:0', command: 'sleep 1' } }) }],
    });
    expect(empty.path).toBe('$.frameworks[0].scheduler.task.resources');
    expect(empty.message).toContain('a task needs some resources');
    const blank = errorOf({
      frameworks: [{ id: 'A', scheduler: batch({ task: { resources: 'cpus:1', command: '' } }) }],
    });
    expect(blank.path).toBe('$.frameworks[0].scheduler.task.command');
  });

  it('accepts service constraints and maxPerAgent, and checks them', () => {
    const service = {
      builtin: 'service',
      instances: 2,
      task: batch().task,
      constraints: { rack: 'r1' },
      maxPerAgent: 1,
    };
    expect(parseScenario({ frameworks: [{ id: 'S', scheduler: service }] }).frameworks[0]!.scheduler).toEqual(
      service,
    );
    expect(errorOf({ frameworks: [{ id: 'S', scheduler: { ...service, maxPerAgent: 0 } }] }).path).toBe(
      '$.frameworks[0].scheduler.maxPerAgent',
    );
    expect(
      errorOf({ frameworks: [{ id: 'S', scheduler: { ...service, constraints: { rack: [] } } }] }).path,
    ).toBe('$.frameworks[0].scheduler.constraints.rack');
  });

  it('checks framework ids, roles and flags', () => {
    expect(errorOf({ frameworks: [scripted('A'), scripted('A')] }).path).toBe('$.frameworks[1].id');
    expect(errorOf({ frameworks: [{ scheduler: { builtin: 'scripted' } }] }).path).toBe('$.frameworks[0].id');
    expect(errorOf({ frameworks: [scripted('A', [])] }).path).toBe('$.frameworks[0].roles');
    expect(errorOf({ frameworks: [scripted('A', ['a', 'a'])] }).path).toBe('$.frameworks[0].roles[1]');
    const bad = errorOf({ frameworks: [scripted('A', ['ok', 'a//b'])] });
    expect(bad.path).toBe('$.frameworks[0].roles[1]');
    expect(bad.message).toContain('a valid role name');
    expect(errorOf({ frameworks: [{ ...scripted('A'), checkpoint: 'yes' }] }).path).toBe(
      '$.frameworks[0].checkpoint',
    );
    expect(errorOf({ frameworks: [{ ...scripted('A'), failoverTimeout: -1 }] }).path).toBe(
      '$.frameworks[0].failoverTimeout',
    );
  });

  it('parses a framework minAllocatable, reporting the position of a mistake', () => {
    expect(
      parseScenario({ frameworks: [{ ...scripted('A'), minAllocatable: '' }] }).frameworks[0]!.minAllocatable,
    ).toBe('');
    const e = errorOf({ frameworks: [{ ...scripted('A'), minAllocatable: 'cpus:1|mem:x' }] });
    expect(e.path).toBe('$.frameworks[0].minAllocatable');
    expect(e.message).toContain('position 12');
  });
});

describe('roles, weights and quota', () => {
  it('keeps weights and quota as given', () => {
    const s = parseScenario(clone(RICH));
    expect(s.roles).toEqual(RICH.roles);
  });

  it('allows quota only on top-level roles, as Mesos does', () => {
    const e = errorOf({ roles: { 'eng/web': { quota: { limits: 'cpus:1' } } } });
    expect(e.path).toBe('$.roles["eng/web"].quota');
    expect(e.message).toContain('quota is only supported on top-level roles');
    const action = errorOf({ actions: [{ at: 1, do: 'set-quota', role: 'eng/web', limits: 'cpus:1' }] });
    expect(action.path).toBe('$.actions[0].role');
    expect(action.message).toContain('quota is only supported on top-level roles');
  });

  it('rejects guarantees above limits, name by name', () => {
    const e = errorOf({ roles: { prod: { quota: { guarantees: 'cpus:4;mem:10', limits: 'cpus:2' } } } });
    expect(e.message).toBe(
      '$.roles.prod.quota.guarantees: expected guarantees within the limits (cpus: guarantee 4 > limit 2), got "cpus:4;mem:10"',
    );
    // A name without a limit is unlimited.
    expect(() =>
      parseScenario({ roles: { prod: { quota: { guarantees: 'gpus:1', limits: 'cpus:2' } } } }),
    ).not.toThrow();
  });

  it('wants scalar quantities without roles in quota', () => {
    const e = errorOf({ roles: { prod: { quota: { limits: 'ports:[1-2]' } } } });
    expect(e.path).toBe('$.roles.prod.quota.limits');
    expect(e.message).toContain('a scalar quantity');
    expect(errorOf({ roles: { prod: { quota: { limits: 'cpus(prod):2' } } } }).message).toContain(
      'without a role',
    );
  });

  it('checks role names and weights', () => {
    const e = errorOf({ roles: { 'no spaces': { weight: 2 } } });
    expect(e.path).toBe('$.roles["no spaces"]');
    expect(errorOf({ roles: { r: { weight: 0 } } }).path).toBe('$.roles.r.weight');
    expect(errorOf({ actions: [{ at: 1, do: 'set-weight', role: 'r', weight: -1 }] }).path).toBe(
      '$.actions[0].weight',
    );
    expect(errorOf({ actions: [{ at: 1, do: 'set-weight', role: '.', weight: 1 }] }).path).toBe(
      '$.actions[0].role',
    );
  });

  it('keeps a role called "__proto__" as plain data', () => {
    const s = parseScenario(JSON.parse('{"roles": {"__proto__": {"weight": 2}}}'));
    expect(Object.getPrototypeOf(s.roles)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(s.roles, '__proto__')).toBe(true);
  });
});

describe('actions', () => {
  const base = { agents: [agent('a1')], frameworks: [scripted('F', ['r1', 'r2'])] };

  it('sorts actions by time, keeping file order at the same instant', () => {
    const s = parseScenario({
      ...base,
      actions: [
        { at: 2, do: 'revive', framework: 'F' },
        { at: 1, do: 'suppress', framework: 'F', roles: ['r1'] },
        { at: 2, do: 'fail-master' },
        { at: 1, do: 'suppress', framework: 'F', roles: ['r2'] },
      ],
    });
    expect(s.actions.map((a) => `${a.at}:${a.do}`)).toEqual([
      '1:suppress',
      '1:suppress',
      '2:revive',
      '2:fail-master',
    ]);
    expect(s.actions[0]).toEqual({ at: 1, do: 'suppress', framework: 'F', roles: ['r1'] });
  });

  it('lists the known kinds for an unknown "do"', () => {
    const e = errorOf({ actions: [{ at: 1, do: 'kill' }] });
    expect(e.path).toBe('$.actions[0].do');
    expect(e.message).toContain('"add-agent", "kill-agent", "restart-agent"');
    expect(e.message).toContain('"fail-master"');
  });

  it('names an unknown agent at its exact path', () => {
    const e = errorOf({
      ...base,
      actions: [
        { at: 1, do: 'revive', framework: 'F' },
        { at: 1, do: 'fail-master' },
        { at: 2, do: 'restart-agent', agent: 'a1' },
        { at: 3, do: 'kill-agent', agent: 'a2' },
      ],
    });
    expect(e.path).toBe('$.actions[3].agent');
    expect(e.message).toContain('got "a2"');
    expect(e.message).toContain('(known: "a1")');
  });

  it('lets an action name an agent added earlier in time, wherever it is listed', () => {
    const s = parseScenario({
      actions: [
        { at: 2, do: 'kill-agent', agent: 'late' },
        { at: 1, do: 'add-agent', agent: agent('late') },
      ],
    });
    expect(s.actions.map((a) => a.do)).toEqual(['add-agent', 'kill-agent']);
  });

  it('rejects naming an agent before it is added', () => {
    const e = errorOf({
      actions: [
        { at: 1, do: 'kill-agent', agent: 'late' },
        { at: 2, do: 'add-agent', agent: agent('late') },
      ],
    });
    expect(e.message).toBe(
      '$.actions[0].agent: expected an agent that exists at t=1 ("late" is only added at t=2, by $.actions[1]), got "late"',
    );
  });

  it('at the same instant, an addition counts for the actions listed after it', () => {
    const ok = { at: 1, do: 'add-agent', agent: agent('x') };
    const kill = { at: 1, do: 'kill-agent', agent: 'x' };
    expect(() => parseScenario({ actions: [ok, kill] })).not.toThrow();
    expect(errorOf({ actions: [kill, ok] }).path).toBe('$.actions[0].agent');
  });

  it('checks framework references, including frameworks added by actions', () => {
    const added = { at: 1, do: 'add-framework', framework: scripted('G', ['g']) };
    expect(() =>
      parseScenario({ actions: [{ at: 2, do: 'teardown', framework: 'G' }, added] }),
    ).not.toThrow();
    const e = errorOf({ ...base, actions: [{ at: 1, do: 'decline', framework: 'H' }] });
    expect(e.path).toBe('$.actions[0].framework');
    expect(errorOf({ ...base, actions: [added, { ...added, at: 2 }] }).path).toBe(
      '$.actions[1].framework.id',
    );
    expect(errorOf({ frameworks: [scripted('G')], actions: [added] }).message).toContain(
      '"G" is already used by $.frameworks[0].id',
    );
  });

  it('checks the agent of decline and launch', () => {
    expect(errorOf({ ...base, actions: [{ at: 1, do: 'decline', framework: 'F', agent: 'zz' }] }).path).toBe(
      '$.actions[0].agent',
    );
    const launch = { at: 1, do: 'launch', framework: 'F', task: { resources: 'cpus:1', command: 'sleep 1' } };
    expect(errorOf({ ...base, actions: [launch] }).path).toBe('$.actions[0].agent');
    expect(errorOf({ ...base, actions: [{ ...launch, agent: 'a1', task: { command: 'x' } }] }).path).toBe(
      '$.actions[0].task.resources',
    );
  });

  it('only suppresses and revives roles the framework has', () => {
    const e = errorOf({ ...base, actions: [{ at: 1, do: 'suppress', framework: 'F', roles: ['r1', 'r3'] }] });
    expect(e.message).toBe(
      '$.actions[0].roles[1]: expected one of the roles of framework "F" ("r1", "r2"), got "r3"',
    );
    const added = { at: 1, do: 'add-framework', framework: scripted('G') };
    expect(errorOf({ actions: [added, { at: 2, do: 'revive', framework: 'G', roles: ['r1'] }] }).path).toBe(
      '$.actions[1].roles[0]',
    );
  });

  it('checks partition endpoints', () => {
    const p = (between: unknown, forSeconds: unknown = 5) => ({
      ...base,
      actions: [{ at: 1, do: 'partition', between, forSeconds }],
    });
    expect(parseScenario(p(['master', 'a1'])).actions[0]).toEqual({
      at: 1,
      do: 'partition',
      between: ['master', 'a1'],
      forSeconds: 5,
    });
    expect(() => parseScenario(p(['F', 'a1']))).not.toThrow();
    expect(errorOf(p(['a1', 'a1'])).path).toBe('$.actions[0].between');
    expect(errorOf(p(['master'])).path).toBe('$.actions[0].between');
    expect(errorOf(p(['master', 'nobody'])).path).toBe('$.actions[0].between[1]');
    expect(errorOf(p(['master', 'a1'], 0)).path).toBe('$.actions[0].forSeconds');
    // An id that is both an agent and a framework cannot say which side to cut.
    const both = errorOf({ ...p(['master', 'X']), agents: [agent('X')], frameworks: [scripted('X')] });
    expect(both.message).toContain('"X" names an agent and a framework');
  });

  it('checks flaky links: endpoints as for a partition, and at least one kind of trouble', () => {
    const f = (fields: Record<string, unknown>) => ({
      ...base,
      actions: [{ at: 1, do: 'flaky-link', between: ['master', 'a1'], forSeconds: 5, ...fields }],
    });
    expect(parseScenario(f({ drop: 0.5, repeat: 0 })).actions[0]).toEqual({
      at: 1,
      do: 'flaky-link',
      between: ['master', 'a1'],
      forSeconds: 5,
      drop: 0.5,
      repeat: 0,
    });
    expect(() => parseScenario(f({ delayMs: 60_000 }))).not.toThrow();
    expect(() => parseScenario(f({ repeat: 1 }))).not.toThrow();
    expect(errorOf(f({ drop: 1.5 })).message).toBe(
      '$.actions[0].drop: expected a probability from 0 to 1, got 1.5',
    );
    expect(errorOf(f({ delayMs: -1 })).path).toBe('$.actions[0].delayMs');
    expect(errorOf(f({ delayMs: 60_001 })).path).toBe('$.actions[0].delayMs');
    expect(errorOf(f({ repeat: '0.5' })).path).toBe('$.actions[0].repeat');
    expect(errorOf(f({ forSeconds: 0, drop: 1 })).path).toBe('$.actions[0].forSeconds');
    expect(errorOf(f({ between: ['a1', 'a1'], drop: 1 })).path).toBe('$.actions[0].between');
    // A window in which every message would pass untouched is a mistake, and the message says what to set.
    expect(errorOf(f({})).message).toContain('"drop" (a probability), "delayMs"');
    expect(errorOf(f({ drop: 0, delayMs: 0 })).message).toContain(
      'at least one of "drop", "delayMs" or "repeat" above 0',
    );
    expect(errorOf(f({ drops: 0.5 })).message).toContain('did you mean "drop"');
  });

  it('checks times and refuse seconds', () => {
    expect(errorOf({ actions: [{ at: -1, do: 'fail-master' }] }).path).toBe('$.actions[0].at');
    expect(errorOf({ actions: [{ do: 'fail-master' }] }).message).toBe(
      '$.actions[0].at: expected a number, 0 or more (required)',
    );
    expect(
      errorOf({ ...base, actions: [{ at: 1, do: 'decline', framework: 'F', refuseSeconds: -1 }] }).path,
    ).toBe('$.actions[0].refuseSeconds');
    // A zero refuse_seconds means "no filter" in Mesos and is fine.
    expect(() =>
      parseScenario({ ...base, actions: [{ at: 1, do: 'decline', framework: 'F', refuseSeconds: 0 }] }),
    ).not.toThrow();
  });

  it('accepts actions after until (they never run)', () => {
    expect(parseScenario({ until: 10, actions: [{ at: 99, do: 'fail-master' }] }).actions).toHaveLength(1);
  });

  it('rejects unknown keys in an action, with a suggestion', () => {
    const e = errorOf({ ...base, actions: [{ at: 1, do: 'decline', framework: 'F', refuse_seconds: 1 }] });
    expect(e.path).toBe('$.actions[0].refuse_seconds');
    expect(e.message).toContain('did you mean "refuseSeconds"?');
    expect(errorOf({ actions: [{ at: 1, do: 'fail-master', master: 'm1' }] }).message).toContain(
      'allowed here: at, do',
    );
  });

  it('does not let add-agent stamp out copies', () => {
    expect(
      errorOf({ actions: [{ at: 1, do: 'add-agent', agent: { id: 'x', count: 2, resources: 'cpus:1' } }] })
        .path,
    ).toBe('$.actions[0].agent.count');
  });

  it('allows set-quota with neither guarantees nor limits (removes the quota)', () => {
    expect(parseScenario({ actions: [{ at: 1, do: 'set-quota', role: 'prod' }] }).actions[0]).toEqual({
      at: 1,
      do: 'set-quota',
      role: 'prod',
    });
  });
});

describe('top-level fields', () => {
  it('rejects unknown keys, suggesting the near miss', () => {
    const e = errorOf({ untill: 30 });
    expect(e.path).toBe('$.untill');
    expect(e.message).toContain('did you mean "until"?');
    expect(e.message).toContain('allowed here: name, seed, until');
  });

  it.each([
    [{ seed: -1 }, '$.seed'],
    [{ seed: 1.5 }, '$.seed'],
    [{ seed: 2 ** 60 }, '$.seed'],
    [{ until: 0 }, '$.until'],
    [{ until: 1e8 }, '$.until'],
    [{ masters: 0 }, '$.masters'],
    [{ masters: 6 }, '$.masters'],
    [{ masters: 1.5 }, '$.masters'],
    [{ name: '' }, '$.name'],
    [{ allocator: { intervalSeconds: 0 } }, '$.allocator.intervalSeconds'],
    [{ allocator: { offerTimeoutSeconds: 0 } }, '$.allocator.offerTimeoutSeconds'],
    [{ allocator: { minAllocatable: 'cpus' } }, '$.allocator.minAllocatable'],
    [{ allocator: { fairnessExcludedResourceNames: [''] } }, '$.allocator.fairnessExcludedResourceNames[0]'],
    [{ allocator: 1 }, '$.allocator'],
    [{ network: { latencyMs: -1 } }, '$.network.latencyMs'],
    [{ network: { dropRate: 1 } }, '$.network.dropRate'],
    [{ network: { delay: 1 } }, '$.network.delay'],
    [{ agents: {} }, '$.agents'],
    [{ frameworks: 'A' }, '$.frameworks'],
    [{ actions: null }, '$.actions'],
  ])('%j fails at %s', (input, path) => {
    expect(errorOf(input).path).toBe(path);
  });

  it('accepts the range boundaries', () => {
    expect(() =>
      parseScenario({ seed: 0, until: 1e7, masters: 5, network: { latencyMs: 0, dropRate: 0.999 } }),
    ).not.toThrow();
    expect(parseScenario({ masters: 1 }).masters).toBe(1);
  });

  it('wants an object at the top', () => {
    expect(errorOf([]).message).toContain('$: expected a scenario object');
    expect(errorOf('42').path).toBe('$');
  });
});

describe('checkScenario', () => {
  it('collects several errors at once, in document order', () => {
    const { scenario, errors } = checkScenario({
      untill: 5,
      seed: 'one',
      agents: [agent('a1', 'cpus:two')],
      frameworks: [{ id: 'F', scheduler: { builtin: 'batch', tasks: 0, task: batch().task } }],
      actions: [{ at: 1, do: 'kill-agent', agent: 'nope' }],
    });
    expect(scenario).toBeNull();
    expect(errors.map((e) => e.path)).toEqual([
      '$.untill',
      '$.seed',
      '$.agents[0].resources',
      '$.frameworks[0].scheduler.tasks',
      '$.actions[0].agent',
    ]);
    expect(errors.every((e) => e instanceof ScenarioError)).toBe(true);
  });

  it('returns the scenario and no errors when all is well', () => {
    const { scenario, errors } = checkScenario(clone(RICH));
    expect(errors).toEqual([]);
    expect(scenario).toEqual(parseScenario(clone(RICH)));
  });

  it('does not pile up consequences of an unreadable id', () => {
    // The agent's id is missing, so "a1" being unknown later is not reported as a second problem.
    const { errors } = checkScenario({
      agents: [{ resources: 'cpus:1' }],
      actions: [{ at: 1, do: 'kill-agent', agent: 'a1' }],
    });
    expect(errors.map((e) => e.path)).toEqual(['$.agents[0].id']);
  });

  it('reports a JSON syntax error as its only error', () => {
    const { scenario, errors } = checkScenario('{"seed": }');
    expect(scenario).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('$');
  });
});

describe('JSON syntax errors', () => {
  it('names line and column', () => {
    const text = '{\n  "agents": [\n    {"id": "a1", "resources": "cpus:1",}\n  ]\n}';
    const e = errorOf(text);
    expect(e.path).toBe('$');
    expect(e.message).toBe(
      '$: expected valid JSON; at line 3, column 40 there should be a property name in double quotes',
    );
  });

  it.each([
    ['{"a": 1', 'at the end of the text (line 1, column 8)'],
    ['{"a" 1}', "line 1, column 6 there should be ':' after the property name"],
    ['[1 2]', "line 1, column 4 there should be ',' or ']' after an array element"],
    ['{"a": 1} x', 'line 1, column 10 there should be the end of the text after the JSON value'],
    ['{"a": tru}', 'line 1, column 7 there should be a value'],
    ['{"a": "x\ny"}', 'line 1, column 9 there should be no raw control characters'],
    ['{"a": "\\q"}', 'line 1, column 8 there should be a valid escape sequence'],
    ['', 'at the end of the text (line 1, column 1) there should be a value'],
  ])('%j', (text, fragment) => {
    expect(errorOf(text).message).toContain(fragment);
  });

  it('survives very deep nesting', () => {
    const e = errorOf('['.repeat(200_000));
    expect(e.message).toContain('at the end of the text');
  });
});

describe('parseAction (live actions)', () => {
  const scenario = parseScenario({
    agents: [agent('a1')],
    frameworks: [scripted('F', ['r1'])],
    actions: [
      { at: 5, do: 'add-agent', agent: agent('a2') },
      { at: 5, do: 'add-framework', framework: scripted('G') },
    ],
  });

  it('accepts an action on known agents and frameworks', () => {
    expect(parseAction({ at: 6, do: 'kill-agent', agent: 'a2' }, scenario)).toEqual({
      at: 6,
      do: 'kill-agent',
      agent: 'a2',
    });
    // Added at the same instant by the scenario: a live action at that instant comes after it.
    expect(parseAction({ at: 5, do: 'teardown', framework: 'G' }, scenario).do).toBe('teardown');
    expect(parseAction('{"at": 1, "do": "suppress", "framework": "F", "roles": ["r1"]}', scenario).do).toBe(
      'suppress',
    );
  });

  it('rejects what the scenario does not have yet, at the given path', () => {
    const e = (() => {
      try {
        parseAction({ at: 4, do: 'kill-agent', agent: 'a2' }, scenario, '$.live[0]');
      } catch (err) {
        return err as ScenarioError;
      }
      throw new Error('accepted');
    })();
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e.path).toBe('$.live[0].agent');
    expect(e.message).toContain('only added at t=5');
  });

  it('rejects ids the scenario already uses', () => {
    expect(() => parseAction({ at: 1, do: 'add-agent', agent: agent('a2') }, scenario)).toThrow(
      '$.agent.id: expected a unique agent id',
    );
    expect(() => parseAction({ at: 1, do: 'add-framework', framework: scripted('F') }, scenario)).toThrow(
      '$.framework.id',
    );
    expect(parseAction({ at: 1, do: 'add-agent', agent: agent('a3') }, scenario).do).toBe('add-agent');
  });

  it('checks the roles of a framework the scenario adds', () => {
    expect(() => parseAction({ at: 9, do: 'revive', framework: 'G', roles: ['r1'] }, scenario)).toThrow(
      '$.roles[0]: expected one of the roles of framework "G" ("*")',
    );
  });
});

describe('acceptance scenarios', () => {
  const cases = Object.entries(acceptance);

  it('finds the acceptance cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s validates', (_file, kase) => {
    const s = parseScenario(kase.scenario);
    expect(checkScenario(kase.scenario).errors).toEqual([]);
    expect(s.agents.length).toBeGreaterThan(0);
  });
});

describe('docs/scenarios.md', () => {
  // Every JSON example in the guide must be accepted as it is written.
  const blocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it('has a complete example that validates', () => {
    const s = parseScenario(blocks[0]!);
    expect(s.frameworks.map((f) => f.id)).toEqual(['A', 'B']);
  });

  it('has fragments that validate on their own', () => {
    for (const block of blocks.filter((b) => b.startsWith('"')))
      expect(() => parseScenario(`{${block}}`)).not.toThrow();
  });

  it('has action examples that validate together', () => {
    const actions = blocks
      .filter((b) => b.startsWith('{ "at"'))
      .flatMap((b) => b.split(/\n(?=\{)/).map((line) => JSON.parse(line) as unknown));
    expect(actions.length).toBeGreaterThanOrEqual(15);
    const s = parseScenario({
      agents: [{ count: 3, resources: 'cpus:4;mem:8192' }],
      frameworks: [scripted('framework1', ['role1']), scripted('analytics', ['analytics'])],
      actions,
    });
    expect(new Set(s.actions.map((a) => a.do)).size).toBe(ACTION_KINDS.length);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Mutation properties: break one thing in a valid scenario, and the error must point at it (or at an
// enclosing value), never somewhere unrelated, and never be a crash of another kind.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Segment = string | number;

function pathOf(segments: readonly Segment[]): string {
  return segments.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : keyPath(p, s)), '$');
}

const atOrAbove = (errorPath: string, mutated: string): boolean =>
  mutated === errorPath || mutated.startsWith(`${errorPath}.`) || mutated.startsWith(`${errorPath}[`);

/** Keys whose absence is always an error wherever they appear in a scenario. */
const ALWAYS_REQUIRED = new Set([
  'resources',
  'command',
  'tasks',
  'instances',
  'task',
  'scheduler',
  'at',
  'do',
  'builtin',
  'file',
  'code',
  'between',
  'forSeconds',
  'role',
]);

function isRequired(parent: { [k: string]: Json }, key: string): boolean {
  if (ALWAYS_REQUIRED.has(key)) return true;
  const kind = parent.do;
  if (key === 'id') return !('count' in parent);
  if (kind === undefined) return false;
  if (key === 'agent') return kind !== 'decline';
  if (key === 'framework') return true;
  if (key === 'weight') return kind === 'set-weight';
  return false;
}

interface Site {
  segments: Segment[];
  kind: 'delete' | 'stringify';
}

/** Every required key (to delete) and every number outside attributes/constraints (to turn into a string). */
function sites(value: Json, segments: Segment[] = []): Site[] {
  const out: Site[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...sites(v, [...segments, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const here = [...segments, k];
      if (isRequired(value, k)) out.push({ segments: here, kind: 'delete' });
      if (k !== 'attributes' && k !== 'constraints') out.push(...sites(v, here));
    }
  } else if (typeof value === 'number') out.push({ segments, kind: 'stringify' });
  return out;
}

function mutate(root: Json, site: Site, replacement: string): Json {
  const copy = clone(root);
  let parent: Json = copy;
  for (const s of site.segments.slice(0, -1)) parent = (parent as Record<string, Json>)[s as string]!;
  const last = site.segments[site.segments.length - 1]!;
  const container = parent as Record<string | number, Json>;
  if (site.kind === 'delete') delete container[last];
  else container[last] = replacement;
  return copy;
}

const BASES: Json[] = [RICH as unknown as Json, ...Object.values(acceptance).map((k) => k.scenario as Json)];
const ALL_SITES = BASES.flatMap((base, b) => sites(base).map((site) => ({ b, site })));

describe('mutations', () => {
  it('has mutation sites of both kinds in every base scenario', () => {
    for (let b = 0; b < BASES.length; b++) {
      const kinds = new Set(ALL_SITES.filter((s) => s.b === b).map((s) => s.site.kind));
      expect(kinds).toEqual(new Set(['delete', 'stringify']));
    }
  });

  it('every required-field deletion and number-to-string swap is reported at or above its location', () => {
    for (const { b, site } of ALL_SITES) {
      const mutated = pathOf(site.segments);
      const e = errorOf(mutate(BASES[b]!, site, 'x'));
      expect(atOrAbove(e.path, mutated), `${site.kind} ${mutated} reported at ${e.path}: ${e.message}`).toBe(
        true,
      );
    }
  });

  it('property: any such mutation gives a ScenarioError at or above it, the same one checkScenario lists first', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_SITES), fc.string(), ({ b, site }, replacement) => {
        const input = mutate(BASES[b]!, site, replacement);
        const e = errorOf(input);
        expect(atOrAbove(e.path, pathOf(site.segments))).toBe(true);
        const { scenario, errors } = checkScenario(input);
        expect(scenario).toBeNull();
        expect(errors[0]?.message).toBe(e.message);
      }),
      { seed: 20_240_611, numRuns: 400 },
    );
  });

  it('property: arbitrary JSON anywhere never crashes the validator', () => {
    const anySite = fc.constantFrom(
      ...BASES.flatMap((base, b) => allPaths(base).map((segments) => ({ b, segments }))),
    );
    fc.assert(
      fc.property(anySite, fc.jsonValue({ maxDepth: 3 }), ({ b, segments }, junk) => {
        const input = segments.length === 0 ? junk : replaceAt(BASES[b]!, segments, junk as Json);
        const { scenario, errors } = checkScenario(input);
        expect(errors.every((e) => e instanceof ScenarioError)).toBe(true);
        expect(scenario === null).toBe(errors.length > 0);
        try {
          parseScenario(input);
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });
});

function allPaths(value: Json, segments: Segment[] = []): Segment[][] {
  const out: Segment[][] = [segments];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...allPaths(v, [...segments, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...segments, k]));
  return out;
}

function replaceAt(root: Json, segments: Segment[], junk: Json): Json {
  const copy = clone(root);
  let parent: Json = copy;
  for (const s of segments.slice(0, -1)) parent = (parent as Record<string, Json>)[s as string]!;
  (parent as Record<string | number, Json>)[segments[segments.length - 1]!] = junk;
  return copy;
}
