/**
 * Before a run in the browser, learners' scheduler code is compiled once in the conductor's worker, with
 * the TypeScript compiler loaded only when some framework brings code.
 */
import { compileScheduler } from '../cluster/scheduler/compile';
import type { FrameworkSpec, Scenario, SchedulerSpec } from '../cluster/scenario/types';

export async function compileLearnerCode(scenario: Scenario): Promise<Scenario> {
  const needs = (f: FrameworkSpec): boolean => 'code' in f.scheduler && !f.scheduler.compiled;
  const all = [
    ...scenario.frameworks,
    ...scenario.actions.flatMap((a) => (a.do === 'add-framework' ? [a.framework] : [])),
  ];
  if (!all.some(needs)) return scenario;
  const ts = await import('typescript');
  const compile = (f: FrameworkSpec): FrameworkSpec => {
    const s = f.scheduler;
    if (!('code' in s) || s.compiled) return f;
    const language = s.language ?? 'ts';
    return {
      ...f,
      scheduler: { ...s, compiled: compileScheduler(ts, s.code, `${f.id}.${language}`, language) },
    };
  };
  return {
    ...scenario,
    frameworks: scenario.frameworks.map(compile),
    actions: scenario.actions.map((a) =>
      a.do === 'add-framework' ? { ...a, framework: compile(a.framework) } : a,
    ),
  };
}
