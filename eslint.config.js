import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const determinism =
  'src/cluster is deterministic: the same scenario and seed must give the same trace (ARCHITECTURE.md).';
const layers = 'Layers import downward only: src/cluster is the bottom layer and imports nothing above it.';
/** Static imports of the folders `above` from the folder `layer`: the map is docs/architecture.md's. */
const layerRule = (layer, above, options = {}) => ({
  files: [`src/${layer}/**/*.{ts,svelte}`],
  ignores: ['**/*.test.ts', '**/testing/**'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
            message: `Layers import downward only: src/${layer} may not import src/{${above.join(',')}} (docs/architecture.md).`,
            ...options,
          },
        ],
      },
    ],
  },
});
const explorerLayers =
  'Layers import downward only: src/explore uses src/cluster and src/lessons, and is used by the command line, the workers and the app.';
const runtimes =
  'src/cluster runs the same in Node and in any worker: comlink belongs to src/workers and Svelte to src/ui.';

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.*.mjs']),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        // The same for TypeScript and Svelte files, so the parser does not reload its project.
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    // Code that runs in Node: the tool configs, the command line and the end-to-end specs.
    files: ['*.config.{js,ts}', 'src/cli/**/*.ts', 'src/imports.test.ts', 'e2e/**/*.ts'],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
  {
    // The Node sandbox's child program: plain CommonJS, run by Node under its permission model.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'svelte/no-inner-declarations': 'off' },
  },
  {
    // The pure Mesos model. The compiler already rejects the DOM and Node here (src/cluster/tsconfig.json);
    // these rules catch what the ES lib still allows.
    files: ['src/cluster/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: `${determinism} Use the seeded random generator passed in.`,
        },
        {
          object: 'Date',
          property: 'now',
          message: `${determinism} Use the simulation's virtual clock.`,
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+(ui|workers|editor|lessons|share|explore|cli)(/|$)', message: layers },
            { regex: '^(comlink|svelte)(/|$)', message: runtimes },
          ],
        },
      ],
    },
  },
  // The layers above the model (src/imports.test.ts also checks dynamic imports and cycles).
  layerRule('share', ['ui', 'workers', 'editor', 'lessons', 'explore', 'cli']),
  layerRule('lessons', ['ui', 'workers', 'editor', 'share', 'explore', 'cli']),
  layerRule('workers', ['ui', 'editor', 'cli']),
  layerRule('editor', ['ui', 'cli']),
  // The command line reads the page's typed test hook (type-only) when it drives the built page.
  layerRule('cli', ['ui', 'workers', 'editor'], { allowTypeImports: true }),
  {
    // The explorer's search (generators, invariants, shrinking) sits above the model and the lessons and
    // below everything that runs it: the command line, the workers and the app.
    files: ['src/explore/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `${determinism} Draw from a seeded generator.` },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+(ui|workers|editor|cli)(/|$)', message: explorerLayers },
            { regex: '^(comlink|svelte)(/|$)', message: runtimes },
          ],
        },
      ],
    },
  },
);
