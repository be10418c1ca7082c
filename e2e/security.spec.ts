/**
 * The browser's side of the attack suite (docs/security.md): learner code runs in an opaque origin under a
 * policy with no network, and reaches neither the site's storage nor the page; whatever it does to its own
 * worker, the host's clock ends it and the other frameworks carry on. In real Chromium, on the built site
 * (whose pages carry the Content-Security-Policy).
 */
import { expect, test, type Page } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('harness.html');
  await expect(page.getByText('harness ready')).toBeVisible();
});

interface RunResult {
  jsonl: string;
  workers: { masters: number; agents: number; executors: number; schedulers: number; hosted: number };
}

const runOnWorkers = (page: Page, scenario: unknown): Promise<RunResult> =>
  page.evaluate(
    (s) =>
      (
        window as unknown as { harness: { runOnWorkers(s: unknown): Promise<RunResult> } }
      ).harness.runOnWorkers(s),
    scenario,
  );

/** What the site keeps for itself: its caches (the service worker's precache), storage, OPFS. */
async function siteState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const caches_ = await Promise.all(
      (await caches.keys()).map(async (k) => `${k}:${(await (await caches.open(k)).keys()).length}`),
    );
    const root = await navigator.storage.getDirectory();
    const files: string[] = [];
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(name);
    return JSON.stringify({ caches: caches_, local: { ...localStorage }, opfs: files });
  });
}

test('the sandbox is an opaque origin: no storage, no caches, no network, no code from strings, nothing of the page', async ({
  page,
  baseURL,
}) => {
  const site = new URL('.', baseURL).href;
  const before = await siteState(page);
  // Listen where an escaped worker would try to reach the page.
  await page.evaluate(() => {
    const w = window as unknown as { heard: unknown[] };
    w.heard = [];
    new BroadcastChannel('mesos-lab').onmessage = (e) => w.heard.push(e.data);
    addEventListener('message', (e) => {
      if ((e.data as { mesosLabSandbox?: unknown })?.mesosLabSandbox === undefined) w.heard.push(e.data);
    });
  });
  const probe = String.raw`
    self.onmessage = async (e) => {
      const port = e.data.port;
      const site = ${JSON.stringify(site)};
      const results = { origin: self.origin };
      const t = async (name, f) => {
        try { await f(); results[name] = 'allowed'; } catch (err) { results[name] = 'blocked'; }
      };
      await t('fetch the site', () => fetch(site + 'index.html'));
      await t('fetch elsewhere', () => fetch('http://example.com/'));
      await t('XMLHttpRequest', () => new Promise((ok, no) => { const x = new XMLHttpRequest(); x.onload = ok; x.onerror = no; x.open('GET', site + 'index.html'); x.send(); }));
      await t('WebSocket', () => new Promise((ok, no) => { const w = new WebSocket('ws://' + new URL(site).host + '/'); w.onopen = ok; w.onerror = no; }));
      await t('EventSource', () => new Promise((ok, no) => { const s = new EventSource(site); s.onopen = ok; s.onerror = no; }));
      await t('import()', () => import(site + 'sw.js'));
      await t('importScripts', () => importScripts(site + 'sw.js'));
      await t('FontFace', () => new FontFace('f', 'url(' + site + 'favicon.svg)').load());
      await t('eval', () => eval('1'));
      await t('Function', () => new Function('return 1')());
      await t('indexedDB', () => new Promise((ok, no) => { const r = indexedDB.open('mesos-lab'); r.onsuccess = ok; r.onerror = () => no(r.error); }));
      await t('caches', async () => { const c = await caches.open('workbox-precache'); await c.put(site + 'index.html', new Response('owned')); });
      await t('OPFS', async () => { const root = await navigator.storage.getDirectory(); await root.getFileHandle('owned', { create: true }); });
      await t('BroadcastChannel to the page', () => { new BroadcastChannel('mesos-lab').postMessage('owned'); throw new Error('cannot tell from here'); });
      await t('postMessage to the page', () => { self.postMessage('owned'); throw new Error('cannot tell from here'); });
      port.postMessage(results);
    };`;
  const results = (await page.evaluate(
    (source) =>
      (window as unknown as { harness: { probeSandbox(s: string): Promise<unknown> } }).harness.probeSandbox(
        source,
      ),
    probe,
  )) as Record<string, string>;
  expect(results.origin).toBe('null');
  const allowed = Object.entries(results).filter(([k, v]) => k !== 'origin' && v !== 'blocked');
  expect(allowed).toEqual([]);
  // Nothing of the site changed, and nothing reached the page.
  await page.waitForTimeout(500);
  expect(await siteState(page)).toBe(before);
  expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([]);
});

