/**
 * The scheduler driver (MESOS.md §2.4): subscribes to the leading master, turns v1 Events into the
 * `Scheduler` callbacks and the driver methods called inside them into v1 Calls. Status updates are
 * acknowledged implicitly when the callback returns, unless the scheduler acknowledged them itself.
 * The driver also remembers the offers it holds, so that scenario actions can decline or launch on them.
 */
import type { Actor, Context, DriverConfig } from '../actor';
import type { ActorId, Call, Event, FrameworkInfo, Message, ScriptAction } from '../protocol';
import { Resources, type ResourceJson } from '../resources';
import type { RecordedCall } from '../sandbox/driverMethods';
import { LogBudget } from '../sandbox/logBudget';
import { runSteps, type CallbackResult, type SandboxRuntime, type Steps } from '../sandbox/runtime';
import { unresponsiveMessage } from '../sandbox/unresponsive';
import type { FrameworkSpec } from '../scenario/types';
import { SECOND, type Micros } from '../time';
import type { Filters, Offer, OfferID, Operation, SchedulerCallback, TaskInfo } from './api';
import { pick } from './builtins';

const SUBSCRIBE_RETRY_MIN: Micros = 2 * SECOND;
const SUBSCRIBE_RETRY_MAX: Micros = 60 * SECOND;

export class SchedulerDriverActor implements Actor {
  private leader: ActorId | null;
  private subscribed = false;
  private everSubscribed = false;
  private stopped = false;
  private subscribeToken = 0;
  private subscribeBackoff = SUBSCRIBE_RETRY_MIN;
  /** Offers received and not yet used, declined or rescinded. */
  private readonly held = new Map<string, Offer>();
  private scriptedTasks = 0;
  private readonly logBudget = new LogBudget();
  /**
   * The roles this driver has suppressed and not revived. Like Mesos's scheduler driver, it subscribes
   * again (to a newly elected master) with them, so a master failover does not undo a suppression; a new
   * scheduler process starts with none.
   */
  private readonly suppressedRoles = new Set<string>();

  constructor(
    readonly id: ActorId,
    private readonly spec: FrameworkSpec,
    private readonly runtime: SandboxRuntime<SchedulerCallback>,
    leader: ActorId | null,
    readonly config: DriverConfig,
  ) {
    this.leader = leader;
  }

  dispose(): void {
    this.runtime.dispose?.();
  }

  private get frameworkInfo(): FrameworkInfo {
    return {
      id: { value: this.spec.id },
      name: this.spec.name,
      roles: this.spec.roles,
      failover_timeout: this.spec.failoverTimeout,
      checkpoint: this.spec.checkpoint,
      capabilities: [
        { type: 'MULTI_ROLE' },
        ...(this.spec.partitionAware ? [{ type: 'PARTITION_AWARE' as const }] : []),
        ...(this.spec.gpuResources ? [{ type: 'GPU_RESOURCES' as const }] : []),
      ],
      ...(this.spec.minAllocatable !== null ? { min_allocatable: this.spec.minAllocatable } : {}),
    };
  }

  /**
   * Handles one message. Learner code may answer later (a sandbox in another worker): the handling is
   * written as steps (`handle`) that wait for each callback's result, and this returns a promise only
   * when one of them did not answer at once.
   */
  receive(msg: Message, ctx: Context): void | Promise<void> {
    if (this.stopped && msg.type !== 'TIMER') return;
    return runSteps(this.handle(msg, ctx), this.runtime);
  }

