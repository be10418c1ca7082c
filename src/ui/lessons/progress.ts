/**
 * Course progress, kept in localStorage and exportable as a file: which lessons passed, and when.
 */
export interface Progress {
  readonly v: 1;
  /** Lesson id → ISO time it first passed. */
  readonly passed: Readonly<Record<string, string>>;
}

const KEY = 'mesos-lab:progress';
export const EMPTY_PROGRESS: Progress = { v: 1, passed: {} };

/** Reads progress from JSON text; throws with a message saying what is wrong. */
export function parseProgress(text: string): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('the file is not JSON');
  }
  const p = raw as { v?: unknown; passed?: unknown };
  if (
    typeof raw !== 'object' ||
    raw === null ||
    p.v !== 1 ||
    typeof p.passed !== 'object' ||
    p.passed === null
  )
    throw new Error('the file is not Mesos Lab progress (expected {"v": 1, "passed": {...}})');
  const passed: Record<string, string> = {};
  for (const [id, when] of Object.entries(p.passed as Record<string, unknown>)) {
    if (typeof when !== 'string') throw new Error(`lesson ${id}: expected the time it passed, as text`);
    passed[id] = when;
  }
  return { v: 1, passed };
}

export function loadProgress(): Progress {
  try {
    const text = localStorage.getItem(KEY);
    return text ? parseProgress(text) : EMPTY_PROGRESS;
  } catch {
    return EMPTY_PROGRESS;
  }
}

export function saveProgress(p: Progress): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage full or blocked: progress lives for this visit only; the export still works.
  }
}

/** Merges imported progress into what is there: a lesson passed in either stays passed (earliest time). */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const passed: Record<string, string> = { ...a.passed };
  for (const [id, when] of Object.entries(b.passed)) if (!passed[id] || when < passed[id]!) passed[id] = when;
  return { v: 1, passed };
}
