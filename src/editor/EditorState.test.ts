/**
 * The editor's state, end to end in Node: a fake Monaco whose TypeScript worker is the real compiler, and a
 * fake cluster client that records the actions sent and plays back trace events as the master would.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../cluster/scenario/types';
import { parseScenario } from '../cluster/scenario/validate';
import { EditorState } from './EditorState.svelte';
import { ShareHub } from './share';
import { fakeClient, type FakeClient } from './testing/fakeClient';
import { fakeMonaco, type FakeMonaco } from './testing/fakeMonaco';
import { memoryStorage, type MemoryStorage } from './testing/memoryStorage';

const HELLO = `import type { Offer, SchedulerDriver } from 'mesos-lab';
export default class Hello {
  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    for (const o of offers) driver.declineOffer(o.id);
  }
}
`;

const TYPE_ERROR = `import type { Offer, SchedulerDriver } from 'mesos-lab';
export default class Broken {
  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {
    const n: number = offers[0]!.hostname;
    console.log(n);
  }
}
`;

const scenario = parseScenario({
  name: 'editor-test',
  until: 600,
  agents: [{ id: 'agent1', resources: 'cpus:4;mem:4096' }],
  frameworks: [{ id: 'batch', roles: ['batch'], scheduler: { builtin: 'scripted' } }],
});

let storage: MemoryStorage;
let client: FakeClient;
let monaco: FakeMonaco;
let hub: ShareHub;
const states: EditorState[] = [];

function makeState(
  opts: { withScenario?: boolean; lesson?: { id: string; starter: string; framework?: string } } = {},
): EditorState {
  const s = new EditorState({
    client,
    storageKey: 'test',
    starter: HELLO,
    storage,
    loadMonaco: async () => monaco,
    saveDelayMs: 100,
    share: hub,
    ...(opts.withScenario === false ? {} : { scenario: () => scenario }),
    ...(opts.lesson ? { lesson: opts.lesson } : {}),
  });
  states.push(s);
  return s;
}

async function attached(opts: Parameters<typeof makeState>[0] = {}): Promise<EditorState> {
  const s = makeState(opts);
  await s.attach({} as HTMLElement);
  return s;
}

/** Types into the shown tab, as the learner would (the model changes, the editor reports it). */
function type(code: string): void {
  const model = monaco.editors.at(-1)!.getModel()!;
  model.setValue(code);
}

const last = (): Action => client.injected.at(-1)!;

beforeEach(() => {
  storage = memoryStorage();
  client = fakeClient(scenario);
  monaco = fakeMonaco();
  hub = new ShareHub();
});

afterEach(() => {
  for (const s of states.splice(0)) s.dispose();
  vi.useRealTimers();
});

