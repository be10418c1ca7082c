/**
 * What an overrun callback is called. The actors write these messages when their runtime reports that
 * learner code did not return within its budget; every host reports a hang the same way (the runtime says
 * `timedOut`), so the same code gives the same trace in Node and in the browser.
 */

/** A scheduler's callback (or its module's top-level code) overran. */
export const unresponsiveMessage = (callback: string, budgetMs: number): string =>
  `framework unresponsive: ${callback} did not return within ${budgetMs} ms`;

/** An executor's callback overran. */
export const executorUnresponsiveMessage = (executorId: string, callback: string, budgetMs: number): string =>
  `executor ${executorId} unresponsive: ${callback} did not return within ${budgetMs} ms`;

/** What the watchdog calls the module's top-level code and constructor when they do not finish. */
export const LOADING = "the module's top-level code";
