/**
 * The course: every lesson with its scenario and checks, imported statically so that the same module works
 * under Node (tsx, vitest) and Vite. The prose, code and hints of a lesson are files in its folder, read by
 * node.ts in Node and vite.ts in the browser.
 */
import { checks as l01Checks } from './01-meet-the-cluster/checks';
import l01Scenario from './01-meet-the-cluster/scenario.json';
import { checks as l02Checks } from './02-first-framework/checks';
import l02Scenario from './02-first-framework/scenario.json';
import { checks as l03Checks } from './03-packing/checks';
import l03Scenario from './03-packing/scenario.json';
import { checks as l04Checks } from './04-saying-no/checks';
import l04Scenario from './04-saying-no/scenario.json';
import { checks as l05Checks } from './05-task-lifecycle/checks';
import l05Scenario from './05-task-lifecycle/scenario.json';
import { checks as l06Checks } from './06-drf/checks';
import l06Scenario from './06-drf/scenario.json';
import { checks as l07Checks } from './07-roles-weights-quota/checks';
import l07Scenario from './07-roles-weights-quota/scenario.json';
import { checks as l08Checks } from './08-agent-failure/checks';
import l08Scenario from './08-agent-failure/scenario.json';
import { checks as l09Checks } from './09-master-failover/checks';
import l09Scenario from './09-master-failover/scenario.json';
import { checks as l10Checks } from './10-executor/checks';
import l10Scenario from './10-executor/scenario.json';
import { checks as l11Checks } from './11-locality/checks';
import l11Scenario from './11-locality/scenario.json';
import { checks as l12Checks } from './12-challenge/checks';
import l12Scenario from './12-challenge/scenario.json';
import { checks as l13Checks } from './13-scheduler-failover/checks';
import l13Scenario from './13-scheduler-failover/scenario.json';
import type { LessonEntry } from './types';

export const LESSONS: readonly LessonEntry[] = [
  { id: '01-meet-the-cluster', order: 1, scenario: l01Scenario, checks: l01Checks },
  { id: '02-first-framework', order: 2, scenario: l02Scenario, checks: l02Checks },
  { id: '03-packing', order: 3, scenario: l03Scenario, checks: l03Checks },
  { id: '04-saying-no', order: 4, scenario: l04Scenario, checks: l04Checks },
  {
    id: '05-task-lifecycle',
    order: 5,
    scenario: l05Scenario,
    checks: l05Checks,
    checkedUnder: ['kill-agent', 'reboot-agent'],
  },
  { id: '06-drf', order: 6, scenario: l06Scenario, checks: l06Checks },
  { id: '07-roles-weights-quota', order: 7, scenario: l07Scenario, checks: l07Checks },
  {
    id: '08-agent-failure',
    order: 8,
    scenario: l08Scenario,
    checks: l08Checks,
    checkedUnder: ['kill-agent', 'reboot-agent'],
  },
  {
    id: '09-master-failover',
    order: 9,
    scenario: l09Scenario,
    checks: l09Checks,
    checkedUnder: ['fail-master'],
  },
  { id: '10-executor', order: 10, scenario: l10Scenario, checks: l10Checks },
  { id: '11-locality', order: 11, scenario: l11Scenario, checks: l11Checks },
  { id: '12-challenge', order: 12, scenario: l12Scenario, checks: l12Checks },
  {
    id: '13-scheduler-failover',
    order: 13,
    scenario: l13Scenario,
    checks: l13Checks,
    checkedUnder: ['restart-framework'],
  },
];

/** A lesson by its folder name ("02-first-framework") or its number ("2", "02"). */
export function findLesson(idOrNumber: string): LessonEntry | undefined {
  const key = idOrNumber.trim().replace(/\/+$/, '');
  if (/^\d+$/.test(key)) return LESSONS.find((l) => l.order === Number(key));
  return LESSONS.find((l) => l.id === key);
}
