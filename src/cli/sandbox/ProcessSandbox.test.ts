import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../cluster/sandbox/limits';
import {
  ProcessSandbox,
  runningSandboxes,
  sandboxConfinement,
  stopSpareChildren,
  type ProcessModule,
} from './ProcessSandbox';
import { compileScheduler, SchedulerCodeError } from './nodeLoader';

/** Every sandbox a test started; they are ended after each test. */
const boxes: ProcessSandbox[] = [];
afterEach(() => {
  for (const b of boxes.splice(0)) b.dispose();
});
afterAll(() => stopSpareChildren());

/** Compiles and opens a learner's scheduler (or executor class) in a sandbox of its own. */
function load(
  source: string,
  file = 'mine.ts',
  budgetMs = 1000,
  exportName?: string,
  seed = 1,
): ProcessModule {
  const box = new ProcessSandbox(file);
  boxes.push(box);
  return box.open(compileScheduler(source, file), budgetMs, exportName, seed);
}

/** The SchedulerCodeError that `f` throws. */
function codeErrorOf(f: () => unknown): SchedulerCodeError {
  try {
    f();
  } catch (e) {
    if (e instanceof SchedulerCodeError) return e;
    throw e;
  }
  throw new Error('expected a SchedulerCodeError, but nothing was thrown');
}

const texts = (m: ProcessModule, callback = 'registered', args: unknown[] = []): string[] => {
  const r = m.invoke(callback, args, 0);
  if (r instanceof Promise) throw new Error('the Node sandbox answers synchronously');
  return r.logs.map((l) => l.text);
};

describe('compiling a learner scheduler', () => {
  it('names file:line:col of a syntax error', () => {
    const source = [
      'export default class Mine {',
      '  resourceOffers(driver, offers) {',
      '    const x = ;',
      '  }',
      '}',
    ].join('\n');
    const e = codeErrorOf(() => compileScheduler(source, 'my-scheduler.ts'));
    // The `;` where an expression was expected is on line 3, column 15.
    expect(e.message).toMatch(/^my-scheduler\.ts:3:15: Expression expected/);
  });

  it('compiles JavaScript files too', () => {
    const m = load('export default class { registered(d) { console.log("js ok"); } }', 'mine.js');
    expect(texts(m)).toEqual(['js ok']);
  });

  it('type annotations are not checked, only erased (a learner is not blocked by a type error)', () => {
    const m = load(
      'export default class { registered(): void { const n: number = "x" as any; console.log(n); } }',
    );
    expect(texts(m)).toEqual(['x']);
  });
});

describe('loading a learner scheduler', () => {
  it('refuses a file without a default export, saying what is expected', () => {
    const e = codeErrorOf(() => load('export const x = 1;', 'nodefault.ts'));
    expect(e.message).toMatch(/must export a class/);
  });

  it('reports a constructor that throws, with its line', () => {
    const e = codeErrorOf(() =>
      load('export default class {\n  constructor() {\n    throw new Error("nope");\n  }\n}', 'ctor.ts'),
    );
    expect(e.message).toBe('nope');
    expect(e.line).toBe(3);
  });

  it('stops top-level code that loops forever', () => {
    const e = codeErrorOf(() => load('while (true) {}\nexport default class {}', 'loop.ts', 200));
    expect(e.message).toMatch(/did not finish within 200 ms/);
  });

  it('an executor class is loaded by name, and a missing one is named', () => {
    const source =
      'export class Worker { registered() { console.log("executor up"); } }\nexport default class {}';
    expect(texts(load(source, 'ex.ts', 1000, 'Worker'))).toEqual(['executor up']);
    expect(codeErrorOf(() => load(source, 'ex.ts', 1000, 'Missing')).message).toMatch(
      /no exported class 'Missing'/,
    );
  });
});

