/**
 * What a sandbox answers, read by the host: one JSON string from the prelude (`__mesosLab.load` or
 * `invoke`), checked field by field and cut to LIMITS before any of it is used. A malformed answer (learner
 * code that rewrote the prelude, or a forged message) is reported as an error of that callback; it can
 * never make the host act on something it did not check.
 */
import type { Compiled } from './compile';
import { isDriverMethod, type DriverKind, type RecordedCall } from './driverMethods';
import { LIMITS } from './limits';
import { MODULE_LINE_OFFSET, SCHEDULER_FILE } from './prelude';
import type { CallbackResult, LogLine } from './runtime';
import { originalLine } from './sourceMap';

const LEVELS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error']);

const malformed = (what: string): CallbackResult => ({
  calls: [],
  logs: [],
  error: { message: `the sandbox sent a malformed answer (${what}); the callback's effects were ignored` },
});

/** The learner's line for the first stack frame inside the learner's module, if any. */
export function learnerLine(
  compiled: Compiled,
  stack: string,
  lineOffset = MODULE_LINE_OFFSET,
): number | undefined {
  const m = new RegExp(`${SCHEDULER_FILE.replace('.', '\\.')}:(\\d+):\\d+`).exec(stack);
  if (!m) return undefined;
  return originalLine(compiled.lines, Number(m[1]) - lineOffset);
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function readLogs(x: unknown): { logs: LogLine[]; dropped: number } | string {
  if (x === undefined) return { logs: [], dropped: 0 };
  if (!Array.isArray(x)) return 'logs is not a list';
  const logs: LogLine[] = [];
  let dropped = 0;
  for (const line of x) {
    if (!isObject(line) || typeof line.text !== 'string' || !LEVELS.has(line.level as string))
      return 'a log line is not {level, text}';
    if (logs.length >= LIMITS.linesPerCallback) {
      dropped++;
      continue;
    }
    const text =
      line.text.length > LIMITS.charsPerLine ? `${line.text.slice(0, LIMITS.charsPerLine - 1)}…` : line.text;
    logs.push({ level: line.level as LogLine['level'], text });
  }
  return { logs, dropped };
}

function readError(x: unknown, compiled: Compiled, lineOffset: number): CallbackResult['error'] | string {
  if (x === undefined) return undefined;
  if (!isObject(x) || typeof x.message !== 'string') return 'error is not {message}';
  const message = x.message.slice(0, LIMITS.errorChars);
  const line = learnerLine(
    compiled,
    typeof x.stack === 'string' ? x.stack.slice(0, LIMITS.stackChars) : '',
    lineOffset,
  );
  return { message, ...(line !== undefined ? { line } : {}) };
}

/** Reads the answer to `invoke` into a callback's result. */
export function decodeInvokeAnswer(
  raw: unknown,
  kind: DriverKind,
  compiled: Compiled,
  lineOffset = MODULE_LINE_OFFSET,
): CallbackResult {
  if (typeof raw !== 'string') return malformed('not a string');
  if (raw.length > LIMITS.answerChars) return malformed(`over ${LIMITS.answerChars} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return malformed('not JSON');
  }
  if (!isObject(parsed)) return malformed('not an object');
  if (!Array.isArray(parsed.calls)) return malformed('calls is not a list');
  if (parsed.calls.length > LIMITS.callsPerCallback)
    return malformed(`more than ${LIMITS.callsPerCallback} driver calls`);
  const calls: RecordedCall[] = [];
  for (const c of parsed.calls) {
    if (!isObject(c) || !isDriverMethod(kind, c.method))
      return malformed('a driver call names no driver method');
    calls.push(c as RecordedCall);
  }
  const logs = readLogs(parsed.logs);
  if (typeof logs === 'string') return malformed(logs);
  const error = readError(parsed.error, compiled, lineOffset);
  if (typeof error === 'string') return malformed(error);
  const sandboxDropped =
    typeof parsed.dropped === 'number' && Number.isSafeInteger(parsed.dropped) && parsed.dropped > 0
      ? parsed.dropped
      : 0;
  const dropped = sandboxDropped + logs.dropped;
  return {
    calls,
    logs: logs.logs,
    ...(dropped > 0 ? { dropped } : {}),
    ...(error ? { error } : {}),
  };
}

/** What loading a module gave: it loaded (with what its top-level code logged), or why it failed. */
export type LoadOutcome =
  { loaded: true; logs: LogLine[]; dropped: number } | { loaded: false; message: string; line?: number };

/** Reads the answer to `load`. */
export function decodeLoadAnswer(
  raw: unknown,
  compiled: Compiled,
  lineOffset = MODULE_LINE_OFFSET,
): LoadOutcome {
  const bad = (what: string): LoadOutcome => ({
    loaded: false,
    message: `the sandbox sent a malformed answer (${what})`,
  });
  if (typeof raw !== 'string' || raw.length > LIMITS.answerChars) return bad('not a string of JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return bad('not JSON');
  }
  if (!isObject(parsed)) return bad('not an object');
  const logs = readLogs(parsed.logs);
  if (typeof logs === 'string') return bad(logs);
  if (parsed.loaded === true) return { loaded: true, logs: logs.logs, dropped: logs.dropped };
  const error = readError(parsed.failed, compiled, lineOffset);
  if (typeof error === 'string' || error === undefined) return bad('neither loaded nor failed');
  return { loaded: false, message: error.message, ...(error.line !== undefined ? { line: error.line } : {}) };
}
