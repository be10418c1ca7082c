/**
 * `npm run explore` (issue 19): exit 1 with the smallest failing schedule as JSON for a scheduler with a
 * known bug, exit 0 for a careful one, exit 2 with a message that names what is wrong for bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../cluster/scenario/validate';
import { exploreCommand } from './explore';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLUSTER = join(ROOT, 'test/explore/cluster.json');
const BUGGY = join(ROOT, 'test/explore/double-launch.ts');
const CAREFUL = join(ROOT, 'test/explore/careful.ts');

function explore(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = exploreCommand(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

describe('npm run explore', () => {
  it('finds the double launch after a master failover, shrinks it, and prints it as a scenario', () => {
    const { code, stdout, stderr } = explore(CLUSTER, BUGGY, '--runs', '30', '--seed', '1');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as {
      failed: boolean;
      invariant: string;
      task: string;
      explanation: string;
      explanation_zh: string;
      faults: { do: string; at: number }[];
      scenario: Record<string, unknown>;
    };
    expect(out.failed).toBe(true);
    expect(out.invariant).toBe('double-launch');
    // One fault is all it takes: the master failing over.
    expect(out.faults.map((f) => f.do)).toEqual(['fail-master']);
    expect(out.explanation).toMatch(
      /^The master fails over at [\d.]+ s: task web-\d+ is launched twice: on agent\d at [\d.]+ s and on agent\d at [\d.]+ s\.$/,
    );
    expect(out.explanation_zh).toMatch(/^master 在 [\d.]+ 秒故障切换：任务 web-\d+ 被启动了两次/);
    // The scenario is the original with the fault added, naming the scheduler file beside it.
    const s = parseScenario(out.scenario);
    expect(s.frameworks.find((f) => f.id === 'web')!.scheduler).toEqual({ file: 'double-launch.ts' });
    expect(s.actions).toEqual(out.faults);
  });

  it('draws only the kinds of fault asked for', () => {
    // Agent crashes alone never make this scheduler launch twice: only a master failover does.
    const { code, stdout } = explore(CLUSTER, BUGGY, '--runs', '4', '--faults', 'kill-agent');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ failed: false, runs: 4 });
  });

  it('exits 0 with what it tried when nothing fails', () => {
    const { code, stdout } = explore(CLUSTER, CAREFUL, '--runs', '6', '--seed', '2');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ failed: false, runs: 6, simulations: 6 });
  });

  it("judges each run with the file's own invariant, in its sandbox, when it exports one", () => {
    const dir = mkdtempSync(join(tmpdir(), 'explore-'));
    const file = join(dir, 'careful-with-invariant.ts');
    // The careful scheduler, and a promise it cannot keep under agent crashes: no task is ever lost.
    writeFileSync(
      file,
      `${readFileSync(CAREFUL, 'utf8')}
export class Invariant {
  check(trace: { type: string; state?: string; task?: string }[]) {
    const lost = trace.find((e) => e.type === 'status' && e.state === 'TASK_LOST');
    if (lost) throw new Error('task ' + lost.task + ' was lost');
  }
}
`,
    );
    const { code, stdout, stderr } = explore(CLUSTER, file, '--runs', '30', '--faults', 'kill-agent');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as {
      invariant: string;
      explanation: string;
      explanation_zh: string;
      faults: { do: string }[];
    };
    expect(out.invariant).toBe('learner-invariant');
    expect(out.faults.map((f) => f.do)).toEqual(['kill-agent']);
    expect(out.explanation).toMatch(
      /^agent\d crashes at [\d.]+ s: your invariant fails \(line \d+\): task web-\d+ was lost\.$/,
    );
    expect(out.explanation_zh).toMatch(/你的不变式不成立（第 \d+ 行）：task web-\d+ was lost。$/);
    // Without that export the same scheduler passes (the previous test): the invariant is what failed.
  });

  it('exits 2 with a message for bad input, before anything runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'explore-'));
    const noFile = join(dir, 'no-file.json');
    writeFileSync(noFile, JSON.stringify({ frameworks: [{ id: 'a', scheduler: { builtin: 'scripted' } }] }));
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, 'export default class { resourceOffers( {');
    const cases: [string[], RegExp][] = [
      [[CLUSTER], /^usage: npm run explore/],
      [[CLUSTER, CAREFUL, '--runs', '0'], /^--runs: expected a whole number from 1 to 1000000, got "0"/],
      [[CLUSTER, CAREFUL, '--seed', 'x'], /^--seed: expected a whole number/],
      [[CLUSTER, CAREFUL, '--fast'], /^unknown option --fast/],
      [
        [CLUSTER, CAREFUL, '--faults', 'kill-agent,meteor'],
        /^--faults: expected fault kinds .*, got "meteor"/,
      ],
      [['nowhere-lesson', CAREFUL], /is neither a scenario file nor a lesson/],
      [[CLUSTER, join(dir, 'missing.ts')], /^cannot read .*missing\.ts: ENOENT/],
      [
        [noFile, CAREFUL],
        /expected exactly one scheduler \{"file": …\} for careful\.ts to replace, found none/,
      ],
      [[CLUSTER, broken], /broken\.ts:1/],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = explore(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    }
  });
});
