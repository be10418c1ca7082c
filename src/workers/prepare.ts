/**
 * Before a run in the browser, learners' scheduler code that arrives uncompiled (a scenario file with code,
 * an action injected without it) is compiled once in the player's worker, with the TypeScript compiler
 * loaded only when needed. The editor compiles in Monaco's own worker and sends code already compiled.
 */
import { compileScheduler } from '../cluster/sandbox/compile';
import type { FrameworkSpec, Scenario, SchedulerSpec } from '../cluster/scenario/types';

export async function compileLearnerCode(scenario: Scenario): Promise<Scenario> {
  const needs = (s: SchedulerSpec): boolean => 'code' in s && !s.compiled;
  const all = [
    ...scenario.frameworks.map((f) => f.scheduler),
    ...scenario.actions.flatMap((a) =>
      a.do === 'add-framework' ? [a.framework.scheduler] : a.do === 'restart-framework' ? [a.scheduler] : [],
    ),
  ];
  if (!all.some(needs)) return scenario;
  const ts = await import('typescript');
  const compileSpec = (id: string, s: SchedulerSpec): SchedulerSpec => {
    if (!('code' in s) || s.compiled) return s;
    const language = s.language ?? 'ts';
    return { ...s, compiled: compileScheduler(ts, s.code, `${id}.${language}`, language) };
  };
  const compile = (f: FrameworkSpec): FrameworkSpec => ({ ...f, scheduler: compileSpec(f.id, f.scheduler) });
  return {
    ...scenario,
    frameworks: scenario.frameworks.map(compile),
    actions: scenario.actions.map((a) =>
      a.do === 'add-framework'
        ? { ...a, framework: compile(a.framework) }
        : a.do === 'restart-framework'
          ? { ...a, scheduler: compileSpec(a.framework, a.scheduler) }
          : a,
    ),
  };
}
