/** The learner's code in a share link: one entry per tab, "<name>@<role>" → code, read back the same. */
import { describe, expect, it } from 'vitest';
import type { Action, FrameworkSpec } from '../cluster/scenario/types';
import {
  DEFAULT_ROLE,
  fromSharedCode,
  toSharedCode,
  withoutEditorActions,
  type EditorShareState,
} from './share';

describe('share encoding', () => {
  it('round-trips tabs with nested roles and any code', () => {
    const state: EditorShareState = {
      tabs: [
        { id: 'Scheduler 1', role: 'learner', code: 'export default class {}\n' },
        { id: 'greedy', role: 'eng/web', code: '// ünïcode ✓ and "quotes" @ signs\n' },
      ],
    };
    const code = toSharedCode(state);
    expect(code).toEqual({
      'Scheduler 1@learner': 'export default class {}\n',
      'greedy@eng/web': '// ünïcode ✓ and "quotes" @ signs\n',
    });
    expect(fromSharedCode(JSON.parse(JSON.stringify(code)) as Record<string, string>)).toEqual(state);
  });

  it('keeps two tabs of the same name apart', () => {
    const code = toSharedCode({
      tabs: [
        { id: 'a', role: 'r', code: '1' },
        { id: 'a', role: 'r', code: '2' },
      ],
    });
    expect(Object.keys(code)).toEqual(['a@r', 'a (2)@r']);
  });

  it('gives a key without a valid role the default role; a name with "@" keeps it', () => {
    expect(fromSharedCode({ plain: 'x', 'bad@no spaces': 'y', 'me@home@r1': 'z' }).tabs).toEqual([
      { id: 'plain', role: DEFAULT_ROLE, code: 'x' },
      { id: 'bad', role: DEFAULT_ROLE, code: 'y' },
      { id: 'me@home', role: 'r1', code: 'z' },
    ]);
  });
});

describe('withoutEditorActions', () => {
  it('drops the editor’s add, failover and teardown of learner frameworks, and keeps every other action', () => {
    const fw = (id: string, scheduler: FrameworkSpec['scheduler']): FrameworkSpec => ({
      id,
      name: id,
      roles: ['r'],
      failoverTimeout: 60,
      checkpoint: false,
      partitionAware: false,
      minAllocatable: null,
      scheduler,
    });
    const kill: Action = { at: 1, do: 'kill-agent', agent: 'agent1' };
    const builtin: Action = { at: 2, do: 'add-framework', framework: fw('b', { builtin: 'scripted' }) };
    const actions: Action[] = [
      kill,
      { at: 3, do: 'add-framework', framework: fw('mine', { code: 'x', language: 'ts' }) },
      builtin,
      { at: 4, do: 'restart-framework', framework: 'mine', scheduler: { code: 'y' } },
      { at: 5, do: 'teardown', framework: 'mine' },
      { at: 6, do: 'teardown', framework: 'b' },
    ];
    expect(withoutEditorActions(actions)).toEqual([kill, builtin, actions[5]]);
  });
});
