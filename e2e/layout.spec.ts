/**
 * The layout suite (issue 14): every view a learner spends time in — the first view, a playing cluster, the
 * Playground, a lesson, a verdict — at 1280×720, 1920×1080, 1024×768 and 390×844, in English and Chinese,
 * light and dark, checked as a user would look at it:
 *
 * - no two controls overlap;
 * - nothing the view needs is off screen or clipped (its buttons, fields, the console, the verdict);
 * - the editor shows at least the lines promised (20 at 1280×720 and up);
 * - the page never scrolls sideways (nor at all on a wide screen: the panes scroll within themselves);
 * - axe-core finds no serious or critical violation.
 *
 * To stay quick on two cores, each view is set up once and the page is then resized, switched to Chinese
 * and to dark in place, with many checks per page load. The theme changes colours, not layout: geometry is
 * checked at every size in light and at 1280×720 in dark; axe runs at 1280×720 in English light and dark
 * and in Chinese light (its colours are the light theme's), and at 390×844. With LAYOUT_SHOTS=1 a screenshot of every state is kept with the test's
 * output, for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import { en } from '../src/ui/i18n/en';
import { zh } from '../src/ui/i18n/zh';
import { en as editorEn, zh as editorZh } from '../src/editor/messages';
import { expect, test, type LabPage } from './fixtures';
import type { Page } from '@playwright/test';

type Lang = 'en' | 'zh';
type View = 'first' | 'playing' | 'playground' | 'lesson' | 'verdict';
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;

const T = { en, zh } as const;
const E = { en: editorEn, zh: editorZh } as const;

interface Needed {
  role: Parameters<Page['getByRole']>[0];
  name: string;
}

/** What a view needs on screen, by role and accessible name in the page's language. */
function needed(view: View, lang: Lang, narrow: boolean): Needed[] {
  const t = T[lang];
  const e = E[lang];
  const header: Needed[] = [
    { role: 'combobox', name: t.header.scenario },
    { role: 'spinbutton', name: t.header.seed },
    { role: 'button', name: t.header.restart },
    { role: 'button', name: t.header.presentation },
    { role: 'button', name: t.layout.darkTheme },
    { role: 'combobox', name: t.header.language },
    { role: 'button', name: t.header.shortcuts },
    { role: 'button', name: t.layout.mode.watch },
    { role: 'button', name: t.layout.mode.code },
    { role: 'button', name: t.layout.mode.lesson },
  ];
  const time: Needed[] = [
    { role: 'button', name: t.timeline.stepBack },
    { role: 'button', name: t.timeline.step },
    { role: 'combobox', name: t.timeline.speed },
    { role: 'slider', name: t.timeline.time },
  ];
  const editor: Needed[] = [
    { role: 'button', name: e.run },
    { role: 'button', name: e.stop },
    { role: 'button', name: e.reset },
    { role: 'combobox', name: e.role },
    { role: 'log', name: e.console },
  ];
  const check: Needed = { role: 'button', name: t.lessons.check };
  if (narrow) {
    const tabs: Needed[] = (['cluster', 'lesson', 'code', 'log'] as const).map((k) => ({
      role: 'tab',
      name: t.layout.stack[k],
    }));
    if (view === 'first' || view === 'playing') return [...header, ...tabs, ...time];
    if (view === 'playground') return [...header, ...tabs, ...editor];
    return [...header, ...tabs, check];
  }
  switch (view) {
    case 'first':
    case 'playing':
      return [
        ...header,
        ...time,
        { role: 'group', name: t.faults.region },
        { role: 'button', name: t.log.exportTrace },
        { role: 'tab', name: t.drf.sharesTab },
      ];
    case 'playground':
      return [...header, ...time, ...editor];
    case 'lesson':
    case 'verdict':
      return [...header, ...time, ...editor, check, { role: 'button', name: `← ${t.lessons.back}` }];
  }
}

interface Report {
  overlaps: string[];
  scrollX: number;
  scrollY: number;
}

