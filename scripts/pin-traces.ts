/**
 * `npm run pin-traces`: writes the pinned traces (src/cli/pinnedTraces.ts) anew. Only for a change that
 * means to alter the model's behaviour; say why in the commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PINNED_CASES, PINNED_DIR } from '../src/cli/pinnedTraces';

mkdirSync(PINNED_DIR, { recursive: true });
for (const c of PINNED_CASES) {
  const jsonl = c.run();
  writeFileSync(join(PINNED_DIR, `${c.name}.jsonl.gz`), gzipSync(jsonl, { level: 9 }));
  console.log(`${c.name}: ${jsonl.split('\n').length - 1} events`);
}
