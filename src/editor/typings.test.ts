/**
 * The typings the editor shows must be the model's API, and must teach. Three guards:
 * 1. the type check (npm run check) proves each declared type identical to the model's (expectTypeOf below);
 * 2. every name api.ts exports is declared, or is listed here as model-internal with the reason;
 * 3. the real TypeScript compiler, with the editor's options and these declarations only, accepts every
 *    example and every lesson file, rejects what the sandbox cannot run, and its hover text explains.
 */
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as ExecutorModel from '../cluster/executor/api';
import type { ResourceJson } from '../cluster/resources';
import type * as Model from '../cluster/scheduler/api';
import { SANDBOX_HELPERS } from '../cluster/sandbox/prelude';
import executorApiSource from '../cluster/executor/api.ts?raw';
import schedulerApiSource from '../cluster/scheduler/api.ts?raw';
import lessonTypingsSource from '../lessons/mesos-lab.d.ts?raw';
import { EXAMPLES, loadExample } from './examples';
import type * as Learner from './typings/learnerApi';
import { errorsOf, memoryService } from './testing/tsService';
import { MESOS_LAB_DTS } from './typings';

describe('the declared types are the model’s own', () => {
  it('is checked by the compiler (this block only has types)', () => {
    expectTypeOf<Learner.Value>().toEqualTypeOf<Model.Value>();
    expectTypeOf<Learner.FrameworkID>().toEqualTypeOf<Model.FrameworkID>();
    expectTypeOf<Learner.OfferID>().toEqualTypeOf<Model.OfferID>();
    expectTypeOf<Learner.AgentID>().toEqualTypeOf<Model.AgentID>();
    expectTypeOf<Learner.TaskID>().toEqualTypeOf<Model.TaskID>();
    expectTypeOf<Learner.ExecutorID>().toEqualTypeOf<Model.ExecutorID>();
    expectTypeOf<Learner.MasterInfo>().toEqualTypeOf<Model.MasterInfo>();
    expectTypeOf<Learner.Resource>().toEqualTypeOf<ResourceJson>();
    expectTypeOf<Learner.Attribute>().toEqualTypeOf<Model.Attribute>();
    expectTypeOf<Learner.Offer>().toEqualTypeOf<Model.Offer>();
    expectTypeOf<Learner.CommandInfo>().toEqualTypeOf<Model.CommandInfo>();
    expectTypeOf<Learner.ExecutorInfo>().toEqualTypeOf<Model.ExecutorInfo>();
    expectTypeOf<Learner.TaskInfo>().toEqualTypeOf<Model.TaskInfo>();
    expectTypeOf<Learner.TaskState>().toEqualTypeOf<Model.TaskState>();
    expectTypeOf<Learner.TaskStatusSource>().toEqualTypeOf<Model.TaskStatusSource>();
    expectTypeOf<Learner.TaskStatusReason>().toEqualTypeOf<Model.TaskStatusReason>();
    expectTypeOf<Learner.TaskStatus>().toEqualTypeOf<Model.TaskStatus>();
    expectTypeOf<Learner.Filters>().toEqualTypeOf<Model.Filters>();
    expectTypeOf<Learner.Operation>().toEqualTypeOf<Model.Operation>();
    expectTypeOf<Learner.SchedulerDriver>().toEqualTypeOf<Model.SchedulerDriver>();
    expectTypeOf<Learner.Scheduler>().toEqualTypeOf<Model.Scheduler>();
    expectTypeOf<typeof Learner.scalar>().toEqualTypeOf<typeof Model.scalar>();
    expectTypeOf<Learner.ExecutorDriver>().toEqualTypeOf<ExecutorModel.ExecutorDriver>();
    expectTypeOf<Learner.Executor>().toEqualTypeOf<ExecutorModel.Executor>();
  });
});

/** Exported names of a TypeScript source file (interfaces, types, consts, functions, classes). */
function exportedNames(source: string): string[] {
  return [...source.matchAll(/^export (?:declare )?(?:interface|type|const|function|class) (\w+)/gm)].map(
    (m) => m[1]!,
  );
}

/** Names that api.ts exports for the model itself; a learner's sandbox has none of them. */
const MODEL_INTERNAL: Record<string, string> = {
  TASK_STATES:
    'a runtime value the sandbox does not provide (its module has only `scalar`); TaskState is declared',
  TERMINAL_STATES:
    'a runtime value the sandbox does not provide; the TaskState docs list the terminal states',
  isTerminal: 'a runtime function the sandbox does not provide',
  SchedulerCallback: 'the driver actor’s name for a callback',
  ExecutorCallback: 'the executor actor’s name for a callback',
  EXECUTOR_CALLBACKS: 'the executor actor’s list of callbacks',
};

/** Declared at the module's top level (not merely named in a doc comment). */
const declared = (name: string): boolean =>
  new RegExp(`^ {2}export (?:interface|type|function) ${name}\\b`, 'm').test(MESOS_LAB_DTS);

