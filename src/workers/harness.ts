/**
 * The test harness page's API (`window.harness`): runs scenarios on the worker host at full speed and
 * returns their trace, and measures the worker fabric for `npm run bench`. It drives the same Simulation
 * and WorkerHost as the app's player, from the harness page itself.
 */
import type { Scenario } from '../cluster/scenario/types';
import { Simulation } from '../cluster/sim/Simulation';
import { seconds } from '../cluster/time';
import { traceToJsonl, type TraceEvent } from '../cluster/trace';
import { parseScenario } from '../cluster/scenario/validate';
import { compileLearnerCode } from './prepare';
import { SandboxFrames } from './sandbox/SandboxFrames';
import { WorkerHost } from './WorkerHost';

/** Learner code in the harness's runs runs in the page's sandbox frames, as in the app. */
const frames = new SandboxFrames();

interface RunResult {
  jsonl: string;
  workers: { masters: number; agents: number; executors: number; schedulers: number; hosted: number };
  wallMs: number;
  events: number;
}

async function runOnWorkers(input: unknown, budgetMs = 1000): Promise<RunResult> {
  const scenario = await compileLearnerCode(parseScenario(input));
  const host = new WorkerHost({ budgetMs, sandbox: frames });
  const trace: TraceEvent[] = [];
  const sim = new Simulation(scenario, { host, keepTrace: false, onTrace: (e) => trace.push(e) });
  const t0 = performance.now();
  let peak = host.counts();
  const until = seconds(scenario.until);
  for (let next = sim.nextTime(); next !== null && next <= until; next = sim.nextTime()) {
    await sim.stepAsync();
    const c = host.counts();
    if (c.executors + c.agents > peak.executors + peak.agents) peak = c;
  }
  const wallMs = performance.now() - t0;
  const hosted = host.hostedExecutors();
  host.dispose();
  return { jsonl: traceToJsonl(trace), workers: { ...peak, hosted }, wallMs, events: sim.processed };
}

/** Cold start: time from nothing to every agent registered (their `agent-added` events), on workers. */
async function coldStart(agents: number): Promise<{ agents: number; ms: number }> {
  const scenario: Scenario = parseScenario({
    name: 'cold-start',
    until: 5,
    agents: [{ id: 'agent', count: agents, resources: 'cpus:4;mem:4096' }],
  });
  const host = new WorkerHost({ sandbox: frames });
  let registered = 0;
  const sim = new Simulation(scenario, {
    host,
    keepTrace: false,
    onTrace: (e) => {
      if (e.type === 'agent-added') registered++;
    },
  });
  const t0 = performance.now();
  while (registered < agents && sim.nextTime() !== null) await sim.stepAsync();
  const ms = performance.now() - t0;
  host.dispose();
  return { agents, ms };
}

/**
 * The fabric under load: 1 master, `agents` agents and 4 schedulers; every message delivery is one comlink
 * round trip to a worker. Reports deliveries per second and the p99 of one batch's round trip.
 */
async function fabric(
  agents: number,
  virtualSeconds: number,
): Promise<{ messages: number; perSecond: number; p50Ms: number; p99Ms: number; wallMs: number }> {
  const scenario = parseScenario({
    name: 'fabric',
    seed: 3,
    until: virtualSeconds,
    agents: [{ id: 'agent', count: agents, resources: 'cpus:8;mem:16384' }],
    frameworks: Array.from({ length: 4 }, (_, i) => ({
      id: `fw${i}`,
      roles: [`r${i}`],
      scheduler: {
        builtin: 'batch',
        tasks: 100000,
        refuseSeconds: 1,
        task: { resources: 'cpus:1;mem:512', command: 'sleep 3' },
      },
    })),
  });
  const host = new WorkerHost({ executorWorkerCap: 0, sandbox: frames });
  const sim = new Simulation(scenario, { host, keepTrace: false });
  const latencies: number[] = [];
  const until = seconds(scenario.until);
  const before = sim.processed;
  const t0 = performance.now();
  for (let next = sim.nextTime(); next !== null && next <= until; next = sim.nextTime()) {
    const s = performance.now();
    await sim.stepAsync();
    latencies.push(performance.now() - s);
  }
  const wallMs = performance.now() - t0;
  host.dispose();
  latencies.sort((a, b) => a - b);
  const messages = sim.processed - before;
  return {
    messages,
    perSecond: messages / (wallMs / 1000),
    p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    wallMs,
  };
}

