/**
 * The player's controls while a run starts: starting compiles the learners' code first (seconds, in the
 * browser), and a Play pressed meanwhile must not be lost; a Pause pressed after it takes it back.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseScenario } from '../cluster/scenario/validate';
import type { Scenario } from '../cluster/scenario/types';
import drfPaper from '../../scenarios/drf-paper.json';
import { SimulationPlayer } from './SimulationPlayer';

function player() {
  const compiling: (() => void)[] = [];
  const p = new SimulationPlayer(
    { trace: () => {}, status: () => {} },
    {
      now: () => 0,
      // Nothing is scheduled: the test sees whether the player wants to play, not the clock.
      schedule: () => 0,
      // Compiling the learners' code: the start waits until the test lets it finish.
      prepare: (scenario: Scenario) =>
        new Promise<Scenario>((resolve) => compiling.push(() => resolve(scenario))),
    },
  );
  /** Lets the oldest start still compiling finish. */
  const compile = async (): Promise<void> => {
    await vi.waitFor(() => expect(compiling.length).toBeGreaterThan(0));
    compiling.shift()!();
  };
  return { p, compile };
}

const scenario = parseScenario(drfPaper);

describe('the player while a run starts', () => {
  it('plays once started when Play was pressed during the start', async () => {
    const { p, compile } = player();
    const started = p.start(scenario);
    p.play();
    expect(p.status().playing).toBe(false);
    await compile();
    await started;
    expect(p.status().playing).toBe(true);
  });

  it('stays paused when Pause followed Play during the start', async () => {
    const { p, compile } = player();
    const started = p.start(scenario);
    p.play();
    p.pause();
    await compile();
    await started;
    expect(p.status().playing).toBe(false);
  });

  it('a press for a start that a later start overtook does not carry over to it', async () => {
    const { p, compile } = player();
    const first = p.start(scenario);
    p.play();
    const second = p.start(scenario);
    await compile();
    await first;
    await compile();
    await second;
    expect(p.status().playing).toBe(false);
  });

  it('stays paused after a start nobody pressed Play for', async () => {
    const { p, compile } = player();
    const started = p.start(scenario);
    await compile();
    await started;
    expect(p.status().playing).toBe(false);
  });
});
