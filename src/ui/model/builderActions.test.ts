/**
 * The builder's scripted actions: every kind becomes a row and comes back as the same action, so editing a
 * scenario in the builder loses nothing; new rows of every kind are valid once their names exist; and an
 * action after the scenario's end is refused, with where and why.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../cluster/scenario/types';
import {
  ACTION_KINDS as SCENARIO_ACTION_KINDS,
  checkScenario,
  parseScenario,
} from '../../cluster/scenario/validate';
import faultsMix from '../../../test/traces/scenarios/faults-mix.json';
import { ACTION_KINDS, actionOf, afterTheEnd, FIELDS, newRow, rowOf } from './builderActions';

const base = parseScenario(faultsMix);

describe('scripted actions in the builder', () => {
  it('every action of a scenario with every kind comes back the same through a row', () => {
    const withRestart: Action[] = [
      ...base.actions,
      {
        at: 35,
        do: 'reserve',
        framework: base.frameworks[0]!.id,
        agent: base.agents[0]!.id,
        resources: 'cpus:1;disk:512',
      },
      {
        at: 35.5,
        do: 'create-volume',
        framework: base.frameworks[0]!.id,
        agent: base.agents[0]!.id,
        volume: { id: 'v1', path: 'data', size: 256 },
      },
      {
        at: 36,
        do: 'launch',
        framework: base.frameworks[0]!.id,
        agent: base.agents[0]!.id,
        task: { resources: 'cpus:1;mem:64', command: 'sleep 5', volume: 'v1' },
      },
      {
        at: 37,
        do: 'destroy-volume',
        framework: base.frameworks[0]!.id,
        agent: base.agents[0]!.id,
        volume: 'v1',
      },
      {
        at: 38,
        do: 'unreserve',
        framework: base.frameworks[0]!.id,
        agent: base.agents[0]!.id,
        resources: 'cpus:1;disk:512',
      },
      { at: 40, do: 'reboot-agent', agent: base.agents[0]!.id, downSeconds: 5 },
      { at: 41, do: 'reboot-agent', agent: base.agents[0]!.id },
      {
        at: 42,
        do: 'flaky-link',
        between: ['master', base.agents[0]!.id],
        forSeconds: 3,
        drop: 0.5,
        repeat: 0.1,
      },
      { at: 43, do: 'flaky-link', between: ['master', base.agents[0]!.id], forSeconds: 3, delayMs: 250 },
      {
        at: 50,
        do: 'restart-framework',
        framework: base.frameworks[0]!.id,
        scheduler: {
          builtin: 'service',
          instances: 2,
          task: { resources: 'cpus:1;mem:64', command: 'sleep 9' },
        },
      },
    ];
    const kinds = new Set(withRestart.map((a) => a.do));
    expect([...ACTION_KINDS].filter((k) => !kinds.has(k))).toEqual([]);
    // The builder offers every kind the scenario format has.
    expect([...ACTION_KINDS].sort()).toEqual([...SCENARIO_ACTION_KINDS].sort());
    const again = parseScenario({ ...base, actions: withRestart.map((a) => actionOf(rowOf(a))) });
    expect(again.actions).toEqual(parseScenario({ ...base, actions: withRestart }).actions);
  });

  it('a new row of each kind is a valid action once it is given names that exist', () => {
    const names = {
      agents: base.agents.map((a) => a.id),
      frameworks: base.frameworks.map((f) => f.id),
      roles: Object.keys(base.roles),
    };
    for (const kind of ACTION_KINDS) {
      const row = newRow(kind, 7, names);
      const { errors } = checkScenario({ ...base, actions: [actionOf(row)] });
      expect(
        errors.map((e) => e.message),
        kind,
      ).toEqual([]);
      // Only the fields the kind uses are offered for editing.
      expect(FIELDS[kind].every((f) => f in row.fields)).toBe(true);
    }
  });

  it('a learner-code framework added by an action keeps its code when edited as "kept"', () => {
    const action: Action = {
      at: 3,
      do: 'add-framework',
      framework: {
        ...base.frameworks[0]!,
        id: 'mine',
        name: 'mine',
        scheduler: { code: '// mine\n', language: 'ts' },
      },
    };
    const row = rowOf(action);
    expect(row.fields.scheduler).toBe('keep');
    row.at = '4';
    expect(actionOf(row)).toMatchObject({
      at: 4,
      framework: { id: 'mine', scheduler: { code: '// mine\n' } },
    });
  });

  it('refuses an action after the scenario’s end, saying which and when', () => {
    const rows = [newRow('fail-master', 10, { agents: [], frameworks: [], roles: [] })];
    expect(afterTheEnd(rows, 60)).toEqual([]);
    rows.push(newRow('fail-master', 61, { agents: [], frameworks: [], roles: [] }));
    expect(afterTheEnd(rows, 60)).toEqual([{ index: 1, at: 61, until: 60 }]);
    // At the very end is still within the run.
    expect(afterTheEnd([{ ...rows[0]!, at: '60' }], 60)).toEqual([]);
  });
});