  private *handle(msg: Message, ctx: Context): Steps<SchedulerCallback> {
    switch (msg.type) {
      case 'START':
        return this.subscribe(ctx);
      case 'DETECTED': {
        const wasSubscribed = this.subscribed;
        this.leader = msg.leader;
        this.subscribed = false;
        // Offers of the old master are simply invalid now (MESOS.md §3.6): drop them.
        this.held.clear();
        if (wasSubscribed) yield* this.callback('disconnected', [], ctx);
        if (this.leader && !this.stopped) this.subscribe(ctx);
        return;
      }
      case 'TIMER':
        if (
          msg.name === 'subscribe-retry' &&
          msg.token === this.subscribeToken &&
          !this.subscribed &&
          !this.stopped
        ) {
          this.subscribeBackoff = Math.min(this.subscribeBackoff * 2, SUBSCRIBE_RETRY_MAX);
          this.subscribe(ctx);
        }
        return;
      case 'SUBSCRIBED': {
        this.subscribed = true;
        const first = !this.everSubscribed;
        this.everSubscribed = true;
        if (first)
          yield* this.callback('registered', [msg.subscribed.framework_id, msg.subscribed.master_info], ctx);
        else yield* this.callback('reregistered', [msg.subscribed.master_info], ctx);
        return;
      }
      case 'OFFERS':
        for (const o of msg.offers.offers) this.held.set(o.id.value, o);
        yield* this.callback('resourceOffers', [msg.offers.offers], ctx);
        return;
      case 'RESCIND':
        this.held.delete(msg.rescind.offer_id.value);
        yield* this.callback('offerRescinded', [msg.rescind.offer_id], ctx);
        return;
      case 'UPDATE': {
        const status = msg.update.status;
        const result = yield* this.callback('statusUpdate', [status], ctx);
        // Implicit acknowledgement (the driver's default): returning from statusUpdate acknowledges it.
        const explicit = result?.calls.some(
          (c) => c.method === 'acknowledgeStatusUpdate' && uuidOf(c.status) === status.uuid,
        );
        if (
          status.uuid &&
          !explicit &&
          this.subscribed &&
          !this.stopped &&
          result !== null &&
          !result.timedOut
        )
          this.send(ctx, {
            type: 'ACKNOWLEDGE',
            framework_id: { value: this.spec.id },
            acknowledge: {
              agent_id: status.agent_id ?? { value: '' },
              task_id: status.task_id,
              uuid: status.uuid,
            },
          });
        return;
      }
      case 'MESSAGE':
        yield* this.callback(
          'frameworkMessage',
          [msg.message.executor_id, msg.message.agent_id, msg.message.data],
          ctx,
        );
        return;
      case 'FAILURE':
        if (msg.failure.executor_id)
          yield* this.callback(
            'executorLost',
            [msg.failure.executor_id, msg.failure.agent_id, msg.failure.status ?? -1],
            ctx,
          );
        else yield* this.callback('agentLost', [msg.failure.agent_id], ctx);
        return;
      case 'ERROR':
        yield* this.callback('error', [msg.error.message], ctx);
        this.stopped = true; // An ERROR event means the driver is aborted.
        return;
      case 'SCRIPT':
        return this.script(msg.action, ctx);
      default:
        return;
    }
  }

  private subscribe(ctx: Context): void {
    if (!this.leader) return;
    this.send(ctx, {
      type: 'SUBSCRIBE',
      subscribe: {
        framework_info: this.frameworkInfo,
        ...(this.suppressedRoles.size ? { suppressed_roles: [...this.suppressedRoles].sort() } : {}),
        ...(this.everSubscribed ? { reregister: true } : {}),
      },
    });
    this.subscribeToken++;
    ctx.after(this.subscribeBackoff, { name: 'subscribe-retry', token: this.subscribeToken });
  }

  private send(ctx: Context, call: Call): void {
    this.noteSuppression(call);
    if (this.leader) ctx.send(this.leader, call);
  }

  /** Keeps `suppressedRoles` in step with the SUPPRESS and REVIVE calls sent (an empty list means all roles). */
  private noteSuppression(call: Call): void {
    if (call.type !== 'SUPPRESS' && call.type !== 'REVIVE') return;
    const listed = call.type === 'SUPPRESS' ? call.suppress.roles : call.revive.roles;
    const roles = listed.length ? listed.filter((r) => this.spec.roles.includes(r)) : this.spec.roles;
    for (const r of roles)
      if (call.type === 'SUPPRESS') this.suppressedRoles.add(r);
      else this.suppressedRoles.delete(r);
  }

