/**
 * Runs npm scripts side by side and fails if any failed: `node scripts/parallel.mjs check lint`.
 * Each script's output is held back and printed whole when it ends, so the log reads one script at a time.
 * `npm test` uses it for steps that leave a core idle on their own (a type checker and a linter, each
 * single-threaded; the unit tests and the acceptance cases, the latter one `npm run sim` at a time).
 */
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/parallel.mjs SCRIPT [SCRIPT ...]');
  process.exit(2);
}

const started = Date.now();
const results = await Promise.all(
  scripts.map(
    (name) =>
      new Promise((resolve) => {
        const chunks = [];
        const child = spawn('npm', ['run', name], { env: { ...process.env, FORCE_COLOR: '1' } });
        child.stdout.on('data', (d) => chunks.push(d));
        child.stderr.on('data', (d) => chunks.push(d));
        child.on('error', (e) => chunks.push(Buffer.from(`could not start npm run ${name}: ${e.message}\n`)));
        child.on('close', (code) => {
          process.stdout.write(Buffer.concat(chunks));
          const seconds = ((Date.now() - started) / 1000).toFixed(0);
          console.log(
            `\n== npm run ${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`} after ${seconds} s ==\n`,
          );
          resolve({ name, code });
        });
      }),
  ),
);

const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length) {
  console.error(`Failed: ${failed.join(', ')}`);
  process.exit(1);
}
