/**
 * Light and dark editor themes made from the app's own colours (the CSS custom properties of
 * src/ui/styles/global.css), so the editor looks like part of the page. Which one shows follows the page's
 * `color-scheme`: the app is light today; if it ever offers dark (`color-scheme: light dark` or `dark`), the
 * editor follows the system setting or the page.
 */
import type { ThemeData } from './monacoApi';

export const LIGHT_THEME = 'mesos-lab-light';
export const DARK_THEME = 'mesos-lab-dark';

export type ThemeChoice = 'light' | 'dark' | 'auto';

export interface Palette {
  bg: string;
  bgAlt: string;
  ink: string;
  inkMuted: string;
  line: string;
  accent: string;
  focus: string;
  danger: string;
  ok: string;
  warn: string;
}

/** The app's light colours (global.css); used when a variable is not set. */
export const LIGHT_PALETTE: Palette = {
  bg: '#ffffff',
  bgAlt: '#f7f8fa',
  ink: '#15191f',
  inkMuted: '#5b6471',
  line: '#cfd5dd',
  accent: '#0b5cad',
  focus: '#1a66d6',
  danger: '#a4221a',
  ok: '#1b6535',
  warn: '#7a4f00',
};

/** Dark colours built around the app's header (--header, --header-ink). */
export const DARK_PALETTE: Palette = {
  bg: '#18202b',
  bgAlt: '#202a37',
  ink: '#f3f5f8',
  inkMuted: '#a3aebd',
  line: '#3a4656',
  accent: '#7cb7ff',
  focus: '#5b9dff',
  danger: '#ff8a80',
  ok: '#8fd19e',
  warn: '#f0c674',
};

const HEX = /^#[0-9a-f]{6}$/i;

/** The light palette from the page's CSS variables, falling back to the defaults for any not set. */
export function paletteFromCss(read: (name: string) => string, fallback: Palette = LIGHT_PALETTE): Palette {
  const pick = (name: string, d: string): string => {
    const v = read(name).trim();
    return HEX.test(v) ? v : d;
  };
  return {
    bg: pick('--panel', fallback.bg),
    bgAlt: pick('--panel-2', fallback.bgAlt),
    ink: pick('--ink', fallback.ink),
    inkMuted: pick('--ink-3', fallback.inkMuted),
    line: pick('--line', fallback.line),
    accent: pick('--accent', fallback.accent),
    focus: pick('--focus', fallback.focus),
    danger: pick('--danger', fallback.danger),
    ok: pick('--ok', fallback.ok),
    warn: pick('--warn', fallback.warn),
  };
}

const bare = (hex: string): string => hex.slice(1);

export function themeData(p: Palette, dark: boolean): ThemeData {
  return {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: bare(p.inkMuted), fontStyle: 'italic' },
      { token: 'keyword', foreground: bare(p.accent) },
      { token: 'string', foreground: bare(p.ok) },
      { token: 'number', foreground: bare(p.warn) },
      { token: 'type', foreground: bare(p.accent) },
      { token: 'regexp', foreground: bare(p.danger) },
    ],
    colors: {
      'editor.background': p.bg,
      'editor.foreground': p.ink,
      'editorLineNumber.foreground': p.inkMuted,
      'editorLineNumber.activeForeground': p.ink,
      'editor.lineHighlightBackground': p.bgAlt,
      'editorCursor.foreground': p.focus,
      'editorIndentGuide.background1': p.line,
      'editorWidget.background': p.bgAlt,
      'editorWidget.border': p.line,
      'editorHoverWidget.background': p.bgAlt,
      'editorHoverWidget.border': p.line,
      'editorSuggestWidget.background': p.bgAlt,
      'editorSuggestWidget.border': p.line,
      'editorError.foreground': p.danger,
      'editorWarning.foreground': p.warn,
      focusBorder: p.focus,
    },
  };
}

/** Which theme to show, given the choice, the page's `color-scheme`, and the system's preference. */
export function resolveTheme(choice: ThemeChoice, pageScheme: string, systemDark: boolean): 'light' | 'dark' {
  if (choice !== 'auto') return choice;
  const schemes = pageScheme.split(/\s+/).filter(Boolean);
  const light = schemes.includes('light');
  const dark = schemes.includes('dark');
  if (dark && !light) return 'dark';
  if (dark && light) return systemDark ? 'dark' : 'light';
  return 'light';
}
