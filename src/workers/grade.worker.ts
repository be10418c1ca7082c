/**
 * Grades a lesson in the browser, off the page and out of the learner's reach: the lesson's scenario is
 * fast-forwarded on its seeds here, by trusted code, and only the learner's callbacks run, in sandbox
 * workers of their own (one per module, in an opaque-origin frame of this grading run). The checks judge
 * the trace this worker recorded, so the verdict cannot be forged by the code it judges. The page ends
 * this worker if a verdict does not come in time.
 */
import * as Comlink from 'comlink';
import { findLesson } from '../lessons/catalog';
import { gradeAsync } from '../lessons/grade';
import type { Verdict } from '../lessons/types';
import { compileScheduler, type Compiled } from '../cluster/sandbox/compile';
import { browserLoader } from './sandbox/browserLoader';
import { remoteOpener } from './sandbox/remoteOpener';
import type { SandboxOpener } from './sandbox/SandboxFrames';

const api = {
  /**
   * The verdict on `code` (TypeScript) for the lesson. `compiled`, when the editor already compiled the
   * code, spares loading the TypeScript compiler here.
   */
  async grade(
    lessonId: string,
    code: string,
    /** A comlink proxy of the page's SandboxFrames. */
    frames: SandboxOpener,
    compiled?: Compiled,
  ): Promise<Verdict> {
    const lesson = findLesson(lessonId);
    if (!lesson) throw new Error(`no lesson ${lessonId}`);
    const js = compiled ?? compileScheduler(await import('typescript'), code, 'learner.ts', 'ts');
    const loader = browserLoader(remoteOpener(frames as unknown as Comlink.Remote<SandboxOpener>), 1000);
    try {
      return await gradeAsync(lesson, code, {
        loaderFor: (scenario) => {
          for (const f of scenario.frameworks)
            if ('code' in f.scheduler) f.scheduler = { ...f.scheduler, compiled: js };
          return loader;
        },
      });
    } finally {
      loader.dispose();
    }
  },
};

export type GradeApi = typeof api;
Comlink.expose(api);
