import { afterEach, describe, expect, it } from 'vitest';
import {
  SchedulerCodeError,
  ThreadRuntime,
  compileScheduler,
  sandboxThreads,
  stopIdleThreads,
} from './sandbox';

/** Every runtime a test started; their threads are stopped after each test. */
const started: ThreadRuntime[] = [];
afterEach(() => {
  for (const rt of started.splice(0)) rt.dispose();
});

const track = (rt: ThreadRuntime): ThreadRuntime => (started.push(rt), rt);

/** Compiles and loads a learner's scheduler source with a generous budget (loops are tested apart). */
const load = (source: string, file = 'mine.ts', budgetMs = 1000): ThreadRuntime =>
  track(new ThreadRuntime(compileScheduler(source, file), budgetMs, file));

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

  it('reports an unclosed brace at the end of the file', () => {
    const e = codeErrorOf(() => compileScheduler('export default class {\n  x( {\n}\n', 'bad.ts'));
    expect(e.message).toMatch(/^bad\.ts:\d+:\d+: /);
  });

  it('compiles JavaScript files too', () => {
    const rt = load('export default class { registered(d) { console.log("js ok"); } }', 'mine.js');
    expect(rt.invoke('registered', [{ value: 'F' }, {}]).logs).toEqual([{ level: 'log', text: 'js ok' }]);
  });

  it('type annotations are not checked, only erased (a learner is not blocked by a type error)', () => {
    const rt = load(
      'export default class { registered(): void { const n: number = "x" as any; console.log(n); } }',
    );
    expect(rt.invoke('registered', []).logs[0]!.text).toBe('x');
  });
});

describe('loading a learner scheduler', () => {
  it('instantiates the default export', () => {
    const rt = load('export default class Mine { constructor() { console.log("built"); } }');
    expect(rt.name).toBe('mine.ts');
  });

  it('refuses a file without a default export, saying what is expected', () => {
    const e = codeErrorOf(() => load('export const x = 1;', 'nodefault.ts'));
    expect(e.message).toMatch(/^nodefault\.ts: .*must export a class/);
  });

  it('reports a constructor that throws, with its line', () => {
    const e = codeErrorOf(() =>
      load('export default class {\n  constructor() {\n    throw new Error("nope");\n  }\n}', 'ctor.ts'),
    );
    expect(e.message).toBe('ctor.ts:3: nope');
  });

  it('stops top-level code that loops forever', () => {
    const e = codeErrorOf(() => load('while (true) {}\nexport default class {}', 'loop.ts', 100));
    expect(e.message).toMatch(/did not finish within 100 ms/);
  });
});

