/** The editor's themes come from the app's colours and follow the page's colour scheme. */
import { describe, expect, it } from 'vitest';
import { compiledFromEmit, flattenMessage, markersOf, problemsOf } from './compileOutput';
import { LIGHT_PALETTE, paletteFromCss, resolveTheme, themeData } from './themes';

describe('themes', () => {
  it('reads the app’s CSS variables, falling back where one is missing or not a hex colour', () => {
    const vars: Record<string, string> = {
      '--panel': ' #fafafa',
      '--ink': 'rgb(0 0 0)',
      '--accent': '#123456',
    };
    const p = paletteFromCss((n) => vars[n] ?? '');
    expect(p).toEqual({ ...LIGHT_PALETTE, bg: '#fafafa', accent: '#123456' });
    const t = themeData(p, false);
    expect(t.base).toBe('vs');
    expect(t.colors['editor.background']).toBe('#fafafa');
    expect(t.rules.find((r) => r.token === 'keyword')!.foreground).toBe('123456');
  });

  it('follows the page: light unless the page is dark, or offers both and the system prefers dark', () => {
    expect(resolveTheme('auto', 'light', true)).toBe('light');
    expect(resolveTheme('auto', '', true)).toBe('light');
    expect(resolveTheme('auto', 'dark', false)).toBe('dark');
    expect(resolveTheme('auto', 'light dark', true)).toBe('dark');
    expect(resolveTheme('auto', 'light dark', false)).toBe('light');
    expect(resolveTheme('dark', 'light', false)).toBe('dark');
  });
});

describe('compile output', () => {
  const text = 'line one\nline two is here\n';
  const positionAt = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return { lineNumber: before.length, column: before.at(-1)!.length + 1 };
  };

  it('problems: errors and warnings at their lines, suggestions left out, chains flattened', () => {
    const problems = problemsOf(
      [
        {
          category: 1,
          code: 2322,
          start: 14,
          length: 3,
          messageText: { messageText: 'outer', next: [{ messageText: 'inner' }] },
        },
        { category: 2, code: 6133, start: 0, length: 4, messageText: 'unused' },
        { category: 0, code: 1, start: 0, length: 4, messageText: 'a warning' },
      ],
      positionAt,
    );
    expect(problems).toEqual([
      { severity: 'warning', message: 'a warning', line: 1, column: 1, endLine: 1, endColumn: 5, code: 1 },
      {
        severity: 'error',
        message: 'outer\n  inner',
        line: 2,
        column: 6,
        endLine: 2,
        endColumn: 9,
        code: 2322,
      },
    ]);
    expect(flattenMessage('plain')).toBe('plain');
    const markers = markersOf(problems, { Error: 8, Warning: 4, Info: 2, Hint: 1 });
    expect(markers.map((m) => [m.severity, m.startLineNumber, m.startColumn, m.endColumn])).toEqual([
      [4, 1, 1, 5],
      [8, 2, 6, 9],
    ]);
  });

  it('the Compiled object: JavaScript without the map comment, and the line table of the map', () => {
    const c = compiledFromEmit(
      {
        emitSkipped: false,
        outputFiles: [
          { name: 'file:///x/t.js.map', text: JSON.stringify({ version: 3, mappings: 'AAAA;;AAEA' }) },
          { name: 'file:///x/t.js', text: 'a;\n\nb;\n//# sourceMappingURL=t.js.map' },
        ],
      },
      't.ts',
    );
    expect(c).toEqual({ js: 'a;\n\nb;\n', lines: [1, null, 3], fileName: 't.ts' });
    expect(() => compiledFromEmit({ emitSkipped: true, outputFiles: [] }, 't.ts')).toThrow(/no JavaScript/);
  });
});
