/**
 * The run phase machine, transition by transition, in Node: what the learner's Run and Stop do, what each
 * trace event about the framework does, and what it does not do (a disconnect during a failover, a stray
 * error, an event about the framework while it is being stopped).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../cluster/trace';
import { newStats } from '../cluster/trace/FrameworkLedger';
import {
  afterClusterRestart,
  afterEvent,
  compiling,
  IDLE_RUN,
  isBusy,
  sent,
  STOPPABLE,
  stopping,
  wasLive,
  type Phase,
  type TabRun,
} from './RunPhase';

const at = (phase: Phase): TabRun => ({ phase, frameworkId: 'mine', ranCode: 'code', stats: null });

const added: TraceEvent = { t: 1, type: 'framework-added', framework: 'mine', roles: ['learner'] };
const reregistered: TraceEvent = { t: 1, type: 'framework-reregistered', framework: 'mine' };
const disconnected: TraceEvent = {
  t: 1,
  type: 'framework-disconnected',
  framework: 'mine',
  reason: 'exited',
};
const removed: TraceEvent = { t: 1, type: 'framework-removed', framework: 'mine', reason: 'teardown' };
const unresponsive: TraceEvent = {
  t: 1,
  type: 'error',
  framework: 'mine',
  message: 'framework unresponsive: resourceOffers did not return within 1000 ms',
};
const thrown: TraceEvent = { t: 1, type: 'error', framework: 'mine', message: 'TypeError: x is undefined' };
const offer: TraceEvent = {
  t: 1,
  type: 'offer',
  offer: 'O-1',
  framework: 'mine',
  role: 'learner',
  agent: 'a1',
  resources: { cpus: 1 },
};

const ALL: Phase[] = [
  'idle',
  'compiling',
  'starting',
  'failing-over',
  'running',
  'disconnected',
  'stopping',
  'stopped',
  'removed',
];

describe('the learner’s actions', () => {
  it('Run compiles first, then the framework starts (a new one) or fails over (the live one)', () => {
    expect(compiling(IDLE_RUN).phase).toBe('compiling');
    expect(isBusy(compiling(IDLE_RUN))).toBe(true);
    const stats = newStats('mine');
    expect(sent('add', 'mine', 'v1', stats)).toEqual({
      phase: 'starting',
      frameworkId: 'mine',
      ranCode: 'v1',
      stats,
    });
    expect(sent('failover', 'mine', 'v2', null).phase).toBe('failing-over');
  });

  it('Stop stops only what is live; elsewhere it changes nothing', () => {
    for (const p of ALL) {
      const run = at(p);
      if (STOPPABLE.has(p)) expect(stopping(run).phase).toBe('stopping');
      else expect(stopping(run)).toBe(run);
    }
    expect(isBusy(at('stopping'))).toBe(true);
  });
});

describe('what the trace says', () => {
  it('registration (added or re-registered) means running, unless it is being stopped', () => {
    for (const p of ALL) {
      const expected = p === 'stopping' ? 'stopping' : 'running';
      expect(afterEvent(at(p), added).run.phase, p).toBe(expected);
      expect(afterEvent(at(p), reregistered).run.phase, p).toBe(expected);
    }
  });

  it('a disconnect is news, except during a failover (the old scheduler exits) or a stop', () => {
    expect(afterEvent(at('running'), disconnected).run.phase).toBe('disconnected');
    expect(afterEvent(at('starting'), disconnected).run.phase).toBe('disconnected');
    expect(afterEvent(at('failing-over'), disconnected).run.phase).toBe('failing-over');
    expect(afterEvent(at('stopping'), disconnected).run.phase).toBe('stopping');
  });

  it('removal after Stop is "stopped"; otherwise the master removed it ("removed")', () => {
    expect(afterEvent(at('stopping'), removed).run.phase).toBe('stopped');
    expect(afterEvent(at('running'), removed).run.phase).toBe('removed');
    expect(afterEvent(at('disconnected'), removed).run.phase).toBe('removed');
  });

  it('the watchdog stopping the scheduler disconnects it and raises the alert; other errors do not', () => {
    expect(afterEvent(at('running'), unresponsive)).toEqual({
      run: at('disconnected'),
      unresponsive: true,
    });
    const run = at('running');
    expect(afterEvent(run, thrown)).toEqual({ run, unresponsive: false });
  });

  it('events that say nothing of the framework’s life leave the run as it is (the same object)', () => {
    for (const p of ALL) {
      const run = at(p);
      expect(afterEvent(run, offer).run).toBe(run);
    }
  });

  it('a new run of the cluster sends every tab back to idle; only live ones are worth a note', () => {
    expect(afterClusterRestart()).toBe(IDLE_RUN);
    expect(ALL.filter((p) => !wasLive(at(p)))).toEqual(['stopped', 'removed']);
    // A tab that never ran has no framework to lose.
    expect(wasLive(IDLE_RUN)).toBe(false);
  });
});
