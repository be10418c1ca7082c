/**
 * The engine writes the same trace as when these runs were pinned, byte for byte (see pinnedTraces.ts).
 * A failure names the first line that differs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PINNED_CASES, PINNED_DIR } from './pinnedTraces';

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i])
      return `line ${i + 1} differs:\n  pinned: ${a[i] ?? '(end of trace)'}\n  now:    ${b[i] ?? '(end of trace)'}`;
  return 'no difference';
}

describe('pinned traces', () => {
  for (const c of PINNED_CASES)
    it(`${c.name} gives its pinned trace`, { timeout: 60_000 }, () => {
      const pinned = gunzipSync(readFileSync(join(PINNED_DIR, `${c.name}.jsonl.gz`))).toString('utf8');
      const now = c.run();
      if (now !== pinned) expect.fail(`${c.name}: ${firstDifference(pinned, now)}`);
      expect(now.length).toBeGreaterThan(0);
    });
});
