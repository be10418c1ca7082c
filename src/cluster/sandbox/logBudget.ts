/**
 * What learner code printed, into the trace, within limits: at most LIMITS.linesPerCallback lines a
 * callback (the sandbox cuts the rest and counts them) and LIMITS.linesPerRun lines a module over the whole
 * run. Each cut is said once, as a `log` event with `capped` and `dropped`, so a flood of output never
 * exhausts the page or the process, and the learner still learns that output was dropped.
 */
import type { Context } from '../actor';
import { LIMITS } from './limits';
import type { CallbackResult } from './runtime';

export class LogBudget {
  private used = 0;
  private overRun = false;

  /** Traces the result's console lines for `framework`, each prefixed (an executor names itself). */
  trace(result: CallbackResult, callback: string, ctx: Context, framework: string, prefix: string): void {
    if (this.overRun) return;
    for (const line of result.logs) {
      if (this.used >= LIMITS.linesPerRun) return this.stop(callback, ctx, framework, prefix);
      this.used++;
      ctx.trace({ type: 'log', framework, level: line.level, text: prefix + line.text, callback });
    }
    const dropped = result.dropped ?? 0;
    if (dropped > 0)
      ctx.trace({
        type: 'log',
        framework,
        level: 'warn',
        text: `${prefix}console: ${dropped} more line${dropped === 1 ? '' : 's'} from ${callback} dropped (at most ${LIMITS.linesPerCallback} a callback)`,
        callback,
        capped: 'callback',
        dropped,
      });
  }

  private stop(callback: string, ctx: Context, framework: string, prefix: string): void {
    this.overRun = true;
    ctx.trace({
      type: 'log',
      framework,
      level: 'warn',
      text: `${prefix}console: ${LIMITS.linesPerRun} lines printed in this run; later output is dropped`,
      callback,
      capped: 'run',
      dropped: 0,
    });
  }
}
