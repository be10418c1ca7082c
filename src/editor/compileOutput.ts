/**
 * From what Monaco's TypeScript worker returns to what the editor needs: problems (for markers and the
 * console) from diagnostics, and the `Compiled` object the scheduler sandbox runs (src/cluster/scheduler/
 * compile.ts) from the emitted JavaScript and its source map.
 */
import type { Compiled } from '../cluster/sandbox/compile';
import { lineTable } from '../cluster/sandbox/sourceMap';
import type { DiagnosticChain, EmitOutput, MarkerData, MonacoApi, Position, TsDiagnostic } from './monacoApi';

export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly code: number;
}

/** TypeScript's DiagnosticCategory: Warning 0, Error 1, Suggestion 2, Message 3. */
const ERROR = 1;
const WARNING = 0;

export function flattenMessage(m: string | DiagnosticChain, indent = 0): string {
  if (typeof m === 'string') return m;
  const head = '  '.repeat(indent) + m.messageText;
  return [head, ...(m.next ?? []).map((n) => flattenMessage(n, indent + 1))].join('\n');
}

/** Errors and warnings, in source order; suggestions and messages are left to the editor's own hints. */
export function problemsOf(
  diagnostics: readonly TsDiagnostic[],
  positionAt: (offset: number) => Position,
): Problem[] {
  return diagnostics
    .filter((d) => d.category === ERROR || d.category === WARNING)
    .map((d) => {
      const start = positionAt(d.start ?? 0);
      const end = positionAt((d.start ?? 0) + (d.length ?? 0));
      return {
        severity: d.category === ERROR ? ('error' as const) : ('warning' as const),
        message: flattenMessage(d.messageText),
        line: start.lineNumber,
        column: start.column,
        endLine: end.lineNumber,
        endColumn: end.column,
        code: d.code,
      };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

export function markersOf(problems: readonly Problem[], severity: MonacoApi['MarkerSeverity']): MarkerData[] {
  return problems.map((p) => ({
    severity: p.severity === 'error' ? severity.Error : severity.Warning,
    message: p.message,
    startLineNumber: p.line,
    startColumn: p.column,
    endLineNumber: p.endLine,
    endColumn: Math.max(p.endColumn, p.line === p.endLine ? p.column + 1 : p.endColumn),
    source: 'ts',
    code: String(p.code),
  }));
}

/** The sandbox's `Compiled` from the worker's emit: the JavaScript without its map comment, and the line table. */
export function compiledFromEmit(output: EmitOutput, fileName: string): Compiled {
  const js = output.outputFiles.find((f) => f.name.endsWith('.js'));
  const map = output.outputFiles.find((f) => f.name.endsWith('.js.map'));
  if (output.emitSkipped || !js) throw new Error('the TypeScript worker emitted no JavaScript');
  const mappings = map ? ((JSON.parse(map.text) as { mappings?: string }).mappings ?? '') : '';
  return {
    js: js.text.replace(/\/\/# sourceMappingURL=.*$/m, ''),
    lines: lineTable(mappings),
    fileName,
  };
}