describe('tabs and saving', () => {
  it('starts with one tab of starter code in the default role, and saves a moment after a change', async () => {
    vi.useFakeTimers();
    const s = await attached();
    expect(s.tabs.map((t) => [t.name, t.role, t.code])).toEqual([['Scheduler 1', 'learner', HELLO]]);
    type(HELLO + '// more\n');
    expect(s.active!.code).toBe(HELLO + '// more\n');
    expect(storage.data.size).toBe(0);
    vi.advanceTimersByTime(150);
    const saved = JSON.parse(storage.data.get('mesos-lab:editor:test')!) as { tabs: { code: string }[] };
    expect(saved.tabs[0]!.code).toBe(HELLO + '// more\n');
  });

  it('survives a reload: tabs, code, roles and the selected tab come back', async () => {
    const s = await attached();
    type('// mine\n');
    s.setRole(s.activeId, 'analytics');
    s.newTab();
    s.flush();
    s.dispose();
    const again = makeState();
    expect(again.tabs.map((t) => [t.name, t.role, t.code])).toEqual([
      ['Scheduler 1', 'analytics', '// mine\n'],
      ['Scheduler 2', 'analytics', HELLO],
    ]);
    expect(again.active!.name).toBe('Scheduler 2');
  });

  it('reset goes back to the starter, and "undo reset" brings the code back, even after a reload', async () => {
    const s = await attached();
    type('// my work\n');
    s.reset();
    expect(s.active!.code).toBe(HELLO);
    expect(s.active!.previous).toBe('// my work\n');
    // The reset was one undoable edit in the editor (Ctrl+Z works too).
    expect(monaco.editors[0]!.edits).toEqual([HELLO]);
    s.flush();
    s.dispose();
    const again = await attached();
    expect(again.active!.previous).toBe('// my work\n');
    again.undoReset();
    expect(again.active!.code).toBe('// my work\n');
    expect(again.active!.previous).toBeNull();
  });

  it('a closed tab can be reopened with its code; the last tab cannot be closed', async () => {
    const s = await attached();
    const second = s.newTab({ code: '// second\n' });
    s.closeTab(second);
    expect(s.tabs).toHaveLength(1);
    s.closeTab(s.activeId);
    expect(s.tabs).toHaveLength(1);
    expect(s.closedCount).toBe(1);
    s.reopenClosed();
    expect(s.active!.code).toBe('// second\n');
  });

  it('says so when the browser refuses to save, and keeps the code on the page', async () => {
    const s = await attached();
    storage.failWrites = true;
    type('// unsaved\n');
    s.flush();
    expect(s.saveError).toMatch(/quota/);
    expect(s.active!.code).toBe('// unsaved\n');
  });

  it('a lesson tab starts from the lesson’s starter, and Reset follows the lesson’s current starter', async () => {
    const s = await attached({ lesson: { id: '02', starter: '// v1\n' } });
    expect(s.active!.name).toBe('Lesson');
    type('// solved\n');
    s.flush();
    s.dispose();
    const again = await attached({ lesson: { id: '02', starter: '// v2\n' } });
    expect(again.active!.code).toBe('// solved\n');
    again.reset();
    expect(again.active!.code).toBe('// v2\n');
  });
});

