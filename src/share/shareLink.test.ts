/**
 * Share links: what goes in comes out; a damaged or cut-off link is refused with a reason, never half-read;
 * and a link made during a live run, faults and all, replays to the same trace.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../cluster/scenario/validate';
import { Simulation } from '../cluster/sim/Simulation';
import { traceToJsonl, type TraceEvent } from '../cluster/trace';
import { SimulationPlayer } from '../workers/SimulationPlayer';
import agentFailure from '../../scenarios/agent-failure.json';
import drfPaper from '../../scenarios/drf-paper.json';
import {
  decodeSetup,
  encodeSetup,
  fromBase64Url,
  hashFor,
  LINK_LIMITS,
  longText,
  payloadOf,
  scenarioOf,
  ShareLinkError,
  toBase64Url,
  type SharedSetup,
} from './shareLink';

const setup: SharedSetup = {
  scenario: parseScenario(drfPaper),
  seed: 42,
  faults: [{ at: 3.000001, do: 'kill-agent', agent: 'agent1' }],
};

const problemOf = async (text: string): Promise<string> => {
  try {
    await decodeSetup(text);
    return 'none';
  } catch (e) {
    expect(e).toBeInstanceOf(ShareLinkError);
    return (e as ShareLinkError).problem;
  }
};

describe('encoding', () => {
  it('round-trips base64url for every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it('round-trips a setup, and compresses it', async () => {
    const text = await encodeSetup(setup);
    expect(text.length).toBeLessThan(JSON.stringify(setup).length);
    expect(await decodeSetup(text)).toEqual(setup);
    expect(payloadOf(hashFor(text))).toBe(text);
    expect(payloadOf('#section-2')).toBeNull();
  });

  it('keeps learner code, and refuses code that is not text', async () => {
    const withCode = { ...setup, code: { A: 'export default class {}' } };
    expect(await decodeSetup(await encodeSetup(withCode))).toEqual(withCode);
    expect(await problemOf(await encodeSetup({ ...setup, code: { A: 5 } as never }))).toBe('shape');
  });
});

describe('a broken link is refused with a reason', () => {
  it('says a cut-off link is incomplete', async () => {
    const text = await encodeSetup(setup);
    for (const cut of [1, 7, Math.floor(text.length / 2), text.length - 3])
      expect(await problemOf(text.slice(0, cut)), `cut at ${cut}`).toMatch(/truncated|json/);
  });

  it('says characters that are not base64url are not a link', async () => {
    expect(await problemOf('abc$%^')).toBe('encoding');
  });

  it('says data that inflates to something else is not a setup', async () => {
    const raw = async (json: string): Promise<string> =>
      toBase64Url(
        new Uint8Array(
          await new Response(
            new Blob([new TextEncoder().encode(json)])
              .stream()
              .pipeThrough(new CompressionStream('deflate-raw')),
          ).arrayBuffer(),
        ),
      );
    expect(await problemOf(await raw('not json'))).toBe('json');
    expect(await problemOf(await raw('[1,2]'))).toBe('shape');
    expect(await problemOf(await raw('{"v":99,"scenario":{},"seed":1,"faults":[]}'))).toBe('version');
    expect(await problemOf(await raw('{"v":1,"scenario":{},"seed":-1,"faults":[]}'))).toBe('shape');
  });
});

describe('a link is capped: it cannot make the page inflate or hold more than a setup needs', () => {
  const deflate = async (bytes: Uint8Array): Promise<string> =>
    toBase64Url(
      new Uint8Array(
        await new Response(
          new Blob([bytes as Uint8Array<ArrayBuffer>])
            .stream()
            .pipeThrough(new CompressionStream('deflate-raw')),
        ).arrayBuffer(),
      ),
    );

  it('refuses a small link that inflates past the limit, without inflating all of it', async () => {
    // 120 MB of one letter deflates to about 120 KB: the attack of issue 12. Build it in pieces.
    const head = new TextEncoder().encode('{"v":1,"seed":1,"faults":[],"scenario":{"name":"');
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    const stream = new ReadableStream<BufferSource>({
      start(c) {
        c.enqueue(head);
        for (let i = 0; i < 120; i++) c.enqueue(chunk);
        c.enqueue(new TextEncoder().encode('"}}'));
        c.close();
      },
    });
    const link = toBase64Url(
      new Uint8Array(
        await new Response(stream.pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer(),
      ),
    );
    expect(link.length).toBeLessThan(LINK_LIMITS.payloadChars);
    expect(await problemOf(link)).toBe('tooLarge');
  });

  it('refuses a text longer than the limit, naming where it is and how long', async () => {
    const name = 'n'.repeat(LINK_LIMITS.stringChars + 1);
    const link = await deflate(
      new TextEncoder().encode(
        JSON.stringify({ v: 1, seed: 1, faults: [], scenario: { ...drfPaper, name } }),
      ),
    );
    const error = await decodeSetup(link).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShareLinkError);
    expect((error as ShareLinkError).problem).toBe('tooLong');
    expect((error as ShareLinkError).where).toEqual({
      path: '$.scenario.name',
      length: LINK_LIMITS.stringChars + 1,
      limit: LINK_LIMITS.stringChars,
    });
  });

  it('refuses a payload longer than any address needs before decoding it', async () => {
    expect(await problemOf('A'.repeat(LINK_LIMITS.payloadChars + 4))).toBe('tooLarge');
  });

  it('finds the long text wherever it is, keys included', () => {
    expect(longText({ a: [1, { 'o k': 'xxxx' }] }, 3)).toEqual({
      path: '$.a[1]["o k"]',
      length: 4,
      limit: 3,
    });
    expect(longText({ abcd: 1 }, 3)).toEqual({ path: '$ (a key)', length: 4, limit: 3 });
    expect(longText({ a: 'ok' }, 3)).toBeNull();
  });

  it('a real setup with learner code is far within the limits', async () => {
    const code = 'export default class {}\n'.repeat(400);
    const withCode = { ...setup, code: { 'Scheduler 1@learner': code } };
    expect(await decodeSetup(await encodeSetup(withCode))).toEqual(withCode);
  });
});

describe('a link reproduces its run', () => {
  it('turns a validated scenario and its faults back into a valid scenario', () => {
    const again = parseScenario(scenarioOf(setup));
    expect(again.seed).toBe(42);
    expect(again.actions).toEqual([{ at: 3.000001, do: 'kill-agent', agent: 'agent1' }]);
    expect({ ...again, actions: [] }).toEqual({ ...parseScenario(drfPaper), seed: 42, actions: [] });
  });

  it('replays a live run with a fault injected mid-way to the same trace', async () => {
    const scenario = parseScenario(agentFailure);
    const live: TraceEvent[] = [];
    const player = new SimulationPlayer(
      { trace: (events) => live.push(...events), status: () => {} },
      { now: () => 0, schedule: () => 0 },
    );
    await player.start(scenario);
    for (let i = 0; i < 60; i++) await player.step();
    await player.inject({ at: 0, do: 'kill-agent', agent: 'agent3' });
    for (let i = 0; i < 20_000 && !player.status().done; i++) await player.step();

    const faults = player.actions().slice(scenario.actions.length);
    expect(faults).toHaveLength(1);
    const link = await encodeSetup({ scenario, seed: scenario.seed, faults });
    const replayed = new Simulation(parseScenario(scenarioOf(await decodeSetup(link)))).run();
    expect(live.some((e) => e.type === 'agent-killed' && e.agent === 'agent3')).toBe(true);
    expect(traceToJsonl(replayed)).toBe(traceToJsonl(live));
  });
});
