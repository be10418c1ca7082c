/**
 * `npm run bench`: the model's performance figures, each beside its anchor.
 *
 * 1. One allocation cycle in the shape of Mesos's HierarchicalAllocator_BENCHMARK_Test.DeclineOffers
 *    (MESOS.md §5.1): agents `cpus:24;mem:4096;disk:4096;ports:[31000-32000]`, each with
 *    `cpus:16;mem:2014;disk:1024` and 16 ports used by a framework chosen round-robin, all frameworks in
 *    role "*", every offer declined with an effectively infinite refuse filter, cycle after cycle.
 * 2. The same shape through the whole headless simulation (the `npm run sim` engine: master, agents and
 *    framework schedulers exchanging messages over the network model): every framework declines every
 *    offer with an effectively infinite filter, and one round is one virtual second of it.
 * 3. Fast-forward: virtual seconds simulated per wall second for 5,000 agents and 200 frameworks whose tasks
 *    last N(30 s, 10 s), the model's events per wall second, and the resident memory of the process.
 * 4. The Node sandbox: one learner callback through its confined child process, starting a learner file's
 *    process with its first module, and a second module in it; the anchor is the same callback on a plain
 *    object in-process.
 * 5. `npm run grade` of each lesson's reference solution, as a learner runs it (a fresh process through
 *    tsx), wall time; the anchors are Node's own start (`node -e ''`) and Node started through tsx. The goal
 *    (issue 15): a verdict within 1 s beyond Node's own start.
 * 6. The explorer (docs/explorer.md) on a lesson-sized cluster (test/explore/cluster.json: 5 agents, 2
 *    frameworks, 60 virtual s, plus the quiet time after the faults): runs per second with a learner's
 *    scheduler in the sandbox, the same with built-in schedulers only (the model's share of the cost), and
 *    the time to find and shrink the bug in a scheduler that launches twice after a master failover.
 *
 * Usage: npm run bench [-- --quick] [-- --only allocator|system|fastforward|sandbox|grade|explorer]
 *        [-- --json FILE]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { HierarchicalAllocator } from '../cluster/allocator/HierarchicalAllocator';
import { Resources } from '../cluster/resources';
import { Rng } from '../cluster/rng';
import type { Offer, Scheduler, SchedulerDriver, TaskInfo, TaskStatus } from '../cluster/scheduler/api';
import { isTerminal } from '../cluster/scheduler/api';
import { ObjectRuntime } from '../cluster/sandbox/runtime';
import { parseScenario } from '../cluster/scenario/validate';
import { Simulation } from '../cluster/sim/Simulation';
import { SECOND } from '../cluster/time';
import { explore, type RunAnswer, type RunRequest } from '../explore/Explorer';
import { prepareRun, scenarioTarget } from '../explore/target';
import { LESSONS } from '../lessons/catalog';
import { prepareLoader } from './common';
import { ProcessSandbox, stopSpareChildren } from './sandbox/ProcessSandbox';
import { compileScheduler } from './sandbox/nodeLoader';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

// Mesos 1.8.0 seconds per cycle, read off the 1.7.0 performance blog chart (MESOS.md §5.2).
const MESOS_18: Record<string, number> = {
  '1000x100': 0.05,
  '5000x500': 0.4,
  '10000x1000': 1.1,
  '20000x2000': 3.8,
};

interface AllocatorFigure {
  agents: number;
  frameworks: number;
  rounds: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  offersPerRound: number;
  addAgentsMs: number;
  mesosSeconds: number;
}

function allocatorCycle(agents: number, frameworks: number, rounds: number): AllocatorFigure {
  const allocator = new HierarchicalAllocator({
    interval: SECOND,
    minAllocatable: [{ cpus: 0.01 }, { mem: 32 }],
    excludedResourceNames: [],
    rng: new Rng(1, 'bench'),
  });
  for (let f = 0; f < frameworks; f++) allocator.addFramework(`framework${f}`, ['*']);
  const total = Resources.parse('cpus:24;mem:4096;disk:4096;ports:[31000-32000]');
  const t0 = performance.now();
  const ids: string[] = [];
  for (let a = 0; a < agents; a++) {
    // 16 single ports used by the framework that owns this agent's tasks, as the Mesos benchmark does.
    const ports = Array.from({ length: 16 }, (_, i) => `${31000 + i * 2}-${31000 + i * 2}`).join(',');
    const used = Resources.parse(`cpus:16;mem:2014;disk:1024;ports:[${ports}]`);
    const id = `agent${a}`;
    ids.push(id);
    allocator.addAgent(id, total, [{ framework: `framework${a % frameworks}`, role: '*', resources: used }]);
  }
  const addAgentsMs = performance.now() - t0;
  const times: number[] = [];
  let offers = 0;
  let now = SECOND;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const made = allocator.allocate(ids, now, true);
    times.push(performance.now() - start);
    offers += made.length;
    // Every offer is declined with a filter that outlives the benchmark (INT_MAX seconds, clamped).
    for (const o of made)
      allocator.recoverResources(o.framework, o.agent, o.role, o.resources, { refuse_seconds: 2 ** 31 }, now);
    now += SECOND;
  }
  return {
    agents,
    frameworks,
    rounds,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    offersPerRound: offers / rounds,
    addAgentsMs,
    mesosSeconds: MESOS_18[`${agents}x${frameworks}`] ?? NaN,
  };
}

interface SystemRoundFigure {
  agents: number;
  frameworks: number;
  rounds: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  offersPerRound: number;
  eventsPerRound: number;
}

/** Declines every offer with a filter that outlives the run (INT_MAX seconds, as DeclineOffers does). */
class DecliningScheduler implements Scheduler {
  resourceOffers(driver: SchedulerDriver, offers: Offer[]): void {
    for (const offer of offers) driver.declineOffer(offer.id, { refuse_seconds: 2 ** 31 });
  }
}

