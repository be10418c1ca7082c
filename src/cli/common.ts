/**
 * What the command-line tools share: reading and validating a scenario, and loading learners' scheduler
 * files into the Node sandbox (a worker thread per module) before anything is simulated, so bad input
 * exits 2 with nothing run.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseScenario, ScenarioError } from '../cluster/scenario/validate';
import type { FrameworkSpec, Scenario, SchedulerSpec } from '../cluster/scenario/types';
import type { SchedulerLoader } from '../cluster/sim/Simulation';
import { DEFAULT_DRIVER_CONFIG } from '../cluster/sim/Simulation';
import { FailedRuntime } from '../cluster/scheduler/runtime';
import { compileScheduler, SchedulerCodeError, ThreadRuntime, type Compiled } from './sandbox';

/** A problem with the user's input: printed on stderr, exit status 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function readScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(
      `cannot read scenario ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Every framework of the scenario, those added by actions included. */
export function allFrameworks(s: Scenario): FrameworkSpec[] {
  return [...s.frameworks, ...s.actions.flatMap((a) => (a.do === 'add-framework' ? [a.framework] : []))];
}

/**
 * Compiles every learner scheduler (files resolved against `baseDir`) and instantiates each once, so that
 * syntax errors, missing files and constructors that throw are reported before the simulation starts.
 * Each runtime the loader then makes runs on a worker thread of its own; `Simulation.dispose()` stops them.
 */
export function prepareLoader(
  scenario: Scenario,
  baseDir: string,
  budgetMs = DEFAULT_DRIVER_CONFIG.callbackBudgetMs,
): SchedulerLoader {
  // Every scheduler the run may start: the frameworks', and those that restart-framework brings in.
  const specs: [string, SchedulerSpec][] = [
    ...allFrameworks(scenario).map((f): [string, SchedulerSpec] => [f.id, f.scheduler]),
    ...scenario.actions.flatMap((a): [string, SchedulerSpec][] =>
      a.do === 'restart-framework' ? [[a.framework, a.scheduler]] : [],
    ),
  ];
  const compiled = new Map<string, { code: Compiled; name: string }>();
  const latest = new Map<string, { code: Compiled; name: string }>();
  for (const [id, s] of specs) {
    if ('builtin' in s) continue;
    let source: string;
    let name: string;
    let language: 'ts' | 'js';
    if ('file' in s) {
      const path = resolve(baseDir, s.file);
      try {
        source = readFileSync(path, 'utf8');
      } catch (e) {
        throw new InputError(
          `framework ${id}: cannot read scheduler file ${s.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
      name = s.file;
      language = path.endsWith('.js') || path.endsWith('.mjs') ? 'js' : 'ts';
    } else {
      source = s.code;
      name = `${id}.${s.language ?? 'ts'}`;
      language = s.language ?? 'ts';
    }
    try {
      const code = compileScheduler(source, name, language);
      new ThreadRuntime(code, budgetMs, name).dispose();
      compiled.set(schedulerKey(id, s), { code, name });
      latest.set(id, { code, name });
    } catch (e) {
      if (e instanceof SchedulerCodeError) throw new InputError(`framework ${id}: ${e.message}`);
      throw e;
    }
  }
  const loader: SchedulerLoader = (f, seed) => {
    const c = compiled.get(schedulerKey(f.id, f.scheduler));
    if (!c) throw new InputError(`framework ${f.id}: its scheduler was not prepared`);
    return new ThreadRuntime(c.code, budgetMs, c.name, undefined, seed);
  };
  // Executor classes come from the framework's module (the latest one, after a restart).
  loader.executor = (frameworkId, className, seed) => {
    const c = latest.get(frameworkId);
    if (!c)
      return new FailedRuntime(`no executor class '${className}': framework ${frameworkId} has no code`);
    try {
      return new ThreadRuntime(c.code, budgetMs, c.name, className, seed);
    } catch (e) {
      return new FailedRuntime(e instanceof Error ? e.message : String(e));
    }
  };
  return loader;
}

const schedulerKey = (id: string, s: SchedulerSpec): string =>
  `${id}\u0000${'file' in s ? `file:${s.file}` : 'code' in s ? `code:${s.code}` : 'builtin'}`;

export const scenarioDir = (file: string): string => dirname(resolve(file));
