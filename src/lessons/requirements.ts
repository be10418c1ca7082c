/**
 * Lessons' requirements tables (`requirements.ts` in each lesson folder): every "you must" of a lesson's
 * prose, the check that verifies it, and the wrong solutions that make that one mistake. The fairness test
 * (src/cli/grade.test.ts) holds each table true, and docs/lessons.md shows them all, rendered here.
 */
import type { RequirementsTable } from './types';

export const REQUIREMENTS_BEGIN =
  '<!-- requirements tables: rendered from src/lessons/*/requirements.ts; to update, run UPDATE_LESSON_DOCS=1 npx vitest run src/cli/grade.test.ts -->';
export const REQUIREMENTS_END = '<!-- end of requirements tables -->';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The Markdown of every lesson's table, in course order, between the two markers. */
export function renderRequirements(
  lessons: readonly { id: string; title: string; table: RequirementsTable }[],
): string {
  const out = [REQUIREMENTS_BEGIN, ''];
  for (const { id, title, table } of lessons) {
    out.push(`### ${id}: ${title}`, '');
    out.push('| you must | the check that verifies it | wrong solutions that fail it, and nothing else |');
    out.push('| --- | --- | --- |');
    for (const r of table.rows)
      out.push(`| ${cell(r.must)} | ${cell(r.check)} | ${r.wrong.map((w) => `\`wrong/${w}\``).join(', ')} |`);
    out.push('', `The starter fails exactly: ${table.starterFails.map(cell).join('; ')}.`, '');
  }
  out.push(REQUIREMENTS_END);
  return out.join('\n');
}

/** `doc` with the block between the markers replaced by `block` (the block itself includes the markers). */
export function replaceRequirements(doc: string, block: string): string {
  const begin = doc.indexOf(REQUIREMENTS_BEGIN);
  const end = doc.indexOf(REQUIREMENTS_END);
  if (begin < 0 || end < begin)
    throw new Error('docs/lessons.md has no requirements block between the markers');
  return doc.slice(0, begin) + block + doc.slice(end + REQUIREMENTS_END.length);
}

/** The requirements block of `doc`, markers included, or null. */
export function requirementsBlock(doc: string): string | null {
  const begin = doc.indexOf(REQUIREMENTS_BEGIN);
  const end = doc.indexOf(REQUIREMENTS_END);
  return begin < 0 || end < begin ? null : doc.slice(begin, end + REQUIREMENTS_END.length);
}
