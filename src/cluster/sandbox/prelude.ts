/**
 * The code that runs inside every sandbox before the learner's module, in the learner's own realm (a
 * Node `vm` context, or an opaque-origin Web Worker): a CommonJS shim with the `mesos-lab` helper module,
 * a virtual clock, a seeded `Math.random`, a console that records (within LIMITS), the recording drivers
 * (made from the one table of driver methods), and `__mesosLab`, the entry points the host calls. The host
 * only ever passes strings in and takes strings out, so no object of the host's realm reaches learner
 * code and no object of the learner's reaches the host. Everything here is strict mode, and so is the
 * learner's module (see `moduleSource`): strict frames hide the functions of the frames below them from
 * stack inspection.
 *
 * Nothing in the prelude is a security boundary (learner code can rewrite any of it in its own realm);
 * the boundary is the realm and process or origin around it. The prelude makes learner code
 * deterministic and its answers well formed.
 */
import { scalar } from '../scheduler/api';
import { DRIVER_METHODS } from './driverMethods';
import { LIMITS } from './limits';

/** The file name learner modules get, so stack frames inside them can be told apart. */
export const SCHEDULER_FILE = 'scheduler.js';

/**
 * The `mesos-lab` module inside the sandbox: helpers written once, in the model, and written out into the
 * prelude from their own source (they must not refer to anything outside themselves).
 */
const HELPERS = { scalar };

/** The names the sandbox's `mesos-lab` module provides at run time. */
export const SANDBOX_HELPERS: readonly string[] = Object.keys(HELPERS);

const helperSource = Object.entries(HELPERS)
  .map(([name, f]) => `${name}: ${f.toString()}`)
  .join(', ');

