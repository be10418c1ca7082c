/**
 * `npm run grade -- LESSON_ID FILE.ts` (CONTRACTS.md §4): runs a lesson's checks on a learner's scheduler,
 * headless, on the lesson's seeds, and prints the verdict as JSON. Exit 0 when every check passed, 1 when
 * one failed, 2 on bad input (an unknown lesson, an unreadable file, code that does not compile or has no
 * default export). LESSON_ID is the lesson's folder name ("02-first-framework") or its number ("2").
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLesson, LESSONS } from '../lessons/catalog';
import { grade, verdictJson } from '../lessons/grade';
import { InputError, prepareLoader } from './common';
import { prestartSandbox } from './sandbox/ProcessSandbox';

const USAGE = 'usage: npm run grade -- LESSON_ID FILE.ts   (LESSON_ID: a lesson folder name or its number)';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

function main(argv: string[], out: Output): number {
  const positional = argv.filter((a) => !a.startsWith('--') && a !== '-h');
  if (argv.includes('--help') || argv.includes('-h')) {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('--'));
  if (unknown) throw new InputError(`unknown option ${unknown}\n${USAGE}`);
  if (positional.length !== 2) throw new InputError(USAGE);
  const [id, file] = positional as [string, string];
  const lesson = findLesson(id);
  if (!lesson)
    throw new InputError(
      `unknown lesson "${id}"; the lessons are:\n${LESSONS.map((l) => `  ${String(l.order).padStart(2)}  ${l.id}`).join('\n')}`,
    );
  const path = resolve(file);
  let code: string;
  try {
    code = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const language = /\.(m?js)$/.test(path) ? 'js' : 'ts';
  // The input is good: the learner's sandbox process boots while the lesson is prepared and the code compiled.
  prestartSandbox();
  const verdict = grade(lesson, code, {
    language,
    // prepareLoader compiles the code once and instantiates it, so a file that does not compile or has
    // no default export is reported (InputError, exit 2) before anything is simulated.
    loaderFor: (scenario) => {
      try {
        return prepareLoader(scenario, dirname(path));
      } catch (e) {
        // prepareLoader names inline code after its framework ("framework hello: hello.ts:3:5: …");
        // the learner knows it by its own file name.
        if (!(e instanceof InputError)) throw e;
        const fw = /^framework ([^:]+): /.exec(e.message)?.[1];
        if (fw === undefined) throw e;
        throw new InputError(
          e.message.slice(`framework ${fw}: `.length).replaceAll(`${fw}.${language}`, file),
        );
      }
    },
  });
  out.stdout(`${JSON.stringify(verdictJson(verdict), null, 2)}\n`);
  return verdict.passed ? 0 : 1;
}

/** Runs the command with these arguments and returns its exit status (tests call it in-process). */
export function gradeCommand(argv: string[], out: Output = processOutput): number {
  try {
    return main(argv, out);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    out.stderr(`${e.message}\n`);
    return 2;
  }
}

// Run when executed (npm run grade), not when imported.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = gradeCommand(process.argv.slice(2));