describe('Run, failover and Stop', () => {
  it('Run adds a framework in the chosen role, with the code compiled by the TypeScript worker', async () => {
    const s = await attached();
    s.setRole(s.activeId, 'analytics');
    await s.run();
    const a = last();
    expect(a.do).toBe('add-framework');
    if (a.do !== 'add-framework' || !('code' in a.framework.scheduler))
      throw new Error('not an add-framework');
    expect(a.framework).toMatchObject({
      id: 'scheduler-1',
      roles: ['analytics'],
      failoverTimeout: 60,
      checkpoint: false,
      partitionAware: false,
      minAllocatable: null,
    });
    const sched = a.framework.scheduler;
    expect(sched.code).toBe(HELLO);
    expect(sched.language).toBe('ts');
    expect(sched.compiled!.fileName).toBe('scheduler-1.ts');
    expect(sched.compiled!.js).toContain('resourceOffers(driver, offers)');
    expect(sched.compiled!.js).not.toContain('sourceMappingURL');
    // The line table maps the declineOffer call back to line 4 of the TypeScript.
    const jsLine = sched.compiled!.js.split('\n').findIndex((l) => l.includes('declineOffer'));
    expect(sched.compiled!.lines[jsLine]).toBe(4);
    expect(s.activeRun.phase).toBe('starting');
    client.emit([{ type: 'framework-added', framework: 'scheduler-1', roles: ['analytics'] }]);
    expect(s.activeRun.phase).toBe('running');
    expect(s.activeConsole.map((e) => e.text)).toContain(
      'framework scheduler-1 registered in role analytics',
    );
  });

  it('Ctrl/Cmd+Enter in the editor runs the shown tab', async () => {
    await attached();
    const run = monaco.editors[0]!.commands.get(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter)!;
    run();
    await vi.waitFor(() => expect(client.injected).toHaveLength(1));
  });

  it('Escape leaves the code unless one of Monaco’s widgets, a selection or a snippet wants it', async () => {
    const s = makeState();
    let left = 0;
    await s.attach({} as HTMLElement, () => left++);
    const editor = monaco.editors[0]!;
    editor.commands.get(monaco.KeyCode.Escape)!();
    expect(left).toBe(1);
    // Monaco's own uses of Escape win; a pending background request (editor.cancelOperation) does not.
    const when = editor.contexts.get(monaco.KeyCode.Escape)!;
    for (const key of ['suggestWidgetVisible', 'findWidgetVisible', 'inSnippetMode', 'editorHasSelection'])
      expect(when).toContain(`!${key}`);
    expect(when).not.toContain('cancellableOperation');
  });

  it('Run again while it runs is a scheduler failover: restart-framework with the same id and the new code', async () => {
    const s = await attached();
    await s.run();
    client.emit([{ type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] }]);
    type(HELLO.replace('declineOffer(o.id)', 'declineOffer(o.id, { refuse_seconds: 30 })'));
    await s.run();
    const a = last();
    expect(a.do).toBe('restart-framework');
    if (a.do !== 'restart-framework' || !('code' in a.scheduler)) throw new Error('not a restart');
    expect(a.framework).toBe('scheduler-1');
    expect(a.scheduler.code).toContain('refuse_seconds: 30');
    expect(a.scheduler.compiled!.js).toContain('refuse_seconds: 30');
    expect(s.activeRun.phase).toBe('failing-over');
    // The old scheduler's exit is part of the failover; the new one re-registers.
    client.emit([
      { type: 'framework-disconnected', framework: 'scheduler-1', reason: 'scheduler process exited' },
    ]);
    expect(s.activeRun.phase).toBe('failing-over');
    client.emit([{ type: 'framework-reregistered', framework: 'scheduler-1' }]);
    expect(s.activeRun.phase).toBe('running');
  });

  it('an unresponsive scheduler: a prominent alert, the framework disconnected, the code intact; Run fails over', async () => {
    const s = await attached();
    const code = HELLO.replace('for (const o of offers)', 'while (true) {}\n    for (const o of offers)');
    type(code);
    await s.run();
    client.emit([
      { type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] },
      {
        type: 'error',
        framework: 'scheduler-1',
        callback: 'resourceOffers',
        message: 'framework unresponsive: resourceOffers did not return within 1000 ms',
      },
      { type: 'framework-disconnected', framework: 'scheduler-1', reason: 'scheduler unresponsive' },
    ]);
    expect(s.alert).toMatchObject({
      frameworkId: 'scheduler-1',
      message: expect.stringMatching(/^framework unresponsive/),
    });
    expect(s.activeRun.phase).toBe('disconnected');
    expect(s.activeConsole.some((e) => e.kind === 'unresponsive')).toBe(true);
    expect(s.active!.code).toBe(code);
    type(HELLO);
    await s.run();
    expect(last()).toMatchObject({ do: 'restart-framework', framework: 'scheduler-1' });
    expect(s.alert).toBeNull();
  });

  it('after the master removed the framework, Run adds a new framework with a new id', async () => {
    const s = await attached();
    await s.run();
    client.emit([
      { type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] },
      { type: 'framework-disconnected', framework: 'scheduler-1', reason: 'scheduler unresponsive' },
      { type: 'framework-removed', framework: 'scheduler-1', reason: 'failover timeout' },
    ]);
    expect(s.activeRun.phase).toBe('removed');
    await s.run();
    expect(last()).toMatchObject({ do: 'add-framework', framework: { id: 'scheduler-1-2' } });
  });

  it('Stop tears the framework down; the code stays, saved; Run again adds a new framework', async () => {
    const s = await attached();
    type('// keep me\n' + HELLO);
    await s.run();
    client.emit([{ type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] }]);
    s.stop();
    expect(last()).toEqual({ at: 0, do: 'teardown', framework: 'scheduler-1' });
    expect(s.activeRun.phase).toBe('stopping');
    client.emit([{ type: 'framework-removed', framework: 'scheduler-1', reason: 'teardown' }]);
    expect(s.activeRun.phase).toBe('stopped');
    expect(s.active!.code.startsWith('// keep me')).toBe(true);
    expect(JSON.parse(storage.data.get('mesos-lab:editor:test')!).tabs[0].code.startsWith('// keep me')).toBe(
      true,
    );
    await s.run();
    expect(last()).toMatchObject({ do: 'add-framework', framework: { id: 'scheduler-1-2' } });
  });

  it('several tabs run at once, each its own framework, each with its own console', async () => {
    const s = await attached();
    await s.run();
    const second = s.newTab({ name: 'Other', role: 'analytics' });
    await s.run(second);
    expect(
      client.injected.map((a) => (a.do === 'add-framework' ? [a.framework.id, a.framework.roles] : a.do)),
    ).toEqual([
      ['scheduler-1', ['learner']],
      ['other', ['analytics']],
    ]);
    client.emit([
      { type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] },
      { type: 'framework-added', framework: 'other', roles: ['analytics'] },
      { type: 'log', framework: 'other', level: 'log', text: 'from other' },
      { type: 'log', framework: 'scheduler-1', level: 'log', text: 'from one' },
    ]);
    expect(s.runs[s.tabs[0]!.id]!.phase).toBe('running');
    expect(s.runs[second]!.phase).toBe('running');
    const logs = (id: string) => (s.consoles[id] ?? []).filter((e) => e.kind === 'log').map((e) => e.text);
    expect(logs(s.tabs[0]!.id)).toEqual(['from one']);
    expect(logs(second)).toEqual(['from other']);
    s.stop(second);
    expect(last()).toMatchObject({ do: 'teardown', framework: 'other' });
    expect(s.runs[s.tabs[0]!.id]!.phase).toBe('running');
  });

  it('a new framework never takes an id the scenario already has', async () => {
    const s = await attached();
    s.newTab({ name: 'batch' });
    await s.run();
    expect(last()).toMatchObject({ do: 'add-framework', framework: { id: 'batch-2', name: 'batch' } });
  });

  it('a type error: nothing is sent, a marker at its line, a console line that links to it', async () => {
    const s = await attached();
    type(TYPE_ERROR);
    await s.run();
    expect(client.injected).toEqual([]);
    expect(s.activeRun.phase).toBe('idle');
    const markers = monaco.markers.get(`typescript ${monaco.editors[0]!.getModel()!.uri.toString()}`)!;
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ startLineNumber: 4, severity: monaco.MarkerSeverity.Error });
    expect(markers[0]!.message).toMatch(/Type 'string' is not assignable to type 'number'/);
    const linked = s.activeConsole.find((e) => e.line !== undefined)!;
    expect(linked).toMatchObject({ kind: 'compile', line: 4 });
    s.revealLine(s.activeId, linked.line!);
    expect(monaco.editors[0]!.position).toEqual({ lineNumber: 4, column: 1 });
    expect(monaco.editors[0]!.revealed).toBe(4);
  });

  it('an invalid role is refused with the validator’s message, and nothing is sent', async () => {
    const s = await attached();
    s.setRole(s.activeId, 'bad role!');
    await s.run();
    expect(client.injected).toEqual([]);
    expect(s.activeConsole.at(-1)!.text).toMatch(/^Not run: .*role/);
  });

  it('the console shows the framework’s logs, errors with their line, task states and output', async () => {
    const s = await attached();
    await s.run();
    client.emit([
      { type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] },
      { type: 'log', framework: 'scheduler-1', level: 'log', text: 'hello from the scheduler' },
      { type: 'error', framework: 'scheduler-1', callback: 'statusUpdate', message: 'boom', line: 7 },
      { type: 'status', framework: 'scheduler-1', task: 'hello-1', agent: 'agent1', state: 'TASK_FINISHED' },
      {
        type: 'output',
        framework: 'scheduler-1',
        task: 'hello-1',
        agent: 'agent1',
        stream: 'stdout',
        text: 'Hello, world!\n',
      },
      { type: 'log', framework: 'batch', level: 'log', text: 'not mine' },
    ]);
    const lines = s.activeConsole.filter((e) => e.kind !== 'note').map((e) => [e.kind, e.text, e.line]);
    expect(lines).toEqual([
      ['cluster', 'framework scheduler-1 registered in role learner', undefined],
      ['log', 'hello from the scheduler', undefined],
      ['error', 'boom (in statusUpdate)', 7],
      ['task', 'task hello-1 TASK_FINISHED on agent1', undefined],
      ['stdout', 'hello-1 stdout: Hello, world!', undefined],
    ]);
  });

  it('counts offers received, declined and held for the running framework', async () => {
    const s = await attached();
    await s.run();
    const offer = (id: string) =>
      ({
        type: 'offer',
        offer: id,
        framework: 'scheduler-1',
        role: 'learner',
        agent: 'agent1',
        resources: {},
      }) as const;
    client.emit([
      { type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] },
      offer('O-1'),
      offer('O-2'),
      offer('O-3'),
      { type: 'decline', offer: 'O-1', framework: 'scheduler-1', refuseSeconds: 5 },
    ]);
    expect(s.activeRun.stats).toMatchObject({ offers: 3, declined: 1, held: ['O-2', 'O-3'] });
  });

  it('a cluster restart forgets the frameworks: Run adds one again', async () => {
    const s = await attached();
    await s.run();
    client.setStatus({ now: 12 });
    client.emit([{ type: 'framework-added', framework: 'scheduler-1', roles: ['learner'] }]);
    await client.start(scenario);
    client.setStatus({ now: 0 });
    client.emit([{ type: 'leader', master: 'master/1', t: 0 }]);
    expect(s.activeRun.phase).toBe('idle');
    await s.run();
    expect(last()).toMatchObject({ do: 'add-framework', framework: { id: 'scheduler-1' } });
  });
});

