/**
 * The house's layers, held by a test: every import under src/ (static, type-only and dynamic `import()`) is
 * read, resolved, and checked against the layer map (docs/architecture.md), and the import graph must have
 * no cycle. ESLint's `no-restricted-imports` patterns (eslint.config.js) say the same for static imports as
 * you type; this test also sees dynamic imports and cycles, which ESLint cannot.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');

/** What each top-level folder of src/ may import, besides itself. Type-only imports are listed apart. */
const MAY_IMPORT: Record<string, { code: readonly string[]; types?: readonly string[] }> = {
  cluster: { code: [] },
  share: { code: ['cluster'] },
  lessons: { code: ['cluster'] },
  explore: { code: ['cluster', 'lessons'] },
  workers: { code: ['cluster', 'lessons', 'explore'] },
  editor: { code: ['cluster', 'lessons', 'explore', 'workers'] },
  ship: { code: ['cluster', 'share', 'lessons', 'explore', 'workers', 'editor'] },
  ui: { code: ['cluster', 'share', 'lessons', 'explore', 'workers', 'editor', 'ship'] },
  // The command line drives the built page in Chromium for benchmarks and reads its typed test hooks (the
  // page's and the worker harness page's).
  cli: { code: ['cluster', 'share', 'lessons', 'explore'], types: ['ui', 'workers'] },
  'main.ts': { code: ['cluster', 'share', 'lessons', 'explore', 'workers', 'editor', 'ship', 'ui'] },
};

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names, as Vite and TypeScript resolve it; null for packages and assets. */
function resolveSpecifier(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.svelte`, `${base}.svelte.ts`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.(ts|svelte)$/.test(candidate))
      return candidate;
  return null;
}

const STATIC = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(STATIC)) {
    const to = resolveSpecifier(file, m[3]!);
    if (to) out.push({ from: file, to, typeOnly: m[2] !== undefined });
  }
  for (const m of text.matchAll(DYNAMIC)) {
    const to = resolveSpecifier(file, m[1]!);
    if (to) out.push({ from: file, to, typeOnly: false });
  }
  return out;
}

const layerOf = (file: string): string => relative(SRC, file).split('/')[0]!;
const short = (file: string): string => relative(SRC, file);

const files = sourceFiles(SRC);
const product = files.filter((f) => !/\.test\.ts$/.test(f) && !f.includes('/testing/'));
const imports = product.flatMap(importsOf);

describe('the layers of src/', () => {
  it('knows every top-level folder', () => {
    expect([...new Set(product.map(layerOf))].filter((l) => !(l in MAY_IMPORT))).toEqual([]);
  });

  it('imports only downwards', () => {
    const wrong = imports.filter(({ from, to, typeOnly }) => {
      const a = layerOf(from);
      const b = layerOf(to);
      if (a === b) return false;
      const rule = MAY_IMPORT[a]!;
      return !rule.code.includes(b) && !(typeOnly && rule.types?.includes(b));
    });
    expect(wrong.map(({ from, to }) => `${short(from)} -> ${short(to)}`)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    const graph = new Map<string, string[]>();
    for (const { from, to } of imports) graph.set(from, [...(graph.get(from) ?? []), to]);
    // Tarjan's strongly connected components: any component of two or more files is a cycle.
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) !== index.get(v)) return;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(short(w));
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    };
    for (const f of product) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('sees static, type-only and dynamic imports (the reader itself is not blind)', () => {
    const has = (a: string, b: string): boolean =>
      imports.some((i) => short(i.from) === a && short(i.to) === b);
    expect(has('cluster/summary.ts', 'cluster/trace/FrameworkLedger.ts')).toBe(true);
    expect(has('workers/harness.ts', 'workers/gradeClient.ts')).toBe(true); // a dynamic import()
    expect(has('cluster/trace.ts', 'cluster/trace/explanation.ts')).toBe(true); // a type-only import
  });
});
