/**
 * Grades a lesson in the browser, off the page and out of the learner's reach: the lesson's scenario is
 * fast-forwarded on its seeds here, by trusted code, and only the learner's callbacks run, in sandbox
 * workers of their own (one per module, in an opaque-origin frame of this grading run). The checks judge
 * the trace this worker recorded, so the verdict cannot be forged by the code it judges. The page ends
 * this worker if a verdict does not come in time.
 */
import * as Comlink from 'comlink';
import { findLesson } from '../lessons/catalog';
import { gradeAsync, learnerScenario, runLessonAsync } from '../lessons/grade';
import type { LessonEntry, Verdict } from '../lessons/types';
import { compileScheduler, type Compiled } from '../cluster/sandbox/compile';
import type { Scenario } from '../cluster/scenario/types';
import { Simulation } from '../cluster/sim/Simulation';
import { summarize, type Summary } from '../cluster/summary';
import type { RunAnswer } from '../explore/Explorer';
import { hasInvariant, runInvariant } from '../explore/learnerInvariant';
import { prepareRun } from '../explore/target';
import { browserLoader, type BrowserLoader } from './sandbox/browserLoader';
import { remoteOpener } from './sandbox/remoteOpener';
import type { SandboxOpener } from './sandbox/SandboxFrames';

function lessonOf(lessonId: string): LessonEntry {
  const lesson = findLesson(lessonId);
  if (!lesson) throw new Error(`no lesson ${lessonId}`);
  return lesson;
}

/** The TypeScript compiler, loaded once for the worker's life (it is several megabytes of code). */
let typescript: Promise<typeof import('typescript')> | null = null;
const compiler = (): Promise<typeof import('typescript')> => (typescript ??= import('typescript'));

/** `compiled` when the editor already compiled the code; otherwise it is compiled here. */
async function compiledOf(code: string, compiled: Compiled | undefined): Promise<Compiled> {
  return compiled ?? compileScheduler(await compiler(), code, 'learner.ts', 'ts');
}

/** A loader whose learner framework runs `js`; `frames` arrives as a comlink proxy of the page's frames. */
function loaderIn(frames: SandboxOpener): BrowserLoader {
  return browserLoader(remoteOpener(frames as unknown as Comlink.Remote<SandboxOpener>), 1000);
}

const withCode = (scenario: Scenario, js: Compiled): void => {
  for (const f of scenario.frameworks)
    if ('code' in f.scheduler) f.scheduler = { ...f.scheduler, compiled: js };
  // A lesson may restart the learner's framework with the learner's own code (a scheduler failover).
  for (const a of scenario.actions)
    if (a.do === 'restart-framework' && 'code' in a.scheduler) a.scheduler = { ...a.scheduler, compiled: js };
};

const api = {
  /** Loads the compiler ahead of the first verdict. */
  async warm(): Promise<void> {
    await compiler();
  },

  /** The verdict on `code` (TypeScript) for the lesson. */
  async grade(lessonId: string, code: string, frames: SandboxOpener, compiled?: Compiled): Promise<Verdict> {
    const lesson = lessonOf(lessonId);
    const js = await compiledOf(code, compiled);
    const loader = loaderIn(frames);
    try {
      return await gradeAsync(lesson, code, {
        loaderFor: (scenario) => {
          withCode(scenario, js);
          return loader;
        },
      });
    } finally {
      loader.dispose();
    }
  },

  /**
   * How one run of the lesson with this code ends (the summary `npm run sim` prints): the page shows the
   * learner's outcome beside the reference solution's, on the same seed.
   */
  async outcome(
    lessonId: string,
    code: string,
    seed: number,
    frames: SandboxOpener,
    compiled?: Compiled,
  ): Promise<Summary> {
    const lesson = lessonOf(lessonId);
    const { scenario } = learnerScenario(lesson, code);
    withCode(scenario, await compiledOf(code, compiled));
    const loader = loaderIn(frames);
    try {
      const trace = await runLessonAsync(scenario, loader, seed);
      return summarize(trace, { scenario: scenario.name, seed, until: scenario.until });
    } finally {
      loader.dispose();
    }
  },

  /**
   * Compiles learner code once for a search ("Break it"), so that the workers running its many runs never
   * load the compiler. Code that does not compile is refused here, with the compiler's message.
   */
  async compile(code: string): Promise<Compiled> {
    return compiledOf(code, undefined);
  },

  /**
   * One run of a search ("Break it"): the scenario file `raw` (a lesson's, the faults to try added to it),
   * fast-forwarded here with `code` (compiled as `js`) wherever it names the scheduler `{"file": file}`,
   * learner code in `frames`. `invariantOf`: the framework under test, whose module's own invariant (if it
   * exports one) then judges the run.
   * The page judges the trace; the scenario that ran comes back for the lesson's checks.
   */
  async exploreRun(
    raw: Record<string, unknown>,
    file: string,
    code: string,
    js: Compiled,
    frames: SandboxOpener,
    invariantOf?: string,
  ): Promise<RunAnswer> {
    const scenario = prepareRun(raw, file, code);
    withCode(scenario, js);
    const loader = loaderIn(frames);
    const sim = new Simulation(scenario, { loadScheduler: loader });
    try {
      const trace = await sim.runAsync();
      // The learner's own invariant (an exported class Invariant) judges the run in a sandbox of its own.
      if (invariantOf === undefined || !hasInvariant(js.js)) return { trace, scenario };
      return {
        trace,
        scenario,
        invariant: await runInvariant(loader, invariantOf, scenario.seed, trace, js),
      };
    } finally {
      sim.dispose();
      loader.dispose();
    }
  },
};

export type GradeApi = typeof api;
Comlink.expose(api);
