/**
 * The Monaco editor behind a typed factory (STYLE.md §7, as TypeScript-Website's sandbox does): it is
 * handed `monaco` and a documented config, so everything around it can be tested in Node with a fake.
 * One text model per tab; compiling asks Monaco's TypeScript worker (off the main thread) for diagnostics
 * and for the emitted JavaScript with its source map, so the page never loads the `typescript` package.
 */
import type { Compiled } from '../cluster/sandbox/compile';
import { compiledFromEmit, markersOf, problemsOf, type Problem } from './compileOutput';
import type { CodeEditor, Disposable, MonacoApi, TextModel } from './monacoApi';
import { DARK_PALETTE, DARK_THEME, LIGHT_PALETTE, LIGHT_THEME, themeData, type Palette } from './themes';

export interface SchedulerEditorConfig {
  /** The element the editor fills. */
  container: HTMLElement;
  /** A folder for this pane's models, so two panes (lesson, playground) never share one. */
  namespace: string;
  theme: 'light' | 'dark';
  palettes?: { light: Palette; dark: Palette };
  /** The learner changed a tab's code (typing, undo, Reset). */
  onChange(tabId: string, code: string): void;
  /** Ctrl+Enter / Cmd+Enter in the editor. */
  onRun(): void;
  /** Escape when Monaco has no use for it: the learner leaves the code (Tab indents, so no focus trap). */
  onLeave?(): void;
}

/**
 * When Escape is Monaco's: a widget, a selection, a snippet or a second cursor is open and Escape closes it.
 * Anything else leaves the code, also while a background request (a code action, a hover's lookup) is in
 * flight, which Monaco's own `editor.cancelOperation` would otherwise take Escape for.
 */
export const LEAVE_CONTEXT = [
  'suggestWidgetVisible',
  'findWidgetVisible',
  'parameterHintsVisible',
  'renameInputVisible',
  'markersNavigationVisible',
  'referenceSearchVisible',
  'inSnippetMode',
  'inlineSuggestionVisible',
  'messageVisible',
  'editorHasSelection',
  'editorHasMultipleSelections',
]
  .map((key) => `!${key}`)
  .join(' && ');

export type CompileResult =
  | { ok: true; code: string; compiled: Compiled; problems: Problem[] }
  | { ok: false; code: string; problems: Problem[] };

export interface SchedulerEditor {
  /** Shows a tab's code, creating its model the first time. */
  show(tabId: string, code: string, label: string): void;
  /** Replaces a tab's code; in the shown tab as one edit, so Ctrl+Z brings the old text back. */
  replace(tabId: string, code: string): void;
  /** Forgets a tab's model (the tab was closed). */
  remove(tabId: string): void;
  /** Moves the cursor to the start of a line and scrolls it into view (console line links). */
  revealLine(tabId: string, line: number): void;
  /** Type-checks and compiles a tab's code; errors become markers at their lines. */
  compile(tabId: string, fileName: string): Promise<CompileResult>;
  setTheme(theme: 'light' | 'dark'): void;
  focus(): void;
  dispose(): void;
}

/**
 * The owner Monaco's own TypeScript diagnostics use for their markers: compile errors are set under the same
 * owner, so they replace (never duplicate) the markers shown as the learner types.
 */
export const MARKER_OWNER = 'typescript';

export const modelUri = (namespace: string, tabId: string): string =>
  `file:///${encodeURIComponent(namespace)}/${encodeURIComponent(tabId)}.ts`;

