/**
 * The one browser every tool here drives: Debian's Chromium (browsers are never downloaded), and the
 * flags it runs with headless on a build machine. Used by the Playwright configs, `npm run bench:browser`
 * and `npm run lighthouse`.
 */

/** Where Debian's `chromium` package installs the browser (`.ci/run` installs it when missing). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** No sandbox (containers lack its privileges), no network or updates of its own, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
];
