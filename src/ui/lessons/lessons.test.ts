import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';
import { EMPTY_PROGRESS, mergeProgress, parseProgress } from './progress';

describe('lesson markdown', () => {
  it('renders headings, lists, code and inline marks', () => {
    const html = renderMarkdown(
      '## Task\n\nLaunch **one** task with `echo`.\n\n- first\n- second\n\n```ts\nconst a = 1 < 2;\n```',
    );
    expect(html).toContain('<h3>Task</h3>');
    expect(html).toContain('<p>Launch <strong>one</strong> task with <code>echo</code>.</p>');
    expect(html).toContain('<ul><li>first</li><li>second</li></ul>');
    expect(html).toContain('<pre><code>const a = 1 &lt; 2;</code></pre>');
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
