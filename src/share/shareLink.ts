/**
 * Share links: the whole setup of a run (the scenario, its seed, the faults applied by hand, and later the
 * learner's code) as JSON, compressed with `CompressionStream('deflate-raw')` and written in base64url into
 * the URL's hash: `#lab=<base64url>`. Opening the link replays the same run: the faults become scripted
 * actions at the instants they were applied, and the trace is the same, event for event.
 */
import type { Action } from '../cluster/scenario/types';

/** Bumped when the payload's shape changes incompatibly; older links then get a clear message. */
export const SHARE_VERSION = 1;
const HASH_PREFIX = '#lab=';

export interface SharedSetup {
  /** The scenario as JSON (a validated scenario is valid input again). */
  readonly scenario: unknown;
  readonly seed: number;
  /** Actions applied live, in order, with the instant each was applied. */
  readonly faults: readonly Action[];
  /** Learner code by framework id, when the editor adds it. */
  readonly code?: Readonly<Record<string, string>>;
}

export type ShareLinkProblem =
  'encoding' | 'truncated' | 'json' | 'version' | 'shape' | 'tooLarge' | 'tooLong';

/**
 * Limits on what a link may hold, so that a small link cannot make the page inflate or hold more than a
 * real setup ever needs (issue 12: a 155 KB link inflating to a 120 MB name crashed the tab). A real setup
 * is a few kilobytes; the longest text in one is learner code, a few thousand characters.
 */
export const LINK_LIMITS = {
  /** Characters of the payload in the address (the base64url text). */
  payloadChars: 1_000_000,
  /** Bytes of JSON once inflated. */
  inflatedBytes: 2 * 1024 * 1024,
  /** Characters of any one text in it (names, commands, code). */
  stringChars: 100_000,
} as const;

export class ShareLinkError extends Error {
  constructor(
    readonly problem: ShareLinkProblem,
    message: string,
    /** For 'tooLong': where the text is (a JSON path), how long it is and the limit. */
    readonly where?: { readonly path: string; readonly length: number; readonly limit: number },
  ) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

// ---------------------------------------------------------------- base64url

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError('encoding', 'not base64url text');
  if (text.length % 4 === 1) throw new ShareLinkError('truncated', 'base64url text of an impossible length');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// ---------------------------------------------------------------- compression

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Inflates chunk by chunk and stops as soon as the output passes `limit` bytes (then null). */
async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The first text in `value` longer than `limit` characters, with its JSON path, or null. */
export function longText(
  value: unknown,
  limit: number,
  path = '$',
): { path: string; length: number; limit: number } | null {
  if (typeof value === 'string') return value.length > limit ? { path, length: value.length, limit } : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = longText(value[i], limit, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (k.length > limit) return { path: `${path} (a key)`, length: k.length, limit };
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k.slice(0, 40))}]`;
      const found = longText(v, limit, path + key);
      if (found) return found;
    }
  return null;
}

export async function encodeSetup(setup: SharedSetup): Promise<string> {
  const json = JSON.stringify({ v: SHARE_VERSION, ...setup });
  return toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** Decodes a payload; throws a ShareLinkError saying what is wrong with it. */
export async function decodeSetup(text: string): Promise<SharedSetup> {
  if (text.length > LINK_LIMITS.payloadChars)
    throw new ShareLinkError('tooLarge', `the link is ${text.length} characters long`);
  const bytes = fromBase64Url(text);
  let json: string | null;
  try {
    const inflated = await inflate(bytes, LINK_LIMITS.inflatedBytes);
    json = inflated && new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    // A cut-off deflate stream ends early; a damaged one fails to inflate. Either way the link is incomplete.
    throw new ShareLinkError('truncated', 'the compressed data is incomplete or damaged');
  }
  if (json === null)
    throw new ShareLinkError('tooLarge', `the link inflates past ${LINK_LIMITS.inflatedBytes} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ShareLinkError('json', 'the data is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ShareLinkError('shape', 'the data is not an object');
  const long = longText(value, LINK_LIMITS.stringChars);
  if (long)
    throw new ShareLinkError('tooLong', `the text at ${long.path} is ${long.length} characters long`, long);
  const o = value as Record<string, unknown>;
  if (o.v !== SHARE_VERSION)
    throw new ShareLinkError('version', `unknown link version ${JSON.stringify(o.v)}`);
  if (typeof o.scenario !== 'object' || o.scenario === null)
    throw new ShareLinkError('shape', 'the link has no scenario');
  if (!Number.isSafeInteger(o.seed) || (o.seed as number) < 0)
    throw new ShareLinkError('shape', 'the link has no valid seed');
  if (!Array.isArray(o.faults)) throw new ShareLinkError('shape', 'the link has no list of faults');
  if (
    o.code !== undefined &&
    (typeof o.code !== 'object' ||
      o.code === null ||
      Object.values(o.code).some((c) => typeof c !== 'string'))
  )
    throw new ShareLinkError('shape', 'the learner code in the link is not text');
  return {
    scenario: o.scenario,
    seed: o.seed as number,
    faults: o.faults as Action[],
    ...(o.code !== undefined ? { code: o.code as Record<string, string> } : {}),
  };
}

// ---------------------------------------------------------------- the hash

export const hashFor = (encoded: string): string => HASH_PREFIX + encoded;

/** The payload in a location hash, null when the hash is not a share link at all. */
export function payloadOf(hash: string): string | null {
  return hash.startsWith(HASH_PREFIX) ? hash.slice(HASH_PREFIX.length) : null;
}

/**
 * The scenario input a shared setup stands for: its scenario with the seed and with the faults appended to
 * the scripted actions (validation sorts them by time, stably, as the live run applied them).
 */
export function scenarioOf(setup: SharedSetup): unknown {
  const s = setup.scenario as Record<string, unknown>;
  const actions = Array.isArray(s.actions) ? (s.actions as unknown[]) : [];
  return { ...s, seed: setup.seed, actions: [...actions, ...setup.faults] };
}
