/**
 * Verdicts you can see, in Node: Check plays the graded run (the lesson's scenario with the learner's code,
 * on the first seed) in the live view; a failed check's moment moves the time line there, on the seed it
 * failed on, marks its event and highlights what it names; the outcome sits beside the goal.
 */
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../cluster/summary';
import type { TraceBody } from '../../cluster/trace';
import { fakeClient } from '../../editor/testing/fakeClient';
import { findLesson } from '../../lessons/catalog';
import type { Verdict } from '../../lessons/types';
import { Lab } from '../state/Lab.svelte';
import { Ui } from '../state/Ui.svelte';
import { playbackSpeed, VerdictPlayback, type CheckResult } from './VerdictPlayback.svelte';

const lesson = findLesson('02-first-framework')!;
const CODE = '// the learner’s code\nexport default class {}\n';

/** The graded run as the cluster would stream it. */
const RUN: (TraceBody & { t: number })[] = [
  { t: 0, type: 'leader', master: 'master/1' },
  { t: 0.001, type: 'agent-added', agent: 'agent1', resources: { cpus: 1, mem: 1024 } },
  { t: 0.002, type: 'framework-added', framework: 'hello', roles: ['*'] },
  {
    t: 1,
    type: 'offer',
    offer: 'O-1',
    framework: 'hello',
    role: '*',
    agent: 'agent1',
    resources: { cpus: 1, mem: 1024 },
  },
  { t: 1.002, type: 'decline', offer: 'O-1', framework: 'hello', refuseSeconds: 5 },
  { t: 4, type: 'log', framework: 'hello', level: 'log', text: 'still waiting' },
];

const summary = (running: number): Summary => ({
  scenario: 'first-framework',
  seed: 1,
  until: 10,
  events: 1,
  frameworks: {
    hello: { offers: 1, declined: 0, launched: 1, states: { TASK_FINISHED: 1 }, running, dominantShare: 0 },
  },
  cluster: { agents: 2, total: {}, used: {}, utilisation: {} },
});

/** `stream` is what the cluster sends when the time line plays it on (by default the whole graded run). */
function harness(verdict: Verdict, stream = (client: ReturnType<typeof fakeClient>) => client.emit(RUN)) {
  const client = fakeClient();
  const started: { seed: number; frameworks: string[] }[] = [];
  const start = client.start.bind(client);
  client.start = async (scenario, options) => {
    started.push({ seed: scenario.seed, frameworks: scenario.frameworks.map((f) => f.id) });
    await start(scenario, options);
  };
  const plays: string[] = [];
  client.play = () => void plays.push('play');
  const frames = { now: () => 0, request: () => 1, cancel: () => undefined };
  const lab = new Lab(client, [], {
    frames,
    address: { hash: () => '', href: () => 'x', replaceHash: () => undefined },
  });
  const ui = new Ui('');
  const outcomes: string[] = [];
  const playback = new VerdictPlayback(lab, ui, {
    grade: async () => verdict,
    outcome: async (_id, code, seed) => {
      outcomes.push(`${code === CODE ? 'yours' : 'goal'}@${seed}`);
      return summary(code === CODE ? 0 : 1);
    },
    // The cluster "runs": it streams the graded run when the time line asks it to play.
    until: async (done) => {
      stream(client);
      return done();
    },
  });
  return { client, lab, ui, playback, started, plays, outcomes };
}

const failing: CheckResult = {
  name: 'Launched a task',
  name_zh: '启动了一个任务',
  passed: false,
  detail: 'Seed 2: at t=1.002 hello declined O-1 instead of launching.',
  detail_zh: '种子 2：…',
  seed: 2,
  at: 1.002,
};
const verdict: Verdict = { lesson: lesson.id, passed: false, checks: [failing], seeds: [1, 2, 3] };

