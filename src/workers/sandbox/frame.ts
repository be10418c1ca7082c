/**
 * The sandbox frame: a hidden `<iframe sandbox="allow-scripts" srcdoc="…">`. It has an opaque origin (no
 * `allow-same-origin`), so nothing in it can reach the site's storage, caches, cookies or service worker;
 * its policy (the page's, which a srcdoc frame inherits, and its own, below) allows no network, no code
 * from strings and no scripts but its own and the blob workers it starts. Its one script starts a learner's
 * worker from the script the host sends (and hands the worker the host's port), or ends one. Workers started
 * from blobs inherit the frame's origin and policy. Its content is written inline, so it works offline and
 * needs no file of its own.
 */

/** The frame's only script. Its hash goes into the page's and the frame's Content-Security-Policy. */
export const SANDBOX_FRAME_SCRIPT = `'use strict';
(function () {
  var workers = new Map();
  addEventListener('message', function (e) {
    if (e.source !== parent) return;
    var m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.op === 'open' && typeof m.source === 'string' && m.port instanceof MessagePort) {
      var url = URL.createObjectURL(new Blob([m.source], { type: 'text/javascript' }));
      var worker = new Worker(url, { name: String(m.name) });
      worker.postMessage({ port: m.port }, [m.port]);
      workers.set(m.id, worker);
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    } else if (m.op === 'end') {
      var w = workers.get(m.id);
      if (w) { w.terminate(); workers.delete(m.id); }
    }
  });
  parent.postMessage({ mesosLabSandbox: 'ready' }, '*');
})();`;

/** The policy of the frame and of every worker it starts (the worker's own script comes from a blob). */
export const sandboxFramePolicy = (scriptHash: string): string =>
  [
    "default-src 'none'",
    `script-src '${scriptHash}'`,
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

/** The frame's document. */
export const sandboxFrameDocument = (scriptHash: string): string =>
  `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${sandboxFramePolicy(scriptHash)}"><script>${SANDBOX_FRAME_SCRIPT}</script>`;

/** `sha256-…` of a script's text, as CSP writes hashes. */
export async function cspHash(script: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(script));
  let binary = '';
  for (const b of new Uint8Array(digest)) binary += String.fromCharCode(b);
  return `sha256-${btoa(binary)}`;
}
