/**
 * The first-load walker on a small fake build shaped like Vite's output. The real build is checked by
 * e2e/editor.spec.ts after `vite build` (npm run test:e2e builds first).
 */
import { describe, expect, it } from 'vitest';
import { firstLoad, htmlAssets, monacoIn, resolveAsset, staticImports } from './firstLoad';

const build: Record<string, string> = {
  'index.html': `<!doctype html><head>
    <script type="module" crossorigin src="/lab/assets/main-1.js"></script>
    <link rel="modulepreload" crossorigin href="/lab/assets/comlink-2.js">
    <link rel="stylesheet" crossorigin href="/lab/assets/main-3.css">
    <link rel="icon" href="/lab/favicon.svg"></head>`,
  'assets/main-1.js':
    'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/monacoSetup-9.js","assets/editor.api-8.js"])))=>i.map(i=>d[i]);' +
    'import{a as e}from"./comlink-2.js";import"./util-4.js";export{x}from"./reexport-5.js";' +
    'const m=()=>e(()=>import("./monacoSetup-9.js"),__vite__mapDeps([0,1]));new Worker(new URL("player.worker-6.js",import.meta.url));',
  'assets/comlink-2.js': 'export const a=1;',
  'assets/util-4.js':
    'const s="import x from \\"./not-an-import.js\\"",t=`\nimport { scalar } from \'mesos-lab\';`;',
  'assets/reexport-5.js': 'export const x=2;',
  'assets/main-3.css': '.panel{color:red}',
  'assets/monacoSetup-9.js': 'import"./editor.api-8.js";self.MonacoEnvironment={};',
  'assets/editor.api-8.js': 'const c="monaco-editor";',
};
const read = (p: string): string | null => build[p] ?? null;

describe('first load', () => {
  it('finds what the HTML loads at once', () => {
    expect(htmlAssets(build['index.html']!)).toEqual([
      '/lab/assets/main-1.js',
      '/lab/assets/comlink-2.js',
      '/lab/assets/main-3.css',
    ]);
  });

  it('follows static imports only: not import(), not file names in strings, not workers', () => {
    expect(staticImports(build['assets/main-1.js']!)).toEqual([
      './comlink-2.js',
      './util-4.js',
      './reexport-5.js',
    ]);
    expect(staticImports(build['assets/util-4.js']!)).toEqual([]);
  });

  it('resolves paths under a base path', () => {
    expect(resolveAsset('/lab/assets/a.js', 'index.html', '/lab/')).toBe('assets/a.js');
    expect(resolveAsset('./b.js', 'assets/a.js')).toBe('assets/b.js');
    expect(resolveAsset('../c.js', 'assets/a.js')).toBe('c.js');
    expect(resolveAsset('https://cdn.example/x.js', 'index.html')).toBeNull();
  });

  it('the page’s first files hold no Monaco, while the lazy chunks do', () => {
    const files = firstLoad('index.html', read, '/lab/');
    expect(files.sort()).toEqual(
      [
        'index.html',
        'assets/main-1.js',
        'assets/comlink-2.js',
        'assets/main-3.css',
        'assets/util-4.js',
        'assets/reexport-5.js',
      ].sort(),
    );
    expect(monacoIn(files, read)).toEqual([]);
    expect(monacoIn(['assets/monacoSetup-9.js', 'assets/editor.api-8.js'], read)).toEqual([
      'assets/monacoSetup-9.js (MonacoEnvironment)',
      'assets/editor.api-8.js (monaco-editor)',
    ]);
  });

  it('catches Monaco imported statically', () => {
    const bad: Record<string, string> = { ...build, 'assets/main-1.js': 'import"./monacoSetup-9.js";' };
    const r = (p: string): string | null => bad[p] ?? null;
    expect(monacoIn(firstLoad('index.html', r, '/lab/'), r)).toEqual([
      'assets/monacoSetup-9.js (MonacoEnvironment)',
      'assets/editor.api-8.js (monaco-editor)',
    ]);
  });
});