describe('a lesson’s graded run', () => {
  it('the lesson tab follows the lesson’s own framework when the whole scenario runs it', async () => {
    // Without a scenario to check against (the graded run's scenario has the framework; the test's does not).
    const s = await attached({
      withScenario: false,
      lesson: { id: '02', starter: HELLO, framework: 'hello' },
    });
    client.emit([
      { type: 'framework-added', framework: 'batch', roles: ['batch'] },
      { type: 'framework-added', framework: 'hello', roles: ['*'] },
      { type: 'log', framework: 'hello', level: 'log', text: 'graded run says hi' },
    ]);
    expect(s.activeRun).toMatchObject({ phase: 'running', frameworkId: 'hello' });
    expect(s.activeConsole.map((e) => e.text)).toEqual([
      'framework hello registered in role *',
      'graded run says hi',
    ]);
    // Run now fails the followed framework over to the code in the editor, as for one the tab started.
    await s.run();
    expect(last()).toMatchObject({ do: 'restart-framework', framework: 'hello' });
  });

  it('the sandbox’s notice that output was cut shows as a warning in the pane’s language', async () => {
    const s = await attached({
      withScenario: false,
      lesson: { id: '02', starter: HELLO, framework: 'hello' },
    });
    client.emit([
      { type: 'framework-added', framework: 'hello', roles: ['*'] },
      {
        type: 'log',
        framework: 'hello',
        level: 'warn',
        text: 'console: 40 more lines from resourceOffers dropped (at most 100 a callback)',
        callback: 'resourceOffers',
        capped: 'callback',
        dropped: 40,
      },
    ]);
    const line = s.activeConsole.at(-1)!;
    expect(line.kind).toBe('dropped');
    expect(line.text).toBe(
      'Output dropped: 40 more lines from resourceOffers were not shown (one callback may print 100 lines).',
    );
  });

  it('a playground editor follows nothing', async () => {
    const s = await attached();
    client.emit([{ type: 'framework-added', framework: 'hello', roles: ['*'] }]);
    expect(s.activeRun.phase).toBe('idle');
    expect(s.activeConsole).toEqual([]);
  });
});

