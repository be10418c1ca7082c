/**
 * The actions Run and Stop send, read as Mesos would: a new framework gets a new id in the learner's role,
 * a live one fails over under the same id, Stop is a teardown; each passes the UI's action validator.
 */
import { describe, expect, it } from 'vitest';
import type { Compiled } from '../cluster/sandbox/compile';
import { parseScenario, ScenarioError } from '../cluster/scenario/validate';
import {
  FAILOVER_TIMEOUT_SECONDS,
  failoverOutcome,
  freshId,
  planRun,
  slug,
  stopAction,
  takenIds,
  validateAction,
} from './actions';

const compiled: Compiled = { js: 'exports.default = class {};\n', lines: [1], fileName: 'mine.ts' };
const scenario = parseScenario({
  name: 'a',
  until: 100,
  agents: [{ id: 'agent1', resources: 'cpus:4;mem:4096' }],
  frameworks: [{ id: 'mine', roles: ['batch'], scheduler: { builtin: 'scripted' } }],
});
const base = {
  name: 'Mine',
  role: 'learner',
  code: 'export default class {}',
  compiled,
  at: 4.5,
  taken: new Set<string>(),
};

describe('planRun', () => {
  it('adds a new framework when the tab has none', () => {
    const plan = planRun({ ...base, current: null });
    expect(plan).toEqual({
      kind: 'add',
      frameworkId: 'mine',
      action: {
        at: 4.5,
        do: 'add-framework',
        framework: {
          id: 'mine',
          name: 'Mine',
          roles: ['learner'],
          failoverTimeout: FAILOVER_TIMEOUT_SECONDS,
          checkpoint: false,
          partitionAware: false,
          minAllocatable: null,
          scheduler: { code: base.code, language: 'ts', compiled },
        },
      },
    });
  });

  it('gives a new framework the tab’s failover_timeout, and says what a failover will do to its tasks', () => {
    const plan = planRun({ ...base, failoverTimeout: 0, current: null });
    expect(plan.action).toMatchObject({ do: 'add-framework', framework: { failoverTimeout: 0 } });
    // Master::exited with failover_timeout 0 removes the framework at once and kills its tasks.
    expect(failoverOutcome(0)).toBe('loses-tasks');
    expect(failoverOutcome(FAILOVER_TIMEOUT_SECONDS)).toBe('keeps-tasks');
    expect(failoverOutcome(0.5)).toBe('keeps-tasks');
  });

  it('fails over (restart-framework, same id) while the framework is pending, active or disconnected', () => {
    for (const lifecycle of ['pending', 'active', 'disconnected'] as const) {
      const plan = planRun({ ...base, current: { id: 'mine-2', lifecycle } });
      expect(plan.kind).toBe('failover');
      expect(plan.action).toEqual({
        at: 4.5,
        do: 'restart-framework',
        framework: 'mine-2',
        scheduler: { code: base.code, language: 'ts', compiled },
      });
    }
  });

  it('adds a new framework with a fresh id once the old one was removed (Mesos never reuses it)', () => {
    const plan = planRun({
      ...base,
      current: { id: 'mine', lifecycle: 'removed' },
      taken: new Set(['mine']),
    });
    expect(plan).toMatchObject({ kind: 'add', frameworkId: 'mine-2' });
  });
});

describe('ids', () => {
  it('slug makes a framework id of a tab name', () => {
    expect(slug('Scheduler 1')).toBe('scheduler-1');
    expect(slug('One task per offer')).toBe('one-task-per-offer');
    expect(slug('  Ünïcode!! ')).toBe('unicode');
    expect(slug('***')).toBe('scheduler');
  });

  it('freshId skips taken ids', () => {
    expect(freshId('a', new Set())).toBe('a');
    expect(freshId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });

  it('takenIds: the scenario’s frameworks, those added by actions, those seen in the trace', () => {
    const added = {
      at: 1,
      do: 'add-framework' as const,
      framework: { ...scenario.frameworks[0]!, id: 'late' },
    };
    expect([...takenIds(scenario, [added], ['seen'])].sort()).toEqual(['late', 'mine', 'seen']);
  });
});

describe('validateAction', () => {
  it('passes a valid add-framework and keeps the compiled code the validator does not know', () => {
    const { action } = planRun({ ...base, current: null, taken: takenIds(scenario, [], []) });
    const checked = validateAction(action, scenario, []);
    expect(checked).toEqual(action);
  });

  it('passes a failover and a teardown of a framework added earlier', () => {
    const { action: add } = planRun({ ...base, name: 'x', current: null });
    const applied = [validateAction(add, scenario, [])];
    const failover = planRun({ ...base, current: { id: 'x', lifecycle: 'active' } }).action;
    expect(validateAction(failover, scenario, applied)).toEqual(failover);
    expect(validateAction(stopAction('x', 5), scenario, applied)).toEqual({
      at: 5,
      do: 'teardown',
      framework: 'x',
    });
  });

  it('rejects a taken id, a bad role and an unknown framework, naming the problem', () => {
    const taken = planRun({ ...base, current: null }).action;
    expect(() => validateAction(taken, scenario, [])).toThrow(ScenarioError);
    const role = planRun({ ...base, role: 'no spaces', current: null, taken: new Set(['mine']) }).action;
    expect(() => validateAction(role, scenario, [])).toThrow(/role/);
    expect(() => validateAction(stopAction('ghost', 1), scenario, [])).toThrow(/ghost/);
  });

  it('does nothing without a scenario to check against', () => {
    const a = stopAction('ghost', 1);
    expect(validateAction(a, null, [])).toBe(a);
  });
});