/** A scenario with a well-behaved batch framework and one learner framework running `code`. */
const scenarioWith = (code: string, until = 40) => ({
  name: 'attack',
  seed: 3,
  until,
  agents: [{ id: 'agent', count: 3, resources: 'cpus:4;mem:4096' }],
  frameworks: [
    {
      id: 'honest',
      scheduler: { builtin: 'batch', tasks: 30, task: { resources: 'cpus:1;mem:128', command: 'sleep 2' } },
    },
    { id: 'attacker', scheduler: { code } },
  ],
});

const events = (r: RunResult): { t: number; type: string; [k: string]: unknown }[] =>
  r.jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { t: number; type: string });

/**
 * After `attack` happens in resourceOffers, the attacker is stopped or told what failed, and the honest
 * framework finishes all its work.
 */
async function expectContained(page: Page, attack: string, message: RegExp): Promise<void> {
  const code = `export default class { resourceOffers(driver: any, offers: any[]) { ${attack} } }`;
  const run = await runOnWorkers(page, scenarioWith(code));
  const trace = events(run);
  const error = trace.find((e) => e.type === 'error' && e.framework === 'attacker');
  expect(error?.message).toMatch(message);
  const finished = trace.filter(
    (e) => e.type === 'status' && e.framework === 'honest' && e.state === 'TASK_FINISHED',
  );
  expect(finished.length).toBe(30);
  expect(finished.some((e) => e.t > (error?.t ?? 0))).toBe(true);
}

test('a callback that tries to end its own worker, loops after forging the host’s messages, or never lets its promise jobs end is stopped; the others carry on', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const unresponsive = /framework unresponsive: resourceOffers did not return within 1000 ms/;
  // Every way to close the worker is gone (a closed worker would be reported unresponsive all the same).
  await expectContained(
    page,
    `const g: any = globalThis;
     const closers = [g.close, g.self?.close, ...[Object.getPrototypeOf(g), Object.getPrototypeOf(Object.getPrototypeOf(g))].map((p) => p && Object.getOwnPropertyDescriptor(p, 'close')?.value)];
     for (const c of closers) if (typeof c === 'function') c.call(g);
     throw new Error('nothing could close the worker');`,
    /nothing could close the worker|framework unresponsive/,
  );
  await expectContained(
    page,
    `const post = MessagePort.prototype.postMessage;
     MessagePort.prototype.postMessage = function (this: MessagePort, m: unknown) { return post.call(this, { id: 1, raw: '{"calls":[],"logs":[]}', left: true, callback: 'x', m }); };
     for (let id = 0; id < 100; id++) try { (globalThis as any).postMessage?.({ left: true, id }); } catch {}
     while (true) {}`,
    unresponsive,
  );
  await expectContained(page, 'const f = (): any => Promise.resolve().then(f); f();', unresponsive);
});

test('a flood of console output is cut to its limits with a notice; prototypes patched by learner code change nothing outside it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const code = `export default class {
    resourceOffers(driver: any, offers: any[]) {
      Array.prototype.push = function () { throw new Error('patched'); } as any;
      for (let i = 0; i < 100000; i++) console.log('line ' + i);
      for (const o of offers) driver.declineOffer(o.id, { refuse_seconds: 1 });
    }
  }`;
  const trace = events(await runOnWorkers(page, scenarioWith(code, 80)));
  const logs = trace.filter((e) => e.type === 'log' && e.framework === 'attacker');
  // 100 lines a callback, with a notice of the 99,900 dropped, until 5,000 lines, then one last notice.
  expect(logs.filter((e) => e.capped === undefined)).toHaveLength(5000);
  expect(logs.filter((e) => e.capped === 'callback').every((e) => e.dropped === 100000 - 100)).toBe(true);
  expect(logs.filter((e) => e.capped === 'run')).toHaveLength(1);
  expect(logs.at(-1)?.capped).toBe('run');
  // Patching Array.prototype.push in its own realm did not stop its driver calls, nor anyone else.
  expect(trace.filter((e) => e.type === 'decline' && e.framework === 'attacker').length).toBeGreaterThan(50);
  expect(
    trace.filter((e) => e.type === 'status' && e.framework === 'honest' && e.state === 'TASK_FINISHED')
      .length,
  ).toBe(30);
});

test('hundreds of agents share a few workers instead of one each', async ({ page }) => {
  test.setTimeout(120_000);
  const run = await runOnWorkers(page, {
    name: 'many',
    until: 3,
    agents: [{ id: 'agent', count: 300, resources: 'cpus:1;mem:512' }],
  });
  expect(events(run).filter((e) => e.type === 'agent-added')).toHaveLength(300);
  expect(run.workers.agents).toBeLessThanOrEqual(64 + 2);
});