describe('examples and share links', () => {
  it('an example opens in a tab of its own, with its code as the starter', async () => {
    const s = await attached();
    await s.openExample('polite');
    expect(s.tabs.map((t) => t.name)).toEqual(['Scheduler 1', 'Polite']);
    expect(s.active!.code).toMatch(/^\/\*\*\n \* Polite/);
    expect(s.active!.starter).toBe(s.active!.code);
    await s.run();
    expect(last()).toMatchObject({ do: 'add-framework', framework: { id: 'polite' } });
  });

  it('code from a link is shown in tabs of its own, marked, and nothing runs until Run', async () => {
    const s = await attached();
    hub.apply({ 'greedy@analytics': '// greedy\n', 'Scheduler 1@learner': HELLO });
    // The tab with the same code and role is reused; the other is new, from the link.
    expect(s.tabs.map((t) => [t.name, t.role, t.fromLink])).toEqual([
      ['Scheduler 1', 'learner', false],
      ['greedy', 'analytics', true],
    ]);
    expect(s.linkTabs).toBe(1);
    expect(client.injected).toEqual([]);
    s.selectTab(s.tabs[1]!.id);
    type(HELLO);
    await s.run();
    expect(client.injected).toHaveLength(1);
    expect(s.linkTabs).toBe(0);
  });

  it('code that arrives before the editor mounts is applied when it does', () => {
    hub.apply({ 'early@learner': '// early\n' });
    const s = makeState();
    expect(s.tabs.map((t) => t.name)).toEqual(['Scheduler 1', 'early']);
    expect(s.active!.name).toBe('early');
    expect(s.linkTabs).toBe(1);
  });

  it('the share state is every tab’s name, role and code', async () => {
    const s = await attached();
    s.newTab({ name: 'two', code: '// 2\n', role: 'r2' });
    expect(s.shareState()).toEqual({
      tabs: [
        { id: 'Scheduler 1', role: 'learner', code: HELLO },
        { id: 'two', role: 'r2', code: '// 2\n' },
      ],
    });
  });
});

