/**
 * For tests: a TypeScript language service over in-memory files with the editor's compiler options and
 * extra libs, i.e. what Monaco's TypeScript worker does in the browser, here with the `typescript` package
 * in Node. Never imported by the page.
 */
import ts from 'typescript';
import { EDITOR_COMPILER_OPTIONS, EXTRA_LIBS } from '../typings';

const LIB_DIR = ts.getDefaultLibFilePath({}).replace(/[^/\\]+$/, '');

export interface MemoryService {
  readonly ls: ts.LanguageService;
  /** Sets a file's text (a new version). */
  set(name: string, text: string): void;
}

export function memoryService(initial: Record<string, string> = {}): MemoryService {
  const files = new Map<string, { text: string; version: number }>();
  for (const lib of EXTRA_LIBS) files.set(lib.path, { text: lib.content, version: 1 });
  for (const [n, t] of Object.entries(initial)) files.set(n, { text: t, version: 1 });
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ ...EDITOR_COMPILER_OPTIONS, lib: [...EDITOR_COMPILER_OPTIONS.lib] }),
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: (name) => String(files.get(name)?.version ?? 0),
    getScriptSnapshot: (name) => {
      const text = files.get(name)?.text ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: (o) => LIB_DIR + ts.getDefaultLibFileName(o),
    fileExists: (name) => files.has(name) || ts.sys.fileExists(name),
    readFile: (name) => files.get(name)?.text ?? ts.sys.readFile(name),
  };
  const ls = ts.createLanguageService(host);
  return {
    ls,
    set(name, text) {
      const old = files.get(name);
      if (old?.text === text) return;
      files.set(name, { text, version: (old?.version ?? 0) + 1 });
    },
  };
}

/** Error messages of one file, as "file:line: message". */
export function errorsOf(service: MemoryService, file: string): string[] {
  const { ls } = service;
  const sf = ls.getProgram()!.getSourceFile(file)!;
  return [...ls.getSyntacticDiagnostics(file), ...ls.getSemanticDiagnostics(file)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${file}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}
