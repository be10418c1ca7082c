/**
 * Pinned traces: the exact trace of a fixed set of runs (the example scenarios, every fault and operator
 * action, every lesson's reference solution), stored gzipped in test/traces/pinned/. The engine may get
 * faster and its code may move, but for these runs it must write the same trace, byte for byte
 * (`pinnedTraces.test.ts`). A change that means to alter behaviour re-pins with `npm run pin-traces` and
 * says why in its commit.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LESSONS } from '../lessons/catalog';
import { learnerScenario } from '../lessons/grade';
import { Simulation } from '../cluster/sim/Simulation';
import { traceToJsonl } from '../cluster/trace';
import { prepareLoader, readScenario, scenarioDir } from './common';

const root = new URL('../../', import.meta.url);
export const PINNED_DIR = fileURLToPath(new URL('test/traces/pinned/', root));

export interface PinnedCase {
  /** The file name under test/traces/pinned/, without `.jsonl.gz`. */
  name: string;
  /** Runs the case and returns its trace as JSON Lines. */
  run(): string;
}

function scenarioCase(file: string, seed?: number): PinnedCase {
  const path = fileURLToPath(new URL(file, root));
  const base = file.replace(/^.*\//, '').replace(/\.json$/, '');
  return {
    name: seed === undefined ? base : `${base}.seed-${seed}`,
    run() {
      const scenario = readScenario(path);
      const s = seed === undefined ? scenario : { ...scenario, seed };
      const sim = new Simulation(s, { loadScheduler: prepareLoader(s, scenarioDir(path)) });
      try {
        return traceToJsonl(sim.run());
      } finally {
        sim.dispose();
      }
    },
  };
}

function lessonCase(id: string, seed: number): PinnedCase {
  return {
    name: `lesson-${id}.seed-${seed}`,
    run() {
      const lesson = LESSONS.find((l) => l.id === id)!;
      const solution = readFileSync(new URL(`src/lessons/${id}/solution.ts`, root), 'utf8');
      const { scenario } = learnerScenario(lesson, solution);
      const s = { ...scenario, seed };
      const sim = new Simulation(s, { loadScheduler: prepareLoader(s, '.') });
      try {
        return traceToJsonl(sim.run());
      } finally {
        sim.dispose();
      }
    },
  };
}

export const PINNED_CASES: readonly PinnedCase[] = [
  scenarioCase('scenarios/drf-paper.json'),
  scenarioCase('scenarios/drf-paper.json', 7),
  scenarioCase('scenarios/batch-service-mix.json'),
  scenarioCase('scenarios/batch-service-mix.json', 7),
  scenarioCase('scenarios/agent-failure.json'),
  scenarioCase('scenarios/agent-failure.json', 7),
  scenarioCase('scenarios/master-failover.json'),
  scenarioCase('scenarios/master-failover.json', 7),
  scenarioCase('test/traces/scenarios/faults-mix.json'),
  scenarioCase('test/traces/scenarios/faults-mix.json', 8),
  scenarioCase('test/traces/scenarios/faults-mix.json', 9),
  ...LESSONS.flatMap((l) => [lessonCase(l.id, 1), lessonCase(l.id, 2)]),
];
