/**
 * The `mesos-lab` module as lesson code sees it (starters, solutions, wrong and alternative solutions), so
 * that the repository's type check holds lesson code to the learner's API. At run time the sandbox provides
 * the module (its `scalar` helper); everything else is types, erased when the code is compiled.
 */
declare module 'mesos-lab' {
  type Api = typeof import('../cluster/scheduler/api');
  export type Value = import('../cluster/scheduler/api').Value;
  export type FrameworkID = import('../cluster/scheduler/api').FrameworkID;
  export type OfferID = import('../cluster/scheduler/api').OfferID;
  export type AgentID = import('../cluster/scheduler/api').AgentID;
  export type TaskID = import('../cluster/scheduler/api').TaskID;
  export type ExecutorID = import('../cluster/scheduler/api').ExecutorID;
  export type MasterInfo = import('../cluster/scheduler/api').MasterInfo;
  export type Attribute = import('../cluster/scheduler/api').Attribute;
  export type Offer = import('../cluster/scheduler/api').Offer;
  export type CommandInfo = import('../cluster/scheduler/api').CommandInfo;
  export type ExecutorInfo = import('../cluster/scheduler/api').ExecutorInfo;
  export type TaskInfo = import('../cluster/scheduler/api').TaskInfo;
  export type TaskState = import('../cluster/scheduler/api').TaskState;
  export type TaskStatus = import('../cluster/scheduler/api').TaskStatus;
  export type Filters = import('../cluster/scheduler/api').Filters;
  export type Scheduler = import('../cluster/scheduler/api').Scheduler;
  export type SchedulerDriver = import('../cluster/scheduler/api').SchedulerDriver;
  export type Resource = import('../cluster/resources').ResourceJson;
  export const scalar: Api['scalar'];

  // The executor side (lesson 10): an executor class exported by name from the scheduler's file.
  export type Executor = import('../cluster/executor/api').Executor;
  export type ExecutorDriver = import('../cluster/executor/api').ExecutorDriver;
}
