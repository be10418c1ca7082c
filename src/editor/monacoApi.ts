/**
 * The part of Monaco the editor uses, as narrow interfaces. The real `monaco` (monacoSetup.ts) is checked
 * against them by the compiler; tests pass a fake (testing/fakeMonaco.ts) so that everything around the
 * editor runs in Node (STYLE.md §7). Nothing here imports Monaco at run time.
 */

export interface Disposable {
  dispose(): void;
}

export interface UriLike {
  toString(): string;
}

export interface Position {
  lineNumber: number;
  column: number;
}

export interface RangeLike {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export interface MarkerData extends RangeLike {
  severity: number;
  message: string;
  source?: string;
  code?: string;
}

export interface TextModel {
  readonly uri: UriLike;
  getValue(): string;
  setValue(value: string): void;
  getPositionAt(offset: number): Position;
  getFullModelRange(): RangeLike;
  getLineCount(): number;
  onDidChangeContent(listener: () => void): Disposable;
  isDisposed(): boolean;
  dispose(): void;
}

export interface EditorOptions {
  model?: TextModel | null;
  theme?: string;
  ariaLabel?: string;
  automaticLayout?: boolean;
  minimap?: { enabled?: boolean };
  fontSize?: number;
  lineNumbersMinChars?: number;
  scrollBeyondLastLine?: boolean;
  tabSize?: number;
  fixedOverflowWidgets?: boolean;
  editContext?: boolean;
  padding?: { top?: number; bottom?: number };
}

export interface CodeEditor {
  getModel(): TextModel | null;
  setModel(model: TextModel | null): void;
  executeEdits(source: string, edits: { range: RangeLike; text: string }[]): boolean;
  pushUndoStop(): boolean;
  setPosition(position: Position): void;
  revealLineInCenter(line: number): void;
  focus(): void;
  addCommand(keybinding: number, handler: () => void, context?: string): string | null;
  updateOptions(options: EditorOptions): void;
  layout(): void;
  dispose(): void;
}

/** A diagnostic as Monaco's TypeScript worker returns it (a subset of `typescript.Diagnostic`). */
export interface TsDiagnostic {
  category: 0 | 1 | 2 | 3;
  code: number;
  start?: number;
  length?: number;
  messageText: string | DiagnosticChain;
}

export interface DiagnosticChain {
  messageText: string;
  next?: DiagnosticChain[];
}

export interface EmitOutput {
  outputFiles: { name: string; text: string }[];
  emitSkipped: boolean;
}

export interface TsWorker {
  getSyntacticDiagnostics(fileName: string): Promise<TsDiagnostic[]>;
  getSemanticDiagnostics(fileName: string): Promise<TsDiagnostic[]>;
  getEmitOutput(fileName: string): Promise<EmitOutput>;
}

export interface ThemeData {
  base: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';
  inherit: boolean;
  rules: { token: string; foreground?: string; fontStyle?: string }[];
  colors: Record<string, string>;
}

export interface MonacoApi {
  editor: {
    create(element: HTMLElement, options?: EditorOptions): CodeEditor;
    createModel(value: string, language?: string, uri?: UriLike): TextModel;
    getModel(uri: UriLike): TextModel | null;
    setModelMarkers(model: TextModel, owner: string, markers: MarkerData[]): void;
    defineTheme(name: string, data: ThemeData): void;
    setTheme(name: string): void;
  };
  Uri: { parse(value: string): UriLike };
  KeyMod: { CtrlCmd: number };
  KeyCode: { Enter: number; Escape: number };
  MarkerSeverity: { Error: number; Warning: number; Info: number; Hint: number };
  typescript: { getTypeScriptWorker(): Promise<(...uris: UriLike[]) => Promise<TsWorker>> };
}
