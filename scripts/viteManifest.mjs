/**
 * Walks Vite's build manifest (`dist/.vite/manifest.json`, written because `build.manifest` is on):
 * which files an HTML entry loads before anything else happens (its static imports and their CSS), and
 * which files only the test harness needs. Used by `npm run size` (scripts/first-load.mjs) and by the
 * service worker's precache list (vite.config.ts).
 *
 * Worker chunks and what they import do not appear in the manifest's import graph: Vite lists a worker's
 * own file among the `assets` of the chunk that starts it, and nothing of what the worker imports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} ManifestChunk
 * @property {string} file
 * @property {string} [src]
 * @property {string} [name]
 * @property {boolean} [isEntry]
 * @property {boolean} [isDynamicEntry]
 * @property {string[]} [imports]
 * @property {string[]} [dynamicImports]
 * @property {string[]} [css]
 * @property {string[]} [assets]
 */

/** @typedef {Record<string, ManifestChunk>} Manifest */

/**
 * @param {string} outDir the build's output folder
 * @returns {Manifest}
 */
export function readManifest(outDir) {
  const path = join(outDir, '.vite', 'manifest.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${path}: build first (npm run build), with build.manifest on`, {
      cause: error,
    });
  }
}

/**
 * The chunks an entry loads statically: the entry itself and, depth first, its `imports`; never its
 * dynamic imports or workers.
 *
 * @param {Manifest} manifest
 * @param {string} entry a manifest key, e.g. 'index.html'
 * @returns {{ key: string, chunk: ManifestChunk }[]}
 */
export function staticChunks(manifest, entry) {
  if (!manifest[entry]) throw new Error(`the build manifest has no entry "${entry}"`);
  /** @type {{ key: string, chunk: ManifestChunk }[]} */
  const out = [];
  const seen = new Set();
  /** @param {string} key */
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names "${key}" but has no entry for it`);
    out.push({ key, chunk });
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(entry);
  return out;
}

/**
 * Every file an entry may ever load by the graph the manifest knows: static and dynamic imports, their
 * CSS, and with `assets` their assets too (worker files included, though not what workers import).
 *
 * @param {Manifest} manifest
 * @param {string[]} entries manifest keys
 * @param {{ assets?: boolean }} [options]
 * @returns {Set<string>} file paths relative to the output folder
 */
export function reachableFiles(manifest, entries, { assets = true } = {}) {
  const files = new Set();
  const seen = new Set();
  /** @param {string} key */
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const f of [...(chunk.css ?? []), ...(assets ? (chunk.assets ?? []) : [])]) files.add(f);
    for (const dep of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(dep);
  };
  for (const e of entries) visit(e);
  return files;
}

/**
 * Chunks that only the given entries import (e.g. the harness page's own copy of the TypeScript compiler),
 * and no other entry reaches. Assets are never in it: a worker file listed under the harness may well be
 * started by another entry's worker, which the manifest cannot show. Nor are files the manifest does not
 * know (what workers import).
 *
 * @param {Manifest} manifest
 * @param {string[]} only the entries whose private files are wanted, e.g. ['harness.html']
 * @returns {Set<string>}
 */
export function filesOnlyFor(manifest, only) {
  const others = Object.entries(manifest)
    .filter(([key, chunk]) => chunk.isEntry && !only.includes(key))
    .map(([key]) => key);
  const kept = reachableFiles(manifest, others);
  return new Set([...reachableFiles(manifest, only, { assets: false })].filter((f) => !kept.has(f)));
}
