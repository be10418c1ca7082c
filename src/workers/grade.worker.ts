/**
 * Grades a lesson in the browser, off the page: the lesson's scenario fast-forwarded on three seeds with the
 * learner's code, in-process in this worker (each learner module in its own scope), while the live view plays
 * on. The page terminates this worker if a run does not finish in time (a scheduler that loops).
 */
import * as Comlink from 'comlink';
import { findLesson } from '../lessons/catalog';
import { grade, learnerScenario, runLesson } from '../lessons/grade';
import type { Verdict } from '../lessons/types';
import { compileScheduler, type Compiled } from '../cluster/scheduler/compile';
import { FailedRuntime } from '../cluster/scheduler/runtime';
import type { Scenario } from '../cluster/scenario/types';
import type { SchedulerLoader } from '../cluster/sim/Simulation';
import { summarize, type Summary } from '../cluster/summary';
import { EvalRuntime } from './evalRuntime';

const noop = (): void => undefined;

/** The loader for a scenario whose learner framework carries `{code}`: compiled once, run in EvalRuntime. */
function loaderFor(ts: typeof import('typescript'), scenario: Scenario): SchedulerLoader {
  const compiled = new Map<string, Compiled>();
  for (const f of scenario.frameworks)
    if ('code' in f.scheduler) compiled.set(f.id, compileScheduler(ts, f.scheduler.code, 'learner.ts', 'ts'));
  const loader: SchedulerLoader = (f, seed) => {
    const c = compiled.get(f.id);
    return c
      ? new EvalRuntime(c, noop, noop, undefined, seed)
      : new FailedRuntime(`framework ${f.id} has no code`);
  };
  loader.executor = (frameworkId, className, seed) => {
    const c = compiled.get(frameworkId);
    if (!c) return new FailedRuntime(`no executor class '${className}'`);
    try {
      return new EvalRuntime(c, noop, noop, className, seed);
    } catch (e) {
      return new FailedRuntime((e as Error).message);
    }
  };
  return loader;
}

const api = {
  async grade(lessonId: string, code: string): Promise<Verdict> {
    const lesson = findLesson(lessonId);
    if (!lesson) throw new Error(`no lesson ${lessonId}`);
    const ts = await import('typescript');
    return grade(lesson, code, { loaderFor: (scenario) => loaderFor(ts, scenario) });
  },

  /**
   * How one run of the lesson with this code ends (the summary `npm run sim` prints): the page shows the
   * learner's outcome beside the reference solution's, on the same seed.
   */
  async outcome(lessonId: string, code: string, seed: number): Promise<Summary> {
    const lesson = findLesson(lessonId);
    if (!lesson) throw new Error(`no lesson ${lessonId}`);
    const ts = await import('typescript');
    const { scenario } = learnerScenario(lesson, code);
    const trace = runLesson(scenario, loaderFor(ts, scenario), seed);
    return summarize(trace, { scenario: scenario.name, seed, until: scenario.until });
  },
};

export type GradeApi = typeof api;
Comlink.expose(api);
