/**
 * The driver methods learner code may call, as one table: the recording driver that built-in schedulers
 * get in-process and the recording driver inside every sandbox (written out into the sandbox prelude) are
 * both made from it, so the two can never drift. A recorded call is the method's name and its arguments
 * by parameter name, exactly as passed: the actor that carries it out checks them (nothing a sandbox
 * sends is believed unchecked).
 */

/** Mesos's `SchedulerDriver` methods (CONTRACTS.md §1), parameter names in order. */
export const SCHEDULER_DRIVER_METHODS = {
  launchTasks: ['offerIds', 'tasks', 'filters'],
  acceptOffers: ['offerIds', 'operations', 'filters'],
  declineOffer: ['offerId', 'filters'],
  reviveOffers: ['roles'],
  suppressOffers: ['roles'],
  killTask: ['taskId'],
  acknowledgeStatusUpdate: ['status'],
  reconcileTasks: ['statuses'],
  sendFrameworkMessage: ['executorId', 'agentId', 'data'],
  stop: ['failover'],
} as const;

/** Mesos's `ExecutorDriver` methods, plus `setTimer` (work that takes virtual time). */
export const EXECUTOR_DRIVER_METHODS = {
  sendStatusUpdate: ['status'],
  sendFrameworkMessage: ['data'],
  setTimer: ['seconds', 'name'],
  stop: [],
} as const;

export const DRIVER_METHODS = {
  scheduler: SCHEDULER_DRIVER_METHODS,
  executor: EXECUTOR_DRIVER_METHODS,
} as const;

export type DriverKind = keyof typeof DRIVER_METHODS;

/** A driver call as recorded: `{ method, <parameter>: <argument>, … }`, arguments not yet checked. */
export interface RecordedCall {
  method: string;
  [parameter: string]: unknown;
}

/** True when `method` is a driver method of that kind (an own key of the table, never an inherited one). */
export const isDriverMethod = (kind: DriverKind, method: unknown): method is string =>
  typeof method === 'string' && Object.prototype.hasOwnProperty.call(DRIVER_METHODS[kind], method);

/**
 * A driver whose methods record their calls into `calls`. Arguments left out (undefined) are not
 * recorded, so `declineOffer(id)` records `{ method: 'declineOffer', offerId: id }`.
 */
export function recordingDriver(
  kind: DriverKind,
  calls: RecordedCall[],
): Record<string, (...args: unknown[]) => void> {
  const driver: Record<string, (...args: unknown[]) => void> = {};
  for (const [method, params] of Object.entries(DRIVER_METHODS[kind]) as [string, readonly string[]][])
    driver[method] = (...args: unknown[]) => {
      const call: RecordedCall = { method };
      params.forEach((p, i) => {
        if (args[i] !== undefined) call[p] = args[i];
      });
      calls.push(call);
    };
  return driver;
}
