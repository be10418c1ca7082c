/**
 * The script of a learner's sandbox worker in the browser: the prelude (shared with Node's sandbox), a
 * small bootstrap, and the learner's module wrapped so that defining it runs none of its code. The page's
 * sandbox frame starts it from a blob (an opaque origin under a policy with no network, see
 * SandboxFrames.ts). The bootstrap waits for the host's port, says it is ready, and then answers `load`
 * and `invoke` with the prelude's strings: it says when it starts running learner code, and posts each
 * answer only after the promise jobs of the learner code have run (as Node's sandbox runs them before a
 * callback counts as returned).
 */
import { moduleSource, SANDBOX_PRELUDE } from '../../cluster/sandbox/prelude';

/**
 * Globals of a worker that Node's sandbox does not have: hidden (on the global and along its prototype
 * chain), so the same learner code behaves the same on both hosts. Determinism, not security: the
 * origin and its policy are the boundary.
 */
export const HIDDEN_GLOBALS = [
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'performance',
  'crypto',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'navigator',
  'location',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'MessageChannel',
  'close',
  'postMessage',
  'onmessage',
  'structuredClone',
  'FontFace',
  'fonts',
  'scheduler',
] as const;

const BOOTSTRAP = String.raw`(function () {
  'use strict';
  var hidden = ${JSON.stringify(HIDDEN_GLOBALS)};
  var port = null;
  var self_ = self;
  // Taken before learner code runs: learner code that patches prototypes must not stop the answers.
  var call = Function.prototype.call;
  var post = MessagePort.prototype.postMessage;
  var send = function (target, message) { call.call(post, target, message); };
  var pending = null;
  var channel = new MessageChannel();
  // A macrotask: it runs after every promise job the learner code queued.
  channel.port1.onmessage = function () {
    var m = pending;
    pending = null;
    if (m !== null) send(port, m);
  };
  var serve = function (m) {
    if (!m || typeof m !== 'object' || (m.op !== 'load' && m.op !== 'invoke')) return;
    // The host starts the budget now, not when it sent the request: a worker that is slow to be
    // scheduled is not taken for a slow callback. Learner code cannot send this (the port is ours).
    send(port, { id: m.id, started: true });
    var answer;
    if (m.op === 'load') answer = __mesosLab.load(m.seed);
    else if (m.op === 'invoke') answer = __mesosLab.invoke(m.name, m.args, m.nowMs);
    else return;
    pending = { id: m.id, raw: answer };
    send(channel.port2, null);
  };
  self_.onmessage = function (e) {
    if (port !== null || !e.data || !(e.data.port instanceof MessagePort)) return;
    port = e.data.port;
    self_.onmessage = null;
    port.onmessage = function (ev) { serve(ev.data); };
    for (var i = 0; i < hidden.length; i++) {
      var name = hidden[i];
      for (var o = self_; o !== null; o = Object.getPrototypeOf(o)) {
        var d = Object.getOwnPropertyDescriptor(o, name);
        if (d && d.configurable) delete o[name];
      }
      try { Object.defineProperty(self_, name, { value: undefined, writable: false, configurable: false }); } catch (x) {}
    }
    send(port, { ready: true });
  };
})();
`;

/** The whole script of one sandbox worker: prelude, bootstrap, and the learner's module (not yet run). */
export const sandboxWorkerSource = (js: string, exportName?: string): string =>
  `${SANDBOX_PRELUDE}\n${BOOTSTRAP}\n${moduleSource(js, exportName)}\n//# sourceURL=scheduler.js`;

/**
 * Lines before the learner's compiled code in the worker's script, for mapping stack lines back to the
 * learner's source (the worker's script is one file, named scheduler.js).
 */
export const workerLineOffset = (): number => `${SANDBOX_PRELUDE}\n${BOOTSTRAP}\n`.split('\n').length - 1 + 1;