describe('running callbacks', () => {
  it('returns the driver calls a callback made, in order, with their arguments by name', () => {
    const m = load(`
      export default class {
        resourceOffers(driver: any, offers: any[]) {
          driver.declineOffer(offers[0].id, { refuse_seconds: 3 });
          driver.reviveOffers();
        }
      }`);
    const result = m.invoke('resourceOffers', [[{ id: { value: 'O-1' } }]], 0) as Exclude<
      ReturnType<ProcessModule['invoke']>,
      Promise<unknown>
    >;
    expect(result.calls).toEqual([
      { method: 'declineOffer', offerId: { value: 'O-1' }, filters: { refuse_seconds: 3 } },
      { method: 'reviveOffers' },
    ]);
    expect(result.error).toBeUndefined();
  });

  it('keeps state between callbacks; a missing callback does nothing', () => {
    const m = load(
      'export default class { n = 0; statusUpdate() { this.n++; console.log(String(this.n)); } }',
    );
    texts(m, 'statusUpdate', [{}]);
    expect(texts(m, 'statusUpdate', [{}])).toEqual(['2']);
    expect(m.invoke('agentLost', [{ value: 'a1' }], 0)).toEqual({ calls: [], logs: [] });
  });

  it('console.log, info, warn and error reach the logs, objects as JSON', () => {
    const m = load(`
      export default class {
        registered(driver: any, id: { value: string }) {
          console.log('registered as', id.value, { n: 1 });
          console.info('i');
          console.warn('w');
          console.error('e');
        }
      }`);
    expect(m.invoke('registered', [{ value: 'F' }, {}], 0)).toMatchObject({
      logs: [
        { level: 'log', text: 'registered as F {"n":1}' },
        { level: 'info', text: 'i' },
        { level: 'warn', text: 'w' },
        { level: 'error', text: 'e' },
      ],
    });
  });

  it("a thrown error carries the learner's own TypeScript line (source-mapped)", () => {
    const source = [
      'interface Counter {', //  1
      '  n: number;', //          2
      '  label: string;', //      3
      '}', //                     4
      '', //                      5
      'type Maybe = Counter | null;', // 6
      '', //                      7
      '', //                      8
      'export default class Mine {', // 9
      '  private seen: number = 0;', // 10
      '', //                      11
      '  statusUpdate(driver: unknown, status: { state: string }): void {', // 12
      '    const c: Maybe = null;', // 13
      '', //                      14
      '', //                      15
      '    this.seen++;', //      16
      "    throw new Error('bad state ' + status.state);", // 17
      '  }', //                   18
      '}', //                     19
    ].join('\n');
    const compiled = compileScheduler(source, 'mine.ts');
    // Make sure the test means something: the throw is on another line in the JavaScript.
    expect(compiled.js.split('\n').findIndex((l) => l.includes('throw new Error')) + 1).not.toBe(17);
    const box = new ProcessSandbox('mine.ts');
    boxes.push(box);
    expect(box.open(compiled, 1000).invoke('statusUpdate', [{ state: 'TASK_LOST' }], 0)).toMatchObject({
      error: { message: 'bad state TASK_LOST', line: 17 },
    });
  });

  it('the budget stops while(true){} and the callback reports it timed out; the module stays gone', () => {
    const m = load('export default class { resourceOffers() { while (true) {} } }', 'loop.ts', 300);
    expect(m.invoke('resourceOffers', [[]], 0)).toEqual({ calls: [], logs: [], timedOut: true });
    expect(m.invoke('resourceOffers', [[]], 0)).toEqual({ calls: [], logs: [], timedOut: true });
  });

  it('a hung module is dropped while the other modules of its file carry on (as separate workers do)', () => {
    const source = `
      export class Hang { launchTask() { while (true) {} } }
      export default class { registered() { console.log('still here'); } }`;
    const box = new ProcessSandbox('two.ts');
    boxes.push(box);
    const compiled = compileScheduler(source, 'two.ts');
    const scheduler = box.open(compiled, 300);
    const executor = box.open(compiled, 300, 'Hang');
    expect(executor.invoke('launchTask', [{}], 0)).toMatchObject({ timedOut: true });
    expect(texts(scheduler)).toEqual(['still here']);
  });

  it('promise jobs a callback queues run within its budget, and an endless chain of them is stopped', () => {
    const m = load(
      'export default class { resourceOffers() { const f = (): any => Promise.resolve().then(f); f(); } registered() { console.log("later"); } }',
      'chain.ts',
      300,
    );
    expect(m.invoke('resourceOffers', [[]], 0)).toMatchObject({ timedOut: true });
  });

  it('console output is capped per callback, and the cut is counted', () => {
    const m = load(
      'export default class { registered() { for (let i = 0; i < 100000; i++) console.log("line " + i); } }',
    );
    const r = m.invoke('registered', [], 0) as { logs: unknown[]; dropped?: number };
    expect(r.logs).toHaveLength(LIMITS.linesPerCallback);
    expect(r.dropped).toBe(100000 - LIMITS.linesPerCallback);
  });
});

