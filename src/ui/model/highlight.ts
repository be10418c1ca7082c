/**
 * What a trace event names in the cluster view (an agent, a framework, a task, an offer), so that hovering
 * an event in the log, or following a failed check to its moment, highlights those things.
 */
import type { TraceEvent } from '../../cluster/trace';
import { frameworkOf } from '../../cluster/trace/FrameworkLedger';
import type { Highlight } from '../state/Ui.svelte';

export { frameworkOf };

export const agentOf = (e: TraceEvent): string | undefined =>
  'agent' in e && typeof e.agent === 'string' ? e.agent : undefined;

/** `offerAgent` finds the agent of an offer id (a decline names only the offer). */
export function highlightOf(e: TraceEvent, offerAgent: (offer: string) => string | undefined): Highlight {
  const h: { agent?: string; framework?: string; task?: string; offer?: string } = {};
  const fw = frameworkOf(e);
  const ag = agentOf(e) ?? (e.type === 'decline' ? offerAgent(e.offer) : undefined);
  if (fw) h.framework = fw;
  if (ag) h.agent = ag;
  if ('task' in e) h.task = e.task;
  if ('offer' in e) h.offer = e.offer;
  return h;
}
