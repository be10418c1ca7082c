/**
 * A page object for Mesos Lab (STYLE.md §10): controls are found by role and accessible name, as a user
 * finds them; the small read-only hook on `window` (docs/ui.md) only says when the cluster is done.
 * Motion is reduced, so no animation gets in the way; the state changes are still drawn.
 */
import { test as base, expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
// The hook's type declares `window.__mesosLab` for these specs.
import type {} from '../src/ui/testHook';

export class LabPage {
  constructor(readonly page: Page) {}

  async open(hash = ''): Promise<void> {
    await this.page.goto(`./${hash}`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Mesos Lab' })).toBeVisible();
    await this.page.waitForFunction(() => (window.__mesosLab?.traceLength() ?? 0) > 0);
  }

  scenario(): Locator {
    return this.page.getByRole('combobox', { name: 'Scenario' });
  }

  async choose(scenario: string): Promise<void> {
    await this.scenario().selectOption(scenario);
    await this.page.waitForFunction(() => (window.__mesosLab?.traceLength() ?? 0) > 0);
  }

  async speed(value: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Speed' }).selectOption(value);
  }

  play(): Locator {
    return this.page.getByRole('button', { name: 'Play', exact: true });
  }

  pause(): Locator {
    return this.page.getByRole('button', { name: 'Pause', exact: true });
  }

  stepButton(): Locator {
    return this.page.getByRole('button', { name: 'Step one event' });
  }

  slider(): Locator {
    return this.page.getByRole('slider', { name: 'Time' });
  }

  agent(id: string): Locator {
    return this.page.getByRole('article', { name: id, exact: true });
  }

  framework(id: string): Locator {
    return this.page.getByRole('article', { name: id, exact: true });
  }

  /** Task chips with a state, e.g. tasks('running') in an agent or framework card. */
  tasks(scope: Locator, state: string): Locator {
    return scope.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: state });
  }

  async waitUntil(seconds: number): Promise<void> {
    await this.page.waitForFunction((s) => (window.__mesosLab?.now() ?? 0) >= s, seconds, {
      timeout: 30_000,
    });
  }

  async waitDone(): Promise<void> {
    await this.page.waitForFunction(() => window.__mesosLab?.done() === true, null, { timeout: 60_000 });
    // The status can arrive before the last trace batches (one is handed over per animation frame):
    // wait until the trace stops growing.
    let last = -1;
    for (;;) {
      const n = await this.page.evaluate(() => window.__mesosLab!.traceLength());
      if (n === last) return;
      last = n;
      await this.page.waitForTimeout(300);
    }
  }

  /** Runs to the end as fast as possible. */
  async runToEnd(): Promise<void> {
    await this.speed('max');
    if (await this.play().isVisible()) await this.play().click();
    await this.waitDone();
  }

  async download(button: Locator): Promise<{ name: string; text: string }> {
    const [dl] = (await Promise.all([this.page.waitForEvent('download'), button.click()])) as [
      Download,
      void,
    ];
    return { name: dl.suggestedFilename(), text: readFileSync((await dl.path())!, 'utf8') };
  }

  async exportTrace(): Promise<string> {
    return (await this.download(this.page.getByRole('button', { name: 'Export trace (JSON Lines)' }))).text;
  }
}

export const test = base.extend<{ lab: LabPage }>({
  page: async ({ page }, use) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await use(page);
  },
  lab: async ({ page }, use) => {
    await use(new LabPage(page));
  },
});

export { expect };
