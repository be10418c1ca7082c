// The sandbox process: learner code of one file runs here, each module in a `vm` context of its own (a
// realm of its own, with no `require`, `process` or file system in it), behind Node's permission model
// (no file reads but this file, no writes, no child processes, no workers) and, where the system allows,
// in a network namespace with no network. The host speaks to it in lines of JSON on stdin and stdout and
// passes strings only: no object of this process's realm is handed to learner code, and the host never
// touches a value learner code made. See src/cli/sandbox/ProcessSandbox.ts for the host's side.
//
// Budgets: the host's watchdog sends SIGINT when a request overruns. This process runs its whole request
// loop inside one script started with `breakOnSigint`, so the signal interrupts whatever runs (learner code
// and its promise jobs included), and the loop answers that the module timed out and drops it; the other
// modules carry on. (A per-call `vm` timeout would start a watchdog thread for every callback.)
'use strict';
const fs = require('node:fs');
const vm = require('node:vm');

/** One module of learner code: its context and the inbox its entry scripts read. */
const modules = new Map();
let prelude = null;
/** The request being served, and the module it runs in, while learner code may run. */
let current = null;

// Fixed entry scripts: they read their arguments from the inbox the prelude made before learner code ran.
const LOAD = new vm.Script('__mesosLab.load(__mesosLabIn.seed)', { filename: 'host-load.js' });
const INVOKE = new vm.Script('__mesosLab.invoke(__mesosLabIn.name, __mesosLabIn.args, __mesosLabIn.now)', {
  filename: 'host-invoke.js',
});
// Run before learner code, and never writable or configurable afterwards: learner code cannot replace the
// entry points or turn the inbox's fields into accessors. Weak references and finalizers are withheld:
// garbage collection would make a module's behaviour depend on timing.
const SEAL = new vm.Script(
  `Object.defineProperty(globalThis, '__mesosLab', { value: __mesosLab, writable: false, configurable: false });
   Object.defineProperty(globalThis, '__mesosLabIn', { value: Object.seal({ seed: 0, name: '', args: '', now: 0 }), writable: false, configurable: false });
   delete globalThis.FinalizationRegistry; delete globalThis.WeakRef;`,
  { filename: 'host-seal.js' },
);

const send = (message) => {
  const line = `${JSON.stringify(message)}\n`;
  for (let off = 0; off < line.length;) off += fs.writeSync(1, line.slice(off));
};

const input = Buffer.alloc(64 * 1024);
let pending = '';
/** The next line from the host; null when the host has closed its end. */
function readLine() {
  for (;;) {
    const nl = pending.indexOf('\n');
    if (nl >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      return line;
    }
    let n;
    try {
      n = fs.readSync(0, input, 0, input.length, null);
    } catch (e) {
      if (e && (e.code === 'EAGAIN' || e.code === 'EINTR')) continue;
      return null;
    }
    if (n === 0) return null;
    pending += input.toString('utf8', 0, n);
  }
}

/** Runs a fixed entry script in a module's context. Only the prelude's string answer is ever looked at. */
function run(mod, script) {
  let raw;
  try {
    raw = script.runInContext(mod.context);
  } catch {
    return { failed: 'the sandbox failed while running learner code' };
  }
  return typeof raw === 'string'
    ? { raw }
    : { failed: 'the sandbox answered with something other than text' };
}

function handle(m) {
  switch (m.op) {
    case 'init':
      prelude = new vm.Script(m.prelude, { filename: 'prelude.js' });
      return;
    case 'load': {
      const context = vm.createContext(Object.create(null), {
        codeGeneration: { strings: false, wasm: false },
        // Promise jobs run before an entry script counts as returned: they are timed with it, and nothing
        // of a module runs between requests.
        microtaskMode: 'afterEvaluate',
      });
      prelude.runInContext(context);
      SEAL.runInContext(context);
      const mod = { context, inbox: vm.runInContext('__mesosLabIn', context) };
      let script;
      try {
        script = new vm.Script(m.source, { filename: m.file });
      } catch (e) {
        // A compile error is made by this process, not by learner code: its message is safe to read.
        return send({
          id: m.id,
          failed: `the module does not parse: ${e instanceof SyntaxError ? e.message : 'error'}`,
        });
      }
      current = { id: m.id, module: m.module };
      try {
        // Defines the module's factory; none of its code runs yet.
        script.runInContext(context);
      } catch {
        current = null;
        return send({ id: m.id, failed: 'the module could not be defined' });
      }
      modules.set(m.module, mod);
      mod.inbox.seed = m.seed;
      const answer = run(mod, LOAD);
      current = null;
      return send({ id: m.id, ...answer });
    }
    case 'invoke': {
      const mod = modules.get(m.module);
      if (!mod) return send({ id: m.id, failed: 'no such module' });
      mod.inbox.name = m.name;
      mod.inbox.args = m.args;
      mod.inbox.now = m.nowMs;
      current = { id: m.id, module: m.module };
      const answer = run(mod, INVOKE);
      current = null;
      return send({ id: m.id, ...answer });
    }
    case 'drop':
      modules.delete(m.module);
      return;
  }
}

globalThis.__serve = () => {
  for (let line = readLine(); line !== null; line = readLine()) if (line) handle(JSON.parse(line));
  process.exit(0);
};
const SERVE = new vm.Script('__serve()', { filename: 'host-serve.js' });

fs.writeSync(1, '{"ready":true}\n');
for (;;) {
  try {
    SERVE.runInThisContext({ breakOnSigint: true });
  } catch {
    // Interrupted by the host's watchdog: the module that was running overran its budget and is gone, as
    // a terminated worker is in the browser.
    if (current !== null) {
      modules.delete(current.module);
      send({ id: current.id, timedOut: true });
      current = null;
    }
  }
}
