import { describe, expect, it } from 'vitest';
import { emptyEffects, type Effects } from '../actor';
import { effectViolation } from './permissions';

const fx = (patch: Partial<Effects>): Effects => ({ ...emptyEffects(), ...patch });

describe('what an actor that drives learner code may do', () => {
  it('a framework driver may speak to the master and write its own log, error and message events', () => {
    expect(
      effectViolation(
        'framework/A',
        fx({
          sends: [
            { to: 'master/1', msg: { type: 'REVIVE', framework_id: { value: 'A' }, revive: { roles: [] } } },
          ],
          trace: [{ type: 'log', framework: 'A', level: 'log', text: 'hi' }],
          stops: ['framework/A'],
        }),
      ),
    ).toBeNull();
  });

  it('but not speak for another framework, stop others, start actors, or touch the registry', () => {
    expect(
      effectViolation(
        'framework/A',
        fx({ trace: [{ type: 'log', framework: 'B', level: 'log', text: 'x' }] }),
      ),
    ).toMatch(/another framework/);
    expect(
      effectViolation('framework/A', fx({ trace: [{ type: 'agent-removed', agent: 'a1', reason: 'x' }] })),
    ).toMatch(/cannot write 'agent-removed'/);
    expect(effectViolation('framework/A', fx({ stops: ['master/1'] }))).toMatch(/cannot stop master\/1/);
    expect(effectViolation('framework/A', fx({ stops: ['agent/a1'] }))).toMatch(/cannot stop agent\/a1/);
    expect(
      effectViolation(
        'framework/A',
        fx({ sends: [{ to: 'agent/a1', msg: { type: 'PING', master: 'master/1' } }] }),
      ),
    ).toMatch(/only to the master/);
    expect(
      effectViolation(
        'framework/A',
        fx({ registry: { agents: [], unreachable: [], weights: {}, quotas: {}, epoch: 9 } }),
      ),
    ).toMatch(/registry/);
  });

  it('an executor speaks only to its own agent (or itself) and writes only its framework’s events', () => {
    const self = 'executor/a1/A/e1';
    const exited = { type: 'EXECUTOR_EXITED' as const, framework_id: 'A', executor_id: 'e1', status: 0 };
    expect(
      effectViolation(self, fx({ sends: [{ to: 'agent/a1', msg: exited, local: true }], stops: [self] })),
    ).toBeNull();
    expect(effectViolation(self, fx({ sends: [{ to: 'agent/a2', msg: exited, local: true }] }))).toMatch(
      /own agent/,
    );
    expect(effectViolation(self, fx({ sends: [{ to: 'master/1', msg: exited }] }))).toMatch(/own agent/);
    expect(
      effectViolation(
        self,
        fx({ trace: [{ type: 'status', task: 't', framework: 'B', agent: 'a1', state: 'TASK_RUNNING' }] }),
      ),
    ).toMatch(/another framework/);
  });

  it('masters and agents run only trusted code and are not restricted here', () => {
    expect(
      effectViolation(
        'master/1',
        fx({
          stops: ['agent/a1'],
          registry: { agents: [], unreachable: [], weights: {}, quotas: {}, epoch: 1 },
        }),
      ),
    ).toBeNull();
  });
});
