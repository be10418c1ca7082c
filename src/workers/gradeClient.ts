/**
 * Runs a lesson's checks in a grading worker, with the learner's code in sandbox frames of each verdict's
 * own (src/workers/sandbox). The worker lives as long as the page and loads the TypeScript compiler once,
 * when this module is first imported (the course is open), so a verdict costs only the runs themselves. A
 * learner's scheduler cannot hold the grader for ever (its sandbox is timed), but the page still gives each
 * verdict a deadline; past it the worker is ended and the next verdict starts a new one.
 */
import * as Comlink from 'comlink';
import type { Compiled } from '../cluster/sandbox/compile';
import type { Summary } from '../cluster/summary';
import type { Verdict } from '../lessons/types';
import type { GradeApi } from './grade.worker';
import { SandboxFrames } from './sandbox/SandboxFrames';

/**
 * Wall-clock deadline for one verdict: it bounds a hang, it does not measure speed. Three seeds of a small
 * scenario take a second or two; a loaded two-core machine, grading while the graded run plays in the live
 * view, can take many times that.
 */
export const GRADE_DEADLINE_MS = 60_000;

export class GradeTimeout extends Error {
  constructor() {
    super('the checks did not finish: does a callback of your scheduler loop forever?');
    this.name = 'GradeTimeout';
  }
}

interface Grader {
  worker: Worker;
  remote: Comlink.Remote<GradeApi>;
}

let grader: Grader | null = null;

/** The grading worker, started (and its compiler loaded) on first use. */
function theGrader(): Grader {
  if (!grader) {
    const worker = new Worker(new URL('./grade.worker.ts', import.meta.url), {
      type: 'module',
      name: 'grader',
    });
    const remote = Comlink.wrap<GradeApi>(worker);
    void remote.warm().catch(() => undefined);
    grader = { worker, remote };
  }
  return grader;
}

/** Starts the grader ahead of the first verdict (the course calls this when it opens). */
export const warmGrader = (): void => void theGrader();

/**
 * The verdict on `code` for the lesson. `compiled`, the editor's output for the same code, spares the
 * grader compiling it.
 */
export async function gradeInWorker(lessonId: string, code: string, compiled?: Compiled): Promise<Verdict> {
  return inWorker((remote, frames) => remote.grade(lessonId, code, frames, compiled));
}

/** How one run of the lesson with `code` on `seed` ends (for the goal beside the learner's outcome). */
export async function outcomeInWorker(
  lessonId: string,
  code: string,
  seed: number,
  compiled?: Compiled,
): Promise<Summary> {
  return inWorker((remote, frames) => remote.outcome(lessonId, code, seed, frames, compiled));
}

/** Learner code compiled by the grader (it has the compiler loaded); throws the compiler's message. */
export async function compileInWorker(code: string): Promise<Compiled> {
  return inWorker((remote) => remote.compile(code));
}

async function inWorker<T>(
  call: (remote: Comlink.Remote<GradeApi>, frames: SandboxFrames & Comlink.ProxyMarked) => Promise<T>,
): Promise<T> {
  const g = theGrader();
  // The learner's code runs in frames of this call's own; they end with it, whatever happens.
  const frames = new SandboxFrames();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      call(g.remote, Comlink.proxy(frames)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // A grader that overran is ended; the next verdict starts a fresh one.
          if (grader === g) grader = null;
          g.remote[Comlink.releaseProxy]();
          g.worker.terminate();
          reject(new GradeTimeout());
        }, GRADE_DEADLINE_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    frames.closeAll();
  }
}

// The course is open when this module loads: start the grader (and its compiler) now, not at the first Check.
if (typeof Worker === 'function' && typeof document !== 'undefined') warmGrader();
