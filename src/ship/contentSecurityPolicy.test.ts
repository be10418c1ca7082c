import { describe, expect, it } from 'vitest';
import { cspHash, sandboxFramePolicy, SANDBOX_FRAME_SCRIPT } from '../workers/sandbox/frame';
import { pagePolicy } from './contentSecurityPolicy';

const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

describe('the content security policies', () => {
  it('the page allows scripts only from the site and the sandbox frame’s own script, and no eval', async () => {
    const hash = await cspHash(SANDBOX_FRAME_SCRIPT);
    const page = directives(pagePolicy(hash));
    expect(page.get('script-src')).toEqual(["'self'", `'${hash}'`]);
    expect(pagePolicy(hash)).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
    expect(page.get('connect-src')).toEqual(["'self'"]);
    expect(page.get('object-src')).toEqual(["'none'"]);
  });

  it('the sandbox frame (and every worker it starts) has no network, no eval and no scripts from anywhere', async () => {
    const hash = await cspHash(SANDBOX_FRAME_SCRIPT);
    const frame = directives(sandboxFramePolicy(hash));
    expect(frame.get('default-src')).toEqual(["'none'"]);
    expect(frame.get('connect-src')).toEqual(["'none'"]);
    expect(frame.get('script-src')).toEqual([`'${hash}'`]);
    expect(frame.get('worker-src')).toEqual(['blob:']);
  });

  it('the hash is the CSP hash of the exact script text (a changed script changes it)', async () => {
    const a = await cspHash(SANDBOX_FRAME_SCRIPT);
    const b = await cspHash(`${SANDBOX_FRAME_SCRIPT} `);
    expect(a).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
  });
});
