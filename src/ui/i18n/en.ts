/**
 * Every string the UI shows, in English. `Messages` is this object's type, so the Chinese table (zh.ts)
 * must have exactly the same keys: the compiler keeps both complete. Mesos names (offer, framework, agent,
 * TASK_RUNNING, refuse_seconds) stay as Mesos spells them in both languages, so that what learners read here
 * matches Mesos's own documentation.
 */
import type { SkipReason } from '../../cluster/trace/explanation';
import type { TaskState } from '../../cluster/scheduler/api';
import type { TraceEvent } from '../../cluster/trace';
import type { AgentStatus, FrameworkKind, FrameworkStatus, MasterState } from '../model/view';

const s = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const secs = (x: number): string => `${Number(x.toFixed(3))} s`;

export const en = {
  lang: 'en',
  languageName: 'English',
  appName: 'Mesos Lab',
  tagline: 'Apache Mesos in your browser: offers and DRF, live',

  header: {
    scenario: 'Scenario',
    customScenario: (name: string) => `Custom: ${name}`,
    seed: 'Seed',
    restart: 'Restart',
    restartHint: 'Restart the scenario with this seed',
    newSeed: 'New seed',
    newSeedHint: 'Restart with a random seed',
    builder: 'Build scenario',
    copyLink: 'Copy share link',
    linkCopied: 'Link copied',
    linkCopyFailed: 'Copy failed: the link is in the address bar',
    presentation: 'Presentation mode',
    language: 'Language',
    shortcuts: 'Keyboard shortcuts',
    about: (name: string) => `About ${name}`,
  },

  layout: {
    modes: 'Workbench mode',
    mode: { watch: 'Watch', code: 'Code', lesson: 'Lesson' },
    modeHint: {
      watch: 'Watch the cluster, large (key 1)',
      code: 'Write a scheduler beside the live cluster (key 2)',
      lesson: 'A lesson, its editor and the live cluster (key 3)',
    },
    panes: 'Panes',
    stack: { cluster: 'Cluster', lesson: 'Lesson', code: 'Code', log: 'Log' },
    splitterHint: 'Drag, or use the arrow keys, to resize; Enter puts it back',
    resize: {
      watchBottom: 'Resize the cluster and the panels below it',
      watchLog: 'Resize the event log and the DRF panel',
      code: 'Resize the editor and the cluster',
      lesson: 'Resize the lesson and the editor',
      lessonCode: 'Resize the editor and the cluster',
      sideBottom: 'Resize the cluster and the panel below it',
    },
    bottom: 'Panels',
    darkTheme: 'Dark theme',
    lessonsEmpty: 'Open a lesson to write its scheduler here.',
  },

  lessons: {
    course: 'Lessons',
    list: 'Lessons',
    done: 'passed',
    open: (n: number, title: string) => `Lesson ${n}: ${title}`,
    back: 'All lessons',
    hints: 'Hints',
    hint: (n: number) => `Hint ${n}`,
    check: 'Check my solution',
    checking: 'Checking on three seeds…',
    passed: 'Passed: every check holds on every seed.',
    failed: 'Not yet: some checks fail.',
    error: (m: string) => `The checks could not run: ${m}`,
    progress: (n: number, total: number) => `${n} of ${total} lessons passed`,
    exportProgress: 'Export progress',
    importProgress: 'Import progress',
    imported: 'Progress imported.',
    importFailed: (m: string) => `That file could not be imported: ${m}`,
    verdict: 'Verdict',
    playing: (seed: number) => `The cluster plays the graded run (seed ${seed}).`,
    showRun: (seed: number) => `Show the graded run (seed ${seed})`,
    atMoment: (t: number) => `at ${secs(t)}`,
    goToMoment: (name: string, t: number) => `${name}: show the moment, ${secs(t)}`,
    goal: 'Your run beside the reference solution’s',
    goalCaption: (seed: number) =>
      `How the run ends, seed ${seed}: tasks running, finished, and dominant share.`,
    framework: 'Framework',
    yours: 'Yours',
    goalColumn: 'Goal',
    outcome: (running: number, finished: number, share: number) =>
      `${running} running · ${finished} finished · share ${share.toFixed(2)}`,
    breakIt: 'Break it',
    breakItHelp:
      'Run your scheduler again and again under random faults (agent crashes, partitions, master failovers, flaky links) and look for a schedule that breaks it',
    stopBreaking: 'Stop searching',
    breaking: (runs: number, faults: number, seconds: number) =>
      `Trying fault schedules: ${s(runs, 'run', 'runs')}, ${s(faults, 'fault', 'faults')}, ${Math.round(seconds)} s.`,
    shrinking: (runs: number, seconds: number) =>
      `Found a schedule that breaks it; making it as small as it goes (${s(runs, 'run', 'runs')}, ${Math.round(seconds)} s)…`,
    searched: (runs: number, faults: number, simulations: number, seconds: number) =>
      `Searched ${s(runs, 'fault schedule', 'fault schedules')} with ${s(faults, 'fault', 'faults')} (${s(simulations, 'run', 'runs')} in all, shrinking included) in ${Math.round(seconds)} s.`,
    breakError: (m: string) => `The search could not run: ${m}`,
    breakStopped: 'Stopped: no schedule reported.',
    unbroken: (runs: number, faults: number) =>
      `No schedule broke it: ${s(runs, 'run', 'runs')} with ${s(faults, 'fault', 'faults')} in all. Faults this search did not draw may still.`,
    broken: 'Broken under faults:',
    brokenFaults: (faults: number, seed: number) =>
      faults === 0
        ? `It fails without any fault (seed ${seed}).`
        : `The smallest schedule found: ${s(faults, 'fault', 'faults')}, seed ${seed}.`,
    showBroken: (t: number) => `Show it in the live view, at ${secs(t)}`,
    copyBroken: 'Copy a link to it',
    copied: 'Link copied.',
    copyFailed: 'Could not copy: the link is in the address bar.',
  },

  cluster: {
    region: 'Cluster',
    about: 'About this scenario',
    more: 'More',
    less: 'Less',
    frameworks: 'Frameworks',
    masters: 'Masters',
    agents: 'Agents',
    noFrameworks: 'No frameworks.',
    noAgents: 'No agents.',
    legendUsed: 'used by tasks',
    legendOffered: 'offered',
    legendFree: 'free',
    legend: 'Legend',
    master: {
      leading: 'leading',
      standby: 'standby',
      failed: 'failed',
    } satisfies Record<MasterState, string>,
    leaderMark: 'Leader',
    noLeader: 'No leading master: the standby waits for ZooKeeper to expire the session.',
    interval: (x: number) => `allocation every ${secs(x)}`,
    lastRun: (t: number, offers: number) => `last run at ${secs(t)}: ${s(offers, 'offer', 'offers')}`,
    partition: (a: string, b: string, until: number) => `${a} ⟷ ${b} cut until ${secs(until)}`,
    agentStatus: {
      pending: 'registering',
      active: 'registered',
      crashed: 'crashed',
      unreachable: 'unreachable',
      reregistering: 're-registering',
    } satisfies Record<AgentStatus, string>,
    agentStatusHelp: {
      pending: 'Not registered with the master yet.',
      active: 'Registered with the leading master.',
      crashed:
        'The agent process died. The master has not noticed yet: it still counts the tasks as running.',
      unreachable: 'The master removed this agent; its tasks were reported lost.',
      reregistering: 'Waiting to re-register with the leading master.',
    } satisfies Record<AgentStatus, string>,
    partitioned: 'partitioned',
    partitionedHelp: 'Messages between this agent and the master are lost until the partition heals.',
    agentCard: (id: string) => `Agent ${id}`,
    resources: 'Resources',
    barLabel: (name: string, used: string, offered: string, free: string, total: string) =>
      `${name}: ${used} used, ${offered} offered, ${free} free of ${total}`,
    tasks: 'Tasks',
    noTasks: 'no tasks',
    moreTasks: (n: number) => `+${n} more`,
    holdings: 'Reservations and volumes',
    reservation: (role: string, dynamic: boolean, amounts: string) =>
      `reserved to ${role}${dynamic ? ' (dynamic)' : ''}: ${amounts}`,
    reservationHelp: (dynamic: boolean): string =>
      dynamic
        ? 'A dynamic reservation, made by a RESERVE operation: offered only to this role until an UNRESERVE gives it back. The agent checkpoints it, so it survives restarts and reboots.'
        : "A static reservation from the agent's --resources: offered only to this role.",
    volume: (id: string, size: string, role: string) => `volume ${id}: ${size} (${role})`,
    volumeHelp: (path: string) =>
      `A persistent volume (CREATE operation) on reserved disk, seen by tasks at ${path}. Its data outlives the tasks that use it; it is offered again when they end, until a DESTROY.`,
    executors: 'Executors',
    executor: (id: string, framework: string, amounts: string) =>
      `${id} (${framework})${amounts ? `: ${amounts}` : ''}`,
    executorHelp: (command: boolean): string =>
      command
        ? 'The command executor of one command task: it runs that task alone and exits with it.'
        : 'A custom executor: its own resources stay allocated to its framework, beside its tasks, until it exits.',
    commandExecutors: (n: number) => `${n} command executor${n === 1 ? '' : 's'}`,
    filters: 'Refuse filters',
    filter: (fw: string, left: number) => `${fw} refused: ${left.toFixed(1)} s left`,
    filterHelp: (fw: string, role: string, until: number, refuse: number) =>
      `Framework ${fw} (role ${role}) declined resources on this agent with refuse_seconds ${refuse}; they are not offered to it again before ${secs(until)} (at least one allocation interval).`,
    frameworkCard: (id: string) => `Framework ${id}`,
    roles: 'roles',
    weight: 'weight',
    quota: 'quota',
    guarantees: 'guarantees',
    limits: 'limits',
    kind: {
      batch: (n?: number) => `batch, ${n ?? '?'} tasks`,
      service: (n?: number) => `service, ${n ?? '?'} instances`,
      scripted: () => 'scripted (holds offers)',
      code: () => 'learner code',
    } satisfies Record<FrameworkKind, (n?: number) => string>,
    frameworkStatus: {
      pending: 'subscribing',
      active: 'active',
      disconnected: 'disconnected',
      reregistering: 're-registering',
      removed: 'removed',
    } satisfies Record<FrameworkStatus, string>,
    suppressed: 'suppressed',
    share: 'share',
    allocations: 'allocations',
    offersReceived: 'offers',
    declined: 'declined',
    running: 'running',
    finished: 'finished',
    lost: 'lost',
    failed: 'failed',
    holding: 'Holding',
    offerButton: (offer: string, agent: string) => `Why offer ${offer} on ${agent}`,
  },

  task: {
    state: {
      TASK_STAGING: 'staging',
      TASK_STARTING: 'starting',
      TASK_RUNNING: 'running',
      TASK_KILLING: 'killing',
      TASK_FINISHED: 'finished',
      TASK_FAILED: 'failed',
      TASK_KILLED: 'killed',
      TASK_ERROR: 'error',
      TASK_LOST: 'lost',
      TASK_DROPPED: 'dropped',
      TASK_UNREACHABLE: 'unreachable',
      TASK_GONE: 'gone',
      TASK_GONE_BY_OPERATOR: 'gone (operator)',
      TASK_UNKNOWN: 'unknown',
    } satisfies Record<TaskState, string>,
    orphaned: 'gone: its agent came back without it, and no master knew it',
    chip: (id: string, fw: string, state: string, agent: string) =>
      `Task ${id} of ${fw} on ${agent}: ${state}`,
  },

  faults: {
    region: 'Faults',
    agent: 'Agent',
    kill: 'Kill agent',
    restart: 'Restart agent',
    partition: 'Partition from master',
    seconds: 'Seconds',
    failover: 'Fail over master',
    addAgent: 'Add agent',
    addResources: 'New agent resources',
    pastHint: 'Go live to inject faults: they apply at the present moment.',
    rejected: 'That fault was not applied',
    injected: (what: string) => `Applied: ${what}`,
  },

  timeline: {
    region: 'Timeline',
    play: 'Play',
    pause: 'Pause',
    step: 'Step one event',
    stepBack: 'Back one event',
    speed: 'Speed',
    max: 'max',
    time: 'Time',
    timeValue: (t: number, until: number) => `${secs(t)} of ${secs(until)}`,
    eventCount: (i: number, n: number) => `event ${i} of ${n}`,
    live: 'Go live',
    liveBadge: 'live',
    pastBadge: 'replay',
    finished: 'finished',
    paused: 'paused',
    playing: 'playing',
  },

  log: {
    region: 'Event log',
    title: 'Event log',
    framework: 'Framework',
    agent: 'Agent',
    type: 'Type',
    all: 'All',
    empty: 'No events yet. Press Play.',
    shown: (matching: number, total: number) =>
      matching < total ? `${matching} of ${total} events match` : s(total, 'event', 'events'),
    why: 'Why?',
    whyLabel: (offer: string) => `Why offer ${offer}`,
    exportTrace: 'Export trace (JSON Lines)',
  },

  drf: {
    region: 'Dominant Resource Fairness',
    title: 'DRF',
    tabs: 'DRF views',
    sharesTab: 'Shares',
    whyTab: 'Why this offer',
    chartLabel:
      'Line chart of each framework’s (solid) and role’s (dashed) dominant share over virtual time; the sort order beside it lists the current values.',
    chartEmpty: 'The chart fills in as the allocator runs.',
    axisTime: 'virtual time (s)',
    axisShare: 'dominant share',
    frameworkSeries: (id: string) => `framework ${id}`,
    roleSeries: (role: string) => `role ${role}`,
    exportPng: 'Export chart (PNG)',
    order: 'Sort order',
    orderHelp:
      'The next allocation serves roles in this order, then frameworks within a role: lowest weighted share first, then fewer allocations, then name.',
    rank: '#',
    role: 'Role',
    framework: 'Framework',
    share: 'Share',
    count: 'Allocs',
    weight: 'Weight',
    noAllocation: 'No allocation has run yet.',
  },

  why: {
    pick: 'Select an offer (“Why?” in the event log, or an offer a framework holds) to see the allocator’s decision.',
    loading: (offer: string) => `Replaying the run to offer ${offer}…`,
    none: (offer: string) => `The replay did not make offer ${offer}.`,
    failed: (offer: string) => `Could not explain offer ${offer}.`,
    heading: (offer: string, fw: string, agent: string) => `Offer ${offer}: to ${fw} on ${agent}`,
    at: (t: number, role: string) => `made at ${secs(t)} in role ${role}`,
    stage: { guarantees: 'Stage 1: quota guarantees', 'fair-share': 'Stage 2: fair share (DRF)' },
    roleOrder: 'Role order',
    frameworkOrder: (role: string) => `Framework order in role ${role}`,
    skipped: 'Skipped',
    noneSkipped: 'Nobody earlier in the order was skipped.',
    suppressed: 'Suppressed (not in the order)',
    chosen: 'chosen',
    reason: {
      filtered: 'a refuse filter from an earlier decline covers what this agent has left',
      'min-allocatable': 'what is left is below the minimum allocatable resources',
      'quota-limit': 'the role’s quota limit leaves nothing it may take',
      headroom: 'taking it would eat into the headroom held for other roles’ quota guarantees',
      'nothing-allocatable': 'nothing on the agent can be allocated to it',
      capability: 'the agent has GPUs and the framework lacks the GPU_RESOURCES capability',
    } satisfies Record<SkipReason, string>,
    close: 'Clear selection',
  },

  builder: {
    title: 'Scenario builder',
    intro: 'Edit the cluster and its scripted actions, then apply: the run restarts with them.',
    name: 'Name',
    until: 'Run until (s)',
    interval: 'Allocation interval (s)',
    masters: 'Masters',
    agents: 'Agents',
    agentId: 'Agent id',
    resources: 'Resources',
    attributes: 'Attributes',
    attributesHint: 'name=value, comma separated',
    removeAgent: (id: string) => `Remove agent ${id || '(new)'}`,
    addAgent: 'Add an agent',
    roles: 'Roles',
    role: 'Role',
    weight: 'Weight',
    guarantees: 'Quota guarantees',
    limits: 'Quota limits',
    removeRole: (r: string) => `Remove role ${r || '(new)'}`,
    addRole: 'Add a role',
    frameworks: 'Frameworks',
    frameworkId: 'Framework id',
    frameworkRoles: 'Roles',
    frameworkRolesHint: 'comma separated',
    kind: 'Scheduler',
    kinds: { batch: 'batch', service: 'service', scripted: 'scripted' },
    count: 'Tasks / instances',
    taskResources: 'Task resources',
    command: 'Command',
    perOffer: 'Max tasks per offer',
    refuse: 'refuse_seconds',
    removeFramework: (id: string) => `Remove framework ${id || '(new)'}`,
    addFramework: 'Add a framework',
    actions: 'Scripted actions',
    actionsHint: 'Faults and operator actions at set times. Select one on the time line to edit it.',
    timeline: 'Scripted actions on the time line',
    marker: (kind: string, at: number) => `${kind} at ${secs(at)}`,
    at: 'At (s)',
    action: 'Action',
    details: 'Details',
    addAction: 'Add an action',
    addAt: 'at',
    removeAction: (n: number, kind: string) => `Remove action ${n} (${kind})`,
    noActions: 'No scripted actions.',
    afterEnd: (n: number, at: number, until: number) =>
      `Action ${n} at ${secs(at)} comes after the scenario's end (${secs(until)}): it would never happen. Move it earlier or run longer.`,
    field: {
      agent: 'Agent',
      framework: 'Framework',
      role: 'Role',
      roles: 'Roles',
      resources: 'Resources',
      attributes: 'Attributes',
      command: 'Command',
      refuse: 'refuse_seconds',
      weight: 'Weight',
      guarantees: 'Guarantees',
      limits: 'Limits',
      a: 'Between',
      b: 'and',
      seconds: 'For (s)',
      drop: 'Drop chance (0–1)',
      delayMs: 'Most delay (ms)',
      repeat: 'Repeat chance (0–1)',
      scheduler: 'Scheduler',
      count: 'Tasks / instances',
      volume: 'Volume id',
      path: 'Path',
      size: 'Size (MB)',
    },
    fieldLabel: (field: string, n: number) => `${field}, action ${n}`,
    apply: 'Apply and restart',
    cancel: 'Close',
    importFile: 'Import JSON file',
    importText: 'Or paste scenario JSON',
    importPasted: 'Import pasted JSON',
    exportJson: 'Export scenario JSON',
    errorsTitle: (n: number) => `The scenario has ${s(n, 'problem', 'problems')}; nothing was changed:`,
    imported: 'Imported. Check the cluster below, then apply.',
    codeKept: 'learner code (kept)',
  },

  shortcuts: {
    title: 'Keyboard shortcuts',
    close: 'Close',
    list: [
      ['Space', 'Play or pause'],
      ['→', 'Step one event'],
      ['←', 'Back one event'],
      ['+', 'Faster'],
      ['−', 'Slower'],
      ['L', 'Go live (leave the replay)'],
      ['R', 'Restart with the same seed'],
      ['N', 'Restart with a new seed'],
      ['P', 'Presentation mode on or off'],
      ['1 / 2 / 3', 'Watch, Code or Lesson mode'],
      ['?', 'This list'],
      ['Esc', 'Close a dialog; leave presentation mode'],
    ] as [string, string][],
  },

  notice: {
    dismiss: 'Dismiss',
    linkBroken: 'This share link is damaged or incomplete, so the default scenario opened instead.',
    linkProblem: {
      encoding: 'It contains characters a share link never has.',
      truncated: 'It looks cut off: copy the whole link, including everything after “#”.',
      json: 'Its contents could not be read.',
      version: 'It was made by a different version of Mesos Lab.',
      shape: 'Its contents are not a Mesos Lab setup.',
      tooLarge: 'It holds far more than any real setup, so it was not opened.',
      tooLong: 'One of its texts is far longer than any real setup has, so it was not opened.',
    },
    linkTooLong: (path: string, length: number, limit: number) =>
      `The text at ${path} is ${length.toLocaleString('en')} characters long; at most ${limit.toLocaleString('en')} are allowed.`,
    linkInvalid: 'The scenario in this share link is not valid, so the default scenario opened instead:',
    scenarioInvalid: 'The scenario is not valid:',
    startFailed: 'The cluster could not start:',
    opened: (name: string) => `Opened the shared setup “${name}”.`,
  },

  consent: {
    title: 'This link carries code',
    intro:
      'The shared scenario runs code that someone wrote. It has not run: read it in the editor, and run it only if you trust it.',
    framework: (id: string) => `framework ${id}: its scheduler`,
    added: (id: string, at: number) => `framework ${id}, added at ${secs(at)}`,
    failover: (id: string, at: number) => `framework ${id}, failing over to new code at ${secs(at)}`,
    run: 'Run the code',
    show: 'Show the code, do not run it',
    pending: (ids: string) =>
      `The shared scenario's code (${ids}) has not run. The cluster runs without it until you choose to run it.`,
    runNow: 'Run the shared code',
  },

  presentation: {
    on: 'Presentation mode: larger type, no side panel. Press P or Esc to leave, ? for shortcuts.',
  },

  events: {
    types: 'Event types',
    describe: (e: TraceEvent): string => {
      switch (e.type) {
        case 'leader':
          return `${e.master} is elected leader`;
        case 'master-failed':
          return `${e.master} fails`;
        case 'agent-added':
          return `agent ${e.agent} registers`;
        case 'agent-reregistered':
          return `agent ${e.agent} re-registers`;
        case 'agent-removed':
          return `agent ${e.agent} is removed: ${e.reason}`;
        case 'agent-killed':
          return `agent ${e.agent} crashes`;
        case 'agent-restarted':
          return `agent ${e.agent} restarts`;
        case 'framework-added':
          return `framework ${e.framework} subscribes in ${e.roles.join(', ')}`;
        case 'framework-reregistered':
          return `framework ${e.framework} re-registers`;
        case 'framework-disconnected':
          return `framework ${e.framework} disconnects: ${e.reason}`;
        case 'framework-removed':
          return `framework ${e.framework} is removed${e.reason ? `: ${e.reason}` : ''}`;
        case 'offer':
          return `offer ${e.offer} → ${e.framework} (${e.role}) on ${e.agent}`;
        case 'decline':
          return `${e.framework} declines ${e.offer}${e.refuseSeconds > 0 ? `, refuse ${e.refuseSeconds} s` : ', no filter'}`;
        case 'filter':
          return `allocator filters ${e.framework} (${e.role}) on ${e.agent} until ${secs(e.until)}`;
        case 'accept':
          return `${e.framework} accepts ${e.offers.join(', ')}: ${s(e.tasks.length, 'task', 'tasks')}`;
        case 'rescind':
          return `offer ${e.offer} to ${e.framework} rescinded: ${e.reason}`;
        case 'launch':
          return `${e.framework} launches ${e.task} on ${e.agent}`;
        case 'status':
          return `${e.task} (${e.framework}) ${e.state}${e.reason ? ` ${e.reason}` : ''}`;
        case 'output':
          return `${e.task} ${e.stream}: ${e.text.trim()}`;
        case 'suppress':
          return `${e.framework} suppresses offers (${e.roles.join(', ') || 'all roles'})`;
        case 'revive':
          return `${e.framework} revives offers (${e.roles.join(', ') || 'all roles'})`;
        case 'weight':
          return `role ${e.role} weight set to ${e.weight}`;
        case 'quota':
          return `role ${e.role} quota set`;
        case 'allocation':
          return `allocation${e.periodic ? '' : ' (triggered)'}: ${s(e.offers, 'offer', 'offers')} over ${s(e.agents, 'agent', 'agents')}`;
        case 'partition':
          return `link ${e.between[0]} ⟷ ${e.between[1]} cut for ${e.forSeconds} s`;
        case 'heal':
          return `link ${e.between[0]} ⟷ ${e.between[1]} heals`;
        case 'flaky-link':
          return `link ${e.between[0]} ⟷ ${e.between[1]} flaky for ${e.forSeconds} s (${[
            e.drop > 0 ? `${Math.round(e.drop * 100)} % dropped` : '',
            e.delayMs > 0 ? `up to ${e.delayMs} ms late` : '',
            e.repeat > 0 ? `${Math.round(e.repeat * 100)} % repeated` : '',
          ]
            .filter(Boolean)
            .join(', ')})`;
        case 'flaky-link-ended':
          return `link ${e.between[0]} ⟷ ${e.between[1]} steady again`;
        case 'log':
          return `${e.framework}: ${e.text}`;
        case 'message':
          return e.from === 'scheduler'
            ? `${e.framework} → executor ${e.executor} on ${e.agent}: ${e.data}`
            : `executor ${e.executor} on ${e.agent} → ${e.framework}: ${e.data}`;
        case 'error':
          return `error${e.framework ? ` in ${e.framework}` : ''}: ${e.message}`;
        default:
          return e.type;
      }
    },
  },

  fault: {
    kill: (agent: string) => `kill agent ${agent}`,
    restart: (agent: string) => `restart agent ${agent}`,
    partition: (agent: string, seconds: number) => `partition ${agent} from the master for ${seconds} s`,
    failover: 'fail over the master',
    add: (agent: string) => `add agent ${agent}`,
  },

  scenarioText: {} as Record<string, string>,
};

export type Messages = typeof en;
