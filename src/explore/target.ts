/**
 * What the explorer explores: a scenario file whose frameworks with `{"file": NAME}` schedulers are the ones
 * under test, or a lesson (its scenario, its learner framework, its checks). The file's scheduler is
 * replaced by code only when a run is prepared, so that the schedule found is a scenario file as written.
 */
import { allFrameworks } from '../cluster/scenario/allFrameworks';
import { parseScenario } from '../cluster/scenario/validate';
import type { Action, FrameworkSpec, Scenario, SchedulerSpec } from '../cluster/scenario/types';
import { LEARNER_FILE } from '../lessons/grade';
import type { LessonEntry } from '../lessons/types';
import type { ExploreTarget } from './Explorer';
import { worldOf } from './schedule';

/** The file name a lesson's scenario gives the learner's scheduler. */
export const LESSON_FILE = LEARNER_FILE;

const isFile = (s: SchedulerSpec, file: string): boolean => 'file' in s && s.file === file;

/** The ids of the frameworks whose scheduler is `{"file": file}`. */
export function frameworksWithFile(scenario: Scenario, file: string): string[] {
  return allFrameworks(scenario)
    .filter((f) => isFile(f.scheduler, file))
    .map((f) => f.id);
}

/** The scenario with `spec` wherever it says `{"file": file}`: frameworks, added ones, and failovers. */
export function withScheduler(scenario: Scenario, file: string, spec: SchedulerSpec): Scenario {
  const framework = (f: FrameworkSpec): FrameworkSpec =>
    isFile(f.scheduler, file) ? { ...f, scheduler: spec } : f;
  const action = (a: Action): Action => {
    if (a.do === 'add-framework') return { ...a, framework: framework(a.framework) };
    if (a.do === 'restart-framework' && isFile(a.scheduler, file)) return { ...a, scheduler: spec };
    return a;
  };
  return {
    ...scenario,
    frameworks: scenario.frameworks.map(framework),
    actions: scenario.actions.map(action),
  };
}

/** Validates a scenario file and puts `code` in place of `{"file": file}`. */
export function prepareRun(
  raw: Record<string, unknown>,
  file: string,
  code: string,
  language: 'ts' | 'js' = 'ts',
): Scenario {
  return withScheduler(parseScenario(raw), file, { code, language });
}

/** A scenario file explored with the frameworks whose scheduler is `{"file": file}` under test. */
export function scenarioTarget(raw: Record<string, unknown>, file: string): ExploreTarget {
  const scenario = parseScenario(raw);
  const frameworks = frameworksWithFile(scenario, file);
  if (frameworks.length === 0)
    throw new Error(`the scenario has no framework whose scheduler is {"file": "${file}"}`);
  return { raw, world: worldOf(scenario, frameworks), frameworks };
}

/** A lesson explored with the learner's framework under test, its checks judged against the reference. */
export function lessonTarget(lesson: LessonEntry, reference: boolean): ExploreTarget {
  const raw = structuredClone(lesson.scenario) as Record<string, unknown>;
  const target = scenarioTarget(raw, LESSON_FILE);
  return {
    ...target,
    lesson: {
      checks: lesson.checks,
      framework: target.frameworks[0]!,
      reference,
      under: lesson.checkedUnder ?? [],
    },
  };
}
