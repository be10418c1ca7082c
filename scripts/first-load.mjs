#!/usr/bin/env node
/**
 * `npm run size`: the JavaScript and CSS a visitor downloads before the editor is opened, brotli-compressed
 * as a static host would serve it, against the budget of 150 kB (1 kB = 1000 bytes). It builds nothing:
 * it reads the last build in dist/ and Vite's manifest (dist/.vite/manifest.json).
 *
 * The first load is index.html's entry chunk, its static imports, transitively, and their CSS. Not counted:
 * dynamic imports (Monaco, the TypeScript compiler, anything loaded when asked for), workers (started
 * after the page is up), and the HTML, icon and web manifest (not JavaScript or CSS; the HTML is printed).
 * Cross-check: every script, module preload and stylesheet that dist/index.html names must be in the set.
 *
 * It also fails when Monaco or the TypeScript compiler is in that set: both belong behind the editor.
 *
 *   node scripts/first-load.mjs [--dist dist] [--budget 150] [--json dist/first-load.json]
 *
 * Exit status: 0 within budget, 1 over budget or Monaco/TypeScript loaded eagerly, 2 on bad input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { readManifest, staticChunks } from './viteManifest.mjs';

const ENTRY = 'index.html';

/** @param {Buffer} data */
const brotli = (data) =>
  brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length;

const kB = (bytes) => (bytes / 1000).toFixed(1);

/**
 * Monaco, found by where a chunk came from or by what only Monaco contains: the link in the warning its
 * core prints when workers are missing, or a stylesheet full of `.monaco-editor` rules (a few overrides
 * in the app's own CSS are fine).
 *
 * @param {string} key
 * @param {string} file
 * @param {string} text
 */
function looksLikeMonaco(key, file, text) {
  if (key.includes('node_modules/monaco-editor/')) return true;
  if (file.endsWith('.js')) return text.includes('microsoft/monaco-editor');
  return (text.match(/\.monaco-editor\b/g) ?? []).length > 50;
}

/**
 * The TypeScript compiler (about 1 MB brotli), by where the chunk came from or its exported version field.
 *
 * @param {string} key
 * @param {string} file
 * @param {string} text
 */
function looksLikeTypeScript(key, file, text) {
  if (key.includes('node_modules/typescript/')) return true;
  return file.endsWith('.js') && text.includes('versionMajorMinor');
}

/** The scripts, module preloads and stylesheets an HTML page names, as URL paths (base included). */
function htmlReferences(html) {
  const refs = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script');
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
    if (!isScript && !['stylesheet', 'modulepreload'].includes(rel)) continue;
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (url && !/^[a-z]+:/i.test(url)) refs.push(url);
  }
  return refs;
}

function main() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      budget: { type: 'string', default: '150' },
      json: { type: 'string' },
    },
  });
  const dist = values.dist;
  const budgetBytes = Number(values.budget) * 1000;
  if (!Number.isFinite(budgetBytes) || budgetBytes <= 0) throw new Error(`--budget must be a number of kB`);
  const jsonPath = values.json ?? join(dist, 'first-load.json');

  const manifest = readManifest(dist);
  /** @type {{ file: string, from: string, rawBytes: number, brotliBytes: number }[]} */
  const files = [];
  const problems = [];
  const seen = new Set();
  for (const { key, chunk } of staticChunks(manifest, ENTRY)) {
    for (const file of [chunk.file, ...(chunk.css ?? [])]) {
      if (seen.has(file) || !/\.(m?js|css)$/.test(file)) continue;
      seen.add(file);
      const data = readFileSync(join(dist, file));
      const text = data.toString('utf8');
      if (looksLikeMonaco(key, file, text))
        problems.push(`Monaco is in the first load: ${file} (from ${key})`);
      if (looksLikeTypeScript(key, file, text))
        problems.push(`the TypeScript compiler is in the first load: ${file} (from ${key})`);
      files.push({ file, from: key, rawBytes: data.length, brotliBytes: brotli(data) });
    }
  }

  const html = readFileSync(join(dist, ENTRY));
  // Whatever the base path the build was made with, a counted file's URL ends with its path in dist/.
  for (const ref of htmlReferences(html.toString('utf8')))
    if (/\.(m?js|css)$/.test(ref) && ![...seen].some((f) => ref === f || ref.endsWith(`/${f}`)))
      problems.push(`${ENTRY} loads ${ref}, which the manifest walk missed: the figure would be too low`);

  const totalBrotliBytes = files.reduce((s, f) => s + f.brotliBytes, 0);
  const totalRawBytes = files.reduce((s, f) => s + f.rawBytes, 0);
  const withinBudget = totalBrotliBytes <= budgetBytes;

  const width = Math.max(...files.map((f) => f.file.length), 10);
  console.log(`First load of ${relative('.', join(dist, ENTRY))}: JavaScript and CSS, brotli quality 11`);
  for (const f of [...files].sort((a, b) => b.brotliBytes - a.brotliBytes))
    console.log(`  ${f.file.padEnd(width)}  ${kB(f.brotliBytes).padStart(7)} kB  (raw ${kB(f.rawBytes)} kB)`);
  console.log(
    `  ${'total'.padEnd(width)}  ${kB(totalBrotliBytes).padStart(7)} kB  of ${kB(budgetBytes)} kB budget` +
      ` (${((100 * totalBrotliBytes) / budgetBytes).toFixed(0)}%)`,
  );
  console.log(`  (not counted: ${ENTRY} itself, ${kB(brotli(html))} kB brotli)`);

  const summary = {
    entry: ENTRY,
    compression: 'brotli quality 11',
    budgetBytes,
    totalBrotliBytes,
    totalRawBytes,
    withinBudget,
    monacoInFirstLoad: problems.some((p) => p.startsWith('Monaco')),
    typescriptInFirstLoad: problems.some((p) => p.includes('TypeScript')),
    htmlBrotliBytes: brotli(html),
    files,
    problems,
  };
  writeFileSync(jsonPath, JSON.stringify(summary, null, 2) + '\n');
  console.log(`Summary written to ${jsonPath}`);

  for (const p of problems) console.error(`error: ${p}`);
  if (!withinBudget)
    console.error(`error: the first load is ${kB(totalBrotliBytes - budgetBytes)} kB over the budget`);
  return withinBudget && problems.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`first-load: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