  /**
   * Runs one callback in the runtime and carries out the driver calls it made. Returns null when the
   * driver is stopped. A callback that exceeds its budget leaves the scheduler unresponsive: the actor
   * stops itself, and the master sees the framework disconnect.
   */
  private *callback(
    name: SchedulerCallback,
    args: unknown[],
    ctx: Context,
  ): Generator<
    { callback: SchedulerCallback; args: unknown[]; nowMs: number },
    CallbackResult | null,
    CallbackResult
  > {
    if (this.stopped) return null;
    const result = yield { callback: name, args, nowMs: ctx.now / 1000 };
    this.logBudget.trace(result, name, ctx, this.spec.id, '');
    if (result.error)
      ctx.trace({
        type: 'error',
        framework: this.spec.id,
        callback: name,
        message: result.error.message,
        ...(result.error.line !== undefined ? { line: result.error.line } : {}),
      });
    if (result.timedOut) {
      ctx.trace({
        type: 'error',
        framework: this.spec.id,
        callback: name,
        message: unresponsiveMessage(name, this.config.callbackBudgetMs),
      });
      this.stopped = true;
      ctx.stop(this.id);
      return result;
    }
    for (const call of result.calls) this.perform(call, ctx);
    return result;
  }

  /**
   * Turns one recorded driver call into protocol calls. The call comes from learner code: every argument
   * is checked here, and a malformed one is reported by name (`launchTasks: tasks must be …`) and ignored.
   */
  private perform(call: RecordedCall, ctx: Context): void {
    const fid = { value: this.spec.id };
    const problem = (m: string): void =>
      ctx.trace({ type: 'error', framework: this.spec.id, message: `${call.method}: ${m}` });
    switch (call.method) {
      case 'launchTasks':
      case 'acceptOffers': {
        const ids = offerIds(call.offerIds);
        if (typeof ids === 'string') return problem(ids);
        let operations: Operation[];
        if (call.method === 'launchTasks') {
          if (!Array.isArray(call.tasks)) return problem('tasks must be an array of TaskInfo');
          operations = call.tasks.length
            ? [{ type: 'LAUNCH', launch: { task_infos: call.tasks as TaskInfo[] } }]
            : [];
        } else {
          if (!Array.isArray(call.operations)) return problem('operations must be an array');
          operations = call.operations as Operation[];
        }
        for (const id of ids) this.held.delete(id.value);
        // launchTasks with no tasks declines the offers, as the Mesos driver does.
        if (operations.length === 0)
          this.send(ctx, {
            type: 'DECLINE',
            framework_id: fid,
            decline: { offer_ids: ids, ...filtersOf(call.filters) },
          });
        else
          this.send(ctx, {
            type: 'ACCEPT',
            framework_id: fid,
            accept: { offer_ids: ids, operations, ...filtersOf(call.filters) },
          });
        return;
      }
      case 'declineOffer': {
        const ids = offerIds(call.offerId);
        if (typeof ids === 'string') return problem(ids);
        for (const id of ids) this.held.delete(id.value);
        this.send(ctx, {
          type: 'DECLINE',
          framework_id: fid,
          decline: { offer_ids: ids, ...filtersOf(call.filters) },
        });
        return;
      }
      case 'reviveOffers':
      case 'suppressOffers': {
        const roles = rolesOf(call.roles);
        if (roles === null) return problem('roles must be a list of role names');
        if (call.method === 'reviveOffers')
          this.send(ctx, { type: 'REVIVE', framework_id: fid, revive: { roles } });
        else this.send(ctx, { type: 'SUPPRESS', framework_id: fid, suppress: { roles } });
        return;
      }
      case 'killTask': {
        const id = idOf(call.taskId);
        if (id === null) return problem('taskId must be {value: string}');
        this.send(ctx, { type: 'KILL', framework_id: fid, kill: { task_id: { value: id } } });
        return;
      }
      case 'acknowledgeStatusUpdate': {
        const s = call.status as { uuid?: unknown; agent_id?: unknown; task_id?: unknown } | null | undefined;
        const uuid = uuidOf(s);
        if (uuid === undefined) return; // Updates without a uuid (from the master) are never acknowledged.
        const task = idOf(s?.task_id);
        if (task === null) return problem('status must be the TaskStatus the update carried');
        const agent = idOf(s?.agent_id) ?? '';
        this.send(ctx, {
          type: 'ACKNOWLEDGE',
          framework_id: fid,
          acknowledge: { agent_id: { value: agent }, task_id: { value: task }, uuid },
        });
        return;
      }
      case 'reconcileTasks': {
        if (!Array.isArray(call.statuses)) return problem('statuses must be an array');
        const tasks = (call.statuses as unknown[]).flatMap((s) => {
          const st = s as { task_id?: unknown; agent_id?: unknown } | null;
          const task = idOf(st?.task_id);
          if (task === null) return [];
          const agent = idOf(st?.agent_id);
          return [{ task_id: { value: task }, ...(agent !== null ? { agent_id: { value: agent } } : {}) }];
        });
        this.send(ctx, { type: 'RECONCILE', framework_id: fid, reconcile: { tasks } });
        return;
      }
      case 'sendFrameworkMessage': {
        const e = idOf(call.executorId);
        const a = idOf(call.agentId);
        if (e === null || a === null) return problem('executorId and agentId must be {value: string}');
        const data = String(call.data);
        ctx.trace({
          type: 'message',
          framework: this.spec.id,
          agent: a,
          executor: e,
          from: 'scheduler',
          data,
        });
        this.send(ctx, {
          type: 'MESSAGE',
          framework_id: fid,
          message: { executor_id: { value: e }, agent_id: { value: a }, data },
        });
        return;
      }
      case 'stop':
        if (call.failover !== true) this.send(ctx, { type: 'TEARDOWN', framework_id: fid });
        this.stopped = true;
        return;
    }
  }