/**
 * Starts `source` as a worker in a sandbox frame, exactly as learner code is started but without the
 * prelude, and returns the first message it posts on its port (security tests probe the boundary itself
 * with it).
 */
async function probeSandbox(source: string, timeoutMs = 20_000): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  const domain = `probe-${Math.random()}`;
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the probe did not answer')), timeoutMs);
      port1.onmessage = (e) => {
        clearTimeout(timer);
        resolve(e.data);
      };
      frames.open(domain, 1, 'probe', source, port2);
    });
  } finally {
    frames.close(domain);
    port1.close();
  }
}

/**
 * Verdict times as the course gets them: the reference solution of each lesson graded by the page's grading
 * worker (its compiler loaded first, as when the course has been open a moment). Milliseconds per verdict,
 * `runs` verdicts per lesson.
 */
async function verdictTimes(
  solutions: Record<string, string>,
  runs: number,
): Promise<Record<string, { ms: number[]; passed: boolean }>> {
  const { gradeInWorker, warmGrader } = await import('./gradeClient');
  warmGrader();
  const out: Record<string, { ms: number[]; passed: boolean }> = {};
  for (const [lesson, code] of Object.entries(solutions)) {
    const ms: number[] = [];
    let passed = true;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const v = await gradeInWorker(lesson, code);
      ms.push(performance.now() - t0);
      passed &&= v.passed;
    }
    out[lesson] = { ms, passed };
  }
  return out;
}

/** One verdict, whole, as the course gets it (for tests). */
async function gradeLesson(lesson: string, code: string): Promise<unknown> {
  const { gradeInWorker } = await import('./gradeClient');
  return gradeInWorker(lesson, code);
}

/**
 * The explorer in Chromium, as "Break it" runs it (a pool of workers, learner code in sandbox frames): runs
 * per second with `careful` (no failure expected) over `runs` schedules, and wall time to find and shrink
 * the bug in `buggy` on each of `seeds` exploration seeds. `raw` names the scheduler `{"file": file}`.
 */
async function exploreTimes(
  raw: Record<string, unknown>,
  file: string,
  careful: string,
  buggy: string,
  runs: number,
  seeds: number,
): Promise<{
  lanes: number;
  runsPerSecond: number;
  cleanFailure: string | null;
  finds: { ms: number; simulations: number; found: boolean }[];
}> {
  const { exploreInWorkers, poolSize } = await import('./exploreClient');
  const { scenarioTarget } = await import('../explore/target');
  const { warmGrader } = await import('./gradeClient');
  warmGrader();
  const target = scenarioTarget(raw, file);
  // Warm up: the compiler loaded, the workers' modules cached.
  await exploreInWorkers(target, file, careful, null, { runs: 2, seed: 99 });
  let t0 = performance.now();
  const clean = await exploreInWorkers(target, file, careful, null, { runs, seed: 1 });
  const runsPerSecond = clean.runs / ((performance.now() - t0) / 1000);
  const finds: { ms: number; simulations: number; found: boolean }[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    t0 = performance.now();
    const r = await exploreInWorkers(target, file, buggy, null, { runs: 1000, seed });
    finds.push({ ms: performance.now() - t0, simulations: r.simulations, found: r.failure !== null });
  }
  return { lanes: poolSize(), runsPerSecond, cleanFailure: clean.failure?.words.en ?? null, finds };
}

const harness = {
  runOnWorkers,
  coldStart,
  fabric,
  probeSandbox,
  verdictTimes,
  gradeLesson,
  exploreTimes,
};
export type Harness = typeof harness;
(window as unknown as { harness: Harness }).harness = harness;
document.getElementById('status')!.textContent = 'harness ready';
