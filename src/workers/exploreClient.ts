/**
 * "Break it" in the browser: the explorer (src/explore) searches fault schedules for a lesson's learner
 * scheduler, and its runs are fast-forwarded on a pool of workers (grade.worker.ts, the grader's code), each
 * with sandbox frames of its own for the learner's code. The explorer itself, the invariants and the
 * lesson's checks run here, on the page, over the traces the workers recorded: trusted code judging traces
 * that learner code never touched. The pool lives as long as one search.
 */
import * as Comlink from 'comlink';
import type { Compiled } from '../cluster/sandbox/compile';
import {
  exploreConcurrent,
  type ExploreResult,
  type ExploreTarget,
  type Progress,
  type RunAnswer,
  type RunRequest,
} from '../explore/Explorer';
import { LESSON_FILE, lessonTarget } from '../explore/target';
import type { LessonEntry } from '../lessons/types';
import type { GradeApi } from './grade.worker';
import { compileInWorker } from './gradeClient';
import { SandboxFrames } from './sandbox/SandboxFrames';

/** Wall-clock deadline for one run: it bounds a hang (the sandbox already times each callback). */
export const RUN_DEADLINE_MS = 60_000;

export interface BreakOptions {
  runs: number;
  seed: number;
  /** Workers running at once; by default one per core, from two to four. */
  lanes?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** How many runs go at once: one per core, at least two (learner code runs in threads of its own), at most four. */
export function poolSize(cores: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  return Math.min(4, Math.max(2, cores ?? 2));
}

interface Lane {
  run(request: RunRequest): Promise<RunAnswer>;
  close(): void;
}

interface Codes {
  /** The name the scenario gives the scheduler under test (`{"file": …}`). */
  file: string;
  tested: [string, Compiled];
  reference: [string, Compiled] | null;
  /** The framework under test (its module's own invariant judges its runs). */
  testedFramework: string;
}

function startLane(i: number, codes: Codes): Lane {
  const worker = new Worker(new URL('./grade.worker.ts', import.meta.url), {
    type: 'module',
    name: `explorer-${i + 1}`,
  });
  const remote = Comlink.wrap<GradeApi>(worker);
  const frames = new SandboxFrames();
  return {
    async run(request) {
      const [code, js] = request.which === 'reference' && codes.reference ? codes.reference : codes.tested;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        return await Promise.race([
          remote.exploreRun(
            request.raw,
            codes.file,
            code,
            js,
            Comlink.proxy(frames),
            request.which === 'tested' ? codes.testedFramework : undefined,
          ),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`a run did not finish within ${RUN_DEADLINE_MS / 1000} s of wall time`)),
              RUN_DEADLINE_MS,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
        frames.closeAll();
      }
    },
    close() {
      remote[Comlink.releaseProxy]();
      worker.terminate();
      frames.closeAll();
    },
  };
}

/**
 * Searches fault schedules that break `code` in the lesson (its general invariants and its checks, judged
 * against the reference `solution` under the same faults). Throws when the code does not compile.
 */
export async function breakInWorkers(
  lesson: LessonEntry,
  code: string,
  solution: string | null,
  options: BreakOptions,
): Promise<ExploreResult> {
  return exploreInWorkers(lessonTarget(lesson, solution !== null), LESSON_FILE, code, solution, options);
}

/**
 * Searches fault schedules that break `code`, which runs wherever the target's scenario names the scheduler
 * `{"file": file}`; `reference` answers the reference runs a lesson target asks for.
 */
export async function exploreInWorkers(
  target: ExploreTarget,
  file: string,
  code: string,
  reference: string | null,
  options: BreakOptions,
): Promise<ExploreResult> {
  const tested = await compileInWorker(code);
  const referenceJs = reference !== null ? await compileInWorker(reference) : null;
  const lanes = options.lanes ?? poolSize();
  const codes: Codes = {
    file,
    testedFramework: target.frameworks[0]!,
    tested: [code, tested],
    reference: reference !== null && referenceJs ? [reference, referenceJs] : null,
  };
  const pool = Array.from({ length: lanes }, (_, i) => startLane(i, codes));
  // The explorer never has more runs in flight than lanes: a free one is always there.
  const free = [...pool];
  try {
    return await exploreConcurrent(
      target,
      async (request) => {
        const lane = free.pop()!;
        try {
          return await lane.run(request);
        } finally {
          free.push(lane);
        }
      },
      {
        runs: options.runs,
        seed: options.seed,
        lanes,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
  } finally {
    for (const lane of pool) lane.close();
  }
}
