/**
 * The Node sandbox for learner code: one child process per learner file (never reused for another file),
 * confined by Node's permission model (it may read its own program and nothing else; no file writes, no
 * child processes, no workers, no native addons), with a capped heap, and started in a network namespace
 * of its own where the system allows it (`unshare -rn`), so that it has no network. Inside it, each module
 * (the scheduler, each executor class, each seed's instance) lives in a `vm` context of its own; see
 * child.cjs.
 *
 * The simulation asks for callbacks synchronously. The host and the child speak lines of JSON over two
 * named pipes that the host reads and writes with blocking calls, so a callback costs two process
 * switches. A watchdog thread interrupts the child with SIGINT when a callback overruns its budget (the
 * child then drops that module and says so; promise jobs are covered too), and kills it if it still does
 * not answer a second later, which ends the host's read: no learner code can keep the host waiting. The host reads nothing from the child but lines of JSON, and acts on
 * nothing in them unchecked (src/cluster/sandbox/decode.ts).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SchedulerCodeError, type Compiled } from '../../cluster/sandbox/compile';
import { decodeInvokeAnswer, decodeLoadAnswer } from '../../cluster/sandbox/decode';
import type { DriverKind } from '../../cluster/sandbox/driverMethods';
import { moduleSource, SANDBOX_PRELUDE, SCHEDULER_FILE } from '../../cluster/sandbox/prelude';
import type { CallbackResult, SandboxRuntime } from '../../cluster/sandbox/runtime';

export { SchedulerCodeError, type Compiled };

/** A learner's process gets this much heap; a runaway allocation ends that process, not the host. */
const HEAP_LIMIT_MB = 256;
/** How long a child may take to start: the host's work, not charged to learner code. */
const START_LIMIT_MS = 30_000;
/** After interrupting an overrunning child, how long the watchdog waits for its answer before killing it. */
const GRACE_MS = 1000;
/** Blank children started ahead (each serves exactly one file), since starting Node takes ~0.1 s. */
const SPARE_CHILDREN = 1;

const CHILD_PROGRAM = fileURLToPath(new URL('./child.cjs', import.meta.url));

// ------------------------------------------------------------------------------------------ watchdog

/**
 * The watchdog: a thread that looks ten times a second at the request the host is waiting on. Once the
 * request's budget has passed it sends the child SIGINT (the child interrupts the learner code that runs,
 * drops that module and answers that it timed out); if the child has still not answered a grace period
 * later, it kills the child. Slot 0 of the Int32 view counts requests (odd while one is waiting), slot 1
 * holds the child's pid and slot 2 the request whose SIGINT was sent; the Float64 view holds the time of
 * the interrupt (slot 2) and of the kill (slot 3), in ms since the epoch (0: no interrupt).
 */
const WATCHDOG_MAIN = String.raw`
const { workerData } = require('node:worker_threads');
const i32 = new Int32Array(workerData);
const f64 = new Float64Array(workerData);
const nap = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  Atomics.wait(nap, 0, 0, 100);
  const seq = Atomics.load(i32, 0);
  if (seq % 2 === 0) continue;
  const pid = i32[1];
  const interruptAt = f64[2];
  const killAt = f64[3];
  if (Atomics.load(i32, 0) !== seq) continue;
  const now = Date.now();
  try {
    if (now >= killAt) process.kill(pid, 'SIGKILL');
    else if (interruptAt > 0 && now >= interruptAt && i32[2] !== seq) {
      i32[2] = seq;
      process.kill(pid, 'SIGINT');
    }
  } catch {}
}
`;

class Watchdog {
  private readonly shared = new SharedArrayBuffer(32);
  private readonly i32 = new Int32Array(this.shared);
  private readonly f64 = new Float64Array(this.shared);

  constructor() {
    const worker = new Worker(WATCHDOG_MAIN, {
      eval: true,
      workerData: this.shared,
      env: {},
      argv: [],
      execArgv: [],
    });
    worker.on('error', () => {});
    worker.unref();
  }

  /** Watches the request about to be waited on: interrupt after `interruptMs` (0: never), kill after `killMs`. */
  arm(pid: number, interruptMs: number, killMs: number): void {
    const now = Date.now();
    this.i32[1] = pid;
    this.f64[2] = interruptMs > 0 ? now + interruptMs : 0;
    this.f64[3] = now + killMs;
    Atomics.add(this.i32, 0, 1);
  }

  disarm(): void {
    Atomics.add(this.i32, 0, 1);
  }
}

let watchdog: Watchdog | null = null;
const theWatchdog = (): Watchdog => (watchdog ??= new Watchdog());

// ------------------------------------------------------------------------------------------ confinement

/** How the child is started: the confinement this machine allows. */
export interface Confinement {
  /** Node's permission model flag: `--permission` on newer Node, `--experimental-permission` on Node 20. */
  permissionFlag: string;
  /** Started inside a new user and network namespace (no network at all). */
  networkNamespace: boolean;
}

let confinement: (Confinement & { command: string; prefix: string[] }) | null = null;