export const SANDBOX_PRELUDE = String.raw`'use strict';
var __mesosLab = (function (global) {
  var LIMITS = ${JSON.stringify(LIMITS)};
  var METHODS = ${JSON.stringify(DRIVER_METHODS)};
  // Intrinsics taken before learner code runs, so that learner code rewriting them (in its own realm)
  // cannot turn the prelude against itself by accident.
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var isArray = Array.isArray;
  var keys = Object.keys;
  var defineProperty = Object.defineProperty;
  var freeze = Object.freeze;
  var toStr = String;
  var call = Function.prototype.call;
  var push = call.bind(Array.prototype.push);
  var slice = call.bind(String.prototype.slice);
  var join = call.bind(Array.prototype.join);
  var apply = call.bind(Function.prototype.apply);
  var imul = Math.imul;

  // ---- The clock is the simulation's: virtual milliseconds, counted from the Unix epoch.
  var nowMs = 0;
  var RealDate = global.Date;
  var virtualNow = function now() { return nowMs; };
  var VirtualDate = function Date() {
    if (!new.target) return new RealDate(nowMs).toString();
    var args = arguments.length === 0 ? [nowMs] : Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args, new.target === VirtualDate ? RealDate : new.target);
  };
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = virtualNow;
  VirtualDate.UTC = RealDate.UTC;
  VirtualDate.parse = RealDate.parse;
  // Every path to the real clock leads to the virtual one: the global, Date.prototype.constructor and
  // the real Date's own now.
  defineProperty(RealDate, 'now', { value: virtualNow, writable: true, configurable: true });
  defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  defineProperty(global, 'Date', { value: VirtualDate, writable: true, configurable: true });
  // Formatting "now" without a date reads the clock too.
  if (typeof Intl === 'object' && Intl.DateTimeFormat) {
    var dtf = Intl.DateTimeFormat.prototype;
    var formatGet = Object.getOwnPropertyDescriptor(dtf, 'format').get;
    defineProperty(dtf, 'format', {
      configurable: true,
      get: function () {
        var f = call.call(formatGet, this);
        return function (d) { return f(d === undefined ? nowMs : d); };
      },
    });
    var formatToParts = dtf.formatToParts;
    dtf.formatToParts = function (d) { return call.call(formatToParts, this, d === undefined ? nowMs : d); };
  }
  if ('Temporal' in global) delete global.Temporal;

  // ---- Math.random is seeded from the scenario's seed (mulberry32), in place on this realm's Math.
  var rand = 1;
  var seedRandom = function (seed) { rand = (seed >>> 0) || 1; };
  defineProperty(Math, 'random', {
    writable: true,
    configurable: true,
    value: function random() {
      rand = (rand + 0x6d2b79f5) | 0;
      var t = imul(rand ^ (rand >>> 15), 1 | rand);
      t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  });

  // ---- The console records, within the per-callback limits; the host enforces the per-run limit.
  var logs = [];
  var dropped = 0;
  // Strings print as they are, anything else as JSON (undefined and functions print nothing).
  var show = function (a) {
    if (typeof a === 'string') return a;
    try {
      return stringify(a);
    } catch (e) {
      try { return toStr(a); } catch (e2) { return '[unprintable value]'; }
    }
  };
  var record = function (level) {
    return function () {
      if (logs.length >= LIMITS.linesPerCallback) { dropped++; return; }
      var parts = [];
      for (var i = 0; i < arguments.length; i++) push(parts, show(arguments[i]));
      var text = join(parts, ' ');
      if (text.length > LIMITS.charsPerLine) text = slice(text, 0, LIMITS.charsPerLine - 1) + '\u2026';
      push(logs, { level: level, text: text });
    };
  };
  var consoleObject = freeze({
    log: record('log'), info: record('info'), warn: record('warn'), error: record('error'), debug: record('log'),
  });
  defineProperty(global, 'console', { value: consoleObject, writable: true, configurable: true });

  // ---- The 'mesos-lab' module: helpers written once, in the model (scheduler/api.ts).
  var helpers = freeze({ ${helperSource} });
  var requireModule = function require(name) {
    if (name === 'mesos-lab') return helpers;
    throw new Error("Cannot import '" + name + "': only 'mesos-lab' is available here");
  };

  // ---- The recording drivers, made from the table of driver methods.
  var recorder = function (kind, calls) {
    var table = METHODS[kind];
    var driver = {};
    keys(table).forEach(function (method) {
      var params = table[method];
      driver[method] = function () {
        var c = { method: method };
        for (var i = 0; i < params.length; i++) if (arguments[i] !== undefined) c[params[i]] = arguments[i];
        push(calls, c);
      };
    });
    return freeze(driver);
  };

  // ---- The module and its instance.
  var factory = null;
  var exportName = null;
  var kind = 'scheduler';
  var instance = null;

  var errorOf = function (e) {
    var message = '';
    var stack = '';
    try { message = e !== null && typeof e === 'object' && 'message' in e ? toStr(e.message) : toStr(e); } catch (x) { message = 'an exception that cannot be printed'; }
    try { stack = e !== null && typeof e === 'object' && typeof e.stack === 'string' ? e.stack : ''; } catch (x) { stack = ''; }
    return { message: slice(message, 0, LIMITS.errorChars), stack: slice(stack, 0, LIMITS.stackChars) };
  };

  var answer = function (value) {
    try {
      var s = stringify(value);
      if (typeof s === 'string' && s.length <= LIMITS.answerChars) return s;
      return stringify({ calls: [], logs: logs, dropped: dropped, error: { message: 'the callback\'s driver calls are too large to send (over ' + LIMITS.answerChars + ' characters of JSON)', stack: '' } });
    } catch (e) {
      return stringify({ calls: [], logs: logs, dropped: dropped, error: { message: 'driver call arguments could not be serialised: ' + errorOf(e).message, stack: '' } });
    }
  };

  return freeze({
    /** Called by the learner's wrapped module (moduleSource): keeps its factory; runs nothing yet. */
    define: function (f, name) {
      if (factory !== null) throw new Error('a sandbox holds one module');
      factory = f;
      exportName = name || null;
      kind = exportName ? 'executor' : 'scheduler';
    },
    /** Runs the module's top-level code and constructs its scheduler or executor. Returns JSON. */
    load: function (seed) {
      seedRandom(seed);
      logs = [];
      dropped = 0;
      try {
        var module = { exports: {} };
        call.call(factory, undefined, module.exports, module, requireModule);
        var exp;
        if (exportName) {
          exp = module.exports[exportName];
          if (typeof exp !== 'function') throw new Error("The file has no exported class '" + exportName + "' (export class " + exportName + ' { ... })');
        } else exp = module.exports && module.exports.__esModule ? module.exports.default : module.exports.default || module.exports;
        if (typeof exp === 'function') instance = new exp();
        else if (exp && typeof exp === 'object') instance = exp;
        else throw new Error('The scheduler file must export a class (export default class MyScheduler { ... })');
        return answer({ loaded: true, logs: logs, dropped: dropped });
      } catch (e) {
        return answer({ failed: errorOf(e), logs: logs, dropped: dropped });
      }
    },
    /** Runs one callback with a recording driver at virtual time now. Returns JSON. */
    invoke: function (name, argsJson, now) {
      nowMs = now;
      logs = [];
      dropped = 0;
      var calls = [];
      var error;
      try {
        var fn = instance !== null ? instance[name] : undefined;
        // An explorer invariant's check(trace) is given the trace alone; every callback else a driver first.
        var bare = exportName === 'Invariant' && name === 'check';
        var args = parse(argsJson);
        if (typeof fn === 'function') apply(fn, instance, bare ? args : [recorder(kind, calls)].concat(args));
      } catch (e) {
        error = errorOf(e);
      }
      return answer({ calls: calls, logs: logs, dropped: dropped, error: error });
    },
  });
})(globalThis);
`;

/**
 * The learner's compiled CommonJS module wrapped for the prelude: a strict function that `__mesosLab.define`
 * keeps until the host asks for the module to be loaded. Defining it runs no learner code.
 */
export const moduleSource = (js: string, exportName?: string): string =>
  `__mesosLab.define(function (exports, module, require) { 'use strict';\n${js}\n}${exportName ? `, ${JSON.stringify(exportName)}` : ''});`;

/** Lines `moduleSource` puts before the learner's compiled code. */
export const MODULE_LINE_OFFSET = 1;