/**
 * The DeclineOffers shape through the whole system: agents with DeclineOffers' free resources (each
 * agent's `cpus:24;mem:4096;disk:4096;ports:[31000-32000]` less what its tasks use there), frameworks in
 * role "*" that decline everything. A round is one virtual second: the periodic allocation, the OFFERS
 * events, the DECLINE calls and the recovered resources, all through the network model.
 */
function systemRound(agents: number, frameworks: number, rounds: number): SystemRoundFigure {
  const ports = Array.from({ length: 16 }, (_, i) => `${31000 + i * 2 + 1}-${31000 + i * 2 + 1}`);
  const scenario = parseScenario({
    name: 'decline-offers',
    seed: 5,
    until: rounds + 2,
    agents: [
      {
        id: 'agent',
        count: agents,
        resources: `cpus:8;mem:2082;disk:3072;ports:[${ports.join(',')},31032-32000]`,
      },
    ],
    frameworks: Array.from({ length: frameworks }, (_, i) => ({
      id: `framework${i}`,
      roles: ['*'],
      scheduler: { code: '' },
    })),
  });
  let offers = 0;
  const sim = new Simulation(scenario, {
    keepTrace: false,
    onTrace: (e) => {
      if (e.type === 'offer') offers++;
    },
    loadScheduler: () => new ObjectRuntime(new DecliningScheduler()),
  });
  // Registration and the first offers happen in the first virtual second; rounds start after it.
  sim.advance(SECOND + SECOND / 2);
  const times: number[] = [];
  let made = 0;
  let events = 0;
  for (let r = 0; r < rounds; r++) {
    const before = offers;
    const processed = sim.processed;
    const start = performance.now();
    sim.advance(SECOND * (r + 2) + SECOND / 2);
    times.push(performance.now() - start);
    made += offers - before;
    events += sim.processed - processed;
  }
  sim.dispose();
  return {
    agents,
    frameworks,
    rounds,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    offersPerRound: made / rounds,
    eventsPerRound: events / rounds,
  };
}