describe('the editor itself', () => {
  it('loads Monaco on attach, with the app’s light theme; a failed load keeps the code editable', async () => {
    const s = makeState();
    expect(monaco.editors).toHaveLength(0);
    await s.attach({} as HTMLElement);
    expect(s.editorStatus).toBe('ready');
    expect(monaco.theme).toBe('mesos-lab-light');
    expect(monaco.themes.get('mesos-lab-light')!.colors['editor.background']).toBe('#ffffff');
    expect(monaco.editors[0]!.options.ariaLabel).toBe('Scheduler code: Scheduler 1. Escape leaves the code.');

    const broken = new EditorState({
      client,
      storageKey: 'broken',
      storage,
      loadMonaco: () => Promise.reject(new Error('offline')),
    });
    states.push(broken);
    await broken.attach({} as HTMLElement);
    expect(broken.editorStatus).toBe('failed');
    expect(broken.editorError).toBe('offline');
    broken.updateCode(broken.activeId, '// typed in the fallback\n');
    await broken.run();
    expect(client.injected).toEqual([]);
    expect(broken.active!.code).toBe('// typed in the fallback\n');
  });

  it('dispose unsubscribes from the cluster and writes what is unsaved', async () => {
    const s = await attached();
    const before = client.listeners();
    type('// last words\n');
    s.dispose();
    expect(client.listeners()).toBe(before - 2);
    expect(JSON.parse(storage.data.get('mesos-lab:editor:test')!).tabs[0].code).toBe('// last words\n');
    expect(monaco.editors[0]!.disposed).toBe(true);
  });
});
