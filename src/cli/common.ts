/**
 * What the command-line tools share: reading and validating a scenario, and loading learners' scheduler
 * files into the Node sandbox (a worker thread per module) before anything is simulated, so bad input
 * exits 2 with nothing run.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseScenario, ScenarioError } from '../cluster/scenario/validate';
import { allFrameworks } from '../cluster/scenario/allFrameworks';
import type { Scenario, SchedulerSpec } from '../cluster/scenario/types';
import { DEFAULT_DRIVER_CONFIG } from '../cluster/sim/Simulation';
import { ProcessSandbox } from './sandbox/ProcessSandbox';
import {
  compileScheduler,
  nodeLoader,
  SchedulerCodeError,
  type NodeLoader,
  type NodeModuleCode,
} from './sandbox/nodeLoader';

/** A problem with the user's input: printed on stderr, exit status 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function readScenario(file: string): Scenario {
  const text = readLearnerFile(file, `cannot read scenario ${file}`);
  try {
    return parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

/**
 * Compiles every learner scheduler (files resolved against `baseDir`) and loads each once, so that syntax
 * errors, missing files and constructors that throw are reported before the simulation starts. Each learner
 * file gets a sandbox process of its own (src/cli/sandbox/ProcessSandbox.ts); `dispose()` on the loader, or
 * the end of the process, ends them.
 */
export function prepareLoader(
  scenario: Scenario,
  baseDir: string,
  budgetMs = DEFAULT_DRIVER_CONFIG.callbackBudgetMs,
): NodeLoader {
  // Every scheduler the run may start: the frameworks', and those that restart-framework brings in.
  const specs: [string, SchedulerSpec][] = [
    ...allFrameworks(scenario).map((f): [string, SchedulerSpec] => [f.id, f.scheduler]),
    ...scenario.actions.flatMap((a): [string, SchedulerSpec][] =>
      a.do === 'restart-framework' ? [[a.framework, a.scheduler]] : [],
    ),
  ];
  const compiled = new Map<string, NodeModuleCode>();
  const latest = new Map<string, NodeModuleCode>();
  /** One sandbox per learner file (or per piece of inline code): a file's modules share its process. */
  const sandboxes = new Map<string, ProcessSandbox>();
  for (const [id, s] of specs) {
    if ('builtin' in s) continue;
    let source: string;
    let name: string;
    let language: 'ts' | 'js';
    let origin: string;
    if ('file' in s) {
      const path = resolve(baseDir, s.file);
      source = readLearnerFile(path, `framework ${id}: cannot read scheduler file ${s.file}`);
      name = s.file;
      language = path.endsWith('.js') || path.endsWith('.mjs') ? 'js' : 'ts';
      origin = `file:${path}`;
    } else {
      source = s.code;
      name = `${id}.${s.language ?? 'ts'}`;
      language = s.language ?? 'ts';
      origin = `code:${s.code}`;
    }
    let sandbox = sandboxes.get(origin);
    if (!sandbox) sandboxes.set(origin, (sandbox = new ProcessSandbox(name)));
    const fail = (message: string): never => {
      for (const sb of sandboxes.values()) sb.dispose();
      throw new InputError(`framework ${id}: ${message}`);
    };
    let code;
    try {
      code = compileScheduler(source, name, language);
    } catch (e) {
      // Compile errors name the file and line already ("mine.ts:3:5: …").
      if (e instanceof SchedulerCodeError) fail(e.message);
      throw e;
    }
    try {
      sandbox.open(code, budgetMs).dispose();
    } catch (e) {
      if (e instanceof SchedulerCodeError)
        fail(`${name}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
      throw e;
    }
    compiled.set(schedulerKey(id, s), { code, sandbox });
    latest.set(id, { code, sandbox });
  }
  return nodeLoader(
    (f) => compiled.get(schedulerKey(f.id, f.scheduler)),
    (id) => latest.get(id),
    budgetMs,
  );
}

/** The most a scenario or scheduler file may hold: anything larger is not a file a person wrote. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file the user named: a regular file (not a device, a pipe or a folder) of at most
 * MAX_INPUT_BYTES. Anything else is refused with `what` and the reason.
 */
export function readLearnerFile(path: string, what: string): string {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new InputError(`${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!stat.isFile()) throw new InputError(`${what}: not a regular file`);
  if (stat.size > MAX_INPUT_BYTES)
    throw new InputError(`${what}: ${stat.size} bytes, more than the ${MAX_INPUT_BYTES} a file may have`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

const schedulerKey = (id: string, s: SchedulerSpec): string =>
  `${id}\u0000${'file' in s ? `file:${s.file}` : 'code' in s ? `code:${s.code}` : 'builtin'}`;

export const scenarioDir = (file: string): string => dirname(resolve(file));
