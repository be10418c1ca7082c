/**
 * The body of every actor worker: it hosts actors built by the same `createActor` as the in-process host
 * and exposes them with comlink over a MessageChannel port handed over by the worker host. Only trusted
 * code runs here (masters, agents, command executors, built-in schedulers): learner code runs in sandbox
 * workers of its own (sandbox/). An agent's worker may also host that agent's command executors once the
 * browser's worker budget is spent, and agents beyond a cap share a worker.
 */
import * as Comlink from 'comlink';
import { EffectContext, type Actor, type ActorSpec, type Effects } from '../cluster/actor';
import type { ActorId, Message } from '../cluster/protocol';
import type { Micros } from '../cluster/time';
import { createActor } from '../cluster/sim/Simulation';

function makeApi() {
  const actors = new Map<ActorId, Actor>();
  return {
    spawn(spec: ActorSpec): void {
      actors.set(spec.id, createActor(spec));
    },
    async deliver(id: ActorId, msg: Message, now: Micros): Promise<Effects | null> {
      const actor = actors.get(id);
      if (!actor) return null;
      const ctx = new EffectContext(now, id);
      await actor.receive(msg, ctx);
      return ctx.effects;
    },
    stop(id: ActorId): void {
      actors.get(id)?.dispose?.();
      actors.delete(id);
    },
  };
}

export type ActorHostApi = ReturnType<typeof makeApi>;

/** Waits for the host's port, then serves this worker's actors on it. */
export function serveActors(): void {
  const api = makeApi();
  const onPort = (e: MessageEvent): void => {
    const port = (e.data as { mesosLabPort?: MessagePort } | null)?.mesosLabPort;
    if (!port) return;
    self.removeEventListener('message', onPort);
    Comlink.expose(api, port);
  };
  self.addEventListener('message', onPort);
}
