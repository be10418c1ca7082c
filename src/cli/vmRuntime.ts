/**
 * The Node sandbox for a learner's scheduler: TypeScript compiled to JavaScript, run in its own `vm`
 * context (no `require`, `process` or file system), each callback under a wall-clock budget. The browser
 * runs the same prelude in a Web Worker instead.
 */
import vm from 'node:vm';
import ts from 'typescript';
import { SANDBOX_PRELUDE, WRAP_LINE_OFFSET, wrapModule } from '../cluster/scheduler/sandboxPrelude';
import { lineTable, originalLine } from '../cluster/scheduler/sourceMap';
import type { SchedulerCallback } from '../cluster/scheduler/api';
import type { CallbackResult, SchedulerRuntime } from '../cluster/scheduler/runtime';

export class SchedulerCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerCodeError';
  }
}

export interface Compiled {
  js: string;
  lines: (number | null)[];
}

/** Compiles a scheduler's source; syntax errors are thrown as one message naming file, line and column. */
export function compileScheduler(
  source: string,
  fileName: string,
  language: 'ts' | 'js' = fileName.endsWith('.js') ? 'js' : 'ts',
): Compiled {
  const out = ts.transpileModule(source, {
    fileName: language === 'ts' ? 'scheduler.ts' : 'scheduler.js',
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      sourceMap: true,
      allowJs: true,
      esModuleInterop: false,
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
  const js = out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '');
  return { js, lines: lineTable(map.mappings) };
}

const FILE = 'scheduler.js';

export class VmRuntime implements SchedulerRuntime {
  private readonly context: vm.Context;
  private readonly invokeScript = new vm.Script('__invoke(__name, __args)', { filename: 'driver.js' });

  constructor(
    private readonly compiled: Compiled,
    private readonly budgetMs: number,
    private readonly fileName: string,
  ) {
    this.context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    vm.runInContext(SANDBOX_PRELUDE, this.context, { filename: 'prelude.js' });
    try {
      vm.runInContext(wrapModule(compiled.js), this.context, { filename: FILE, timeout: budgetMs });
    } catch (e) {
      const err = e as Error;
      const line = this.lineOf(String(err.stack ?? ''));
      const timedOut = /timed out/i.test(err.message);
      throw new SchedulerCodeError(
        `${fileName}${line ? `:${line}` : ''}: ${timedOut ? `loading the scheduler did not finish within ${budgetMs} ms` : err.message}`,
      );
    }
  }

  invoke(callback: SchedulerCallback, args: unknown[]): CallbackResult {
    this.context.__name = callback;
    this.context.__args = JSON.stringify(args);
    let raw: string;
    try {
      raw = this.invokeScript.runInContext(this.context, { timeout: this.budgetMs }) as string;
    } catch (e) {
      if (/timed out/i.test((e as Error).message)) return { calls: [], logs: [], timedOut: true };
      return { calls: [], logs: [], error: { message: (e as Error).message } };
    }
    const parsed = JSON.parse(raw) as CallbackResult & { error?: { message: string; stack?: string } };
    const result: CallbackResult = { calls: parsed.calls, logs: parsed.logs };
    if (parsed.error) {
      const line = this.lineOf(parsed.error.stack ?? '');
      result.error = { message: parsed.error.message, ...(line !== undefined ? { line } : {}) };
    }
    return result;
  }

  /** The learner's line for the first stack frame in the scheduler's own code. */
  private lineOf(stack: string): number | undefined {
    const m = new RegExp(`${FILE.replace('.', '\\.')}:(\\d+):\\d+`).exec(stack);
    if (!m) return undefined;
    return originalLine(this.compiled.lines, Number(m[1]) - WRAP_LINE_OFFSET);
  }

  get name(): string {
    return this.fileName;
  }
}