/** Probes once what this machine allows. */
export function sandboxConfinement(): Confinement {
  if (!confinement) {
    const permissionFlag = process.allowedNodeEnvironmentFlags.has('--permission')
      ? '--permission'
      : '--experimental-permission';
    // `node --version` answers before Node's bootstrap: the probe asks about the namespace, not about Node.
    const probe = spawnSync('unshare', ['-rn', process.execPath, '--version'], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    const networkNamespace = probe.status === 0;
    confinement = networkNamespace
      ? { permissionFlag, networkNamespace, command: 'unshare', prefix: ['-rn', process.execPath] }
      : { permissionFlag, networkNamespace, command: process.execPath, prefix: [] };
  }
  const { permissionFlag, networkNamespace } = confinement;
  return { permissionFlag, networkNamespace };
}

// ------------------------------------------------------------------------------------------ the child

/** A started child and the host's ends of its two pipes. */
interface Pipes {
  process: ChildProcess;
  toChild: number;
  fromChild: number;
}

function spawnChild(): Pipes {
  sandboxConfinement();
  const c = confinement!;
  const dir = mkdtempSync(join(tmpdir(), 'mesos-lab-sandbox-'));
  try {
    const inPath = join(dir, 'in');
    const outPath = join(dir, 'out');
    execFileSync('mkfifo', ['-m', '600', inPath, outPath]);
    // Each end is opened once for the child and once for the host, so that each side holds only its own
    // end: the child reads the end of its input when the host closes it (or dies), and the host reads the
    // end of the child's output when the child dies. Both sides read and write with blocking calls.
    // Opening a pipe blocks until the other side is open, so a non-blocking probe stands in for it first.
    const probeIn = openSync(inPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const toChild = openSync(inPath, constants.O_WRONLY);
    const childIn = openSync(inPath, constants.O_RDONLY);
    closeSync(probeIn);
    const probeOut = openSync(outPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const childOut = openSync(outPath, constants.O_WRONLY);
    const fromChild = openSync(outPath, constants.O_RDONLY);
    closeSync(probeOut);
    const child = spawn(
      c.command,
      [
        ...c.prefix,
        c.permissionFlag,
        `--allow-fs-read=${CHILD_PROGRAM}`,
        `--max-old-space-size=${HEAP_LIMIT_MB}`,
        '--no-warnings',
        CHILD_PROGRAM,
      ],
      { env: {}, stdio: [childIn, childOut, 'ignore'] },
    );
    child.on('error', () => {});
    child.unref();
    closeSync(childIn);
    closeSync(childOut);
    return { process: child, toChild, fromChild };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const spares: Pipes[] = [];

function takeChild(): Pipes {
  const child = spares.shift() ?? spawnChild();
  while (spares.length < SPARE_CHILDREN) spares.push(spawnChild());
  return child;
}

/**
 * Starts a spare child now, so that its Node boots while the caller compiles and prepares (a command that
 * will run learner code calls this first; the child waits, unreferenced, until a sandbox takes it).
 */
export function prestartSandbox(): void {
  if (spares.length === 0) spares.push(spawnChild());
}

/** Ends the spare children (they never keep the process alive; this frees them at once). */
export function stopSpareChildren(): void {
  for (const c of spares.splice(0)) {
    c.process.kill('SIGKILL');
    closeSync(c.toChild);
    closeSync(c.fromChild);
  }
}

/** Running sandbox processes (for tests and diagnostics). */
let running = 0;
export const runningSandboxes = (): number => running;

let nextRequest = 1;

/** One started child process and the requests to it. */
class SandboxProcess {
  private alive = true;
  private readonly pipes: Pipes;
  private readonly buffer = Buffer.alloc(64 * 1024);
  private pending = '';
  /** Why the process ended, when it did. */
  ended: string | null = null;
  /** Modules open in it. */
  modules = 0;
  private nextModule = 0;

  constructor() {
    this.pipes = takeChild();
    running++;
    const first = this.readLine(0, START_LIMIT_MS);
    if (first !== '{"ready":true}') {
      this.gone('did not start');
      throw new SchedulerCodeError('the sandbox process did not start');
    }
    this.send({ op: 'init', prelude: SANDBOX_PRELUDE });
  }

  get running(): boolean {
    return this.alive;
  }

  get pid(): number | undefined {
    return this.pipes.process.pid;
  }

  newModule(): number {
    return this.nextModule++;
  }

  send(message: Record<string, unknown>): void {
    if (!this.alive) return;
    try {
      writeSync(this.pipes.toChild, `${JSON.stringify(message)}\n`);
    } catch {
      this.gone('closed its input');
    }
  }

  /**
   * Sends one request and waits for its answer. Null when the child did not answer within the budget and
   * the grace (the watchdog then killed it), or has ended.
   */
  request(message: Record<string, unknown>, budgetMs: number): Record<string, unknown> | null {
    if (!this.alive) return null;
    const id = nextRequest++;
    this.send({ ...message, id, timeoutMs: budgetMs });
    for (;;) {
      const line = this.readLine(budgetMs, budgetMs + GRACE_MS);
      if (line === null) return null;
      // Anything but the answer to this request (for instance output of code that escaped its context)
      // is ignored.
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof parsed === 'object' && parsed !== null && (parsed as { id?: unknown }).id === id)
        return parsed as Record<string, unknown>;
    }
  }

  /** Ends the process: its input closes and it exits. */
  close(): void {
    this.gone('was closed');
  }

  /**
   * The next line the child prints; null at its end. After `interruptMs` (0: never) the watchdog interrupts
   * the child, after `killMs` it kills it.
   */
  private readLine(interruptMs: number, killMs: number): string | null {
    const pid = this.pipes.process.pid;
    if (pid === undefined) {
      this.gone('could not be started');
      return null;
    }
    theWatchdog().arm(pid, interruptMs, killMs);
    try {
      for (;;) {
        const nl = this.pending.indexOf('\n');
        if (nl >= 0) {
          const line = this.pending.slice(0, nl);
          this.pending = this.pending.slice(nl + 1);
          return line;
        }
        let n: number;
        try {
          n = readSync(this.pipes.fromChild, this.buffer, 0, this.buffer.length, null);
        } catch {
          n = 0;
        }
        if (n === 0) {
          this.gone('ended: it overran its budget, ran out of memory, or failed');
          return null;
        }
        this.pending += this.buffer.toString('utf8', 0, n);
      }
    } finally {
      theWatchdog().disarm();
    }
  }

  private gone(why: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.ended = why;
    running--;
    this.pipes.process.kill('SIGKILL');
    closeSync(this.pipes.toChild);
    closeSync(this.pipes.fromChild);
  }
}

/**
 * The sandbox of one learner file. Modules of that file (its scheduler, its executor classes, one per seed
 * and per restart) are opened in its process; the process ends when its last module is closed, and a later
 * module of the same file starts a fresh one. A process never serves another file.
 */
export class ProcessSandbox {
  private process: SandboxProcess | null = null;

  constructor(readonly fileName: string) {}

  /**
   * Opens a module of this file: the default export as a scheduler, or `exportName` as an executor.
   * Throws SchedulerCodeError when it does not load, with a message for the learner (no file name) and the
   * line when known.
   */
  open(compiled: Compiled, budgetMs: number, exportName?: string, seed = 1): ProcessModule {
    if (!this.process?.running) this.process = new SandboxProcess();
    const proc = this.process;
    const module = proc.newModule();
    proc.modules++;
    const answer = proc.request(
      { op: 'load', module, file: SCHEDULER_FILE, source: moduleSource(compiled.js, exportName), seed },
      budgetMs,
    );
    const fail = (message: string, line?: number): never => {
      this.release(proc, module);
      throw new SchedulerCodeError(message, line);
    };
    if (answer === null || answer.timedOut === true)
      return fail(`loading the scheduler did not finish within ${budgetMs} ms`);
    if (typeof answer.failed === 'string') return fail(answer.failed);
    const outcome = decodeLoadAnswer(answer.raw, compiled);
    if (!outcome.loaded) return fail(outcome.message, outcome.line);
    return new ProcessModule(proc, module, compiled, budgetMs, exportName ? 'executor' : 'scheduler', () =>
      this.release(proc, module),
    );
  }

  /** The pid of the running process, if one runs (tests use it to check that it is gone). */
  get pid(): number | undefined {
    return this.process?.running ? this.process.pid : undefined;
  }

  /** Ends the process now, whatever modules are open in it. */
  dispose(): void {
    this.process?.close();
    this.process = null;
  }

  private release(proc: SandboxProcess, module: number): void {
    proc.send({ op: 'drop', module });
    if (--proc.modules === 0) {
      proc.close();
      if (this.process === proc) this.process = null;
    }
  }
}

/** One module in a sandbox process, as the actors see it. */
export class ProcessModule implements SandboxRuntime {
  private gone = false;

  constructor(
    private readonly process: SandboxProcess,
    private readonly module: number,
    private readonly compiled: Compiled,
    private readonly budgetMs: number,
    private readonly kind: DriverKind,
    private readonly onClose: () => void,
  ) {}

  invoke(callback: string, args: unknown[], nowMs: number): CallbackResult {
    if (this.gone) return { calls: [], logs: [], timedOut: true };
    const answer = this.process.request(
      { op: 'invoke', module: this.module, name: callback, args: JSON.stringify(args), nowMs },
      this.budgetMs,
    );
    // A callback that overran, or a process that is gone, leaves the module unresponsive for good.
    if (answer === null || answer.timedOut === true) {
      this.dispose();
      return { calls: [], logs: [], timedOut: true };
    }
    if (typeof answer.failed === 'string') return { calls: [], logs: [], error: { message: answer.failed } };
    return decodeInvokeAnswer(answer.raw, this.kind, this.compiled);
  }

  dispose(): void {
    if (this.gone) return;
    this.gone = true;
    this.onClose();
  }
}
