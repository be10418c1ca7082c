/**
 * What one module of learner code may send back, at most. The sandbox cuts its own output to these
 * limits (so a flood never crosses the boundary) and the host enforces them again on what arrives (it
 * believes nothing unchecked). Both hosts use the same numbers, so the same code gives the same trace.
 */
export const LIMITS = {
  /** Console lines kept from one callback; the rest are counted as dropped. */
  linesPerCallback: 100,
  /** Characters kept of one console line (longer lines end with "…"). */
  charsPerLine: 2000,
  /** Console lines kept from one module over a whole run; the rest are dropped with one notice. */
  linesPerRun: 5000,
  /** Driver calls accepted from one callback. */
  callsPerCallback: 10_000,
  /** Characters of one callback's whole answer (calls, logs and error, as JSON). */
  answerChars: 8_000_000,
  /** Characters kept of an error's message, and of its stack. */
  errorChars: 2000,
  stackChars: 8000,
} as const;
