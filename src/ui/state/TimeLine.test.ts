/**
 * The time line in Node: a real trace streamed in batches, then travel in it — scrub, step both ways,
 * replay at a speed with a wall clock the test moves, back to live — with the view at every moment equal to
 * the reducer's fold of that prefix from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../cluster/scenario/validate';
import { Simulation } from '../../cluster/sim/Simulation';
import type { TraceEvent } from '../../cluster/trace';
import type { ClusterStatus, Speed } from '../../workers/types';
import agentFailure from '../../../scenarios/agent-failure.json';
import batchServiceMix from '../../../scenarios/batch-service-mix.json';
import { fold, initialView } from '../model/reduce';
import { eventsUpTo, IDLE_STATUS, SNAPSHOT_EVERY, SPEEDS, TimeLine, type Frames } from './TimeLine.svelte';

const scenario = parseScenario(agentFailure);
const trace: TraceEvent[] = new Simulation(scenario).run();

/** A cluster that records what it was told, and frames the test advances by hand. */
function harness() {
  const calls: string[] = [];
  const control = {
    play: () => void calls.push('play'),
    pause: () => void calls.push('pause'),
    step: async () => void calls.push('step'),
    setSpeed: (s: Speed) => void calls.push(`speed ${s}`),
  };
  let wall = 0;
  let next = 1;
  const queued = new Map<number, (wall: number) => void>();
  const frames: Frames = {
    now: () => wall,
    request: (fn) => {
      queued.set(next, fn);
      return next++;
    },
    cancel: (id) => void queued.delete(id),
  };
  /** Moves the wall clock and runs the frames that were waiting. */
  const advance = (ms: number): void => {
    wall += ms;
    const due = [...queued.values()];
    queued.clear();
    for (const fn of due) fn(wall);
  };
  const time = new TimeLine(control, frames);
  time.reset(scenario);
  return { time, calls, advance, pending: () => queued.size };
}

/** Streams the whole trace in batches of `size`, as the client hands it over. */
function streamAll(time: TimeLine, size = 97): void {
  for (let i = 0; i < trace.length; i += size) time.receive(trace.slice(i, i + size));
  const status: ClusterStatus = { ...IDLE_STATUS, now: scenario.until, until: scenario.until, done: true };
  time.onStatus(status);
}

const ids = (v: ReturnType<typeof initialView>): unknown =>
  JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x.entries()] : x));

describe('TimeLine: live', () => {
  it('folds each batch into the live view and follows the cluster’s clock', () => {
    const { time } = harness();
    expect(time.view!.seq).toBe(0);
    time.receive(trace.slice(0, 10));
    expect(time.traceLength).toBe(10);
    expect(time.live).toBe(true);
    expect(time.view!.seq).toBe(10);
    expect(time.now).toBe(trace[9]!.t);
    time.receive(trace.slice(10));
    time.onStatus({ ...IDLE_STATUS, now: scenario.until, until: scenario.until, done: true });
    expect(ids(time.view!)).toBe(ids(fold(initialView(scenario), trace)));
    expect(time.now).toBe(scenario.until);
    expect(time.allocationsShown).toBe(trace.filter((e) => e.type === 'allocation').length);
  });

  it('hands fresh events to listeners as they are shown, with the speed', () => {
    const { time } = harness();
    const seen: number[] = [];
    const off = time.onFresh((events, speed) => seen.push(events.length, speed === 'max' ? -1 : speed));
    time.receive(trace.slice(0, 5));
    off();
    time.receive(trace.slice(5, 9));
    expect(seen).toEqual([5, 1]);
  });

  it('finds offers by id', () => {
    const { time } = harness();
    streamAll(time);
    const offer = trace.find((e) => e.type === 'offer')!;
    expect(offer.type === 'offer' && time.offerEvent(offer.offer)).toBe(offer);
    expect(time.offerEvent('O-none')).toBeNull();
  });
});