/** In the page: controls that overlap each other where they are drawn, and how far the page scrolls. */
function geometry(page: Page): Promise<Report> {
  return page.evaluate(() => {
    type Box = { l: number; t: number; r: number; b: number };
    const clip = (a: Box, b: Box): Box => ({
      l: Math.max(a.l, b.l),
      t: Math.max(a.t, b.t),
      r: Math.min(a.r, b.r),
      b: Math.min(a.b, b.b),
    });
    const area = (a: Box): number => Math.max(0, a.r - a.l) * Math.max(0, a.b - a.t);
    /** Where an element is drawn: its box cut by every ancestor that clips, and by the window. */
    const drawn = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      let box: Box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (
          s.overflowX !== 'visible' ||
          s.overflowY !== 'visible' ||
          /strict|content|paint/.test(s.contain)
        ) {
          const q = p.getBoundingClientRect();
          box = clip(box, { l: q.left, t: q.top, r: q.right, b: q.bottom });
        }
      }
      return clip(box, { l: 0, t: 0, r: innerWidth, b: innerHeight });
    };
    const controls = [
      ...document.querySelectorAll(
        'button, select, input:not([type=hidden]), textarea, a[href], summary, [role=tab], [role=separator]',
      ),
    ].filter((el) => {
      if (el.closest('.monaco-editor, dialog:not([open]), [hidden], [aria-hidden=true]')) return false;
      // The content of a closed <details> keeps a box but is not drawn.
      const folded = el.closest('details:not([open])');
      if (folded && el.closest('summary')?.parentElement !== folded) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && area(drawn(el)) > 2;
    });
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const boxes = controls.map((el) => ({ el, box: drawn(el) }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        if (area(clip(a.box, b.box)) > 4) overlaps.push(`${name(a.el)} overlaps ${name(b.el)}`);
      }
    const root = document.scrollingElement ?? document.documentElement;
    return {
      overlaps: overlaps.slice(0, 10),
      scrollX: root.scrollWidth - innerWidth,
      scrollY: root.scrollHeight - innerHeight,
    };
  });
}

/** Is the whole of it on screen, drawn where nothing cuts it off? */
async function fullyShown(page: Page, n: Needed): Promise<string | null> {
  const el = page.getByRole(n.role, { name: n.name, exact: true }).first();
  if ((await el.count()) === 0) return `${n.role} "${n.name}" is missing`;
  const problem = await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return 'has no size';
    if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
      return `is off screen (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`;
    for (let p = node.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === 'visible' && s.overflowY === 'visible' && !/strict|content|paint/.test(s.contain))
        continue;
      const q = p.getBoundingClientRect();
      if (
        r.left < q.left - 0.5 ||
        r.top < q.top - 0.5 ||
        r.right > q.right + 0.5 ||
        r.bottom > q.bottom + 0.5
      )
        return `is clipped by ${p.tagName.toLowerCase()}.${[...p.classList].join('.')}`;
    }
    return null;
  });
  return problem ? `${n.role} "${n.name}" ${problem}` : null;
}

/** Lines of code the editor has room for (Monaco's line height, its viewport's height). */
async function editorLines(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroll = document.querySelector('.monaco-editor .monaco-scrollable-element.editor-scrollable');
    const line = document.querySelector('.monaco-editor .view-line');
    if (!scroll || !line) return 0;
    return Math.floor(scroll.getBoundingClientRect().height / line.getBoundingClientRect().height);
  });
}

async function setLanguage(page: Page, lang: Lang): Promise<void> {
  const select = page.getByRole('combobox', {
    name: lang === 'zh' ? en.header.language : zh.header.language,
  });
  if ((await page.locator('html').getAttribute('lang')) === T[lang].lang) return;
  await select.selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', T[lang].lang);
}

async function setDark(page: Page, lang: Lang, dark: boolean): Promise<void> {
  const button = page.getByRole('button', { name: T[lang].layout.darkTheme, exact: true });
  if ((await button.getAttribute('aria-pressed')) !== String(dark)) await button.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', dark ? 'dark' : 'light');
}

async function serious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Everything a user would object to in the page as it is now. */
async function inspect(
  page: Page,
  view: View,
  lang: Lang,
  width: number,
  narrow: boolean,
): Promise<string[]> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const out: string[] = [];
  const g = await geometry(page);
  out.push(...g.overlaps);
  if (g.scrollX > 0) out.push(`the page scrolls sideways by ${g.scrollX} px`);
  if (!narrow && g.scrollY > 0) out.push(`the page scrolls down by ${g.scrollY} px`);
  const shown = await Promise.all(needed(view, lang, narrow).map((n) => fullyShown(page, n)));
  out.push(...shown.filter((p): p is string => p !== null));
  if ((view === 'playground' || view === 'lesson' || view === 'verdict') && !narrow) {
    const lines = await editorLines(page);
    const promised = width >= 1280 ? 20 : 12;
    if (lines < promised) out.push(`the editor shows ${lines} lines, fewer than ${promised}`);
  }
  return out;
}

