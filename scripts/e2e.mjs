/**
 * Runs both Playwright configurations, the site at the root and the GitHub Pages sub-path, even when the
 * first fails, and fails at the end if either did: one failure must not hide the other's results.
 * Extra arguments go to both runs (e.g. `npm run test:e2e -- --grep offline`).
 */
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const extra = process.argv.slice(2);
const runs = [
  { name: 'root', args: ['playwright', 'test', ...extra] },
  { name: 'sub-path', args: ['playwright', 'test', '-c', 'playwright.subpath.config.ts', ...extra] },
];

const failed = [];
for (const run of runs) {
  console.log(`\n== Playwright: ${run.name} configuration ==\n`);
  const { status, error } = spawnSync('npx', run.args, { stdio: 'inherit' });
  if (error) console.error(`could not start Playwright: ${error.message}`);
  if (status !== 0) failed.push(`${run.name} (exit ${status ?? 'none'})`);
}
if (failed.length) {
  console.error(`\nEnd-to-end tests failed in: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nEnd-to-end tests passed in both configurations.');
