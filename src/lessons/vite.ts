/// <reference types="vite/client" />
/**
 * Lesson files for the browser, through Vite: the prose, hints, starter and solution of each lesson folder
 * as text, loaded on demand (one chunk per file, so opening a lesson fetches only that lesson). Node reads
 * the same files with node.ts; the checks and scenarios come from catalog.ts in both.
 */
import { parseHints, parseLessonText } from './content';
import type { LessonContent } from './types';

type Loader = () => Promise<string>;

// Paths are relative to this file: "./02-first-framework/en.md".
const files = import.meta.glob<string>(
  ['./*/en.md', './*/zh.md', './*/hints.en.md', './*/hints.zh.md', './*/starter.ts', './*/solution.ts'],
  { query: '?raw', import: 'default' },
);

async function read(id: string, file: string): Promise<string> {
  const load: Loader | undefined = files[`./${id}/${file}`];
  if (!load) throw new Error(`lesson ${id} has no ${file}`);
  return load();
}

/**
 * Everything a lesson page shows. Wrong and alternative solutions are left out: they exist for the tests,
 * and shipping them would hand out answers.
 */
export async function loadLessonContent(id: string): Promise<LessonContent> {
  const [en, zh, hintsEn, hintsZh, starter, solution] = await Promise.all(
    ['en.md', 'zh.md', 'hints.en.md', 'hints.zh.md', 'starter.ts', 'solution.ts'].map((f) => read(id, f)),
  );
  return {
    en: parseLessonText(en!, `${id}/en.md`),
    zh: parseLessonText(zh!, `${id}/zh.md`),
    hints: { en: parseHints(hintsEn!), zh: parseHints(hintsZh!) },
    starter: starter!,
    solution: solution!,
    wrong: {},
    alt: {},
  };
}
