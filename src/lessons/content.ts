/**
 * Parsing of lesson prose, shared by the Node loader (node.ts) and the browser: front matter (`title`,
 * `summary`) above the Markdown body, and hints files with one hint per section, sections separated by
 * a line of three dashes.
 */
import type { LessonText } from './types';

export class LessonFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LessonFormatError';
  }
}

/** Splits `---\ntitle: …\nsummary: …\n---\nbody` into its parts; both keys are required. */
export function parseLessonText(text: string, where = 'lesson'): LessonText {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new LessonFormatError(`${where}: expected front matter between two '---' lines at the top`);
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (!kv) throw new LessonFormatError(`${where}: front matter line "${line}" is not "key: value"`);
    let value = kv[2]!.trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    fields[kv[1]!] = value;
  }
  for (const k of ['title', 'summary'])
    if (!fields[k]) throw new LessonFormatError(`${where}: front matter needs a non-empty "${k}"`);
  return { title: fields.title!, summary: fields.summary!, body: m[2]!.trim() + '\n' };
}

/** Hints, in order from gentle to nearly the answer. */
export function parseHints(text: string): string[] {
  return text
    .split(/^---\s*$/m)
    .map((h) => h.trim())
    .filter((h) => h !== '');
}
