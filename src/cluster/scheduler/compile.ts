/**
 * Compiles a learner's scheduler (TypeScript or JavaScript) to CommonJS for a sandbox, with a line table
 * for mapping errors back. The TypeScript compiler is passed in: Node imports it directly, the browser
 * loads it lazily in the conductor's worker.
 */
import type * as TS from 'typescript';
import { lineTable, originalLine } from './sourceMap';
import { WRAP_LINE_OFFSET } from './sandboxPrelude';
import type { CallbackResult } from './runtime';
import type { ExecutorCallbackResult } from '../executor/api';

export interface Compiled {
  js: string;
  /** Original line for each generated line (see sourceMap.ts). */
  lines: (number | null)[];
  fileName: string;
}

export class SchedulerCodeError extends Error {
  constructor(message: string) {
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

/** The file name the sandboxes give the learner's module, so stack frames can be found. */
export const SCHEDULER_FILE = 'scheduler.js';

/** The learner's line for the first stack frame inside the learner's module, if any. */
export function learnerLine(
  compiled: Compiled,
  stack: string,
  lineOffset = WRAP_LINE_OFFSET,
): number | undefined {
  const m = /scheduler\.js:(\d+):\d+/.exec(stack);
  if (!m) return undefined;
  return originalLine(compiled.lines, Number(m[1]) - lineOffset);
}

/**
 * Reads what the sandbox prelude's `__invoke` returned (one JSON string) into a callback's result, with a
 * thrown error's line mapped back to the learner's source. `lineOffset` is the lines the sandbox put
 * before the learner's compiled code. Both hosts' runtimes use this.
 */
export function decodeInvokeResult(
  compiled: Compiled,
  raw: string,
  lineOffset = WRAP_LINE_OFFSET,
): CallbackResult & ExecutorCallbackResult {
  const parsed = JSON.parse(raw) as CallbackResult &
    ExecutorCallbackResult & { error?: { message: string; stack?: string } };
  const result = { calls: parsed.calls, logs: parsed.logs } as CallbackResult & ExecutorCallbackResult;
  if (parsed.error) {
    const line = learnerLine(compiled, parsed.error.stack ?? '', lineOffset);
    result.error = { message: parsed.error.message, ...(line !== undefined ? { line } : {}) };
  }
  return result;
}

/** The message shown when a callback exceeds its budget; both hosts produce exactly this text. */
export const unresponsiveMessage = (callback: string, budgetMs: number): string =>
  `framework unresponsive: ${callback} did not return within ${budgetMs} ms`;
