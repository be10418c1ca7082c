/**
 * Compiles a learner's scheduler (TypeScript or JavaScript) to CommonJS for a sandbox, with a line table
 * for mapping errors back. The TypeScript compiler is passed in: Node imports it directly, the browser
 * loads it lazily in a worker. (The editor compiles in Monaco's TypeScript worker with the same options,
 * src/editor/typings.ts, and produces the same `Compiled`.)
 */
import type * as TS from 'typescript';
import { lineTable } from './sourceMap';

export interface Compiled {
  js: string;
  /** Original line for each generated line (see sourceMap.ts). */
  lines: (number | null)[];
  fileName: string;
}

export class SchedulerCodeError extends Error {
  constructor(
    message: string,
    /** The line of the learner's source the problem is at, when known. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'SchedulerCodeError';
  }
}

export function compileScheduler(
  ts: typeof TS,
  source: string,
  fileName: string,
  language: 'ts' | 'js',
): Compiled {
  const out = ts.transpileModule(source, {
    fileName: language === 'ts' ? 'scheduler.ts' : 'scheduler.js',
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      sourceMap: true,
      allowJs: true,
    },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const msgs = errors.map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${fileName}${pos ? `:${pos.line + 1}:${pos.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    throw new SchedulerCodeError(msgs.join('\n'));
  }
  const map = out.sourceMapText ? (JSON.parse(out.sourceMapText) as { mappings: string }) : { mappings: '' };
  return {
    js: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, ''),
    lines: lineTable(map.mappings),
    fileName,
  };
}
