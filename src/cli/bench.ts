/**
 * `npm run bench`: the model's performance figures, each beside its anchor.
 *
 * 1. One allocation cycle in the shape of Mesos's HierarchicalAllocator_BENCHMARK_Test.DeclineOffers
 *    (MESOS.md §5.1): agents `cpus:24;mem:4096;disk:4096;ports:[31000-32000]`, each with
 *    `cpus:16;mem:2014;disk:1024` and 16 ports used by a framework chosen round-robin, all frameworks in
 *    role "*", every offer declined with an effectively infinite refuse filter, cycle after cycle.
 * 2. Fast-forward: virtual seconds simulated per wall second for 5,000 agents and 200 frameworks whose tasks
 *    last N(30 s, 10 s).
 * 3. The Node sandbox: one learner callback through its confined child process, starting a learner file's
 *    process with its first module, and a second module in it; the anchor is the same callback on a plain
 *    object in-process.
 *
 * Usage: npm run bench [-- --quick] [-- --only allocator|fastforward|sandbox] [-- --json FILE]
 */
import { writeFileSync } from 'node:fs';
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
  sim.run();
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

const results: {
  allocator: AllocatorFigure[];
  fastForward: FastForwardFigure[];
  sandbox: SandboxFigure[];
} = {
  allocator: [],
  fastForward: [],
  sandbox: [],
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

if (!only || only === 'fastforward') {
  console.log('Fast-forward (in-process host; goal ≥ 360 virtual s per wall s)');
  const r = quick ? fastForward(500, 20, 60) : fastForward(5000, 200, 120);
  results.fastForward.push(r);
  console.log(
    `  ${r.agents} agents, ${r.frameworks} frameworks, tasks N(30 s, 10 s): ${r.virtualPerWall.toFixed(1)} virtual s per wall s` +
      ` (${r.virtualSeconds} s in ${r.wallSeconds.toFixed(2)} s wall; ${Math.round(r.eventsPerSecond).toLocaleString('en')} events/s; ${r.tasksLaunched} tasks launched)`,
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

if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
