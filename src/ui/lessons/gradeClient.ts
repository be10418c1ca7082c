/**
 * Runs a lesson's checks in a worker of their own. A learner's scheduler that never returns would hold the
 * worker for ever, so the page gives each verdict a deadline and then ends the worker.
 */
import * as Comlink from 'comlink';
import type { Compiled } from '../../cluster/sandbox/compile';
import type { Verdict } from '../../lessons/types';
import type { GradeApi } from '../../workers/grade.worker';
import { SandboxFrames } from '../../workers/sandbox/SandboxFrames';

/** Wall-clock deadline for one verdict (three seeds of a small scenario take well under a second). */
export const GRADE_DEADLINE_MS = 20_000;

export class GradeTimeout extends Error {
  constructor() {
    super('the checks did not finish: does a callback of your scheduler loop forever?');
    this.name = 'GradeTimeout';
  }
}

/**
 * The verdict on `code` for the lesson. `compiled`, the editor's output for the same code, spares the
 * grader loading the TypeScript compiler.
 */
export async function gradeInWorker(lessonId: string, code: string, compiled?: Compiled): Promise<Verdict> {
  const worker = new Worker(new URL('../../workers/grade.worker.ts', import.meta.url), {
    type: 'module',
    name: 'grader',
  });
  const remote = Comlink.wrap<GradeApi>(worker);
  // The learner's code runs in frames of this verdict's own; they end with it, whatever happens.
  const frames = new SandboxFrames();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      remote.grade(lessonId, code, Comlink.proxy(frames), compiled),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new GradeTimeout()), GRADE_DEADLINE_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    worker.terminate();
    frames.closeAll();
  }
}