/** A framework that always has work: one task per fitting slot, each sleeping N(30 s, 10 s). */
class SteadyScheduler implements Scheduler {
  private n = 0;
  private running = 0;
  constructor(
    private readonly id: string,
    private readonly rng: Rng,
    private readonly maxRunning: number,
  ) {}
  resourceOffers(driver: SchedulerDriver, offers: Offer[]): void {
    for (const offer of offers) {
      let cpus = offer.resources.find((r) => r.name === 'cpus')?.scalar?.value ?? 0;
      let mem = offer.resources.find((r) => r.name === 'mem')?.scalar?.value ?? 0;
      const tasks: TaskInfo[] = [];
      while (cpus >= 1 && mem >= 1024 && this.running < this.maxRunning) {
        const seconds = Math.max(1, Math.round(this.rng.normal(30, 10)));
        tasks.push({
          name: `${this.id}-${this.n}`,
          task_id: { value: `${this.id}-${this.n++}` },
          agent_id: offer.agent_id,
          resources: 'cpus:1;mem:1024',
          command: { value: `sleep ${seconds}` },
        });
        this.running++;
        cpus -= 1;
        mem -= 1024;
      }
      if (tasks.length) driver.launchTasks([offer.id], tasks, { refuse_seconds: 1 });
      else driver.declineOffer(offer.id, { refuse_seconds: 1 });
    }
  }
  statusUpdate(_driver: SchedulerDriver, status: TaskStatus): void {
    if (isTerminal(status.state)) this.running--;
  }
}

interface FastForwardFigure {
  agents: number;
  frameworks: number;
  virtualSeconds: number;
  wallSeconds: number;
  virtualPerWall: number;
  events: number;
  eventsPerSecond: number;
  tasksLaunched: number;
  /** The largest resident set size seen, sampled every 10 virtual seconds, in MiB. */
  peakRssMiB: number;
  /** The V8 heap in use at the end, in MiB. */
  heapUsedMiB: number;
}