describe('running callbacks', () => {
  it('returns the driver calls a callback made, in order', () => {
    const rt = load(`
      export default class {
        resourceOffers(driver: any, offers: any[]) {
          driver.declineOffer(offers[0].id, { refuse_seconds: 3 });
          driver.reviveOffers();
        }
      }`);
    const result = rt.invoke('resourceOffers', [[{ id: { value: 'O-1' } }]]);
    expect(result.calls.map((c) => c.method)).toEqual(['declineOffer', 'reviveOffers']);
    expect(result.calls[0]).toMatchObject({ offerId: { value: 'O-1' }, filters: { refuse_seconds: 3 } });
    expect(result.error).toBeUndefined();
  });

  it('keeps state between callbacks', () => {
    const rt = load(
      'export default class { n = 0; statusUpdate() { this.n++; console.log(String(this.n)); } }',
    );
    rt.invoke('statusUpdate', [{}]);
    expect(rt.invoke('statusUpdate', [{}]).logs[0]!.text).toBe('2');
  });

  it('a missing callback does nothing', () => {
    expect(load('export default class {}').invoke('agentLost', [{ value: 'a1' }])).toEqual({
      calls: [],
      logs: [],
    });
  });

  it('console.log, info, warn and error reach the logs, objects as JSON', () => {
    const rt = load(`
      export default class {
        registered(driver: any, id: { value: string }) {
          console.log('registered as', id.value, { n: 1 });
          console.info('i');
          console.warn('w');
          console.error('e');
        }
      }`);
    expect(rt.invoke('registered', [{ value: 'F' }, {}]).logs).toEqual([
      { level: 'log', text: 'registered as F {"n":1}' },
      { level: 'info', text: 'i' },
      { level: 'warn', text: 'w' },
      { level: 'error', text: 'e' },
    ]);
  });

  it('logs of one callback do not leak into the next', () => {
    const rt = load('export default class { registered() { console.log("once"); } }');
    rt.invoke('registered', []);
    expect(rt.invoke('reregistered', []).logs).toEqual([]);
  });

  it("a thrown error carries the learner's own TypeScript line (source-mapped)", () => {
    // Type-only lines and blank lines vanish from the compiled JavaScript, so its line numbers differ.
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
    const jsLine = compiled.js.split('\n').findIndex((l) => l.includes('throw new Error')) + 1;
    expect(jsLine).not.toBe(17);
    const rt = track(new ThreadRuntime(compiled, 1000, 'mine.ts'));
    const result = rt.invoke('statusUpdate', [{ state: 'TASK_LOST' }]);
    expect(result.error).toEqual({ message: 'bad state TASK_LOST', line: 17 });
  });

  it("an error thrown in a helper function names the helper's line, not the caller's", () => {
    const source = [
      'function check(x: number): void {', // 1
      '  if (x > 1) throw new RangeError(`too big: ${x}`);', // 2
      '}', // 3
      'export default class {', // 4
      '  resourceOffers(): void {', // 5
      '    check(5);', // 6
      '  }', // 7
      '}', // 8
    ].join('\n');
    expect(load(source).invoke('resourceOffers', [[]]).error).toEqual({ message: 'too big: 5', line: 2 });
  });

  it('calls made before a throw are still returned', () => {
    const rt = load(
      'export default class { registered(d: any) { d.reviveOffers(); throw new Error("x"); } }',
    );
    const result = rt.invoke('registered', []);
    expect(result.calls).toHaveLength(1);
    expect(result.error?.message).toBe('x');
  });

  it('the budget stops while(true){} and the callback reports it timed out', () => {
    // The budget also covers loading the module, so it is not made too small for a busy machine.
    const rt = load('export default class { resourceOffers() { while (true) {} } }', 'loop.ts', 200);
    const result = rt.invoke('resourceOffers', [[]]);
    expect(result.timedOut).toBe(true);
    expect(result.calls).toEqual([]);
  });
});

describe('the sandbox', () => {
  /** Runs `body` as a registered() callback and returns what it logged. */
  const probe = (body: string): string[] =>
    load(`export default class { registered(): void {\n${body}\n} }`)
      .invoke('registered', [])
      .logs.map((l) => l.text);

  it('has no process, require of Node modules, or Buffer', () => {
    expect(probe('console.log(typeof process, typeof (globalThis as any).process, typeof Buffer);')).toEqual([
      'undefined undefined undefined',
    ]);
  });

  it("refuses require('fs') and import of Node modules", () => {
    expect(
      probe("try { require('fs'); console.log('reached fs'); } catch (e: any) { console.log(e.message); }"),
    ).toEqual(["Cannot import 'fs': only 'mesos-lab' is available here"]);
    const e = codeErrorOf(() =>
      load(
        "import { readFileSync } from 'node:fs';\nexport default class { read = readFileSync; }",
        'imp.ts',
      ),
    );
    expect(e.message).toMatch(/Cannot import 'node:fs'/);
  });

  it("offers the 'mesos-lab' helpers", () => {
    expect(
      probe(
        "const { scalar } = require('mesos-lab'); console.log(String(scalar([{ name: 'cpus', scalar: { value: 0.1 } }, { name: 'cpus', scalar: { value: 0.2 } }], 'cpus')));",
      ),
    ).toEqual(['0.3']);
  });

  it('cannot build code from strings (eval, Function)', () => {
    expect(
      probe(
        "for (const f of [() => eval('1'), () => new Function('return 1')(), () => (function () {}).constructor('return 1')()]) { try { f(); console.log('ran'); } catch (e: any) { console.log(e.name); } }",
      ),
    ).toEqual(['EvalError', 'EvalError', 'EvalError']);
  });

  it("cannot reach the host process through the global object's constructor", () => {
    // The classic vm escape: an object made in the host realm leads to the host's Function constructor.
    const out = probe(`
      for (const via of ['globalThis', 'this']) {
        try {
          const g: any = via === 'globalThis' ? globalThis : this;
          const p = g.constructor.constructor('return process')();
          console.log(via + ' escaped: ' + typeof p + ' ' + (p && p.version));
        } catch (e: any) {
          console.log(via + ' blocked: ' + e.name);
        }
      }`);
    expect(out).toEqual(['globalThis blocked: EvalError', 'this blocked: EvalError']);
  });

  it('two runtimes of the same code share nothing', () => {
    const source =
      'let n = 0;\nexport default class { registered() { n++; (globalThis as any).leak = n; console.log(String(n)); } }';
    const a = load(source);
    const b = load(source);
    a.invoke('registered', []);
    a.invoke('registered', []);
    expect(b.invoke('registered', []).logs[0]!.text).toBe('1');
  });
});

