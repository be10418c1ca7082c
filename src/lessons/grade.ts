/**
 * Grading: a lesson's scenario runs with the learner's code in place of `{"file": "learner.ts"}`, once per
 * seed, and every check judges each run's trace. A check passes only if it passes on every seed, so that
 * luck (an agent order, a backoff draw) cannot pass a lesson. The caller supplies the loader for the
 * learner's code, so the same function runs in Node (sandbox processes) and in a browser worker.
 */
import { parseScenario } from '../cluster/scenario/validate';
import { allFrameworks } from '../cluster/scenario/allFrameworks';
import type { Scenario } from '../cluster/scenario/types';
import { Simulation, type SchedulerLoader } from '../cluster/sim/Simulation';
import type { TraceEvent } from '../cluster/trace';
import { errorsOf, firstTaskError, fmt, taskRuns } from './checkKit';
import type { CheckResult, CheckVerdict, LessonEntry, Verdict } from './types';

/** The file name a lesson's scenario gives the learner's scheduler. */
export const LEARNER_FILE = 'learner.ts';

export const DEFAULT_SEEDS: readonly number[] = [1, 2, 3];

export interface GradeOptions {
  /**
   * Builds the scheduler loader for a scenario whose learner framework has a `{code, language}` scheduler.
   * It compiles the code once and should throw when the code does not compile or has no default export.
   */
  loaderFor: (scenario: Scenario) => SchedulerLoader;
  seeds?: readonly number[];
  language?: 'ts' | 'js';
}

/**
 * The lesson's scenario, validated, with the learner's code in place of `{"file": "learner.ts"}`.
 * Throws if the lesson's scenario is invalid or has no single learner framework (an authoring mistake).
 */
export function learnerScenario(
  lesson: LessonEntry,
  code: string,
  language: 'ts' | 'js' = 'ts',
): { scenario: Scenario; framework: string } {
  const scenario = parseScenario(structuredClone(lesson.scenario));
  const learners = allFrameworks(scenario).filter(
    (f) => 'file' in f.scheduler && f.scheduler.file === LEARNER_FILE,
  );
  if (learners.length !== 1)
    throw new Error(
      `lesson ${lesson.id}: the scenario must have exactly one framework with {"file": "${LEARNER_FILE}"}, found ${learners.length}`,
    );
  const fw = learners[0]!;
  fw.scheduler = { code, language };
  // A scripted scheduler failover of the learner's framework restarts the learner's own code (lesson 13).
  for (const a of scenario.actions)
    if (
      a.do === 'restart-framework' &&
      a.framework === fw.id &&
      'file' in a.scheduler &&
      a.scheduler.file === LEARNER_FILE
    )
      a.scheduler = { code, language };
  return { scenario, framework: fw.id };
}

/** Runs the lesson's scenario with the learner's code on one seed and returns the trace. */
export function runLesson(scenario: Scenario, loader: SchedulerLoader, seed: number): TraceEvent[] {
  const sim = new Simulation({ ...scenario, seed }, { loadScheduler: loader });
  try {
    return sim.run();
  } finally {
    sim.dispose();
  }
}

/** `runLesson` for learner code whose sandbox answers asynchronously (the browser's). */
export async function runLessonAsync(
  scenario: Scenario,
  loader: SchedulerLoader,
  seed: number,
): Promise<TraceEvent[]> {
  const sim = new Simulation({ ...scenario, seed }, { loadScheduler: loader });
  try {
    return await sim.runAsync();
  } finally {
    sim.dispose();
  }
}

function runCheck(
  check: LessonEntry['checks'][number],
  trace: readonly TraceEvent[],
  scenario: Scenario,
  framework: string,
  seed: number,
): CheckResult {
  try {
    return check.run(trace, { scenario: { ...scenario, seed }, framework, seed });
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return {
      passed: false,
      detail: `The check itself failed (${m}); please report this lesson.`,
      detail_zh: `检查程序本身出错（${m}），请报告这一课的问题。`,
    };
  }
}

interface Note {
  en: string;
  zh: string;
  /** The text the note quotes, so it is not repeated when a check's detail already says it. */
  quotes: string;
}

/** A note about exceptions the learner's code threw, added to failed checks: often the real cause. */
function errorNote(trace: readonly TraceEvent[], framework: string): Note | null {
  const errs = errorsOf(trace, framework);
  const first = errs[0];
  if (!first) return null;
  const where = `${first.callback ? ` in ${first.callback}` : ''}${first.line !== undefined ? `, line ${first.line}` : ''}`;
  const whereZh = `${first.callback ? `（${first.callback}` : '（'}${first.line !== undefined ? `，第 ${first.line} 行）` : '）'}`;
  const more = errs.length > 1 ? ` (${errs.length} errors in all)` : '';
  const moreZh = errs.length > 1 ? `（共 ${errs.length} 个错误）` : '';
  return {
    en: ` Note: at t=${fmt(first.t)} your scheduler reported an error${where}: ${first.message}${more}.`,
    zh: ` 注意：t=${fmt(first.t)} 时你的调度器报告了错误${whereZh}：${first.message}${moreZh}。`,
    quotes: first.message,
  };
}

