/**
 * `npm run explore -- SCENARIO_OR_LESSON FILE.ts [--runs N] [--seed S] [--max-faults K]`: runs the scheduler
 * in FILE.ts many times under random fault schedules (src/explore), and shrinks the first schedule that
 * breaks an invariant to its smallest form. SCENARIO_OR_LESSON is a scenario file, whose frameworks with a
 * `{"file": …}` scheduler run FILE.ts, or a lesson (its folder name or number), whose checks are judged
 * too, against the lesson's reference solution under the same faults.
 *
 * Exit 0 when no run failed (a JSON summary on stdout), 1 with the smallest failing schedule as JSON on
 * stdout, 2 on bad input (message on stderr). Every learner file runs in a sandbox process of its own,
 * started once and reused by every run.
 */
import * as fs from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError } from '../cluster/scenario/validate';
import { Simulation } from '../cluster/sim/Simulation';
import { DEFAULT_EXPLORE, explore, type ExploreResult, type RunRequest } from '../explore/Explorer';
import { FAULT_KINDS, type FaultKind } from '../explore/schedule';
import { hasInvariant, runInvariantNow } from '../explore/learnerInvariant';
import { LESSON_FILE, lessonTarget, prepareRun, scenarioTarget } from '../explore/target';
import { findLesson, LESSONS } from '../lessons/catalog';
import { loadLessonContent } from '../lessons/node';
import { InputError, prepareLoader, readLearnerFile } from './common';
import { compileScheduler, type NodeLoader } from './sandbox/nodeLoader';

const USAGE =
  'usage: npm run explore -- SCENARIO_OR_LESSON FILE.ts [--runs N] [--seed S] [--max-faults K] [--faults KIND,…]\n' +
  '  SCENARIO_OR_LESSON: a scenario file (its frameworks with a {"file": …} scheduler run FILE.ts),\n' +
  '                      or a lesson folder name or number';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

