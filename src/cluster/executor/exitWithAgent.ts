import type { Context } from '../actor';
import type { ActorId } from '../protocol';

/**
 * ExecutorProcess::exited, for every kind of executor: the agent process went away. Without checkpointing
 * there is no agent to come back to, so the executor shuts down at once (its tasks die with it, unreported);
 * with checkpointing it waits for the restarted agent. Returns whether the executor shut down.
 */
export function exitWithAgent(
  executor: { id: ActorId; agent: string; framework: string; executor: string },
  checkpoint: boolean,
  ctx: Context,
): boolean {
  if (checkpoint) return false;
  ctx.trace({
    type: 'executor-exited',
    agent: executor.agent,
    framework: executor.framework,
    executor: executor.executor,
    status: 0,
    reason: 'the agent process exited and the framework does not checkpoint',
  });
  ctx.stop(executor.id);
  return true;
}
