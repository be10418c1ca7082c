/**
 * Code that a share link's scenario would run: frameworks whose scheduler is learner code, and scripted
 * `add-framework` / `restart-framework` actions that carry code. A link is made by anyone and opened by
 * anyone, so such code is shown and runs only with the consent of the person who opened it (issue 12,
 * item 4): until then the scenario runs without it. Code in the link's editor tabs never runs by itself
 * either (the editor shows it; Run runs it).
 */
import type { Action, FrameworkSpec, Scenario } from '../cluster/scenario/types';

export interface LinkedCode {
  /** The framework the code is for. */
  readonly framework: string;
  /** Where the scenario holds it: a framework at the start, or an action at `at` seconds. */
  readonly source: 'framework' | 'add-framework' | 'restart-framework';
  readonly at?: number;
  readonly role: string;
  readonly code: string;
}

const hasCode = (s: FrameworkSpec['scheduler']): s is Extract<FrameworkSpec['scheduler'], { code: string }> =>
  'code' in s && typeof s.code === 'string';

/** Every piece of code the scenario would run, in the order the scenario holds it. */
export function linkedCode(scenario: Scenario): LinkedCode[] {
  const out: LinkedCode[] = [];
  const roleOf = new Map<string, string>();
  for (const f of scenario.frameworks) {
    roleOf.set(f.id, f.roles[0] ?? '*');
    if (hasCode(f.scheduler))
      out.push({ framework: f.id, source: 'framework', role: f.roles[0] ?? '*', code: f.scheduler.code });
  }
  for (const a of scenario.actions) {
    if (a.do === 'add-framework') {
      roleOf.set(a.framework.id, a.framework.roles[0] ?? '*');
      if (hasCode(a.framework.scheduler))
        out.push({
          framework: a.framework.id,
          source: 'add-framework',
          at: a.at,
          role: a.framework.roles[0] ?? '*',
          code: a.framework.scheduler.code,
        });
    } else if (a.do === 'restart-framework' && hasCode(a.scheduler))
      out.push({
        framework: a.framework,
        source: 'restart-framework',
        at: a.at,
        role: roleOf.get(a.framework) ?? '*',
        code: a.scheduler.code,
      });
  }
  return out;
}

/** The frameworks (ids) whose code a consent would let run, each once, in order. */
export const frameworksWithCode = (code: readonly LinkedCode[]): string[] => [
  ...new Set(code.map((c) => c.framework)),
];

/** The framework an action names, if any (a partition may name one as an endpoint). */
function names(a: Action, id: string): boolean {
  switch (a.do) {
    case 'add-framework':
      return a.framework.id === id;
    case 'restart-framework':
    case 'teardown':
    case 'decline':
    case 'launch':
    case 'suppress':
    case 'revive':
      return a.framework === id;
    case 'partition':
    case 'flaky-link':
      return a.between.includes(id);
    default:
      return false;
  }
}

/**
 * The scenario without any code: frameworks with code (and every action that names them) are left out, and
 * so are failovers to code. The rest runs as it would have, so the link still shows its cluster.
 */
export function withoutLinkedCode(scenario: Scenario): Scenario {
  const gone = new Set<string>();
  for (const f of scenario.frameworks) if (hasCode(f.scheduler)) gone.add(f.id);
  for (const a of scenario.actions)
    if (a.do === 'add-framework' && hasCode(a.framework.scheduler)) gone.add(a.framework.id);
  return {
    ...scenario,
    frameworks: scenario.frameworks.filter((f) => !gone.has(f.id)),
    actions: scenario.actions.filter(
      (a) => !(a.do === 'restart-framework' && hasCode(a.scheduler)) && ![...gone].some((id) => names(a, id)),
    ),
  };
}
