/**
 * Reads lesson folders from a file system: the command line and the tests pass Node's `node:fs`. (It takes
 * the file system as an argument so that this folder imports nothing from Node and type-checks with the
 * page.) The browser gets the same files through Vite (vite.ts); checks and scenarios come from the
 * catalog in both.
 */
import { parseHints, parseLessonText } from './content';
import type { LessonContent } from './types';

/** The part of `node:fs` the loader uses; `import * as fs from 'node:fs'` fits it. */
export interface LessonFs {
  readFileSync(path: URL, encoding: 'utf8'): string;
  readdirSync(path: URL): string[];
  existsSync(path: URL): boolean;
}

/** The folder of a lesson, as a file URL ending in '/'. */
export const lessonUrl = (id: string): URL => new URL(`./${id}/`, import.meta.url);

/** The `.ts`/`.js` files of a sub-folder (`wrong/`, `alt/`), by file name; empty when it is absent. */
function codeFiles(fs: LessonFs, dir: URL): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).sort())
    if (/\.(ts|js)$/.test(f)) out[f] = fs.readFileSync(new URL(f, dir), 'utf8');
  return out;
}

export function loadLessonContent(fs: LessonFs, id: string): LessonContent {
  const dir = lessonUrl(id);
  const read = (file: string): string => fs.readFileSync(new URL(file, dir), 'utf8');
  return {
    en: parseLessonText(read('en.md'), `${id}/en.md`),
    zh: parseLessonText(read('zh.md'), `${id}/zh.md`),
    hints: { en: parseHints(read('hints.en.md')), zh: parseHints(read('hints.zh.md')) },
    starter: read('starter.ts'),
    solution: read('solution.ts'),
    wrong: codeFiles(fs, new URL('wrong/', dir)),
    alt: codeFiles(fs, new URL('alt/', dir)),
  };
}
