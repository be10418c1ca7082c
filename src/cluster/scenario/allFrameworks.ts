import type { FrameworkSpec, Scenario } from './types';

/**
 * Every framework of a scenario: those that join at t = 0, then those its `add-framework` actions add, in
 * the order of the actions. An id may come twice (a framework torn down and added again); callers that want
 * one entry per id keep the first.
 */
export function allFrameworks(s: Scenario): FrameworkSpec[] {
  return [...s.frameworks, ...s.actions.flatMap((a) => (a.do === 'add-framework' ? [a.framework] : []))];
}