describe('every name of the API is declared', () => {
  it.each([
    ['src/cluster/scheduler/api.ts', schedulerApiSource],
    ['src/cluster/executor/api.ts', executorApiSource],
  ])('%s', (_file, source) => {
    const names = exportedNames(source);
    expect(names.length).toBeGreaterThan(3);
    const missing = names.filter((n) => !(n in MODEL_INTERNAL) && !declared(n));
    expect(missing).toEqual([]);
  });

  it('declares every name the lessons’ typings declare, so lesson code reads the same in the editor', () => {
    const names = [...lessonTypingsSource.matchAll(/export (?:type|interface|const) (\w+)/g)].map(
      (m) => m[1]!,
    );
    expect(names).toContain('Offer');
    const missing = names.filter((n) => !declared(n));
    expect(missing).toEqual([]);
  });

  it('declares as values only what the sandbox’s `mesos-lab` module provides at run time', () => {
    const values = [...MESOS_LAB_DTS.matchAll(/^ {2}export (?:function|const|class) (\w+)/gm)].map(
      (m) => m[1]!,
    );
    const provided = [...SANDBOX_HELPERS];
    expect(provided).toEqual(['scalar']);
    expect(values).toEqual(provided);
  });

  it('is one ambient module with no stray `declare` inside', () => {
    expect(MESOS_LAB_DTS.startsWith('/**')).toBe(true);
    expect(MESOS_LAB_DTS).toMatch(/^declare module 'mesos-lab' \{$/m);
    expect(MESOS_LAB_DTS).not.toMatch(/^\s+export declare /m);
    expect(MESOS_LAB_DTS).not.toContain('MODULE START');
  });
});

// ---------------------------------------------------------------- the real compiler, as the editor uses it

const service = (files: Record<string, string>) => memoryService(files).ls;
const errors = (ls: ts.LanguageService, file: string): string[] => errorsOf({ ls, set: () => {} }, file);

const lessonFiles = import.meta.glob<string>('../lessons/*/{starter,solution,wrong/*,alt/*}.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('the editor’s compiler and declarations', () => {
  it('accept every example', async () => {
    const files: Record<string, string> = {};
    for (const e of EXAMPLES) files[`file:///examples/${e.id}.ts`] = await loadExample(e.id);
    const ls = service(files);
    for (const f of Object.keys(files)) expect(errors(ls, f)).toEqual([]);
  });

  it(
    'accept every lesson’s starter, solution, wrong and alternative TypeScript files',
    { timeout: 60_000 },
    () => {
      const files: Record<string, string> = {};
      for (const [path, text] of Object.entries(lessonFiles))
        files[`file:///${path.replace(/^\.\.\//, '')}`] = text;
      expect(Object.keys(files).length).toBeGreaterThan(20);
      const ls = service(files);
      for (const f of Object.keys(files)) expect(errors(ls, f)).toEqual([]);
    },
  );

  it('give a type error at its line, and reject what the sandbox does not have', () => {
    const code = [
      "import type { Offer, SchedulerDriver } from 'mesos-lab';",
      'export default class S {',
      '  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {',
      '    const cpus: number = offers[0]!.hostname; // a string is not a number',
      '    document.title = String(cpus);',
      '    setTimeout(() => driver.declineOffer(offers[0]!.id), 10);',
      '  }',
      '}',
    ].join('\n');
    const found = errors(service({ 'file:///s.ts': code }), 'file:///s.ts');
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^file:\/\/\/s\.ts:4: Type 'string' is not assignable to type 'number'/);
    expect(found[1]).toMatch(/:5: Cannot find name 'document'/);
    expect(found[2]).toMatch(/:6: Cannot find name 'setTimeout'/);
  });

  it('keep each tab a module of its own: two tabs may declare the same class name', () => {
    const code = 'class MyScheduler {}\nconst x = 1;\n';
    const ls = service({ 'file:///a.ts': code, 'file:///b.ts': code });
    expect(errors(ls, 'file:///a.ts')).toEqual([]);
  });

  it('teach on hover: the quick info of driver.declineOffer explains refuse_seconds', () => {
    const code = [
      "import type { Offer, SchedulerDriver } from 'mesos-lab';",
      'export default class S {',
      '  resourceOffers(driver: SchedulerDriver, offers: Offer[]) {',
      '    for (const o of offers) driver.declineOffer(o.id);',
      '  }',
      '}',
    ].join('\n');
    const ls = service({ 'file:///h.ts': code });
    const at = code.indexOf('declineOffer') + 2;
    const info = ls.getQuickInfoAtPosition('file:///h.ts', at)!;
    const docs = ts.displayPartsToString(info.documentation);
    expect(ts.displayPartsToString(info.displayParts)).toContain(
      'declineOffer(offerId: OfferID, filters?: Filters)',
    );
    expect(docs).toContain('5 s');
    const offerInfo = ls.getQuickInfoAtPosition('file:///h.ts', code.indexOf('Offer[]'))!;
    expect(ts.displayPartsToString(offerInfo.documentation)).toContain('resources of ONE agent');
  });

  it('complete the driver’s methods after `driver.`', () => {
    const code =
      "import type { SchedulerDriver } from 'mesos-lab';\nexport function f(driver: SchedulerDriver) {\n  driver.\n}\n";
    const ls = service({ 'file:///c.ts': code });
    const list = ls.getCompletionsAtPosition('file:///c.ts', code.indexOf('driver.\n') + 7, {})!;
    const names = list.entries.map((e) => e.name);
    for (const m of [
      'launchTasks',
      'declineOffer',
      'suppressOffers',
      'reviveOffers',
      'killTask',
      'reconcileTasks',
    ])
      expect(names).toContain(m);
  });
});