describe('verdicts you can see', () => {
  it('hears the verdict before the graded run has loaded in the live view (a reload then keeps it)', async () => {
    const h = harness({ ...verdict, passed: true, checks: [] });
    let loaded!: () => void;
    const start = h.client.start.bind(h.client);
    h.client.start = async (scenario, options) => {
      await new Promise<void>((r) => (loaded = r));
      await start(scenario, options);
    };
    const heard: boolean[] = [];
    const done = h.playback.check(lesson, CODE, null, (v) => heard.push(v.passed));
    await expect.poll(() => heard).toEqual([true]);
    expect(h.started).toEqual([]);
    loaded();
    await done;
    expect(h.started).toEqual([{ seed: 1, frameworks: ['hello'] }]);
  });

  it('Check plays the graded run’s first seed, with the learner’s framework, at a watchable speed', async () => {
    const { playback, started, plays, lab, outcomes } = harness(verdict);
    const result = await playback.check(lesson, CODE, '// the reference solution\n');
    expect(result).toBe(verdict);
    expect(started).toEqual([{ seed: 1, frameworks: ['hello'] }]);
    expect(plays).toEqual(['play']);
    expect(playback.showing).toBe(true);
    expect(lab.time.speed).toBe(playbackSpeed(10));
    // The outcome beside the goal: the same seed, the learner's code and the reference solution.
    await new Promise((r) => setTimeout(r, 0));
    expect(outcomes.sort()).toEqual(['goal@1', 'yours@1']);
    expect(playback.outcomes?.yours.frameworks.hello?.running).toBe(0);
    expect(playback.outcomes?.goal.frameworks.hello?.running).toBe(1);
  });

  it('a failed check’s moment moves the time line there, on its seed, and marks its event', async () => {
    const { playback, started, lab, ui } = harness(verdict);
    await playback.check(lesson, CODE, null);
    await playback.jump(failing);
    // The check failed on seed 2: that run is loaded, played to the moment, and shown there.
    expect(started.at(-1)).toEqual({ seed: 2, frameworks: ['hello'] });
    expect(lab.time.live).toBe(false);
    expect(lab.time.now).toBeCloseTo(1.002);
    const marked = lab.time.trace[ui.moment!]!;
    expect(marked).toMatchObject({ type: 'decline', offer: 'O-1' });
    expect(ui.highlight).toEqual({ framework: 'hello', agent: 'agent1', offer: 'O-1' });
  });

  it('a moment the cluster’s clock has just reached is played past, then shown in the run’s past', async () => {
    let asked = 0;
    const h = harness(verdict, (client) => {
      asked++;
      client.emit(RUN.slice(5));
    });
    await h.playback.check(lesson, CODE, null);
    await h.playback.show(2, false);
    // The live view has streamed the run up to the moment and no further; its clock is there.
    h.client.emit(RUN.slice(0, 5));
    h.client.setStatus({ now: 1.002 });
    await h.playback.jump(failing);
    expect(asked).toBe(1);
    expect(h.lab.time.live).toBe(false);
    expect(h.lab.time.now).toBeCloseTo(1.002);
    expect(h.lab.time.trace[h.ui.moment!]).toMatchObject({ type: 'decline', offer: 'O-1' });
  });

  it('a moment asked for before the graded run has loaded moves in that run, without starting another', async () => {
    const h = harness({ ...verdict, checks: [{ ...failing, seed: 1 }] });
    let loaded: (() => void) | undefined;
    let calls = 0;
    const start = h.client.start.bind(h.client);
    h.client.start = async (scenario, options) => {
      if (calls++ === 0) await new Promise<void>((r) => (loaded = r));
      await start(scenario, options);
    };
    const heard: boolean[] = [];
    const checked = h.playback.check(lesson, CODE, null, (v) => heard.push(v.passed));
    await expect.poll(() => heard).toEqual([false]);
    await expect.poll(() => loaded).toBeDefined();
    const jumped = h.playback.jump({ ...failing, seed: 1 });
    loaded!();
    await Promise.all([checked, jumped]);
    expect(h.started).toEqual([{ seed: 1, frameworks: ['hello'] }]);
    expect(h.lab.time.live).toBe(false);
    expect(h.lab.time.trace[h.ui.moment!]).toMatchObject({ type: 'decline', offer: 'O-1' });
  });

  it('a check without a moment has nothing to jump to', async () => {
    const { playback, lab } = harness(verdict);
    await playback.check(lesson, CODE, null);
    const generation = lab.time.generation;
    await playback.jump({ ...failing, at: undefined as never });
    expect(lab.time.generation).toBe(generation);
  });

  it('plays long runs faster, short ones in real time', () => {
    expect(playbackSpeed(10)).toBe(1);
    expect(playbackSpeed(120)).toBe(10);
    expect(playbackSpeed(600)).toBe(50);
  });
});
