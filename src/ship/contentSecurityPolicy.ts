/**
 * The Content-Security-Policy of the built pages (a `<meta>` tag, since GitHub Pages sets no headers):
 * scripts only from the site itself (no inline script but the sandbox frame's one, by hash, and no
 * `eval`), network only to the site itself, workers from the site or from blobs (the learner sandboxes),
 * no plugins. It is defence in depth: learner code already runs in an opaque origin under a stricter policy
 * of its own (src/workers/sandbox/frame.ts). docs/security.md says what each layer stops.
 */

/** The page's policy; `frameHash` is the sandbox frame script's (its srcdoc inherits this policy). */
export function pagePolicy(frameHash: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' '${frameHash}'`,
    // Svelte and Monaco set element styles and add style sheets at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** The `<meta>` tag that carries the policy. */
export const policyMeta = (frameHash: string): string =>
  `<meta http-equiv="Content-Security-Policy" content="${pagePolicy(frameHash)}" />`;
