/**
 * Every word of the interface in both languages. The compiler already holds `zh` to the shape of `en`; these
 * tests catch what it cannot: a key present in one table only at run time (an `as` cast, a widened record),
 * an empty string, and an English sentence left standing in the Chinese table. Mesos's own names (offer,
 * framework, agent, TASK_RUNNING, refuse_seconds, …) stay English in both languages by design, so they are
 * allowed in Chinese text; any other English word there is a miss.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../cluster/trace';
import { en as editorEn, zh as editorZh } from '../../editor/messages';
import { SCENARIOS } from '../state/scenarios';
import { en } from './en';
import { zh } from './zh';

/** Words that stay as Mesos (or the keyboard, or a file format) spells them, in Chinese text too. */
const KEPT = new Set(
  `mesos lab drf offer offers framework frameworks agent agents role roles master masters task tasks
   executor scheduler schedulers zookeeper refuse_seconds failover_timeout json lines png ctrl enter esc
   space cmd reregistered teardown agentlost weight quota id ids sleep echo exit stdout stderr
   resourceoffers statusupdate registered declineoffer launchtasks suppress revive trace jsonl apache
   gpu gpu_resources`
    .split(/\s+/)
    .filter(Boolean),
);

const CJK = /[\u3400-\u9fff]/;

/** The English words of a text that are not kept names, task states or code. */
function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z_][A-Za-z_]{2,}/g) ?? []).filter(
    (w) => !KEPT.has(w.toLowerCase()) && !/^(TASK|REASON|SOURCE)_/.test(w) && !/[a-z][A-Z]/.test(w),
  );
}

const EVENTS: TraceEvent[] = [
  { t: 1, type: 'leader', master: 'master/1' },
  { t: 1, type: 'master-failed', master: 'master/1' },
  { t: 1, type: 'agent-added', agent: 'a1', resources: { cpus: 1 } },
  { t: 1, type: 'agent-reregistered', agent: 'a1' },
  { t: 1, type: 'agent-removed', agent: 'a1', reason: 'R1' },
  { t: 1, type: 'agent-killed', agent: 'a1' },
  { t: 1, type: 'agent-restarted', agent: 'a1' },
  { t: 1, type: 'framework-added', framework: 'f', roles: ['r'] },
  { t: 1, type: 'framework-reregistered', framework: 'f' },
  { t: 1, type: 'framework-disconnected', framework: 'f', reason: 'R2' },
  { t: 1, type: 'framework-removed', framework: 'f', reason: 'R3' },
  { t: 1, type: 'offer', offer: 'O-1', framework: 'f', role: 'r', agent: 'a1', resources: { cpus: 1 } },
  { t: 1, type: 'decline', offer: 'O-1', framework: 'f', refuseSeconds: 5 },
  { t: 1, type: 'accept', offers: ['O-1'], framework: 'f', agent: 'a1', tasks: ['t1'], refuseSeconds: 5 },
  { t: 1, type: 'rescind', offer: 'O-1', framework: 'f', reason: 'R4' },
  {
    t: 1,
    type: 'launch',
    task: 't1',
    framework: 'f',
    agent: 'a1',
    resources: { cpus: 1 },
    offers: ['O-1'],
    role: 'r',
  },
  { t: 1, type: 'status', task: 't1', framework: 'f', agent: 'a1', state: 'TASK_RUNNING' },
  { t: 1, type: 'output', task: 't1', framework: 'f', agent: 'a1', stream: 'stdout', text: 'hi' },
  { t: 1, type: 'suppress', framework: 'f', roles: [] },
  { t: 1, type: 'revive', framework: 'f', roles: [] },
  { t: 1, type: 'weight', role: 'r', weight: 2 },
  { t: 1, type: 'quota', role: 'r', guarantees: {}, limits: {} },
  { t: 1, type: 'allocation', agents: 1, offers: 1, periodic: false, roles: {}, frameworks: {} },
  { t: 1, type: 'partition', between: ['master', 'a1'], forSeconds: 5 },
  { t: 1, type: 'heal', between: ['master', 'a1'] },
  {
    t: 1,
    type: 'flaky-link',
    between: ['master', 'a1'],
    forSeconds: 5,
    drop: 0.2,
    delayMs: 100,
    repeat: 0.1,
  },
  { t: 1, type: 'flaky-link-ended', between: ['master', 'a1'] },
  { t: 1, type: 'log', framework: 'f', level: 'log', text: 'x' },
  { t: 1, type: 'message', framework: 'f', agent: 'a1', executor: 'e', from: 'scheduler', data: 'd' },
  { t: 1, type: 'error', framework: 'f', message: 'm' },
];

