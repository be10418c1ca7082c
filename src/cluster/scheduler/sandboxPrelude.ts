/**
 * The code that runs inside a scheduler sandbox (a Node `vm` context, or a scheduler Web Worker) before the
 * learner's own: a CommonJS shim with the `mesos-lab` helper module, a `console` that records, and
 * `__invoke`, which calls one callback with a recording driver and returns everything as one JSON string,
 * so that nothing from inside the sandbox is ever shared with the host.
 */
// Everything is declared with `var`, so the prelude works both at a script's top level (a vm context, where
// the vars are the context's globals) and inside a function (one scope per module, where `Date`, `Math` and
// `console` shadow the worker's globals for that module only).
export const SANDBOX_PRELUDE = String.raw`
var __logs = [];
var __nowMs = 0;
// The sandbox's clock is the simulation's: Date.now() and new Date() give virtual time (milliseconds since
// the run began, counted from the Unix epoch), so the same scenario and seed always give the same trace.
var Date = (function () {
  var RealDate = globalThis.Date;
  function VirtualDate() {
    if (!(this instanceof VirtualDate)) return new RealDate(__nowMs).toString();
    if (arguments.length === 0) return new RealDate(__nowMs);
    var args = [null];
    for (var i = 0; i < arguments.length; i++) args.push(arguments[i]);
    return new (Function.prototype.bind.apply(RealDate, args))();
  }
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = function () { return __nowMs; };
  VirtualDate.UTC = RealDate.UTC;
  VirtualDate.parse = RealDate.parse;
  return VirtualDate;
})();
// Math.random is seeded from the scenario's seed (mulberry32), never the host's generator.
var __rand = 1;
var __seedRandom = function (seed) { __rand = (seed >>> 0) || 1; };
var Math = Object.create(globalThis.Math);
Math.random = function () {
  __rand = (__rand + 0x6d2b79f5) | 0;
  var t = Math.imul(__rand ^ (__rand >>> 15), 1 | __rand);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
var __fmt = function (a) {
  if (typeof a === 'string') return a;
  try { return JSON.stringify(a); } catch (e) { return String(a); }
};
var console = {
  log: function () { __logs.push({ level: 'log', text: Array.prototype.map.call(arguments, __fmt).join(' ') }); },
  info: function () { __logs.push({ level: 'info', text: Array.prototype.map.call(arguments, __fmt).join(' ') }); },
  warn: function () { __logs.push({ level: 'warn', text: Array.prototype.map.call(arguments, __fmt).join(' ') }); },
  error: function () { __logs.push({ level: 'error', text: Array.prototype.map.call(arguments, __fmt).join(' ') }); },
};
var __helpers = {
  scalar: function (resources, name) {
    var sum = 0;
    for (var i = 0; i < resources.length; i++) if (resources[i].name === name && resources[i].scalar) sum += resources[i].scalar.value;
    return Math.round(sum * 1000) / 1000;
  },
};
var __require = function (name) {
  if (name === 'mesos-lab') return __helpers;
  throw new Error("Cannot import '" + name + "': only 'mesos-lab' is available here");
};
var __scheduler = null;
var __define = function (factory, exportName) {
  var module = { exports: {} };
  factory(module.exports, module, __require);
  var exp;
  if (exportName) {
    exp = module.exports[exportName];
    if (typeof exp !== 'function') throw new Error("The file has no exported class '" + exportName + "' (export class " + exportName + " { ... })");
  } else exp = module.exports && module.exports.__esModule ? module.exports.default : (module.exports.default || module.exports);
  if (typeof exp === 'function') __scheduler = new exp();
  else if (exp && typeof exp === 'object') __scheduler = exp;
  else throw new Error('The scheduler file must export a class (export default class MyScheduler { ... })');
};
var __schedulerDriver = function (calls) {
  var ids = function (x) { return Array.isArray(x) ? x : [x]; };
  return {
    launchTasks: function (offerIds, tasks, filters) { calls.push({ method: 'launchTasks', offerIds: ids(offerIds), tasks: tasks, filters: filters }); },
    acceptOffers: function (offerIds, operations, filters) { calls.push({ method: 'acceptOffers', offerIds: ids(offerIds), operations: operations, filters: filters }); },
    declineOffer: function (offerId, filters) { calls.push({ method: 'declineOffer', offerId: offerId, filters: filters }); },
    reviveOffers: function (roles) { calls.push({ method: 'reviveOffers', roles: roles }); },
    suppressOffers: function (roles) { calls.push({ method: 'suppressOffers', roles: roles }); },
    killTask: function (taskId) { calls.push({ method: 'killTask', taskId: taskId }); },
    acknowledgeStatusUpdate: function (status) { calls.push({ method: 'acknowledgeStatusUpdate', status: status }); },
    reconcileTasks: function (statuses) { calls.push({ method: 'reconcileTasks', statuses: statuses }); },
    sendFrameworkMessage: function (executorId, agentId, data) { calls.push({ method: 'sendFrameworkMessage', executorId: executorId, agentId: agentId, data: data }); },
    stop: function (failover) { calls.push({ method: 'stop', failover: failover === true }); },
  };
};
var __executorDriver = function (calls) {
  return {
    sendStatusUpdate: function (status) { calls.push({ method: 'sendStatusUpdate', status: status }); },
    sendFrameworkMessage: function (data) { calls.push({ method: 'sendFrameworkMessage', data: data }); },
    setTimer: function (seconds, name) { calls.push({ method: 'setTimer', seconds: seconds, name: name }); },
    stop: function () { calls.push({ method: 'stop' }); },
  };
};
var __invoke = function (name, argsJson, kind, nowMs) {
  __nowMs = nowMs || 0;
  var calls = [];
  __logs = [];
  var driver = kind === 'executor' ? __executorDriver(calls) : __schedulerDriver(calls);
  var error;
  try {
    var fn = __scheduler && __scheduler[name];
    if (typeof fn === 'function') fn.apply(__scheduler, [driver].concat(JSON.parse(argsJson)));
  } catch (e) {
    error = { message: e && e.message ? String(e.message) : String(e), stack: e && e.stack ? String(e.stack) : '' };
  }
  var out;
  try {
    out = JSON.stringify({ calls: calls, logs: __logs, error: error });
  } catch (e) {
    out = JSON.stringify({ calls: [], logs: __logs, error: { message: 'driver call arguments could not be serialised: ' + e.message, stack: '' } });
  }
  return out;
};
`;

/**
 * Wraps compiled CommonJS code so that the prelude's `__define` instantiates its default export (a
 * scheduler), or the named export (an executor class).
 */
export const wrapModule = (js: string, exportName?: string): string =>
  `__define(function (exports, module, require) {\n${js}\n}${exportName ? `, ${JSON.stringify(exportName)}` : ''});`;

/**
 * The prelude and a module in one function scope: the source evaluates to a function that takes the
 * seed, seeds `Math.random` (before the module's own code runs, as the Node sandbox does), loads the
 * module and returns `{ invoke }`. Several modules can then live in one global scope (a grading worker)
 * without sharing anything.
 */
export function scopedModule(js: string, exportName?: string): { source: string; lineOffset: number } {
  const head = `(function (__seed) {\n${SANDBOX_PRELUDE}\n__seedRandom(__seed);\n`;
  const lineOffset = head.split('\n').length - 1 + WRAP_LINE_OFFSET;
  return {
    source: `${head}${wrapModule(js, exportName)}\nreturn { invoke: __invoke };\n})`,
    lineOffset,
  };
}

/** Lines the wrapper adds before the learner's compiled code. */
export const WRAP_LINE_OFFSET = 1;
