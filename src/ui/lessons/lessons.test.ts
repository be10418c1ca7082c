import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';
import { memoryStorage } from '../../editor/testing/memoryStorage';
import { PageStore } from '../state/storage';
import {
  EMPTY_PROGRESS,
  loadProgress,
  mergeProgress,
  parseProgress,
  PROGRESS_KEY,
  saveProgress,
} from './progress';

describe('lesson markdown', () => {
  it('renders headings, lists, code and inline marks', () => {
    const html = renderMarkdown(
      '## Task\n\nLaunch **one** task with `echo`.\n\n- first\n- second\n\n```ts\nconst a = 1 < 2;\n```',
    );
    expect(html).toContain('<h3>Task</h3>');
    expect(html).toContain('<p>Launch <strong>one</strong> task with <code>echo</code>.</p>');
    expect(html).toContain('<ul><li>first</li><li>second</li></ul>');
    // A code block that scrolls takes focus, so it can be scrolled from the keyboard.
    expect(html).toContain('<pre tabindex="0"><code>const a = 1 &lt; 2;</code></pre>');
  });

  it('escapes markup in lesson text, so a file cannot inject elements', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> and [a](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
  });
});

describe('progress files', () => {
  it('round-trips and merges, keeping the earliest pass', () => {
    const a = parseProgress('{"v":1,"passed":{"02-first-framework":"2026-01-02T00:00:00Z"}}');
    const b = parseProgress(
      '{"v":1,"passed":{"02-first-framework":"2026-01-01T00:00:00Z","06-drf":"2026-01-03T00:00:00Z"}}',
    );
    expect(mergeProgress(a, b).passed).toEqual({
      '02-first-framework': '2026-01-01T00:00:00Z',
      '06-drf': '2026-01-03T00:00:00Z',
    });
    expect(mergeProgress(EMPTY_PROGRESS, a)).toEqual(a);
  });

  it('rejects a file that is not progress, saying why', () => {
    expect(() => parseProgress('not json')).toThrow('the file is not JSON');
    expect(() => parseProgress('{"passed":{}}')).toThrow(/not Mesos Lab progress/);
    expect(() => parseProgress('{"v":1,"passed":{"x":3}}')).toThrow(
      'lesson x: expected the time it passed, as text',
    );
  });
});

describe('stored progress', () => {
  const good =
    '{"v":1,"passed":{"02-first-framework":"2026-01-02T00:00:00Z","06-drf":"2026-01-03T00:00:00Z"}}';

  it('one bad entry costs only that entry, and the next save overwrites nothing unread', () => {
    const storage = memoryStorage();
    const store = new PageStore(storage);
    const damaged =
      '{"v":1,"passed":{"02-first-framework":"2026-01-02T00:00:00Z","06-drf":{"when":1},"03-packing":"2026-01-04T00:00:00Z"}}';
    storage.data.set(PROGRESS_KEY, damaged);
    const progress = loadProgress(store);
    // Two lessons still count as passed, not "0 passed".
    expect(Object.keys(progress.passed).sort()).toEqual(['02-first-framework', '03-packing']);
    expect(storage.data.get(`${PROGRESS_KEY}:unreadable`)).toBe(damaged);
    saveProgress(
      mergeProgress(progress, { v: 1, passed: { '04-saying-no': '2026-01-05T00:00:00Z' } }),
      store,
    );
    // The damaged text is still there to recover the entry from.
    expect(storage.data.get(`${PROGRESS_KEY}:unreadable`)).toBe(damaged);
    expect(Object.keys(JSON.parse(storage.data.get(PROGRESS_KEY)!).passed)).toHaveLength(3);
  });

  it('text that is not progress at all is kept aside, and the page starts from none', () => {
    const storage = memoryStorage();
    const store = new PageStore(storage);
    storage.data.set(PROGRESS_KEY, 'garbage{');
    expect(loadProgress(store)).toEqual(EMPTY_PROGRESS);
    expect(storage.data.get(`${PROGRESS_KEY}:unreadable`)).toBe('garbage{');
  });

  it('good progress is read as it is and nothing is set aside', () => {
    const storage = memoryStorage();
    storage.data.set(PROGRESS_KEY, good);
    expect(Object.keys(loadProgress(new PageStore(storage)).passed)).toHaveLength(2);
    expect(storage.data.has(`${PROGRESS_KEY}:unreadable`)).toBe(false);
  });

  it('an entry named __proto__ stays a plain entry and changes no prototype', () => {
    const p = parseProgress('{"v":1,"passed":{"__proto__":"2026-01-01T00:00:00Z"}}');
    expect(Object.keys(p.passed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(mergeProgress(EMPTY_PROGRESS, p).passed)).toBe(Object.prototype);
  });
});