/** Arguments to try for a message function: each set in turn until one gives text. */
function argumentSets(path: string, arity: number): unknown[][] {
  if (path.endsWith('events.describe')) return EVENTS.map((e) => [e]);
  if (path.endsWith('.phase'))
    return [
      'idle',
      'compiling',
      'starting',
      'failing-over',
      'running',
      'disconnected',
      'stopping',
      'stopped',
      'removed',
    ].map((p) => [p, 'f', 'r']);
  if (path.endsWith('.stats'))
    return [[{ offers: 1, declined: 1, held: 1, running: 1, finished: 1, failed: 1 }]];
  const n = Math.max(arity, 1);
  // Both singular and plural forms, and a zero (some messages read "no …" then).
  return [Array(n).fill(1), Array(n).fill(2), Array(n).fill(0), Array(n).fill('x')];
}

interface Leaf {
  path: string;
  en: string;
  zh: string;
}

/** Walks both tables side by side: missing keys and differing shapes are collected, texts are paired. */
function pair(a: unknown, b: unknown, path: string, leaves: Leaf[], problems: string[]): void {
  if (typeof a === 'string') {
    if (typeof b !== 'string') problems.push(`${path}: a string in English, ${typeof b} in Chinese`);
    else leaves.push({ path, en: a, zh: b });
    return;
  }
  if (typeof a === 'function') {
    if (typeof b !== 'function') {
      problems.push(`${path}: a function in English, ${typeof b} in Chinese`);
      return;
    }
    let called = 0;
    for (const args of argumentSets(path, a.length)) {
      let x: unknown;
      let y: unknown;
      try {
        x = (a as (...v: unknown[]) => unknown)(...args);
        y = (b as (...v: unknown[]) => unknown)(...args);
      } catch {
        continue;
      }
      called++;
      if (typeof x === 'string' && typeof y === 'string') leaves.push({ path, en: x, zh: y });
    }
    if (called === 0) problems.push(`${path}: could not call the message with sample arguments`);
    return;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) {
      problems.push(`${path}: a list of ${a.length} in English, not in Chinese`);
      return;
    }
    a.forEach((x, i) => pair(x, b[i], `${path}[${i}]`, leaves, problems));
    return;
  }
  if (typeof a === 'object' && a !== null) {
    if (typeof b !== 'object' || b === null) {
      problems.push(`${path}: missing in Chinese`);
      return;
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    for (const k of ka) if (!kb.includes(k)) problems.push(`${path}.${k}: missing in Chinese`);
    for (const k of kb) if (!ka.includes(k)) problems.push(`${path}.${k}: missing in English`);
    for (const k of ka)
      if (kb.includes(k))
        pair(
          (a as Record<string, unknown>)[k],
          (b as Record<string, unknown>)[k],
          `${path}.${k}`,
          leaves,
          problems,
        );
  }
}

function untranslated(leaves: readonly Leaf[]): string[] {
  const out: string[] = [];
  for (const { path, en: e, zh: z } of leaves) {
    if (e.trim() === '') out.push(`${path}: empty in English`);
    if (z.trim() === '') out.push(`${path}: empty in Chinese`);
    else if (englishWords(e).length > 0 && !CJK.test(z)) out.push(`${path}: not translated: ${z}`);
    else {
      const left = englishWords(z);
      if (left.length > 0) out.push(`${path}: English words in Chinese text (${left.join(', ')}): ${z}`);
    }
  }
  return out;
}

describe('every interface word in both languages', () => {
  // `lang`, `languageName` and the scenario texts are checked apart: they differ by design.
  const without = (m: typeof en): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(m).filter(([k]) => k !== 'lang' && k !== 'languageName' && k !== 'scenarioText'),
    );
  const ui = without(en);
  const uiZh = without(zh);

  it('the page: the same keys, nothing empty, no English sentence left in Chinese', () => {
    const leaves: Leaf[] = [];
    const problems: string[] = [];
    pair(ui, uiZh, 'ui', leaves, problems);
    expect(problems).toEqual([]);
    expect(leaves.length).toBeGreaterThan(200);
    expect(untranslated(leaves)).toEqual([]);
  });

  it('the editor pane: the same keys, nothing empty, no English sentence left in Chinese', () => {
    const leaves: Leaf[] = [];
    const problems: string[] = [];
    pair(editorEn, editorZh, 'editor', leaves, problems);
    expect(problems).toEqual([]);
    expect(leaves.length).toBeGreaterThan(50);
    expect(untranslated(leaves)).toEqual([]);
  });

  it('every example scenario has a description in both languages', () => {
    for (const s of SCENARIOS) {
      expect(s.description, `${s.id}: description`).toBeTruthy();
      expect(CJK.test(zh.scenarioText[s.id] ?? ''), `${s.id}: Chinese description`).toBe(true);
    }
  });

  it('the checker itself notices an English sentence in the Chinese table and a missing key', () => {
    const leaves: Leaf[] = [];
    const problems: string[] = [];
    pair(
      { a: 'Press Play', b: { c: (n: number) => `${n} lessons passed` }, d: 'x' },
      { a: 'Press Play', b: { c: (n: number) => `已通过 ${n} 课` } },
      't',
      leaves,
      problems,
    );
    expect(problems).toEqual(['t.d: missing in Chinese']);
    expect(untranslated(leaves)).toEqual(['t.a: not translated: Press Play']);
  });
});