export function createSchedulerEditor(monaco: MonacoApi, config: SchedulerEditorConfig): SchedulerEditor {
  const palettes = config.palettes ?? { light: LIGHT_PALETTE, dark: DARK_PALETTE };
  monaco.editor.defineTheme(LIGHT_THEME, themeData(palettes.light, false));
  monaco.editor.defineTheme(DARK_THEME, themeData(palettes.dark, true));
  const themeName = (t: 'light' | 'dark'): string => (t === 'dark' ? DARK_THEME : LIGHT_THEME);

  const editor: CodeEditor = monaco.editor.create(config.container, {
    model: null,
    theme: themeName(config.theme),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    lineNumbersMinChars: 3,
    scrollBeyondLastLine: false,
    tabSize: 2,
    // Hovers and completion lists may extend past the side pane instead of being clipped by it.
    fixedOverflowWidgets: true,
    // A plain textarea for input: the app's keyboard shortcuts recognise it as a place where one types.
    editContext: false,
    padding: { top: 6 },
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => config.onRun());
  // A command added to the editor outranks Monaco's own bindings of the same key while its context holds.
  const leave = config.onLeave;
  if (leave) editor.addCommand(monaco.KeyCode.Escape, () => leave(), LEAVE_CONTEXT);

  const models = new Map<string, { model: TextModel; sub: Disposable }>();
  let shown: string | null = null;

  function modelFor(tabId: string, code: string): TextModel {
    const have = models.get(tabId);
    if (have && !have.model.isDisposed()) return have.model;
    const uri = monaco.Uri.parse(modelUri(config.namespace, tabId));
    // A model left by an earlier pane with the same namespace is taken over rather than duplicated.
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(code, 'typescript', uri);
    if (model.getValue() !== code) model.setValue(code);
    const sub = model.onDidChangeContent(() => config.onChange(tabId, model.getValue()));
    models.set(tabId, { model, sub });
    return model;
  }

  return {
    show(tabId, code, label) {
      const model = modelFor(tabId, code);
      if (shown !== tabId || editor.getModel() !== model) editor.setModel(model);
      shown = tabId;
      editor.updateOptions({ ariaLabel: label });
    },

    replace(tabId, code) {
      const entry = models.get(tabId);
      if (!entry) return;
      if (entry.model.getValue() === code) return;
      if (shown === tabId) {
        editor.pushUndoStop();
        editor.executeEdits('mesos-lab', [{ range: entry.model.getFullModelRange(), text: code }]);
        editor.pushUndoStop();
      } else entry.model.setValue(code);
    },

    remove(tabId) {
      const entry = models.get(tabId);
      if (!entry) return;
      entry.sub.dispose();
      if (shown === tabId) {
        editor.setModel(null);
        shown = null;
      }
      entry.model.dispose();
      models.delete(tabId);
    },

    revealLine(tabId, line) {
      const entry = models.get(tabId);
      if (!entry || shown !== tabId) return;
      const l = Math.min(Math.max(1, Math.floor(line)), entry.model.getLineCount());
      editor.setPosition({ lineNumber: l, column: 1 });
      editor.revealLineInCenter(l);
      editor.focus();
    },

    async compile(tabId, fileName) {
      const entry = models.get(tabId);
      if (!entry) throw new Error(`no editor model for tab ${tabId}`);
      const { model } = entry;
      const code = model.getValue();
      const getWorker = await monaco.typescript.getTypeScriptWorker();
      // Asking for the worker with this model's URI syncs the model's current text to the worker first.
      const worker = await getWorker(model.uri);
      const file = model.uri.toString();
      const [syntactic, semantic] = await Promise.all([
        worker.getSyntacticDiagnostics(file),
        worker.getSemanticDiagnostics(file),
      ]);
      if (model.isDisposed()) throw new Error('the tab was closed while compiling');
      const problems = problemsOf([...syntactic, ...semantic], (o) => model.getPositionAt(o));
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markersOf(problems, monaco.MarkerSeverity));
      if (problems.some((p) => p.severity === 'error')) return { ok: false, code, problems };
      const compiled = compiledFromEmit(await worker.getEmitOutput(file), fileName);
      return { ok: true, code, compiled, problems };
    },

    setTheme(theme) {
      monaco.editor.setTheme(themeName(theme));
    },

    focus() {
      editor.focus();
    },

    dispose() {
      for (const { model, sub } of models.values()) {
        sub.dispose();
        model.dispose();
      }
      models.clear();
      editor.dispose();
    },
  };
}