interface Args {
  target: string;
  file: string;
  runs: number;
  seed: number;
  maxFaults: number;
  kinds?: FaultKind[];
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const numbers: Record<string, number> = {};
  const rules: Record<string, { ok: (n: number) => boolean; what: string }> = {
    '--runs': {
      ok: (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000,
      what: 'a whole number from 1 to 1000000',
    },
    '--seed': {
      ok: (n) => Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 1,
      what: 'a whole number from 0 to 2147483647',
    },
    '--max-faults': {
      ok: (n) => Number.isInteger(n) && n >= 1 && n <= 20,
      what: 'a whole number from 1 to 20',
    },
  };
  let kinds: FaultKind[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    if (a === '--faults' || a.startsWith('--faults=')) {
      const text = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const list = (text ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      const unknown = list.find((k) => !(FAULT_KINDS as readonly string[]).includes(k));
      if (list.length === 0 || unknown !== undefined)
        throw new InputError(
          `--faults: expected fault kinds separated by commas (${FAULT_KINDS.join(', ')}), got ${JSON.stringify(unknown ?? text ?? '')}`,
        );
      kinds = list as FaultKind[];
      continue;
    }
    const [name, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined];
    const rule = rules[name];
    if (!rule) throw new InputError(`unknown option ${name}\n${USAGE}`);
    const text = inline ?? argv[++i];
    const n = Number(text);
    if (text === undefined || text.trim() === '' || !rule.ok(n))
      throw new InputError(
        `${name}: expected ${rule.what}, got ${text === undefined ? 'nothing' : JSON.stringify(text)}`,
      );
    numbers[name] = n;
  }
  if (positional.length !== 2) throw new InputError(USAGE);
  return {
    target: positional[0]!,
    file: positional[1]!,
    runs: numbers['--runs'] ?? DEFAULT_EXPLORE.runs,
    seed: numbers['--seed'] ?? DEFAULT_EXPLORE.seed,
    maxFaults: numbers['--max-faults'] ?? DEFAULT_EXPLORE.maxFaults,
    ...(kinds ? { kinds } : {}),
  };
}

/** Reads code and loads it into a sandbox once: bad code is bad input (exit 2) before anything runs. */
function loaderFor(scenario: ReturnType<typeof prepareRun>, name: string): NodeLoader {
  try {
    return prepareLoader(scenario, '.');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // prepareLoader names inline code after its framework; the learner knows it by its file name.
    const fw = /^framework ([^:]+): /.exec(e.message)?.[1];
    if (fw === undefined) throw e;
    throw new InputError(e.message.slice(`framework ${fw}: `.length).replace(/[\w-]+\.(ts|js)/, name));
  }
}

function main(argv: string[], out: Output): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  const path = resolve(args.file);
  const code = readLearnerFile(path, `cannot read ${args.file}`);
  const language = /\.(m?js)$/.test(path) ? 'js' : 'ts';

  const lesson = findLesson(args.target);
  const isScenarioFile = /\.json$/i.test(args.target) || fs.existsSync(args.target);
  if (!lesson && !isScenarioFile)
    throw new InputError(
      `"${args.target}" is neither a scenario file nor a lesson; the lessons are:\n${LESSONS.map((l) => `  ${String(l.order).padStart(2)}  ${l.id}`).join('\n')}`,
    );

  let raw: Record<string, unknown>;
  let fileInScenario: string;
  let reference: string | null = null;
  if (lesson && !isScenarioFile) {
    raw = structuredClone(lesson.scenario) as Record<string, unknown>;
    fileInScenario = LESSON_FILE;
    reference = loadLessonContent(fs, lesson.id).solution;
  } else {
    const text = readLearnerFile(args.target, `cannot read scenario ${args.target}`);
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new InputError(`${args.target}: $: expected valid JSON; ${(e as Error).message}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new InputError(`${args.target}: $: expected an object`);
    // The file's own name for the scheduler under test: the one file scheduler it names.
    fileInScenario = '';
  }

  let target;
  try {
    if (lesson && !isScenarioFile) target = lessonTarget(lesson, true);
    else {
      const files = fileSchedulers(raw);
      if (files.length !== 1)
        throw new InputError(
          `${args.target}: expected exactly one scheduler {"file": …} for ${basename(args.file)} to replace, found ${files.length ? files.map((f) => JSON.stringify(f)).join(', ') : 'none'}`,
        );
      fileInScenario = files[0]!;
      target = scenarioTarget(raw, fileInScenario);
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(`${args.target}: ${e.message}`);
    throw e;
  }

  const tested = loaderFor(prepareRun(raw, fileInScenario, code, language), basename(args.file));
  const withInvariant = hasInvariant(compileScheduler(code, basename(args.file), language).js);
  const referenceLoader =
    reference !== null ? loaderFor(prepareRun(raw, fileInScenario, reference), 'solution.ts') : null;
  const run = (request: RunRequest) => {
    const isReference = request.which === 'reference' && reference !== null;
    const scenario = prepareRun(
      request.raw,
      fileInScenario,
      isReference ? reference! : code,
      isReference ? 'ts' : language,
    );
    const sim = new Simulation(scenario, { loadScheduler: isReference ? referenceLoader! : tested });
    let trace;
    try {
      trace = sim.run();
    } finally {
      sim.dispose();
    }
    // The learner's own invariant, when the file exports one, judges the run in the file's sandbox.
    if (isReference || !withInvariant) return { trace, scenario };
    return {
      trace,
      scenario,
      invariant: runInvariantNow(tested, target.frameworks[0]!, scenario.seed, trace),
    };
  };
  const started = performance.now();
  let result: ExploreResult;
  try {
    result = explore(target, run, {
      runs: args.runs,
      seed: args.seed,
      maxFaults: args.maxFaults,
      ...(args.kinds ? { kinds: args.kinds } : {}),
    });
  } finally {
    tested.dispose();
    referenceLoader?.dispose();
  }
  const seconds = Math.round(performance.now() - started) / 1000;
  const summary = {
    runs: result.runs,
    faultsTried: result.faultsTried,
    simulations: result.simulations,
    seconds,
    ...(result.unfair > 0 ? { checksTheReferenceFailedToo: result.unfair } : {}),
  };
  if (!result.failure) {
    out.stdout(`${JSON.stringify({ failed: false, ...summary }, null, 2)}\n`);
    return 0;
  }
  const f = result.failure;
  // The scenario as a file beside the original would say it: the scheduler under test by its path.
  const scenario = structuredClone(f.scenario);
  if (!lesson || isScenarioFile) {
    const rel = relative(dirname(resolve(args.target)), path) || basename(path);
    replaceFileNames(scenario, fileInScenario, rel);
  }
  out.stdout(
    `${JSON.stringify(
      {
        failed: true,
        invariant: f.violation.invariant,
        at: f.violation.at,
        framework: f.violation.framework,
        ...(f.violation.task !== undefined ? { task: f.violation.task } : {}),
        explanation: f.words.en,
        explanation_zh: f.words.zh,
        seed: f.seed,
        faults: f.faults,
        scenario,
        ...summary,
      },
      null,
      2,
    )}\n`,
  );
  return 1;
}

/** The distinct `file` names of a scenario file's schedulers (frameworks, added ones and failovers). */
function fileSchedulers(raw: Record<string, unknown>): string[] {
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const s = o.scheduler as Record<string, unknown> | undefined;
      if (s && typeof s === 'object' && typeof s.file === 'string') names.add(s.file);
      for (const x of Object.values(o)) visit(x);
    }
  };
  visit(raw.frameworks);
  visit(raw.actions);
  return [...names];
}

function replaceFileNames(v: unknown, from: string, to: string): void {
  if (Array.isArray(v)) v.forEach((x) => replaceFileNames(x, from, to));
  else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.file === from && Object.keys(o).length === 1) o.file = to;
    for (const x of Object.values(o)) replaceFileNames(x, from, to);
  }
}

/** Runs the command with these arguments and returns its exit status (tests call it in-process). */
export function exploreCommand(argv: string[], out: Output = processOutput): number {
  try {
    return main(argv, out);
  } catch (e) {
    if (e instanceof InputError) {
      out.stderr(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ScenarioError) {
      out.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

// Run when executed (npm run explore), not when imported.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = exploreCommand(process.argv.slice(2));