describe('TimeLine: travel in time', () => {
  it('scrubbing pauses the cluster and shows every event up to that moment', () => {
    const { time, calls } = harness();
    streamAll(time);
    time.scrubTo(21.5);
    const n = eventsUpTo(trace, 21.5);
    expect(calls).toContain('pause');
    expect(time.live).toBe(false);
    expect(time.cursor).toBe(n);
    expect(time.now).toBe(21.5);
    expect(ids(time.view!)).toBe(ids(fold(initialView(scenario), trace, 0, n)));
    // agent2 crashed at t=20 (the scenario's kill-agent): the view of that moment says so.
    expect(time.view!.agents.get('agent2')!.status).toBe('crashed');
    expect(time.allocationsShown).toBe(trace.slice(0, n).filter((e) => e.type === 'allocation').length);
  });

  it('new events while in the past are kept but do not move the view', () => {
    const { time } = harness();
    time.receive(trace.slice(0, 100));
    time.scrubTo(trace[50]!.t);
    const shown = time.view;
    time.receive(trace.slice(100, 150));
    expect(time.view).toBe(shown);
    expect(time.traceLength).toBe(150);
  });

  it('steps one event either way in the past; a step forward is shown fresh; going live returns', async () => {
    const { time } = harness();
    streamAll(time);
    time.scrubTo(trace[100]!.t);
    const at = time.cursor!;
    time.stepBack();
    expect(time.cursor).toBe(at - 1);
    const fresh: TraceEvent[] = [];
    time.onFresh((events) => fresh.push(...events));
    await time.step();
    expect(time.cursor).toBe(at);
    expect(fresh).toEqual([trace[at - 1]]);
    time.goLive();
    expect(time.live).toBe(true);
    expect(time.view!.seq).toBe(trace.length);
  });

  it('a step while live asks the cluster for one event', async () => {
    const { time, calls } = harness();
    time.receive(trace.slice(0, 3));
    await time.step();
    expect(calls).toEqual(['pause', 'step']);
  });

  it('play in the past replays the recording at the speed, then carries on live', () => {
    const { time, calls, advance } = harness();
    streamAll(time);
    time.setSpeed(10);
    time.scrubTo(100);
    calls.length = 0;
    time.play();
    expect(time.replaying).toBe(true);
    expect(time.playing).toBe(true);
    advance(500); // half a wall second at 10×: 5 virtual seconds
    expect(time.now).toBeCloseTo(105, 6);
    expect(time.cursor).toBe(eventsUpTo(trace, 105));
    expect(calls).toEqual([]); // the cluster is not asked to play while the recording lasts
    advance(20_000); // past the end of the recording
    expect(time.live).toBe(true);
    expect(time.replaying).toBe(false);
    expect(calls).toEqual(['play']);
  });

  it('pause stops a replay where it is', () => {
    const { time, advance, pending } = harness();
    streamAll(time);
    time.setSpeed(2);
    time.scrubTo(10);
    time.play();
    advance(1000);
    time.pause();
    expect(pending()).toBe(0);
    const now = time.now;
    advance(1000);
    expect(time.now).toBe(now);
    expect(time.replaying).toBe(false);
  });

  it('play at max speed from the past jumps to live', () => {
    const { time, calls } = harness();
    streamAll(time);
    time.setSpeed('max');
    time.scrubTo(5);
    time.play();
    expect(time.live).toBe(true);
    expect(calls.at(-1)).toBe('play');
  });

  it('the view of any moment equals a fold from scratch (snapshots change nothing)', () => {
    const big = parseScenario(batchServiceMix);
    const long = new Simulation(big).run();
    const { time } = harness();
    time.reset(big);
    for (let i = 0; i < long.length; i += 500) time.receive(long.slice(i, i + 500));
    expect(long.length).toBeGreaterThan(3 * SNAPSHOT_EVERY);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: long.length }), (n) => {
        expect(ids(time.viewAt(n))).toBe(ids(fold(initialView(big), long, 0, n)));
      }),
      { seed: 14, numRuns: 8 },
    );
  }, 30_000);

  it('speed moves along the list and stops at its ends', () => {
    const { time, calls } = harness();
    time.nudgeSpeed(-1);
    expect(time.speed).toBe(0.5);
    for (let i = 0; i < 20; i++) time.nudgeSpeed(1);
    expect(time.speed).toBe(SPEEDS.at(-1));
    time.setSpeed(1000);
    expect(time.speed).toBe(100);
    expect(calls.at(-1)).toBe('speed 100');
  });

  it('reset forgets the previous run', () => {
    const { time } = harness();
    streamAll(time);
    time.scrubTo(3);
    time.reset(scenario);
    expect(time.trace).toHaveLength(0);
    expect(time.live).toBe(true);
    expect(time.view!.seq).toBe(0);
    expect(time.allocationPoints).toHaveLength(0);
  });
});

describe('Play pressed while a run starts', () => {
  it('is asked of the cluster again once the run has started, and Pause takes it back', () => {
    const h = harness();
    h.time.started();
    h.calls.length = 0;
    // A new run is announced; Play is pressed before the cluster has answered the start.
    h.time.reset(scenario);
    h.time.play();
    expect(h.calls).toEqual(['play']);
    h.time.started();
    expect(h.calls).toEqual(['play', 'play']);
    // Once started, a press is sent once.
    h.time.play();
    expect(h.calls).toEqual(['play', 'play', 'play']);
    // Pause while starting: the run stays paused when it has started.
    h.calls.length = 0;
    h.time.reset(scenario);
    h.time.play();
    h.time.pause();
    h.time.started();
    expect(h.calls).toEqual(['play', 'pause']);
    // No press while starting: nothing is sent.
    h.calls.length = 0;
    h.time.reset(scenario);
    h.time.started();
    expect(h.calls).toEqual([]);
  });
});
