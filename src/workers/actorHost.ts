/**
 * The body of every actor worker: it hosts actors built by the same `createActor` as the in-process host
 * and exposes them with comlink over a MessageChannel port handed over by the worker host. An agent's
 * worker may also host that agent's executors once the browser's worker budget is spent.
 */
import * as Comlink from 'comlink';
import { EffectContext, type Actor, type ActorSpec, type Effects } from '../cluster/actor';
import type { ActorId, Message } from '../cluster/protocol';
import type { Micros } from '../cluster/time';
import { createActor, type SchedulerLoader } from '../cluster/sim/Simulation';
import { FailedRuntime } from '../cluster/scheduler/runtime';
import { EvalRuntime } from './evalRuntime';

function makeApi() {
  const actors = new Map<ActorId, Actor>();
  // Notes on the worker's own channel, in order: learner code starts (which callback) and stops. The
  // host's watchdog times what lies between, so a worker that is slow to start is never called hung.
  const enter = (callback: string): void => {
    (self as unknown as Worker).postMessage({ callback });
  };
  const leave = (): void => {
    (self as unknown as Worker).postMessage({ left: true });
  };
  return {
    spawn(spec: ActorSpec): void {
      const loader: SchedulerLoader = (framework, seed) => {
        const s = framework.scheduler;
        if (!('code' in s) || !s.compiled)
          return new FailedRuntime(`framework ${framework.id}: its code was not compiled`);
        try {
          return new EvalRuntime(s.compiled, enter, leave, undefined, seed);
        } catch (e) {
          return new FailedRuntime(
            `${s.compiled.fileName}: the scheduler failed to load: ${(e as Error).message}`,
          );
        }
      };
      loader.executor = (frameworkId, className, seed) => {
        const compiled = spec.kind === 'executor' ? spec.custom?.compiled : undefined;
        if (!compiled)
          return new FailedRuntime(`no executor class '${className}': framework ${frameworkId} has no code`);
        try {
          return new EvalRuntime(compiled, enter, leave, className, seed);
        } catch (e) {
          return new FailedRuntime(
            `${compiled.fileName}: executor ${className} failed to load: ${(e as Error).message}`,
          );
        }
      };
      actors.set(spec.id, createActor(spec, loader));
    },
    deliver(id: ActorId, msg: Message, now: Micros): Effects | null {
      const actor = actors.get(id);
      if (!actor) return null;
      const ctx = new EffectContext(now, id);
      actor.receive(msg, ctx);
      return ctx.effects;
    },
    stop(id: ActorId): void {
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
