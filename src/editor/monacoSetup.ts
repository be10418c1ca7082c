/**
 * Everything of Monaco, in one module that is only ever loaded with `import()` (loadMonaco.ts), so none of
 * it is in the page's first JavaScript. It takes the editor core with its features, and of the languages
 * only TypeScript and JavaScript (their syntax definitions and the TypeScript language service); it wires
 * the two workers Monaco needs through Vite's `?worker` imports and gives the TypeScript service the
 * compiler options and the `mesos-lab` declarations.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import type { MonacoApi } from './monacoApi';
import { EDITOR_COMPILER_OPTIONS, EXTRA_LIBS } from './typings';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'typescript' || label === 'javascript') return new TsWorker({ name: 'monaco-typescript' });
    return new EditorWorker({ name: 'monaco-editor' });
  },
};

const options = { ...EDITOR_COMPILER_OPTIONS, lib: [...EDITOR_COMPILER_OPTIONS.lib] };
typescript.typescriptDefaults.setCompilerOptions(options);
typescript.javascriptDefaults.setCompilerOptions({ ...options, allowJs: true, checkJs: false });
// Keep every open tab in the TypeScript worker, so that diagnostics and the emit see the current text.
typescript.typescriptDefaults.setEagerModelSync(true);
for (const lib of EXTRA_LIBS) {
  typescript.typescriptDefaults.addExtraLib(lib.content, lib.path);
  typescript.javascriptDefaults.addExtraLib(lib.content, lib.path);
}

/** The real Monaco, as the narrow interface the editor is written against (checked here by the compiler). */
export const monacoApi: MonacoApi = {
  editor: monaco.editor,
  Uri: monaco.Uri,
  KeyMod: monaco.KeyMod,
  KeyCode: monaco.KeyCode,
  MarkerSeverity: monaco.MarkerSeverity,
  typescript: {
    async getTypeScriptWorker() {
      const get = await typescript.getTypeScriptWorker();
      // The URIs the editor passes are the models' own, made by monaco.Uri.parse.
      return (...uris) => get(...(uris as monaco.Uri[]));
    },
  },
};
