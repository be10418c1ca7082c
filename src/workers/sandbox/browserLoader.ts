/**
 * Learner code in the browser: every module in a sandbox worker of its own (SandboxModule.ts), the modules
 * of one framework in one sandbox frame (one trust domain; other frameworks' code, another learner's
 * perhaps, runs in other frames), through the one loader builder Node uses too. Code arrives compiled (the
 * editor compiles it, or the player worker's `compileLearnerCode` before a run).
 */
import { buildLoader, type SchedulerLoader } from '../../cluster/sandbox/loader';
import type { SandboxOpener } from './SandboxFrames';
import { SandboxModule } from './SandboxModule';

/** Frames are named per run, so that code of one run never shares a frame with the next run's. */
let runs = 0;

export interface BrowserLoader extends SchedulerLoader {
  /** Ends every frame this loader opened (the run is over). */
  dispose(): void;
}

export function browserLoader(opener: SandboxOpener, budgetMs: number): BrowserLoader {
  const run = ++runs;
  const domains = new Set<string>();
  const domainOf = (frameworkId: string): string => {
    const d = `run${run}/${frameworkId}`;
    domains.add(d);
    return d;
  };
  const loader = buildLoader({
    schedulerCode: (f) => ('code' in f.scheduler ? f.scheduler.compiled : undefined),
    // Executors come with their framework's module in their spec (see Simulation.withExecutorCode).
    executorCode: () => undefined,
    open: (code, exportName, seed, frameworkId) =>
      new SandboxModule(opener, domainOf(frameworkId), code, budgetMs, exportName, seed),
  }) as BrowserLoader;
  loader.dispose = () => {
    for (const d of domains) opener.close(d);
    domains.clear();
  };
  return loader;
}
