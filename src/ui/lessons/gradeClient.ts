/**
 * Runs a lesson's checks in a worker of their own. A learner's scheduler that never returns would hold the
 * worker for ever, so the page gives each verdict a deadline and then ends the worker.
 */
import * as Comlink from 'comlink';
import type { Summary } from '../../cluster/summary';
import type { Verdict } from '../../lessons/types';
import type { GradeApi } from '../../workers/grade.worker';

/** Wall-clock deadline for one verdict (three seeds of a small scenario take well under a second). */
export const GRADE_DEADLINE_MS = 20_000;

export class GradeTimeout extends Error {
  constructor() {
    super('the checks did not finish: does a callback of your scheduler loop forever?');
    this.name = 'GradeTimeout';
  }
}

export async function gradeInWorker(lessonId: string, code: string): Promise<Verdict> {
  return inWorker((remote) => remote.grade(lessonId, code));
}

/** How one run of the lesson with `code` on `seed` ends (for the goal beside the learner's outcome). */
export async function outcomeInWorker(lessonId: string, code: string, seed: number): Promise<Summary> {
  return inWorker((remote) => remote.outcome(lessonId, code, seed));
}

async function inWorker<T>(call: (remote: Comlink.Remote<GradeApi>) => Promise<T>): Promise<T> {
  const worker = new Worker(new URL('../../workers/grade.worker.ts', import.meta.url), {
    type: 'module',
    name: 'grader',
  });
  const remote = Comlink.wrap<GradeApi>(worker);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      call(remote),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new GradeTimeout()), GRADE_DEADLINE_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}