describe('the thread', () => {
  it('each module runs on a worker thread of its own while it lives', () => {
    const source = 'export default class {}';
    const a = load(source);
    const b = load(source);
    expect(a.threadId).toBeGreaterThan(0);
    expect(b.threadId).toBeGreaterThan(0);
    expect(a.threadId).not.toBe(b.threadId);
    expect(sandboxThreads().busy).toBeGreaterThanOrEqual(2);
  });

  it('a finished module frees its thread for the next one, which starts from a clean context', () => {
    const a = load('export default class { registered() { (globalThis as any).mark = 42; } }');
    a.invoke('registered', []);
    const thread = a.threadId;
    a.dispose();
    const b = load(
      'export default class { registered() { console.log(String((globalThis as any).mark)); } }',
    );
    expect(b.threadId).toBe(thread);
    expect(b.invoke('registered', []).logs.map((l) => l.text)).toEqual(['undefined']);
  });

  it('a callback that exceeds its budget has its thread terminated', async () => {
    const rt = load('export default class { resourceOffers() { while (true) {} } }', 'loop.ts', 200);
    expect(rt.invoke('resourceOffers', [[]]).timedOut).toBe(true);
    // The spinning thread really ends; a thread that kept looping would never exit.
    await rt.exited;
    // And a stopped sandbox stays unresponsive rather than throwing into the cluster.
    expect(rt.invoke('resourceOffers', [[]])).toEqual({ calls: [], logs: [], timedOut: true });
  });

  it('promise jobs a callback queues run within its budget, not later on the thread', async () => {
    const rt = load(
      'export default class { resourceOffers() { Promise.resolve().then(() => { while (true) {} }); } }',
      'later.ts',
      200,
    );
    expect(rt.invoke('resourceOffers', [[]]).timedOut).toBe(true);
    await rt.exited;
  });

  it('a module that loops while loading has its thread terminated, and no thread is left busy', () => {
    const compiled = compileScheduler('while (true) {}\nexport default class {}', 'loop.ts');
    const before = sandboxThreads().busy;
    expect(() => new ThreadRuntime(compiled, 100, 'loop.ts')).toThrow(/did not finish within 100 ms/);
    expect(sandboxThreads().busy).toBe(before);
  });

  it('a callback that allocates without end is stopped, and the process lives on', async () => {
    // The thread's heap is capped well below the process's: the allocation ends the thread (or the budget
    // does, whichever comes first), never the host.
    const rt = load(
      'export default class { resourceOffers() { const keep: number[][] = []; while (true) keep.push(new Array(1e6).fill(1)); } }',
      'hog.ts',
      2000,
    );
    expect(rt.invoke('resourceOffers', [[]]).timedOut).toBe(true);
    await rt.exited;
  });

  it('a disposed module answers nothing; idle threads can be stopped', async () => {
    const rt = load('export default class { registered() { console.log("hi"); } }');
    expect(rt.invoke('registered', []).logs).toHaveLength(1);
    rt.dispose();
    rt.dispose();
    expect(rt.invoke('registered', []).logs).toEqual([]);
    stopIdleThreads();
    expect(sandboxThreads().idle).toBe(0);
    await rt.exited;
  });
});
