/**
 * For tests: a fake of the Monaco API the editor uses (monacoApi.ts), with in-memory models and an editor
 * that records what it was told. Its TypeScript worker is the real compiler (tsService.ts), so compiling,
 * diagnostics, the emit and the source map are what Monaco's worker produces. Never imported by the page.
 */
import ts from 'typescript';
import type {
  CodeEditor,
  EditorOptions,
  MarkerData,
  MonacoApi,
  Position,
  TextModel,
  ThemeData,
  TsDiagnostic,
  TsWorker,
  UriLike,
} from '../monacoApi';
import { memoryService } from './tsService';

class FakeUri implements UriLike {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export class FakeModel implements TextModel {
  private listeners = new Set<() => void>();
  private disposed = false;
  constructor(
    readonly uri: UriLike,
    private text: string,
  ) {}
  getValue(): string {
    return this.text;
  }
  setValue(value: string): void {
    this.text = value;
    for (const l of [...this.listeners]) l();
  }
  getPositionAt(offset: number): Position {
    const before = this.text.slice(0, Math.max(0, Math.min(offset, this.text.length)));
    const lines = before.split('\n');
    return { lineNumber: lines.length, column: lines[lines.length - 1]!.length + 1 };
  }
  getFullModelRange() {
    const lines = this.text.split('\n');
    return {
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: lines.length,
      endColumn: lines.at(-1)!.length + 1,
    };
  }
  getLineCount(): number {
    return this.text.split('\n').length;
  }
  onDidChangeContent(listener: () => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  isDisposed(): boolean {
    return this.disposed;
  }
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}

export class FakeEditor implements CodeEditor {
  model: TextModel | null = null;
  position: Position | null = null;
  revealed: number | null = null;
  focused = 0;
  disposed = false;
  readonly commands = new Map<number, () => void>();
  /** The context (`when`) expression a command was added with. */
  readonly contexts = new Map<number, string>();
  /** Edits made through executeEdits (undoable in Monaco). */
  readonly edits: string[] = [];
  constructor(public options: EditorOptions) {
    this.model = options.model ?? null;
  }
  getModel(): TextModel | null {
    return this.model;
  }
  setModel(model: TextModel | null): void {
    this.model = model;
  }
  executeEdits(_source: string, edits: { text: string }[]): boolean {
    for (const e of edits) {
      this.edits.push(e.text);
      this.model?.setValue(e.text);
    }
    return true;
  }
  pushUndoStop(): boolean {
    return true;
  }
  setPosition(position: Position): void {
    this.position = position;
  }
  revealLineInCenter(line: number): void {
    this.revealed = line;
  }
  focus(): void {
    this.focused++;
  }
  addCommand(keybinding: number, handler: () => void, context?: string): string {
    this.commands.set(keybinding, handler);
    if (context !== undefined) this.contexts.set(keybinding, context);
    return String(keybinding);
  }
  updateOptions(options: EditorOptions): void {
    this.options = { ...this.options, ...options };
  }
  layout(): void {}
  dispose(): void {
    this.disposed = true;
  }
}

export interface FakeMonaco extends MonacoApi {
  readonly editors: FakeEditor[];
  readonly models: Map<string, FakeModel>;
  readonly markers: Map<string, MarkerData[]>;
  readonly themes: Map<string, ThemeData>;
  theme: string | null;
  /** How many times the TypeScript worker was asked for an emit. */
  emits: number;
}

const toDiagnostic = (d: ts.Diagnostic): TsDiagnostic => ({
  category: d.category as 0 | 1 | 2 | 3,
  code: d.code,
  ...(d.start !== undefined ? { start: d.start } : {}),
  ...(d.length !== undefined ? { length: d.length } : {}),
  messageText:
    typeof d.messageText === 'string' ? d.messageText : ts.flattenDiagnosticMessageText(d.messageText, '\n'),
});

export function fakeMonaco(): FakeMonaco {
  const service = memoryService();
  const sync = (): void => {
    for (const [uri, m] of fake.models) if (!m.isDisposed()) service.set(uri, m.getValue());
  };
  const worker: TsWorker = {
    getSyntacticDiagnostics: async (f) => (sync(), service.ls.getSyntacticDiagnostics(f).map(toDiagnostic)),
    getSemanticDiagnostics: async (f) => (sync(), service.ls.getSemanticDiagnostics(f).map(toDiagnostic)),
    getEmitOutput: async (f) => {
      sync();
      fake.emits++;
      const out = service.ls.getEmitOutput(f);
      return {
        emitSkipped: out.emitSkipped,
        outputFiles: out.outputFiles.map((o) => ({ name: o.name, text: o.text })),
      };
    },
  };
  const fake: FakeMonaco = {
    editors: [],
    models: new Map(),
    markers: new Map(),
    themes: new Map(),
    theme: null,
    emits: 0,
    editor: {
      create(_el, options = {}) {
        const e = new FakeEditor(options);
        fake.editors.push(e);
        if (options.theme) fake.theme = options.theme;
        return e;
      },
      createModel(value, _language, uri) {
        const key = uri ? uri.toString() : `inmemory://model/${fake.models.size + 1}`;
        if (fake.models.get(key) && !fake.models.get(key)!.isDisposed())
          throw new Error(`a model exists for ${key}`);
        const m = new FakeModel(uri ?? new FakeUri(key), value);
        fake.models.set(key, m);
        return m;
      },
      getModel(uri) {
        const m = fake.models.get(uri.toString());
        return m && !m.isDisposed() ? m : null;
      },
      setModelMarkers(model, owner, markers) {
        fake.markers.set(`${owner} ${model.uri.toString()}`, markers);
      },
      defineTheme(name, data) {
        fake.themes.set(name, data);
      },
      setTheme(name) {
        fake.theme = name;
      },
    },
    Uri: { parse: (v) => new FakeUri(v) },
    KeyMod: { CtrlCmd: 2048 },
    KeyCode: { Enter: 3, Escape: 9 },
    MarkerSeverity: { Hint: 1, Info: 2, Warning: 4, Error: 8 },
    typescript: { getTypeScriptWorker: async () => async () => worker },
  };
  return fake;
}
