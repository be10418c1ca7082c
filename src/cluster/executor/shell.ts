/**
 * The small shell of the built-in command executor (CONTRACTS.md §1): `sleep SECONDS`, `echo TEXT`,
 * `exit CODE` (and `true`, `false`), joined by `&&` or `;`, with single and double quotes. Anything else
 * prints "command not found" to stderr and exits 127, as sh does.
 */

export interface Command {
  words: string[];
}

/** `;`-separated lists of `&&`-joined commands: `a && b ; c` is [[a, b], [c]]. */
export type Script = Command[][];

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

export function parseShell(text: string): Script {
  const lists: Script = [];
  let list: Command[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (sep: string): void => {
    endWord();
    if (words.length === 0) throw new ShellSyntaxError(`syntax error near unexpected token \`${sep}'`);
    list.push({ words });
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new ShellSyntaxError(`unterminated ${c === "'" ? 'single' : 'double'} quote`);
      word += text.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === '&' && text[i + 1] === '&') {
      endCommand('&&');
      i++;
    } else if (c === ';') {
      endCommand(';');
      lists.push(list);
      list = [];
    } else if (c === '|' || c === '>' || c === '<' || c === '&' || c === '`' || c === '$') {
      throw new ShellSyntaxError(
        `'${c}' is not supported by this shell (only sleep, echo, exit joined by && or ;)`,
      );
    } else if (/\s/.test(c)) {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endWord();
  if (words.length > 0) list.push({ words });
  else if (list.length > 0) throw new ShellSyntaxError("syntax error: unexpected end after '&&'");
  if (list.length > 0) lists.push(list);
  return lists;
}

export type ShellStep =
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'sleep'; seconds: number }
  | { kind: 'exit'; code: number };

/**
 * Runs a script as a sequence of steps. The executor turns `sleep` steps into timers; everything else
 * happens at once. The generator ends with one `exit` step.
 */
export function* runShell(text: string): Generator<ShellStep, void, void> {
  let script: Script;
  try {
    script = parseShell(text);
  } catch (e) {
    yield { kind: 'output', stream: 'stderr', text: `sh: ${(e as Error).message}\n` };
    yield { kind: 'exit', code: 2 };
    return;
  }
  let status = 0;
  for (const list of script) {
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && status !== 0) break; // `&&` runs the next command only after a success.
      const [name, ...args] = list[i]!.words;
      switch (name) {
        case 'sleep': {
          const s = Number(args[0]);
          if (args.length !== 1 || !Number.isFinite(s) || s < 0) {
            yield {
              kind: 'output',
              stream: 'stderr',
              text: `sleep: invalid time interval '${args.join(' ')}'\n`,
            };
            status = 1;
          } else {
            yield { kind: 'sleep', seconds: s };
            status = 0;
          }
          break;
        }
        case 'echo':
          yield { kind: 'output', stream: 'stdout', text: `${args.join(' ')}\n` };
          status = 0;
          break;
        case 'true':
          status = 0;
          break;
        case 'false':
          status = 1;
          break;
        case 'exit': {
          const code = args.length === 0 ? status : Number(args[0]);
          if (!Number.isInteger(code)) {
            yield { kind: 'output', stream: 'stderr', text: `sh: exit: Illegal number: ${args[0]}\n` };
            yield { kind: 'exit', code: 2 };
          } else yield { kind: 'exit', code: ((code % 256) + 256) % 256 };
          return;
        }
        default:
          yield { kind: 'output', stream: 'stderr', text: `sh: ${name}: command not found\n` };
          status = 127;
      }
    }
  }
  yield { kind: 'exit', code: status };
}
