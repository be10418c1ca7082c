/**
 * `npm run sim -- SCENARIO.json [--seed N] [--until SECONDS] [--trace FILE.jsonl] [--scheduler ID=FILE.ts]`
 * (CONTRACTS.md §4): simulates headless and prints one JSON summary. Exit 0 on success, 2 on bad input.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Simulation, SimulationStalled } from '../cluster/sim/Simulation';
import { summarize } from '../cluster/summary';
import { traceToJsonl } from '../cluster/trace';
import { allFrameworks } from '../cluster/scenario/allFrameworks';
import { InputError, prepareLoader, readScenario, scenarioDir } from './common';

const USAGE =
  'usage: npm run sim -- SCENARIO.json [--seed N] [--until SECONDS] [--trace FILE.jsonl] [--scheduler ID=FILE.ts]';

interface Args {
  scenario: string;
  seed?: number;
  until?: number;
  trace?: string;
  schedulers: [string, string][];
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { schedulers: [string, string][] } = { schedulers: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new InputError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--seed') {
      const v = value();
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 0)
        throw new InputError(`--seed: expected a non-negative integer, got ${v}`);
      args.seed = n;
    } else if (a === '--until') {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0)
        throw new InputError(`--until: expected a positive number of seconds, got ${v}`);
      args.until = n;
    } else if (a === '--trace') args.trace = value();
    else if (a === '--scheduler') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq <= 0 || eq === v.length - 1) throw new InputError(`--scheduler: expected ID=FILE.ts, got ${v}`);
      args.schedulers.push([v.slice(0, eq), v.slice(eq + 1)]);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('--')) throw new InputError(`unknown option ${a}\n${USAGE}`);
    else if (args.scenario === undefined) args.scenario = a;
    else throw new InputError(`unexpected argument ${a}\n${USAGE}`);
  }
  if (args.scenario === undefined) throw new InputError(USAGE);
  return args as Args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const scenario = readScenario(args.scenario);
  if (args.seed !== undefined) scenario.seed = args.seed;
  if (args.until !== undefined) scenario.until = args.until;
  const ids = new Set(allFrameworks(scenario).map((f) => f.id));
  // --scheduler paths are relative to the working directory; paths inside the scenario to its folder.
  for (const [id, file] of args.schedulers) {
    if (!ids.has(id))
      throw new InputError(
        `--scheduler ${id}=${file}: the scenario has no framework "${id}" (it has: ${[...ids].join(', ') || 'none'})`,
      );
    for (const f of allFrameworks(scenario)) if (f.id === id) f.scheduler = { file: resolve(file) };
  }
  const loadScheduler = prepareLoader(scenario, scenarioDir(args.scenario));
  const sim = new Simulation(scenario, { loadScheduler });
  let trace;
  try {
    trace = sim.run();
  } finally {
    sim.dispose();
  }
  if (args.trace) writeFileSync(args.trace, traceToJsonl(trace));
  const summary = summarize(trace, { scenario: scenario.name, seed: scenario.seed, until: scenario.until });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

try {
  main();
} catch (e) {
  if (e instanceof InputError || e instanceof SimulationStalled) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