function fastForward(agents: number, frameworks: number, virtualSeconds: number): FastForwardFigure {
  const scenario = parseScenario({
    name: 'fast-forward',
    seed: 11,
    until: virtualSeconds,
    agents: [{ id: 'agent', count: agents, resources: 'cpus:8;mem:16384' }],
    frameworks: Array.from({ length: frameworks }, (_, i) => ({
      id: `fw${i}`,
      roles: [`role${i % 10}`],
      scheduler: { code: '' },
    })),
  });
  // Each framework keeps enough tasks running to fill its fair share of the cluster.
  const perFramework = Math.floor((agents * 8) / frameworks);
  let launched = 0;
  const sim = new Simulation(scenario, {
    keepTrace: false,
    onTrace: (e) => {
      if (e.type === 'launch') launched++;
    },
    loadScheduler: (f) => new ObjectRuntime(new SteadyScheduler(f.id, new Rng(11, f.id), perFramework)),
  });
  const t0 = performance.now();
  let peakRss = process.memoryUsage.rss();
  for (let t = 10; t < virtualSeconds + 10; t += 10) {
    sim.advance(Math.min(t, virtualSeconds) * SECOND);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  const wall = (performance.now() - t0) / 1000;
  return {
    agents,
    frameworks,
    virtualSeconds,
    wallSeconds: wall,
    virtualPerWall: virtualSeconds / wall,
    events: sim.processed,
    eventsPerSecond: sim.processed / wall,
    tasksLaunched: launched,
    peakRssMiB: peakRss / 2 ** 20,
    heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

interface SandboxFigure {
  calls: number;
  callP50Us: number;
  callP99Us: number;
  inProcessP50Us: number;
  freshStartMs: number;
  reusedStartMs: number;
}

interface GradeFigure {
  lesson: string;
  medianMs: number;
  nodeStartMs: number;
  tsxStartMs: number;
}

/** Node with tsx's loader, as `npm run grade` starts it (npm's own start left out). */
const TSX = [process.execPath, '--import', 'tsx'];

/** Wall time of a command run to its end; it must succeed, or the figure would time a failure. */
function wallMs([command, ...rest]: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(command!, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${[command, ...rest].join(' ')} exited ${r.status}: ${String(r.stderr)}`);
  return ms;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** A resourceOffers that declines every offer and logs a line: the shape of most learner callbacks. */
const SANDBOX_SOURCE = `export default class {
  resourceOffers(driver: any, offers: any[]) {
    for (const o of offers) driver.declineOffer(o.id, { refuse_seconds: 5 });
    console.log('declined', offers.length);
  }
}`;

function sandbox(calls: number): SandboxFigure {
  const compiled = compileScheduler(SANDBOX_SOURCE, 'bench.ts');
  const offers = Array.from({ length: 4 }, (_, i) => ({
    id: { value: `O-${i}` },
    agent_id: { value: `agent${i}` },
    resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 4 } }],
  }));
  stopSpareChildren();
  const starts: number[] = [];
  const reused: number[] = [];
  for (let i = 0; i < 5; i++) {
    // A learner file's first module starts its process; a second module of the file opens in it.
    const box = new ProcessSandbox('bench.ts');
    let t0 = performance.now();
    const first = box.open(compiled, 10_000);
    starts.push(performance.now() - t0);
    t0 = performance.now();
    const second = box.open(compiled, 10_000);
    reused.push(performance.now() - t0);
    second.dispose();
    first.dispose();
  }
  const box = new ProcessSandbox('bench.ts');
  const rt = box.open(compiled, 10_000);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    rt.invoke('resourceOffers', [offers], i);
    times.push((performance.now() - t0) * 1000);
  }
  rt.dispose();
  box.dispose();
  stopSpareChildren();
  const plain = new ObjectRuntime({
    resourceOffers(driver: SchedulerDriver, os: Offer[]) {
      for (const o of os) driver.declineOffer(o.id, { refuse_seconds: 5 });
    },
  });
  const inProcess: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    plain.invoke('resourceOffers', [offers]);
    inProcess.push((performance.now() - t0) * 1000);
  }
  return {
    calls,
    callP50Us: median(times),
    callP99Us: quantile(times, 0.99),
    inProcessP50Us: median(inProcess),
    freshStartMs: median(starts),
    reusedStartMs: median(reused),
  };
}

interface ExplorerFigure {
  runs: number;
  faults: number;
  runsPerSecond: number;
  builtinRunsPerSecond: number;
  findAndShrinkMs: number;
  findSeeds: number;
  findSimulations: number;
}

/** The explorer over Node's sandbox, as `npm run explore` runs it. */
function explorerFigures(runs: number, seeds: number): ExplorerFigure {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const raw = JSON.parse(readFileSync(`${root}test/explore/cluster.json`, 'utf8')) as Record<string, unknown>;
  const target = scenarioTarget(raw, 'scheduler.ts');
  const runWith = (code: string): { run: (r: RunRequest) => RunAnswer; dispose: () => void } => {
    const loader = prepareLoader(prepareRun(raw, 'scheduler.ts', code), root);
    return {
      run: (r) => {
        const scenario = prepareRun(r.raw, 'scheduler.ts', code);
        const sim = new Simulation(scenario, { loadScheduler: loader });
        try {
          return { trace: sim.run(), scenario };
        } finally {
          sim.dispose();
        }
      },
      dispose: () => loader.dispose(),
    };
  };
  const careful = runWith(readFileSync(`${root}test/explore/careful.ts`, 'utf8'));
  let t0 = performance.now();
  const clean = explore(target, careful.run, { runs, seed: 1 });
  const runsPerSecond = clean.runs / ((performance.now() - t0) / 1000);
  careful.dispose();
  if (clean.failure) throw new Error(`bench: the careful scheduler failed: ${clean.failure.words.en}`);
  // The same schedules with the service built-in in place of the learner's scheduler: no sandbox at all.
  const builtin = JSON.parse(
    JSON.stringify(raw).replace(
      '{"file":"scheduler.ts"}',
      JSON.stringify({
        builtin: 'service',
        instances: 6,
        task: { resources: 'cpus:1;mem:256', command: 'sleep 1000' },
      }),
    ),
  ) as Record<string, unknown>;
  t0 = performance.now();
  explore(
    { ...target, raw: builtin },
    (r) => {
      const scenario = parseScenario(r.raw);
      return { trace: new Simulation(scenario).run(), scenario };
    },
    { runs, seed: 1 },
  );
  const builtinRunsPerSecond = runs / ((performance.now() - t0) / 1000);
  const buggy = runWith(readFileSync(`${root}test/explore/double-launch.ts`, 'utf8'));
  const finds: { ms: number; simulations: number }[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    t0 = performance.now();
    const found = explore(target, buggy.run, { runs: 1000, seed });
    if (!found.failure) throw new Error(`bench: the double launch was not found with seed ${seed}`);
    finds.push({ ms: performance.now() - t0, simulations: found.simulations });
  }
  buggy.dispose();
  finds.sort((a, b) => a.ms - b.ms);
  const mid = finds[finds.length >> 1]!;
  return {
    runs: clean.runs,
    faults: clean.faultsTried,
    runsPerSecond,
    builtinRunsPerSecond,
    findAndShrinkMs: mid.ms,
    findSeeds: seeds,
    findSimulations: mid.simulations,
  };
}

const results: {
  allocator: AllocatorFigure[];
  system: SystemRoundFigure[];
  fastForward: FastForwardFigure[];
  sandbox: SandboxFigure[];
  grade: GradeFigure[];
  explorer: ExplorerFigure[];
} = {
  explorer: [],
  allocator: [],
  system: [],
  fastForward: [],
  sandbox: [],
  grade: [],
};

if (!only || only === 'allocator') {
  console.log(
    'Allocation cycle, DeclineOffers shape (median of the rounds; anchor: Mesos 1.8.0, optimized build)',
  );
  const sizes: [number, number][] = quick
    ? [[1000, 100]]
    : [
        [1000, 100],
        [5000, 500],
        [10000, 1000],
        [20000, 2000],
      ];
  for (const [a, f] of sizes) {
    const r = allocatorCycle(a, f, quick ? 3 : 7);
    results.allocator.push(r);
    const ratio = r.mesosSeconds / (r.medianMs / 1000);
    console.log(
      `  ${String(a).padStart(6)} agents × ${String(f).padStart(5)} frameworks: median ${fmt(r.medianMs)} per cycle` +
        ` (min ${fmt(r.minMs)}, max ${fmt(r.maxMs)}; ${r.offersPerRound} offers/round; adding agents ${fmt(r.addAgentsMs)})` +
        `  | Mesos 1.8 ≈ ${r.mesosSeconds} s → ${ratio.toFixed(0)}× faster`,
    );
  }
}

if (!only || only === 'system') {
  console.log(
    'Whole-system decline round, DeclineOffers shape through the headless simulation (median; goal ≤ 50 ms at 10k × 1k)',
  );
  const [a, f] = quick ? [1000, 100] : [10000, 1000];
  const r = systemRound(a, f, quick ? 3 : 5);
  results.system.push(r);
  const cycle = results.allocator.find((x) => x.agents === a && x.frameworks === f);
  console.log(
    `  ${String(a).padStart(6)} agents × ${String(f).padStart(5)} frameworks: median ${fmt(r.medianMs)} per round` +
      ` (min ${fmt(r.minMs)}, max ${fmt(r.maxMs)}; ${r.offersPerRound} offers and ${Math.round(r.eventsPerRound).toLocaleString('en')} events per round)` +
      (cycle ? `  | the allocation cycle alone: ${fmt(cycle.medianMs)}` : '') +
      `  | Mesos 1.8's allocation cycle alone ≈ ${MESOS_18[`${a}x${f}`]} s`,
  );
}

if (!only || only === 'fastforward') {
  console.log(
    'Fast-forward (in-process host; goals ≥ 360 virtual s per wall s, ≥ 1,000,000 events per wall s, ≤ 400 MB resident)',
  );
  const r = quick ? fastForward(500, 20, 60) : fastForward(5000, 200, 600);
  results.fastForward.push(r);
  console.log(
    `  ${r.agents} agents, ${r.frameworks} frameworks, tasks N(30 s, 10 s): ${r.virtualPerWall.toFixed(1)} virtual s per wall s` +
      ` (${r.virtualSeconds} s in ${r.wallSeconds.toFixed(2)} s wall; ${r.tasksLaunched} tasks launched)` +
      `  | real time = 1×`,
  );
  console.log(
    `  model events: ${Math.round(r.eventsPerSecond).toLocaleString('en')} per wall s (${r.events.toLocaleString('en')} in all)` +
      `; resident memory: peak ${r.peakRssMiB.toFixed(0)} MiB, heap in use at the end ${r.heapUsedMiB.toFixed(0)} MiB`,
  );
}

if (!only || only === 'sandbox') {
  console.log(
    'Node sandbox: a learner callback through its child process (anchor: the same on a plain object)',
  );
  const r = sandbox(quick ? 2000 : 20_000);
  results.sandbox.push(r);
  console.log(
    `  resourceOffers with 4 offers, ${r.calls.toLocaleString('en')} calls: p50 ${r.callP50Us.toFixed(1)} µs, p99 ${r.callP99Us.toFixed(1)} µs` +
      ` | in-process p50 ${r.inProcessP50Us.toFixed(2)} µs → ${(r.callP50Us / r.inProcessP50Us).toFixed(0)}× the cost`,
  );
  console.log(
    `  a file's first module (starts its process) ${fmt(r.freshStartMs)}, a second module in it ${fmt(r.reusedStartMs)} (median of 5)`,
  );
}

if (!only || only === 'grade') {
  console.log(
    "npm run grade of each lesson's reference solution, a fresh process each (median of 3; goal: ≤ 1 s beyond Node's own start)",
  );
  const nodeStart = median(Array.from({ length: 5 }, () => wallMs([process.execPath, '-e', ''])));
  const tsxStart = median(Array.from({ length: 3 }, () => wallMs(TSX.concat(['-e', '']))));
  console.log(`  anchors: Node's own start ${fmt(nodeStart)}; Node through tsx ${fmt(tsxStart)}`);
  for (const lesson of quick ? LESSONS.slice(0, 2) : LESSONS) {
    const file = `src/lessons/${lesson.id}/solution.ts`;
    const ms = median(
      Array.from({ length: 3 }, () => wallMs(TSX.concat(['src/cli/grade.ts', lesson.id, file]))),
    );
    results.grade.push({ lesson: lesson.id, medianMs: ms, nodeStartMs: nodeStart, tsxStartMs: tsxStart });
    const beyond = ms - nodeStart;
    console.log(
      `  ${lesson.id.padEnd(28)} ${fmt(ms)}; ${fmt(beyond)} beyond Node's start (${fmt(ms - tsxStart)} beyond tsx's)` +
        `  | goal ≤ 1 s beyond Node's start: ${beyond <= 1000 ? 'met' : 'missed'}`,
    );
  }
}

if (!only || only === 'explorer') {
  console.log(
    'Explorer, lesson-sized cluster (5 agents, 2 frameworks, 60 virtual s + 100 s quiet; goals: ≥ 200 runs/s in Node, bug found and shrunk in ≤ 10 s)',
  );
  const r = explorerFigures(quick ? 10 : 40, quick ? 1 : 3);
  results.explorer.push(r);
  console.log(
    `  runs per second: ${r.runsPerSecond.toFixed(1)} with a learner's scheduler in the sandbox (${r.runs} runs, ${r.faults} faults)` +
      ` | ${r.builtinRunsPerSecond.toFixed(1)} with built-in schedulers only`,
  );
  console.log(
    `  double launch after a master failover: found and shrunk in ${fmt(r.findAndShrinkMs)} (median of ${r.findSeeds} seeds; ${r.findSimulations} simulations at the median)`,
  );
}

if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