  /** Scenario actions on this framework (CONTRACTS.md §2), carried out on the offers the driver holds. */
  private script(action: ScriptAction, ctx: Context): void {
    const fid = { value: this.spec.id };
    switch (action.do) {
      case 'decline': {
        const offers = [...this.held.values()].filter(
          (o) => action.agent === undefined || o.agent_id.value === action.agent,
        );
        if (offers.length === 0) return;
        const refuse = action.refuseSeconds ?? 5;
        for (const o of offers)
          this.perform({ method: 'declineOffer', offerId: o.id, filters: { refuse_seconds: refuse } }, ctx);
        return;
      }
      case 'launch': {
        const offer = [...this.held.values()].find((o) => o.agent_id.value === action.agent);
        if (!offer) {
          ctx.trace({
            type: 'error',
            framework: this.spec.id,
            message: `launch: no outstanding offer on agent ${action.agent}`,
          });
          return;
        }
        const demand = Resources.parse(action.task.resources);
        const res = pick(Resources.fromJson(offer.resources), demand.quantities()) ?? demand;
        const id = `${this.spec.id}-s${++this.scriptedTasks}`;
        // A task that uses a persistent volume lists the volume among its resources.
        const volume = offer.resources.filter((r) => r.disk?.persistence?.id === action.task.volume);
        const task: TaskInfo = {
          name: action.task.name ?? id,
          task_id: { value: id },
          agent_id: offer.agent_id,
          resources: [
            ...res.toJson(offer.allocation_info.role),
            ...(action.task.volume !== undefined ? volume : []),
          ],
          command: { value: action.task.command, shell: true },
        };
        this.perform({ method: 'launchTasks', offerIds: [offer.id], tasks: [task] }, ctx);
        return;
      }
      case 'reserve':
      case 'unreserve':
      case 'create-volume':
      case 'destroy-volume':
        return this.scriptOperation(action, ctx);
      case 'suppress':
        this.send(ctx, { type: 'SUPPRESS', framework_id: fid, suppress: { roles: action.roles ?? [] } });
        return;
      case 'revive':
        this.send(ctx, { type: 'REVIVE', framework_id: fid, revive: { roles: action.roles ?? [] } });
        return;
      case 'teardown':
        this.perform({ method: 'stop', failover: false }, ctx);
        return;
    }
  }