/**
 * A note about the first task the master rejected with TASK_ERROR, added to failed checks: a rejected task
 * never runs, so a check about the work it should have done fails far from the cause.
 */
function taskErrorNote(trace: readonly TraceEvent[], framework: string): Note | null {
  const err = firstTaskError(taskRuns(trace, framework));
  if (!err) return null;
  return {
    en: ` Note: at t=${fmt(err.t)} the master rejected task ${err.task} with TASK_ERROR: ${err.message}.`,
    zh: ` 注意：t=${fmt(err.t)} 时 master 以 TASK_ERROR 拒绝了任务 ${err.task}：${err.message}。`,
    quotes: err.message,
  };
}

/**
 * Grades `code` on `lesson`. Throws whatever `options.loaderFor` throws for code that cannot be loaded,
 * so the caller can report it as bad input.
 */
export function grade(lesson: LessonEntry, code: string, options: GradeOptions): Verdict {
  const run = prepareGrading(lesson, code, options);
  return judge(
    run,
    run.seeds.map((seed) => runLesson(run.scenario, run.loader, seed)),
  );
}

/**
 * `grade` for learner code whose sandbox answers asynchronously (the browser's): the seeds run side by
 * side, each in sandbox workers of its own. The verdict is the same as `grade`'s for the same traces.
 */
export async function gradeAsync(lesson: LessonEntry, code: string, options: GradeOptions): Promise<Verdict> {
  const run = prepareGrading(lesson, code, options);
  const traces = await Promise.all(run.seeds.map((seed) => runLessonAsync(run.scenario, run.loader, seed)));
  return judge(run, traces);
}

interface GradingRun {
  lesson: LessonEntry;
  scenario: Scenario;
  framework: string;
  loader: SchedulerLoader;
  seeds: number[];
}

function prepareGrading(lesson: LessonEntry, code: string, options: GradeOptions): GradingRun {
  const seeds = [...(options.seeds ?? DEFAULT_SEEDS)];
  if (seeds.length === 0) throw new Error('grade: at least one seed is needed');
  const { scenario, framework } = learnerScenario(lesson, code, options.language);
  return { lesson, scenario, framework, loader: options.loaderFor(scenario), seeds };
}

/** Every check on every seed's trace; a check passes only if it passes on every seed. */
function judge({ lesson, scenario, framework, seeds }: GradingRun, traces: readonly TraceEvent[][]): Verdict {
  const verdicts: CheckVerdict[] = lesson.checks.map((c) => ({
    name: c.name,
    name_zh: c.name_zh,
    passed: true,
    detail: '',
    detail_zh: '',
  }));
  seeds.forEach((seed, s) => {
    const trace = traces[s]!;
    const notes = [errorNote(trace, framework), taskErrorNote(trace, framework)].filter(
      (n): n is Note => n !== null,
    );
    lesson.checks.forEach((check, i) => {
      const v = verdicts[i]!;
      if (!v.passed) return; // The first failing seed is the one reported.
      const r = runCheck(check, trace, scenario, framework, seed);
      if (r.passed) {
        if (v.detail === '') {
          v.detail = r.detail;
          v.detail_zh = r.detail_zh;
        }
        return;
      }
      v.passed = false;
      v.seed = seed;
      if (r.at !== undefined) v.at = r.at;
      // A note the detail already quotes (a check that reports the TASK_ERROR itself) is not repeated.
      const extra = notes.filter((n) => !r.detail.includes(n.quotes));
      v.detail = `Seed ${seed}: ${r.detail}${extra.map((n) => n.en).join('')}`;
      v.detail_zh = `种子 ${seed}：${r.detail_zh}${extra.map((n) => n.zh).join('')}`;
    });
  });
  for (const v of verdicts)
    if (v.passed) {
      v.detail = `${v.detail} (seeds ${seeds.join(', ')})`;
      v.detail_zh = `${v.detail_zh}（种子 ${seeds.join('、')}）`;
    }
  return { lesson: lesson.id, passed: verdicts.every((v) => v.passed), checks: verdicts, seeds };
}

/** The verdict as `npm run grade` prints it (CONTRACTS.md §4). */
export const verdictJson = (
  v: Verdict,
): { lesson: string; passed: boolean; checks: { name: string; passed: boolean; detail: string }[] } => ({
  lesson: v.lesson,
  passed: v.passed,
  checks: v.checks.map((c) => ({ name: c.name, passed: c.passed, detail: c.detail })),
});
