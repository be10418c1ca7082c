/**
 * The run's life cycle in Node, with a cluster that only records what it was asked to start. The story that
 * matters most: a share link whose scenario carries code opens, runs without the code, shows the code for
 * reading, and runs it only after consent (issue 12, item 4); links without code open as they always did.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../cluster/scenario/types';
import { parseScenario } from '../../cluster/scenario/validate';
import type { SharedCode } from '../../editor/share';
import drfPaper from '../../../scenarios/drf-paper.json';
import type { LinkedCode } from '../../share/linkCode';
import { encodeSetup } from '../../share/shareLink';
import { Run } from './Run.svelte';
import { SCENARIOS } from './scenarios';

const CODE = 'export default class Sneaky { resourceOffers() { console.log("ran"); } }\n';

function harness() {
  const started: Scenario[] = [];
  const editor: (SharedCode | undefined)[] = [];
  const shown: (readonly LinkedCode[])[] = [];
  const run = new Run(
    {
      start: async (scenario) => void started.push(scenario),
      speed: () => 1,
      resetting: () => undefined,
      started: () => undefined,
      editorCode: (code) => void editor.push(code),
      scenarioCode: (code) => void shown.push(code),
      randomSeed: () => 777,
    },
    SCENARIOS,
  );
  return { run, started, editor, shown };
}

const withCode = {
  ...drfPaper,
  name: 'sneaky-link',
  frameworks: [
    ...drfPaper.frameworks,
    {
      id: 'sneaky',
      roles: ['*'],
      scheduler: { code: CODE, language: 'ts' },
    },
  ],
  actions: [
    { at: 2, do: 'decline', framework: 'sneaky' },
    { at: 3, do: 'kill-agent', agent: 'agent1' },
    {
      at: 5,
      do: 'add-framework',
      framework: { id: 'late', roles: ['*'], scheduler: { code: '// late\n' + CODE } },
    },
    { at: 10, do: 'restart-framework', framework: 'A', scheduler: { code: '// takeover\n' + CODE } },
  ],
};

const codeFrameworks = (s: Scenario): string[] => [
  ...s.frameworks.filter((f) => 'code' in f.scheduler).map((f) => f.id),
  ...s.actions.flatMap((a) =>
    a.do === 'add-framework' && 'code' in a.framework.scheduler
      ? [a.framework.id]
      : a.do === 'restart-framework' && 'code' in a.scheduler
        ? [a.framework]
        : [],
  ),
];

describe('a share link with code in its scenario', () => {
  it('starts the scenario without the code, and shows every piece of it for reading', async () => {
    const { run, started, shown, editor } = harness();
    const tabs = { 'mine@learner': '// my tab\n' };
    const link = await encodeSetup({ scenario: withCode, seed: 9, faults: [], code: tabs });
    expect(await run.openLink(link)).toBe(true);

    expect(started).toHaveLength(1);
    const first = started[0]!;
    expect(codeFrameworks(first)).toEqual([]);
    // The rest of the scenario runs as it would have: the built-in frameworks and the agent's crash.
    expect(first.frameworks.map((f) => f.id)).toEqual(['A', 'B']);
    expect(first.actions.map((a) => a.do)).toEqual(['kill-agent']);
    expect(first.seed).toBe(9);

    // The prompt names each piece of code, where the scenario holds it.
    expect(run.asking).toBe(true);
    expect(run.pending!.code.map((c) => [c.framework, c.source, c.at])).toEqual([
      ['sneaky', 'framework', undefined],
      ['late', 'add-framework', 5],
      ['A', 'restart-framework', 10],
    ]);
    expect(shown[0]!.map((c) => c.code)).toEqual([CODE, '// late\n' + CODE, '// takeover\n' + CODE]);
    // The link's editor tabs go to the editor, to be shown, not run.
    expect(editor).toEqual([tabs]);
  });

  it('runs the whole scenario, code and all, only after consent', async () => {
    const { run, started } = harness();
    await run.openLink(await encodeSetup({ scenario: withCode, seed: 9, faults: [] }));
    run.declineConsent();
    expect(run.asking).toBe(false);
    expect(run.pending).not.toBeNull();
    expect(started).toHaveLength(1);

    await run.consent();
    expect(started).toHaveLength(2);
    const full = started[1]!;
    expect(codeFrameworks(full)).toEqual(['sneaky', 'late', 'A']);
    expect(full.actions).toHaveLength(4);
    expect(run.pending).toBeNull();
    expect(run.scenario).toBe(full);
  });

  it('a restart before consent keeps the code waiting, with the new seed', async () => {
    const { run, started } = harness();
    await run.openLink(await encodeSetup({ scenario: withCode, seed: 9, faults: [] }));
    await run.restartWithNewSeed();
    expect(started.at(-1)!.seed).toBe(777);
    expect(codeFrameworks(started.at(-1)!)).toEqual([]);
    expect(run.pending!.scenario.seed).toBe(777);
    await run.consent();
    expect(started.at(-1)!.seed).toBe(777);
    expect(codeFrameworks(started.at(-1)!)).toEqual(['sneaky', 'late', 'A']);
  });

  it('faults in the link that carry code wait for consent too', async () => {
    const { run, started } = harness();
    const scenario = parseScenario(drfPaper);
    const faults = [
      {
        at: 4,
        do: 'add-framework' as const,
        framework: {
          id: 'injected',
          name: 'injected',
          roles: ['*'],
          failoverTimeout: 60,
          checkpoint: false,
          partitionAware: false,
          minAllocatable: null,
          scheduler: { code: CODE },
        },
      },
    ];
    await run.openLink(await encodeSetup({ scenario, seed: 42, faults }));
    expect(codeFrameworks(started[0]!)).toEqual([]);
    expect(run.pending!.code.map((c) => c.framework)).toEqual(['injected']);
  });

  it('a link without code opens and runs at once, as links always did', async () => {
    const { run, started } = harness();
    const scenario = parseScenario(drfPaper);
    expect(
      await run.openLink(
        await encodeSetup({ scenario, seed: 42, faults: [{ at: 3, do: 'kill-agent', agent: 'agent1' }] }),
      ),
    ).toBe(true);
    expect(run.pending).toBeNull();
    expect(run.asking).toBe(false);
    expect(started[0]!.actions).toEqual([{ at: 3, do: 'kill-agent', agent: 'agent1' }]);
    expect(run.entryId).toBe('drf-paper');
  });
});

describe('opening broken links', () => {
  it('a link cannot carry compiled JavaScript beside the source it shows', async () => {
    const { run, started } = harness();
    const sneaky = {
      ...withCode,
      actions: [
        {
          at: 5,
          do: 'add-framework',
          framework: {
            id: 'late',
            roles: ['*'],
            scheduler: { code: '// harmless\n', compiled: { js: 'evil()', lines: [null], fileName: 'x.js' } },
          },
        },
      ],
    };
    expect(await run.openLink(await encodeSetup({ scenario: sneaky, seed: 1, faults: [] }))).toBe(false);
    expect(started).toHaveLength(0);
    expect(run.notice!.details!.join('\n')).toContain('compiled');
  });

  it('a link with a text past the limit says where, and opens nothing', async () => {
    const { run, started } = harness();
    const link = await encodeSetup({
      scenario: { ...drfPaper, name: 'x'.repeat(100_001) },
      seed: 1,
      faults: [],
    });
    expect(await run.openLink(link)).toBe(false);
    expect(started).toHaveLength(0);
    const { en } = await import('../i18n/en');
    expect(run.notice!.text(en)).toContain('The text at $.scenario.name is 100,001 characters long');
  });

  it('boot falls back to the default scenario and keeps the notice', async () => {
    const { run, started } = harness();
    await run.boot('#lab=%%%');
    expect(started).toHaveLength(1);
    expect(run.entryId).toBe('drf-paper');
    expect(run.notice?.tone).toBe('error');
  });
});