  /**
   * The scenario's offer operations, as one ACCEPT on the outstanding offer for the agent: reserve or
   * unreserve amounts dynamically for the offer's role, create a volume on the disk reserved to that role,
   * destroy a volume the offer holds. The ACCEPT refuses nothing (refuse_seconds 0, as Mesos's
   * ReservationTest and PersistentVolumeTest do), so the converted resources are offered at the next
   * allocation and a scenario's next step finds them.
   */
  private scriptOperation(
    action: Extract<ScriptAction, { do: 'reserve' | 'unreserve' | 'create-volume' | 'destroy-volume' }>,
    ctx: Context,
  ): void {
    const offer = [...this.held.values()].find((o) => o.agent_id.value === action.agent);
    if (!offer) {
      ctx.trace({
        type: 'error',
        framework: this.spec.id,
        message: `${action.do}: no outstanding offer on agent ${action.agent}`,
      });
      return;
    }
    const role = offer.allocation_info.role;
    const dynamic = (list: ResourceJson[]): ResourceJson[] =>
      list.map((r) => ({ ...r, role, reservation: {} }));
    let operation: Operation;
    if (action.do === 'reserve' || action.do === 'unreserve') {
      const resources = dynamic(Resources.parse(action.resources).toJson(role));
      operation =
        action.do === 'reserve'
          ? { type: 'RESERVE', reserve: { resources } }
          : { type: 'UNRESERVE', unreserve: { resources } };
    } else if (action.do === 'create-volume') {
      // The volume is made of the offer's disk reserved to its role, dynamically if it has such disk.
      const reserved = offer.resources.filter((r) => r.name === 'disk' && r.role === role && !r.disk);
      const base = reserved.find((r) => r.reservation) ?? reserved[0];
      operation = {
        type: 'CREATE',
        create: {
          volumes: [
            {
              name: 'disk',
              type: 'SCALAR',
              scalar: { value: action.volume.size },
              role,
              ...(base?.reservation || !base ? { reservation: {} } : {}),
              disk: {
                persistence: { id: action.volume.id },
                volume: { container_path: action.volume.path, mode: 'RW' },
              },
              allocation_info: { role },
            },
          ],
        },
      };
    } else if (action.do === 'destroy-volume') {
      const id = action.volume;
      const volumes = offer.resources.filter((r) => r.disk?.persistence?.id === id);
      operation = { type: 'DESTROY', destroy: { volumes } };
    } else return;
    this.perform(
      {
        method: 'acceptOffers',
        offerIds: [offer.id],
        operations: [operation],
        filters: { refuse_seconds: 0 },
      },
      ctx,
    );
  }
}

const idOf = (x: unknown): string | null => {
  if (typeof x === 'string') return x;
  const v = (x as { value?: unknown } | null)?.value;
  return typeof v === 'string' ? v : null;
};

const uuidOf = (status: unknown): string | undefined => {
  const u = (status as { uuid?: unknown } | null)?.uuid;
  return typeof u === 'string' && u !== '' ? u : undefined;
};

/** A list of role names, or none (all roles); null when it is neither. */
const rolesOf = (x: unknown): string[] | null =>
  x === undefined || x === null
    ? []
    : Array.isArray(x) && x.every((r) => typeof r === 'string')
      ? (x as string[])
      : null;

/** Accepts one id or a list, as {value} objects or plain strings; returns what is wrong otherwise. */
function offerIds(x: unknown): OfferID[] | string {
  const list = Array.isArray(x) ? x : [x];
  const out: OfferID[] = [];
  for (let i = 0; i < list.length; i++) {
    const id = idOf(list[i]);
    if (id === null)
      return `offer id ${Array.isArray(x) ? `[${i}] ` : ''}must be an OfferID ({value: "O-1"}), got ${JSON.stringify(list[i]) ?? String(list[i])}`;
    out.push({ value: id });
  }
  return out;
}

const filtersOf = (f: unknown): { filters?: Filters } => {
  const refuse = (f as Filters | null | undefined)?.refuse_seconds;
  return typeof refuse === 'number' ? { filters: { refuse_seconds: refuse } } : {};
};

export type { Event };
