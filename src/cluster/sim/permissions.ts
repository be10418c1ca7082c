/**
 * What each kind of actor may do, checked by the simulation on every effect of the actors that drive
 * learner code (a framework's scheduler driver, an executor). Their code is trusted and learner code
 * cannot reach it (src/cluster/sandbox), so a violation means a bug; the check makes sure that even then
 * no framework speaks for another, stops a master or an agent, starts actors, or rewrites the registry.
 */
import type { Effects } from '../actor';
import type { ActorId } from '../protocol';

/** Trace events a framework's driver may write, always under its own framework id. */
const FRAMEWORK_TRACE: ReadonlySet<string> = new Set(['log', 'error', 'message']);
/**
 * Trace events an executor may write, always under its own framework id. It reports its own exit only
 * when its agent's process went away and no agent is left to report it.
 */
const EXECUTOR_TRACE: ReadonlySet<string> = new Set([
  'log',
  'error',
  'message',
  'status',
  'output',
  'executor-exited',
]);

/** Why `fx` is more than actor `from` may produce, or null when it is within its rights. */
export function effectViolation(from: ActorId, fx: Effects): string | null {
  if (from.startsWith('framework/')) {
    const framework = from.slice('framework/'.length);
    if (fx.registry) return 'a framework cannot write the registry';
    if (fx.checkpoint) return 'a framework cannot write an agent checkpoint';
    if (fx.spawns.length) return 'a framework cannot start actors';
    for (const id of fx.stops) if (id !== from) return `a framework cannot stop ${id}`;
    for (const s of fx.sends)
      if (s.local || !s.to.startsWith('master/'))
        return `a framework speaks only to the master, not to ${s.to}`;
    for (const t of fx.trace) {
      if (!FRAMEWORK_TRACE.has(t.type)) return `a framework cannot write '${t.type}' events`;
      if ((t as { framework?: string }).framework !== framework)
        return `framework ${framework} cannot write events of another framework`;
    }
    return null;
  }
  if (from.startsWith('executor/')) {
    const [, agent, framework] = from.split('/');
    if (fx.registry) return 'an executor cannot write the registry';
    if (fx.checkpoint) return 'an executor cannot write an agent checkpoint';
    if (fx.spawns.length) return 'an executor cannot start actors';
    for (const id of fx.stops) if (id !== from) return `an executor cannot stop ${id}`;
    for (const s of fx.sends)
      if (!s.local || (s.to !== from && s.to !== `agent/${agent}`))
        return `an executor speaks only to its own agent, not to ${s.to}`;
    for (const t of fx.trace) {
      if (!EXECUTOR_TRACE.has(t.type)) return `an executor cannot write '${t.type}' events`;
      if ((t as { framework?: string }).framework !== framework)
        return `an executor of ${framework} cannot write events of another framework`;
    }
    return null;
  }
  return null;
}
