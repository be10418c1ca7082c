/**
 * Course progress, kept in localStorage and exportable as a file: which lessons passed, and when.
 *
 * Stored progress is read leniently: one damaged entry costs only that entry, never the rest, and the text
 * as it was is kept aside (PageStore) before anything is written again, so a save can never overwrite
 * progress the page could not read. An imported file is read strictly: a file with a bad entry is refused
 * with the entry named, and nothing changes.
 */
import { pageStore, type PageStore } from '../state/storage';

export interface Progress {
  readonly v: 1;
  /** Lesson id → ISO time it first passed. */
  readonly passed: Readonly<Record<string, string>>;
}

export const PROGRESS_KEY = 'mesos-lab:progress';
export const EMPTY_PROGRESS: Progress = { v: 1, passed: {} };

/** The longest lesson id and time text accepted (real ones are a few dozen characters). */
const MAX_TEXT = 200;

interface Read {
  readonly progress: Progress;
  /** What could not be read, one line each ("lesson x: …"). Empty when everything was read. */
  readonly problems: readonly string[];
}

function read(text: string): Read {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { progress: EMPTY_PROGRESS, problems: ['the file is not JSON'] };
  }
  const p = raw as { v?: unknown; passed?: unknown };
  if (
    typeof raw !== 'object' ||
    raw === null ||
    p.v !== 1 ||
    typeof p.passed !== 'object' ||
    p.passed === null ||
    Array.isArray(p.passed)
  )
    return {
      progress: EMPTY_PROGRESS,
      problems: ['the file is not Mesos Lab progress (expected {"v": 1, "passed": {...}})'],
    };
  const passed: Record<string, string> = {};
  const problems: string[] = [];
  for (const [id, when] of Object.entries(p.passed as Record<string, unknown>)) {
    const name = id.length > 40 ? `${id.slice(0, 40)}…` : id;
    if (typeof when !== 'string') problems.push(`lesson ${name}: expected the time it passed, as text`);
    else if (id.length > MAX_TEXT || when.length > MAX_TEXT) problems.push(`lesson ${name}: too long`);
    // Own data properties only: an id such as "__proto__" must stay a plain entry.
    else Object.defineProperty(passed, id, { value: when, enumerable: true, writable: true });
  }
  return { progress: { v: 1, passed }, problems };
}

/** Reads progress from an imported file; throws with a message naming the first thing that is wrong. */
export function parseProgress(text: string): Progress {
  const { progress, problems } = read(text);
  if (problems.length) throw new Error(problems[0]);
  return progress;
}

/**
 * The stored progress: every entry that can be read. When anything could not be read, the stored text is
 * kept aside first, so the next save loses nothing.
 */
export function loadProgress(store: PageStore = pageStore): Progress {
  const text = store.raw(PROGRESS_KEY);
  if (text === null) return EMPTY_PROGRESS;
  const { progress, problems } = read(text);
  if (problems.length) store.setAside(PROGRESS_KEY, text);
  return progress;
}

export function saveProgress(p: Progress, store: PageStore = pageStore): void {
  // Storage full or blocked: progress lives for this visit only; the export still works.
  store.write(PROGRESS_KEY, JSON.stringify(p));
}

/** Merges imported progress into what is there: a lesson passed in either stays passed (earliest time). */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const passed: Record<string, string> = {};
  const put = (id: string, when: string): void =>
    void Object.defineProperty(passed, id, { value: when, enumerable: true, writable: true });
  for (const [id, when] of Object.entries(a.passed)) put(id, when);
  for (const [id, when] of Object.entries(b.passed)) {
    const had = Object.hasOwn(passed, id) ? passed[id] : undefined;
    if (had === undefined || when < had) put(id, when);
  }
  return { v: 1, passed };
}
