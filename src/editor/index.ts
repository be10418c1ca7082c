/**
 * What the app uses of the editor. Importing this module loads no Monaco: Monaco comes with the first
 * EditorPane to mount, through `import()` (loadMonaco.ts).
 */
export { default as EditorPane } from './EditorPane.svelte';
export type { LessonInfo } from './EditorState.svelte';
export type { EditorLang } from './messages';
export {
  fromSharedCode,
  ShareHub,
  toSharedCode,
  withoutEditorActions,
  type EditorShareState,
  type SharedCode,
  type SharedTab,
  type SharePort,
} from './share';