/** Walks one view through every viewport, language and theme, collecting what a user would object to. */
async function checkView(
  page: Page,
  view: View,
  showPane?: (narrow: boolean) => Promise<void>,
): Promise<void> {
  const problems: string[] = [];
  for (const lang of ['en', 'zh'] as const) {
    await setLanguage(page, lang);
    for (const dark of [false, true]) {
      await setDark(page, lang, dark);
      // The theme changes colours, not layout: in dark, geometry is checked at one size, axe everywhere it runs.
      for (const size of dark ? VIEWPORTS.slice(0, 1) : VIEWPORTS) {
        await page.setViewportSize(size);
        const narrow = size.width < 700;
        // The panes stack (or not) once the page has seen the new width.
        await expect(page.getByRole('tablist', { name: T[lang].layout.panes })).toHaveCount(narrow ? 1 : 0);
        if (narrow && showPane) await showPane(true);
        const where = `${view} ${size.width}×${size.height} ${lang} ${dark ? 'dark' : 'light'}`;
        // What a user sees is the settled page: a problem must still be there a moment later (Monaco and
        // the virtual log lay themselves out again after a resize).
        let found = await inspect(page, view, lang, size.width, narrow);
        if (found.length) {
          await page.waitForTimeout(600);
          found = await inspect(page, view, lang, size.width, narrow);
        }
        for (const p of found) problems.push(`${where}: ${p}`);
        if (process.env.LAYOUT_SHOTS)
          await page.screenshot({
            path: test
              .info()
              .outputPath(`${view}-${size.width}x${size.height}-${lang}-${dark ? 'dark' : 'light'}.png`),
          });
        if (narrow && showPane) await showPane(false);
        // Axe judges colours and structure: in English light and dark, and Chinese light.
        if (size.width === 1280 && (lang === 'en' || !dark)) {
          const v = await serious(page);
          for (const x of v) problems.push(`${where}: axe: ${x}`);
        }
      }
    }
  }
  // And once on a phone, where the panes stack.
  await page.setViewportSize({ width: 390, height: 844 });
  if (showPane) await showPane(true);
  for (const x of await serious(page)) problems.push(`${view} 390×844: axe: ${x}`);
  expect(problems).toEqual([]);
}

/** On a narrow screen, the tab that shows the view's pane (and back to the cluster afterwards). */
const paneTab =
  (page: Page, tab: 'lesson' | 'code') =>
  async (show: boolean): Promise<void> => {
    const lang: Lang = (await page.locator('html').getAttribute('lang')) === 'zh-CN' ? 'zh' : 'en';
    const name = T[lang].layout.stack[show ? tab : 'cluster'];
    await page.getByRole('tab', { name, exact: true }).click();
  };

test.describe.configure({ mode: 'parallel' });
// Each test walks 16 states of its view and scans five with axe: a bound on a hang, sized for a loaded
// two-core machine, not a measure of speed.
test.setTimeout(480_000);

test('the first view', async ({ page, lab }) => {
  await lab.open();
  await checkView(page, 'first');
});

test('a playing cluster', async ({ page, lab }) => {
  await lab.open();
  await lab.choose('agent-failure');
  await lab.speed('25');
  await lab.play().click();
  await lab.waitUntil(30);
  await lab.pause().click();
  await checkView(page, 'playing');
});

async function openEditor(page: Page, lab: LabPage, mode: 'Code' | 'Lesson', lesson?: string): Promise<void> {
  await lab.open();
  await page.getByRole('button', { name: mode, exact: true }).click();
  if (lesson) await page.getByRole('button', { name: new RegExp(`^${lesson}`) }).click();
  await expect(page.getByRole('region', { name: 'Scheduler editor' }).locator('.monaco-editor')).toBeVisible({
    timeout: 60_000,
  });
}

test('the Playground', async ({ page, lab }) => {
  await openEditor(page, lab, 'Code');
  await checkView(page, 'playground', paneTab(page, 'code'));
});

test('a lesson', async ({ page, lab }) => {
  await openEditor(page, lab, 'Lesson', 'Lesson 6:');
  await checkView(page, 'lesson', paneTab(page, 'lesson'));
});

test('a verdict', async ({ page, lab }) => {
  await openEditor(page, lab, 'Lesson', 'Lesson 2:');
  await page.getByRole('button', { name: 'Check my solution' }).click();
  await expect(page.getByText('Not yet: some checks fail.')).toBeVisible({ timeout: 60_000 });
  await checkView(page, 'verdict', paneTab(page, 'lesson'));
});
