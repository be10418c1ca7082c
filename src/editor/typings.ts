/**
 * The type declarations the editor gives the TypeScript worker: the `mesos-lab` module (the learner's API,
 * with doc comments that teach in Mesos's terms) and the few globals the scheduler sandbox provides. The
 * module's text is src/editor/typings/learnerApi.ts itself, imported as text, so the declarations shown to
 * learners are the ones the project's type check holds to the model's API (typings.test.ts).
 */
import learnerApiSource from './typings/learnerApi.ts?raw';

export const MODULE_NAME = 'mesos-lab';

const START = '// MODULE START';
const END = '// MODULE END';

/** The declarations between the MODULE markers, made ambient: `export declare` becomes `export`. */
export function moduleBody(source: string): string {
  const from = source.indexOf(START);
  const to = source.indexOf(END);
  if (from < 0 || to < from)
    throw new Error(`learnerApi.ts must hold its declarations between "${START}" and "${END}"`);
  return source
    .slice(from + START.length, to)
    .replace(/^export declare /gm, 'export ')
    .trim();
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');

/** `declare module 'mesos-lab' { … }`: what `import { scalar, type Offer } from 'mesos-lab'` sees. */
export const MESOS_LAB_DTS = `/** The Mesos Lab scheduler API: Mesos's Scheduler and SchedulerDriver, messages shaped like Mesos's JSON. */
declare module '${MODULE_NAME}' {
${indent(moduleBody(learnerApiSource))}
}
`;

/**
 * The sandbox's globals. Learner code runs in a worker with no page, no network and no timers (the lib is
 * ES2022 without the DOM, so `document`, `fetch` and `setTimeout` do not compile); `console` is recorded
 * and shown in the editor's console panel.
 */
export const SANDBOX_GLOBALS_DTS = `/** Writes to the editor's console panel (recorded with the cluster's trace as "log" events). */
interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}
declare var console: Console;
`;

export interface ExtraLib {
  /** A file name for the TypeScript worker; under node_modules/@types so it reads as a package's types. */
  path: string;
  content: string;
}

export const EXTRA_LIBS: readonly ExtraLib[] = [
  { path: `file:///node_modules/@types/${MODULE_NAME}/index.d.ts`, content: MESOS_LAB_DTS },
  { path: 'file:///node_modules/@types/mesos-lab-sandbox/index.d.ts', content: SANDBOX_GLOBALS_DTS },
];

/**
 * Compiler options for learner code, in the TypeScript API's form (numbers for enums), the same for Monaco's
 * TypeScript worker and for the Node compiler in tests. The emit matches src/cluster/sandbox/compile.ts
 * (CommonJS for the sandbox's module shim, ES2020, source maps for line numbers).
 */
export const EDITOR_COMPILER_OPTIONS = {
  /** ScriptTarget.ES2020 */
  target: 7,
  /** ModuleKind.CommonJS */
  module: 1,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  // Untyped parameters are `any`, so a scheduler written in plain JavaScript style still compiles.
  noImplicitAny: false,
  sourceMap: true,
  /** ModuleDetectionKind.Force: every tab is a module of its own, so tabs never share globals. */
  moduleDetection: 3,
  allowNonTsExtensions: true,
  esModuleInterop: false,
  noEmitOnError: false,
} as const;
