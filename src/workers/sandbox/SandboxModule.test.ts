/**
 * The browser sandbox's host side, in Node: a fake sandbox frame answers over a real MessageChannel, and
 * fake timers stand for the budget, so each rule of the host's clock is checked on its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Compiled } from '../../cluster/sandbox/compile';
import type { SandboxOpener } from './SandboxFrames';
import { SandboxModule, START_LIMIT_MS, type Timers } from './SandboxModule';

const compiled: Compiled = { js: 'exports.default = class {}', lines: [1], fileName: 'mine.ts' };

/** Timers that fire only when the test says time has passed. */
class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.due].sort((a, b) => a[1].at - b[1].at))
      if (t.at <= this.now) {
        this.due.delete(id);
        t.fn();
      }
  }
}

/** A frame that hands each worker's port to the test, and records what the host ended. */
class FakeFrames implements SandboxOpener {
  readonly ports: MessagePort[] = [];
  readonly ended: number[] = [];
  open(_domain: string, id: number, _name: string, _source: string, port: MessagePort): void {
    void id;
    this.ports.push(port);
  }
  end(_domain: string, id: number): void {
    this.ended.push(id);
  }
  close(): void {}
}

/** Lets queued port messages and promise jobs run. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

/** The requests the host sent to a fake worker, and a way to answer them. */
function worker(port: MessagePort): { requests: { id: number; op: string }[]; post(m: unknown): void } {
  const requests: { id: number; op: string }[] = [];
  port.onmessage = (e) => requests.push(e.data as { id: number; op: string });
  return { requests, post: (m) => port.postMessage(m) };
}

const ok = '{"calls":[],"logs":[{"level":"log","text":"hi"}]}';

let open: MessagePort[] = [];
afterEach(() => {
  for (const p of open) p.close();
  open = [];
});

async function ready(budgetMs = 1000): Promise<{
  module: SandboxModule;
  timers: FakeTimers;
  frames: FakeFrames;
  w: ReturnType<typeof worker>;
}> {
  const timers = new FakeTimers();
  const frames = new FakeFrames();
  const module = new SandboxModule(frames, 'd', compiled, budgetMs, undefined, 1, timers);
  const port = frames.ports[0]!;
  open.push(port);
  const w = worker(port);
  w.post({ ready: true });
  await settle();
  return { module, timers, frames, w };
}

/** Answers the load request at once. */
async function loaded(budgetMs = 1000): Promise<Awaited<ReturnType<typeof ready>> & { calls: () => number }> {
  const r = await ready(budgetMs);
  const first = r.module.invoke('registered', [], 0);
  await settle();
  const load = r.w.requests[0]!;
  expect(load.op).toBe('load');
  r.w.post({ id: load.id, started: true });
  r.w.post({ id: load.id, raw: '{"loaded":true,"logs":[]}' });
  await settle();
  const reg = r.w.requests[1]!;
  r.w.post({ id: reg.id, started: true });
  r.w.post({ id: reg.id, raw: ok });
  await first;
  return { ...r, calls: () => r.w.requests.length };
}

describe('the browser sandbox, host side', () => {
  it('loads the module before the first callback and passes the answer on, checked', async () => {
    const { module, w } = await loaded();
    const p = module.invoke('resourceOffers', [[]], 5);
    await settle();
    const req = w.requests.at(-1)!;
    expect(req).toMatchObject({ op: 'invoke', name: 'resourceOffers', args: '[[]]', nowMs: 5 });
    w.post({ id: req.id, started: true });
    w.post({ id: req.id, raw: '{"calls":[{"method":"declineOffer","offerId":{"value":"O-1"}}],"logs":[]}' });
    expect(await p).toEqual({ calls: [{ method: 'declineOffer', offerId: { value: 'O-1' } }], logs: [] });
  });

  it('the budget runs from the moment the worker starts on a callback, not from when it was sent', async () => {
    const { module, timers, w } = await loaded(1000);
    const p = module.invoke('resourceOffers', [[]], 0);
    await settle();
    const req = w.requests.at(-1)!;
    // The worker is slow to get to it (a busy machine): long past the budget, but it had not started.
    timers.advance(5000);
    w.post({ id: req.id, started: true });
    await settle();
    timers.advance(900);
    w.post({ id: req.id, raw: ok });
    expect(await p).toMatchObject({ logs: [{ text: 'hi' }] });
  });

  it('a callback that overruns its budget is reported timed out, its worker ended, and later answers ignored', async () => {
    const { module, timers, frames, w } = await loaded(1000);
    const p = module.invoke('resourceOffers', [[]], 0);
    await settle();
    const req = w.requests.at(-1)!;
    w.post({ id: req.id, started: true });
    await settle();
    timers.advance(1000);
    await settle();
    expect(await p).toEqual({ calls: [], logs: [], timedOut: true });
    expect(frames.ended).toHaveLength(1);
    w.post({ id: req.id, raw: ok });
    expect(await module.invoke('resourceOffers', [[]], 0)).toEqual({ calls: [], logs: [], timedOut: true });
  });

  it('a worker that never starts on a request is given up after the stall limit', async () => {
    const { module, timers } = await loaded(1000);
    const p = module.invoke('resourceOffers', [[]], 0);
    await settle();
    timers.advance(START_LIMIT_MS);
    await settle();
    expect(await p).toMatchObject({ timedOut: true });
  });

  it('notes and answers for another request, and malformed answers, change nothing they should not', async () => {
    const { module, w } = await loaded();
    const p = module.invoke('statusUpdate', [{}], 0);
    await settle();
    const req = w.requests.at(-1)!;
    w.post({ id: req.id + 7, raw: '{"calls":[{"method":"stop"}],"logs":[]}' });
    w.post({ id: req.id, started: true });
    w.post({ id: req.id, raw: '{"calls":[{"method":"launchTheMissiles"}],"logs":[]}' });
    expect(await p).toEqual({
      calls: [],
      logs: [],
      error: {
        message:
          "the sandbox sent a malformed answer (a driver call names no driver method); the callback's effects were ignored",
      },
    });
  });

  it('a module that fails to load says why at its first callback, as Node’s sandbox does, and then runs nothing', async () => {
    const { module, w } = await ready();
    const first = module.invoke('registered', [], 0);
    await settle();
    const load = w.requests[0]!;
    w.post({ id: load.id, started: true });
    w.post({ id: load.id, raw: '{"failed":{"message":"boom","stack":""},"logs":[]}' });
    expect(await first).toEqual({
      calls: [],
      logs: [],
      error: { message: 'mine.ts: the scheduler failed to load: boom' },
    });
    expect(await module.invoke('resourceOffers', [[]], 0)).toEqual({ calls: [], logs: [] });
  });
});
