import { describe, expect, it } from 'vitest';
import { ShellSyntaxError, parseShell, runShell, type ShellStep } from './shell';

/** Runs a script to the end: what it printed on each stream, the sleeps in order, and the exit code. */
function run(script: string): {
  stdout: string;
  stderr: string;
  sleeps: number[];
  code: number;
  steps: ShellStep[];
} {
  const steps = [...runShell(script)];
  let stdout = '';
  let stderr = '';
  const sleeps: number[] = [];
  for (const s of steps) {
    if (s.kind === 'output') {
      if (s.stream === 'stdout') stdout += s.text;
      else stderr += s.text;
    } else if (s.kind === 'sleep') sleeps.push(s.seconds);
  }
  const last = steps[steps.length - 1];
  if (!last || last.kind !== 'exit')
    throw new Error(`the script did not end with an exit step: ${JSON.stringify(steps)}`);
  // Exactly one exit step, and it is the last.
  expect(steps.filter((s) => s.kind === 'exit')).toHaveLength(1);
  return { stdout, stderr, sleeps, code: last.code, steps };
}

describe('the command executor shell (CONTRACTS.md §1)', () => {
  describe('commands', () => {
    it('echo prints its arguments and a newline to stdout', () => {
      expect(run('echo hello world')).toMatchObject({ stdout: 'hello world\n', stderr: '', code: 0 });
      expect(run('echo').stdout).toBe('\n');
    });

    it("echo 'Hello, world!' prints Hello, world!", () => {
      expect(run("echo 'Hello, world!'")).toMatchObject({ stdout: 'Hello, world!\n', code: 0 });
    });

    it('sleep waits the given seconds, fractions included, then succeeds', () => {
      expect(run('sleep 5')).toMatchObject({ sleeps: [5], stdout: '', code: 0 });
      expect(run('sleep 0.5').sleeps).toEqual([0.5]);
    });

    it('sleep with a bad interval fails with status 1', () => {
      const r = run('sleep abc');
      expect(r.code).toBe(1);
      expect(r.sleeps).toEqual([]);
      expect(r.stderr).toMatch(/sleep: invalid time interval 'abc'/);
      expect(run('sleep').code).toBe(1);
      expect(run('sleep -1').code).toBe(1);
    });

    it('exit CODE ends the script with that code', () => {
      expect(run('exit 0').code).toBe(0);
      expect(run('exit 3').code).toBe(3);
      // sh takes the code modulo 256.
      expect(run('exit 256').code).toBe(0);
      expect(run('exit 257').code).toBe(1);
    });

    it('exit with no argument keeps the status of the last command', () => {
      expect(run('false; exit').code).toBe(1);
      expect(run('true; exit').code).toBe(0);
    });

    it('exit with a non-number is an error with status 2', () => {
      const r = run('exit abc');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Illegal number: abc/);
    });

    it('true and false set the status', () => {
      expect(run('true').code).toBe(0);
      expect(run('false').code).toBe(1);
    });

    it('an empty command line succeeds', () => {
      expect(run('')).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(run('   ').code).toBe(0);
    });
  });

  describe('unknown commands', () => {
    it('print "command not found" to stderr and exit 127', () => {
      const r = run('ls -l');
      expect(r.code).toBe(127);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('sh: ls: command not found\n');
    });

    it('do not stop a ";" list, but do stop an "&&" chain', () => {
      expect(run('nope; echo after')).toMatchObject({ stdout: 'after\n', code: 0 });
      expect(run('nope && echo after')).toMatchObject({ stdout: '', code: 127 });
    });
  });

  describe('lists: a && b ; c', () => {
    it('runs the command after && only when the one before succeeded', () => {
      expect(run('true && echo yes').stdout).toBe('yes\n');
      expect(run('false && echo yes')).toMatchObject({ stdout: '', code: 1 });
      expect(run('echo a && echo b && echo c').stdout).toBe('a\nb\nc\n');
    });

    it('skips the rest of an && chain after a failure, but not what follows ";"', () => {
      // `a && b ; c`: c runs whatever a and b did; the status is c's.
      expect(run('false && echo b ; echo c')).toMatchObject({ stdout: 'c\n', code: 0 });
      expect(run('true && echo b ; echo c')).toMatchObject({ stdout: 'b\nc\n', code: 0 });
      expect(run('echo a ; false')).toMatchObject({ stdout: 'a\n', code: 1 });
      expect(run('false && echo x && echo y; echo z').stdout).toBe('z\n');
    });

    it('an && chain that fails in the middle skips everything after, up to the ";"', () => {
      expect(run('echo 1 && false && echo 2 ; echo 3')).toMatchObject({ stdout: '1\n3\n', code: 0 });
    });

    it('exit stops the whole script, even inside a chain', () => {
      expect(run('echo a && exit 4 ; echo b')).toMatchObject({ stdout: 'a\n', code: 4 });
      expect(run('exit 5; echo never')).toMatchObject({ stdout: '', code: 5 });
      // An exit that is skipped by && does not end anything.
      expect(run('false && exit 5; echo ran')).toMatchObject({ stdout: 'ran\n', code: 0 });
    });

    it('sleeps and output come in the order of the script', () => {
      const r = run('echo start && sleep 2 && echo middle; sleep 1; echo end');
      expect(
        r.steps.map((s) =>
          s.kind === 'output' ? s.text.trim() : s.kind === 'sleep' ? s.seconds : `exit ${s.code}`,
        ),
      ).toEqual(['start', 2, 'middle', 1, 'end', 'exit 0']);
    });

    it('allows a trailing ";" and spaces around operators', () => {
      expect(run('echo a;')).toMatchObject({ stdout: 'a\n', code: 0 });
      expect(run('echo a&&echo b;echo c')).toMatchObject({ stdout: 'a\nb\nc\n' });
    });

    it('parses into ;-separated lists of &&-joined commands', () => {
      expect(parseShell('a && b ; c')).toEqual([[{ words: ['a'] }, { words: ['b'] }], [{ words: ['c'] }]]);
    });
  });

  describe('quotes', () => {
    it('keep spaces and special characters inside single and double quotes', () => {
      expect(run('echo "a  b"').stdout).toBe('a  b\n');
      expect(run("echo 'a && b; c'").stdout).toBe('a && b; c\n');
      expect(run('echo "it\'s"').stdout).toBe("it's\n");
    });

    it('join quoted and unquoted parts of one word', () => {
      expect(run(`echo 'a'b"c"`).stdout).toBe('abc\n');
      expect(parseShell(`echo 'a'b"c" d`)).toEqual([[{ words: ['echo', 'abc', 'd'] }]]);
    });

    it('make an empty quoted string a word of its own', () => {
      expect(parseShell(`echo ''`)).toEqual([[{ words: ['echo', ''] }]]);
    });

    it('unquoted spaces separate words, and runs of them collapse', () => {
      expect(run('echo a    b').stdout).toBe('a b\n');
    });
  });

  describe('syntax errors', () => {
    it.each([
      ['&& echo a', /unexpected token `&&'/],
      ['; echo a', /unexpected token `;'/],
      ['echo a;;', /unexpected token `;'/],
      ['echo a &&', /unexpected end/],
      ["echo 'abc", /unterminated single quote/],
      ['echo "abc', /unterminated double quote/],
      ['echo a | wc', /'\|' is not supported/],
      ['echo a > f', /'>' is not supported/],
      ['echo $HOME', /'\$' is not supported/],
      ['sleep 1 &', /'&' is not supported/],
    ])('%j is a syntax error', (script, message) => {
      expect(() => parseShell(script)).toThrow(ShellSyntaxError);
      expect(() => parseShell(script)).toThrow(message);
      // Run, it prints the error to stderr, as sh does, and exits 2 without running anything.
      const r = run(script);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.sleeps).toEqual([]);
      expect(r.stderr).toMatch(/^sh: /);
    });
  });
});
