/**
 * What a built page loads before anything runs: the files its HTML names (module scripts, module preloads,
 * stylesheets) and every file those import statically, transitively. Dynamic `import()` and workers are
 * left out: they load later, on use. Used to check that Monaco is not in the first page's JavaScript
 * (e2e/editor.spec.ts, on the real build; firstLoad.test.ts, on a small fake one). Pure: the caller reads
 * the files.
 */

/** Text found in Monaco's own chunks (its global environment hook, its CSS class); never in the app's. */
export const MONACO_MARKERS: readonly string[] = ['MonacoEnvironment', 'monaco-editor'];

/** The page-relative paths an HTML file loads at once. */
export function htmlAssets(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g))
    out.push(m[1]!);
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*\btype=["']module["']/g))
    out.push(m[1]!);
  for (const m of html.matchAll(
    /<link\b[^>]*\brel=["'](?:modulepreload|stylesheet)["'][^>]*\bhref=["']([^"']+)["']/g,
  ))
    out.push(m[1]!);
  return [...new Set(out)];
}

/**
 * The static imports of a built JavaScript module: `import … from "./x.js"`, `import "./x.js"`,
 * `export … from "./x.js"`. `import("x")` (dynamic) is not one. A bundle's imports are always file paths,
 * so bare names (`'mesos-lab'` in the text of an example's code) are not imports either.
 */
export function staticImports(js: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;}\s])(?:import|export)(?:\s*[\w$*{},\s]+?\s*from)?\s*["']([^"']+)["']/g;
  for (const m of js.matchAll(re)) if (/^(?:\.{1,2}\/|\/).*\.(?:m?js|css)$/.test(m[1]!)) out.push(m[1]!);
  return [...new Set(out)];
}

/** Resolves `spec` against the file `from` (both relative to the build's root), dropping the base path. */
export function resolveAsset(spec: string, from: string, base = '/'): string | null {
  if (/^(?:[a-z]+:)?\/\//i.test(spec) || spec.startsWith('data:')) return null;
  let path: string;
  if (spec.startsWith('/')) path = spec.startsWith(base) ? spec.slice(base.length) : spec.slice(1);
  else {
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
    path = dir + spec;
  }
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/').replace(/[?#].*$/, '');
}

/** Every file the page at `htmlPath` loads at once, its HTML included. */
export function firstLoad(htmlPath: string, read: (path: string) => string | null, base = '/'): string[] {
  const html = read(htmlPath);
  if (html === null) throw new Error(`${htmlPath} is not in the build`);
  const seen = new Set<string>([htmlPath]);
  const queue: string[] = [];
  for (const a of htmlAssets(html)) {
    const p = resolveAsset(a, htmlPath, base);
    if (p && !seen.has(p)) {
      seen.add(p);
      queue.push(p);
    }
  }
  while (queue.length) {
    const file = queue.shift()!;
    if (!file.endsWith('.js')) continue;
    const text = read(file);
    if (text === null) throw new Error(`${file}, loaded by the page, is not in the build`);
    for (const spec of staticImports(text)) {
      const p = resolveAsset(spec, file, base);
      if (p && !seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return [...seen];
}

/** The files among `files` that hold Monaco's code, with the marker found. */
export function monacoIn(files: readonly string[], read: (path: string) => string | null): string[] {
  const found: string[] = [];
  for (const f of files) {
    const text = read(f) ?? '';
    const marker = MONACO_MARKERS.find((m) => text.includes(m));
    if (marker) found.push(`${f} (${marker})`);
  }
  return found;
}