describe('determinism inside the sandbox', () => {
  const probe = (body: string, seed = 1): string[] =>
    texts(
      load(`export default class { registered(): void {\n${body}\n} }`, 'probe.ts', 1000, undefined, seed),
    );

  it('every path to the clock reads virtual time', () => {
    const m = load(`export default class { registered(): void {
      console.log(String(Date.now()), String(new Date().getTime()), String((Date.prototype.constructor as any).now()),
        String(new (Date.prototype.constructor as any)().getTime()), String(Object.getPrototypeOf(new Date()).constructor.now()));
    } }`);
    expect(m.invoke('registered', [], 12345)).toMatchObject({
      logs: [{ text: '12345 12345 12345 12345 12345' }],
    });
  });

  it('every path to Math.random is the seeded one', () => {
    const body =
      'console.log(String(Math.random()), String((Object.getPrototypeOf(Math) as any).random), String(typeof (globalThis as any).crypto));';
    const [a] = probe(body, 7);
    const [b] = probe(body, 7);
    expect(a).toBe(b);
    expect(a!.split(' ')[1]).toBe('undefined');
    expect(a!.split(' ')[2]).toBe('undefined');
  });
});

describe('the boundary (attacks a reviewer tried)', () => {
  /** A file that must never be created. */
  const marker = join(tmpdir(), `mesos-lab-escape-${process.pid}`);
  afterEach(() => rmSync(marker, { force: true }));

  const probe = (body: string): string[] =>
    texts(load(`export default class { registered(): void {\n${body}\n} }`));

  it('has no process, require of Node modules, or Buffer', () => {
    expect(probe('console.log(typeof process, typeof (globalThis as any).process, typeof Buffer);')).toEqual([
      'undefined undefined undefined',
    ]);
    expect(
      probe("try { require('fs'); console.log('reached fs'); } catch (e: any) { console.log(e.message); }"),
    ).toEqual(["Cannot import 'fs': only 'mesos-lab' is available here"]);
  });

  it('cannot build code from strings (eval, Function)', () => {
    expect(
      probe(
        "for (const f of [() => eval('1'), () => new Function('return 1')(), () => (function () {}).constructor('return 1')()]) { try { f(); console.log('ran'); } catch (e: any) { console.log(e.name); } }",
      ),
    ).toEqual(['EvalError', 'EvalError', 'EvalError']);
  });

  it("cannot reach the host through the global object's constructor", () => {
    const out = probe(`
      for (const via of ['globalThis', 'this']) {
        try {
          const g: any = via === 'globalThis' ? globalThis : this;
          const p = g.constructor.constructor('return process')();
          console.log(via + ' escaped: ' + typeof p);
        } catch (e: any) {
          console.log(via + ' blocked: ' + e.name);
        }
      }`);
    expect(out).toEqual(['globalThis blocked: EvalError', 'this blocked: EvalError']);
  });

  it("a sloppy-mode file that throws an object whose message getter walks the host's stack frames gets nothing", () => {
    // The reported escape: no import or export (so the compiled file is not strict), a thrown object whose
    // `message` getter runs in the host's error path, and Error.prepareStackTrace reading the frames'
    // functions to reach the host's Function and then require.
    const attack = `
      const found: string[] = [];
      (Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => {
        for (const f of frames) {
          const fn = f.getFunction && f.getFunction();
          if (fn) {
            try {
              const p = fn.constructor('return process')();
              p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');
              found.push('escaped');
            } catch (e) { found.push('blocked'); }
          }
        }
        return 'stack';
      };
      class Scheduler {
        registered() {
          throw { get message() { new Error().stack; return 'boom'; }, get stack() { return new Error().stack; }, toString() { throw new Error('no'); } };
        }
        resourceOffers() { console.log(found.length ? found.join(',') : 'nothing found'); }
      }
      (module as any).exports = Scheduler;`;
    // TypeScript without import or export compiles to a script, not a strict module.
    expect(compileScheduler(attack, 'sloppy.ts').js).not.toMatch(/use strict/);
    const m = load(attack, 'sloppy.ts');
    const r = m.invoke('registered', [], 0) as { error?: { message: string } };
    expect(r.error?.message).toBe('boom');
    expect(texts(m, 'resourceOffers', [[]])).toEqual(['nothing found']);
    expect(existsSync(marker)).toBe(false);
  });

  it("rewriting the entry points, JSON or Array.prototype.push changes only the learner's own realm", () => {
    const m = load(`
      export default class {
        registered() {
          try { (globalThis as any).__mesosLab = { invoke: () => ({ toString() { while (true) {} } }) }; } catch (e) { console.log('entry is fixed'); }
          Array.prototype.push = function () { throw new Error('no push'); } as any;
          JSON.stringify = (() => ({ get x() { throw new Error('trap'); } })) as any;
        }
        resourceOffers(driver: any, offers: any[]) { driver.declineOffer(offers[0].id); }
      }`);
    expect(texts(m)).toEqual(['entry is fixed']);
    // The prelude took its intrinsics before learner code ran: answers stay well formed, the host unharmed.
    expect(m.invoke('resourceOffers', [[{ id: { value: 'O-1' } }]], 0)).toEqual({
      calls: [{ method: 'declineOffer', offerId: { value: 'O-1' } }],
      logs: [],
    });
    expect(texts(load('export default class { registered() { console.log("fine"); } }'))).toEqual(['fine']);
  });

  it('an object whose toString throws, thrown or logged, is reported without harm', () => {
    const m = load(
      `export default class { registered() { const bad = { toString() { throw new Error('x'); }, toJSON() { throw new Error('y'); } }; console.log(bad); throw bad; } }`,
    );
    const r = m.invoke('registered', [], 0) as { error?: { message: string }; logs: { text: string }[] };
    expect(r.logs[0]!.text).toBe('[unprintable value]');
    expect(r.error?.message).toBe('an exception that cannot be printed');
  });

  it('a callback that allocates without end is stopped, and the host lives on', () => {
    const m = load(
      'export default class { resourceOffers() { const keep: number[][] = []; while (true) keep.push(new Array(1e6).fill(1)); } }',
      'hog.ts',
      3000,
    );
    expect(m.invoke('resourceOffers', [[]], 0)).toMatchObject({ timedOut: true });
  });

  it('the process is confined even if learner code escaped its context: no files, no commands, no workers, no network', () => {
    // Node's permission model and the network namespace hold for the whole sandbox process, so a way out
    // of the vm context would still lead nowhere. This runs the same confinement on a probe program.
    const c = sandboxConfinement();
    const program = join(tmpdir(), `mesos-lab-probe-${process.pid}.cjs`);
    writeFileSync(
      program,
      `const out = [];
       const t = (name, f) => { try { f(); out.push(name + ' allowed'); } catch (e) { out.push(name + ' denied'); } };
       t('write', () => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'));
       t('read', () => require('fs').readFileSync('/etc/hostname'));
       t('exec', () => require('child_process').execSync('true'));
       t('worker', () => new (require('worker_threads').Worker)('1', { eval: true }));
       const s = require('net').connect(9, '127.0.0.1');
       s.on('error', (e) => { out.push('network ' + e.code); console.log(out.join(',')); });
       s.on('connect', () => { out.push('network allowed'); console.log(out.join(',')); s.destroy(); });`,
    );
    try {
      const args = [c.permissionFlag, `--allow-fs-read=${program}`, '--no-warnings', program];
      const r = c.networkNamespace
        ? spawnSync('unshare', ['-rn', process.execPath, ...args], { encoding: 'utf8' })
        : spawnSync(process.execPath, args, { encoding: 'utf8' });
      const out = r.stdout.trim();
      expect(out).toMatch(/^write denied,read denied,exec denied,worker denied,network /);
      if (c.networkNamespace) expect(out).toMatch(/network ENETUNREACH$/);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(program, { force: true });
    }
  });

  it('a learner file never shares a process with another file, and a finished run leaves none running', () => {
    const before = runningSandboxes();
    const a = load('export default class { registered() { (globalThis as any).mark = 42; } }', 'a.ts');
    a.invoke('registered', [], 0);
    const b = load(
      'export default class { registered() { console.log(String((globalThis as any).mark)); } }',
      'b.ts',
    );
    expect(texts(b)).toEqual(['undefined']);
    expect(runningSandboxes()).toBe(before + 2);
    a.dispose();
    b.dispose();
    expect(runningSandboxes()).toBe(before);
  });
});
