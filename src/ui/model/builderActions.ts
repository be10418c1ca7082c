/**
 * The scenario builder's scripted actions as editable rows: every kind of action (CONTRACTS.md §2) as a
 * few text fields, and back to scenario JSON. The scenario validator judges the result on Apply; the
 * builder itself refuses an action after the scenario's end, which the validator allows (it would never
 * happen), and says so.
 */
import type { Action, ActionKind, FrameworkSpec, SchedulerSpec } from '../../cluster/scenario/types';

export const ACTION_KINDS: readonly ActionKind[] = [
  'kill-agent',
  'restart-agent',
  'reboot-agent',
  'add-agent',
  'partition',
  'flaky-link',
  'fail-master',
  'add-framework',
  'restart-framework',
  'teardown',
  'decline',
  'launch',
  'reserve',
  'unreserve',
  'create-volume',
  'destroy-volume',
  'suppress',
  'revive',
  'set-weight',
  'set-quota',
];

/** The text fields of a row; which ones a kind uses is FIELDS[kind]. */
export interface ActionFields {
  agent: string;
  framework: string;
  role: string;
  roles: string;
  resources: string;
  attributes: string;
  command: string;
  refuse: string;
  weight: string;
  guarantees: string;
  limits: string;
  a: string;
  b: string;
  seconds: string;
  /** A flaky link's trouble: the chance of a drop, the most extra delay in ms, the chance of a repeat. */
  drop: string;
  delayMs: string;
  repeat: string;
  /** For add-framework and restart-framework: the scheduler (a built-in, or the code kept as it was). */
  scheduler: 'batch' | 'service' | 'scripted' | 'keep';
  count: string;
  /** A persistent volume's id (create-volume, destroy-volume, and a launch that uses one). */
  volume: string;
  /** The path a new volume is mounted at, inside the task's sandbox. */
  path: string;
  /** A new volume's size in MB. */
  size: string;
}

export type FieldName = keyof ActionFields;

export const FIELDS: Readonly<Record<ActionKind, readonly FieldName[]>> = {
  'kill-agent': ['agent'],
  'restart-agent': ['agent'],
  'reboot-agent': ['agent', 'seconds'],
  'add-agent': ['agent', 'resources', 'attributes'],
  partition: ['a', 'b', 'seconds'],
  'flaky-link': ['a', 'b', 'seconds', 'drop', 'delayMs', 'repeat'],
  'fail-master': [],
  'add-framework': ['framework', 'roles', 'scheduler', 'count', 'resources', 'command'],
  'restart-framework': ['framework', 'scheduler', 'count', 'resources', 'command'],
  teardown: ['framework'],
  decline: ['framework', 'agent', 'refuse'],
  launch: ['framework', 'agent', 'resources', 'command', 'volume'],
  reserve: ['framework', 'agent', 'resources'],
  unreserve: ['framework', 'agent', 'resources'],
  'create-volume': ['framework', 'agent', 'volume', 'path', 'size'],
  'destroy-volume': ['framework', 'agent', 'volume'],
  suppress: ['framework', 'roles'],
  revive: ['framework', 'roles'],
  'set-weight': ['role', 'weight'],
  'set-quota': ['role', 'guarantees', 'limits'],
};

export interface ActionRow {
  /** Virtual seconds, as typed. */
  at: string;
  do: ActionKind;
  fields: ActionFields;
  /** The action as it was, so what the builder does not show (code, constraints, names) survives. */
  original: Action | null;
}

const EMPTY: ActionFields = {
  agent: '',
  framework: '',
  role: '',
  roles: '',
  resources: '',
  attributes: '',
  command: '',
  refuse: '',
  weight: '',
  guarantees: '',
  limits: '',
  a: 'master',
  b: '',
  seconds: '10',
  drop: '0.2',
  delayMs: '',
  repeat: '',
  scheduler: 'batch',
  count: '4',
  volume: '',
  path: 'data',
  size: '256',
};

const list = (text: string): string[] =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Numbers typed as text: empty means "leave out", anything else goes through (validation names it). */
const optionalNumber = (text: string): number | string | undefined =>
  text.trim() === '' ? undefined : Number.isNaN(Number(text)) ? text : Number(text);
const number = (text: string): number | string => optionalNumber(text) ?? text;

function attributesOf(text: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const item of list(text)) {
    const [k, ...rest] = item.split('=');
    const v = rest.join('=').trim();
    if (k) out[k.trim()] = v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
  }
  return out;
}

const attributesText = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** A new row of a kind at a time, with names filled in from what the scenario has. */
export function newRow(
  kind: ActionKind,
  at: number,
  names: { agents: readonly string[]; frameworks: readonly string[]; roles: readonly string[] },
): ActionRow {
  const fields: ActionFields = {
    ...EMPTY,
    agent: names.agents[0] ?? '',
    framework: names.frameworks[0] ?? '',
    role: names.roles[0] ?? '*',
    b: names.agents[0] ?? '',
  };
  if (kind === 'add-agent') {
    let i = names.agents.length + 1;
    while (names.agents.includes(`agent${i}`)) i++;
    fields.agent = `agent${i}`;
    fields.resources = 'cpus:4;mem:8192';
  } else if (kind === 'add-framework') {
    let i = names.frameworks.length + 1;
    while (names.frameworks.includes(`fw${i}`)) i++;
    fields.framework = `fw${i}`;
    fields.roles = '*';
    fields.resources = 'cpus:1;mem:1024';
    fields.command = 'sleep 30';
  } else if (kind === 'restart-framework') {
    fields.resources = 'cpus:1;mem:1024';
    fields.command = 'sleep 30';
  } else if (kind === 'launch') {
    fields.resources = 'cpus:1;mem:512';
    fields.command = 'sleep 10';
  } else if (kind === 'reserve' || kind === 'unreserve') fields.resources = 'cpus:1;disk:512';
  else if (kind === 'create-volume' || kind === 'destroy-volume') fields.volume = 'v1';
  else if (kind === 'set-weight') fields.weight = '2';
  else if (kind === 'set-quota') fields.guarantees = 'cpus:1;mem:1024';
  return { at: String(at), do: kind, fields, original: null };
}

function schedulerFields(s: SchedulerSpec): Partial<ActionFields> {
  if ('builtin' in s) {
    if (s.builtin === 'scripted') return { scheduler: 'scripted' };
    return {
      scheduler: s.builtin,
      count: String(s.builtin === 'batch' ? s.tasks : s.instances),
      resources: s.task.resources,
      command: s.task.command,
    };
  }
  return { scheduler: 'keep' };
}

/** A scenario action as a row. */
export function rowOf(a: Action): ActionRow {
  const f: ActionFields = { ...EMPTY };
  switch (a.do) {
    case 'kill-agent':
    case 'restart-agent':
      f.agent = a.agent;
      break;
    case 'add-agent':
      f.agent = a.agent.id;
      f.resources = a.agent.resources;
      f.attributes = attributesText(a.agent.attributes);
      break;
    case 'reboot-agent':
      f.agent = a.agent;
      f.seconds = a.downSeconds !== undefined ? String(a.downSeconds) : '';
      break;
    case 'partition':
      f.a = a.between[0];
      f.b = a.between[1];
      f.seconds = String(a.forSeconds);
      break;
    case 'flaky-link':
      f.a = a.between[0];
      f.b = a.between[1];
      f.seconds = String(a.forSeconds);
      f.drop = a.drop !== undefined ? String(a.drop) : '';
      f.delayMs = a.delayMs !== undefined ? String(a.delayMs) : '';
      f.repeat = a.repeat !== undefined ? String(a.repeat) : '';
      break;
    case 'fail-master':
      break;
    case 'add-framework':
      f.framework = a.framework.id;
      f.roles = a.framework.roles.join(', ');
      Object.assign(f, schedulerFields(a.framework.scheduler));
      break;
    case 'restart-framework':
      f.framework = a.framework;
      Object.assign(f, schedulerFields(a.scheduler));
      break;
    case 'teardown':
      f.framework = a.framework;
      break;
    case 'decline':
      f.framework = a.framework;
      f.agent = a.agent ?? '';
      f.refuse = a.refuseSeconds !== undefined ? String(a.refuseSeconds) : '';
      break;
    case 'launch':
      f.framework = a.framework;
      f.agent = a.agent;
      f.resources = a.task.resources;
      f.command = a.task.command;
      f.volume = a.task.volume ?? '';
      break;
    case 'reserve':
    case 'unreserve':
      f.framework = a.framework;
      f.agent = a.agent;
      f.resources = a.resources;
      break;
    case 'create-volume':
      f.framework = a.framework;
      f.agent = a.agent;
      f.volume = a.volume.id;
      f.path = a.volume.path;
      f.size = String(a.volume.size);
      break;
    case 'destroy-volume':
      f.framework = a.framework;
      f.agent = a.agent;
      f.volume = a.volume;
      break;
    case 'suppress':
    case 'revive':
      f.framework = a.framework;
      f.roles = (a.roles ?? []).join(', ');
      break;
    case 'set-weight':
      f.role = a.role;
      f.weight = String(a.weight);
      break;
    case 'set-quota':
      f.role = a.role;
      f.guarantees = a.guarantees ?? '';
      f.limits = a.limits ?? '';
      break;
  }
  return { at: String(a.at), do: a.do, fields: f, original: a };
}

function scheduler(f: ActionFields, old: SchedulerSpec | null): unknown {
  if (f.scheduler === 'keep' && old) return old;
  if (f.scheduler === 'scripted') return { builtin: 'scripted' };
  const kind = f.scheduler === 'keep' ? 'batch' : f.scheduler;
  // Fields the row does not show (constraints, maxPerAgent, refuseSeconds, …) are kept from the old one.
  const extra = old && 'builtin' in old && old.builtin === kind ? old : {};
  const rest = Object.fromEntries(
    Object.entries(extra).filter(([k]) => !['builtin', 'tasks', 'instances', 'task'].includes(k)),
  );
  return {
    ...rest,
    builtin: kind,
    ...(kind === 'batch' ? { tasks: number(f.count) } : { instances: number(f.count) }),
    task: { resources: f.resources, command: f.command },
  };
}

/** A row as scenario JSON (the validator checks it on Apply, naming any field that is wrong). */
export function actionOf(row: ActionRow): Record<string, unknown> {
  const f = row.fields;
  const at = number(row.at);
  const base = { at, do: row.do };
  const original = row.original?.do === row.do ? row.original : null;
  switch (row.do) {
    case 'kill-agent':
    case 'restart-agent':
      return { ...base, agent: f.agent };
    case 'add-agent':
      return {
        ...base,
        agent: { id: f.agent, resources: f.resources, attributes: attributesOf(f.attributes) },
      };
    case 'reboot-agent': {
      const down = optionalNumber(f.seconds);
      return { ...base, agent: f.agent, ...(down !== undefined ? { downSeconds: down } : {}) };
    }
    case 'partition':
      return { ...base, between: [f.a, f.b], forSeconds: number(f.seconds) };
    case 'flaky-link': {
      const drop = optionalNumber(f.drop);
      const delayMs = optionalNumber(f.delayMs);
      const repeat = optionalNumber(f.repeat);
      return {
        ...base,
        between: [f.a, f.b],
        forSeconds: number(f.seconds),
        ...(drop !== undefined ? { drop } : {}),
        ...(delayMs !== undefined ? { delayMs } : {}),
        ...(repeat !== undefined ? { repeat } : {}),
      };
    }
    case 'fail-master':
      return base;
    case 'add-framework': {
      const old: FrameworkSpec | null = original?.do === 'add-framework' ? original.framework : null;
      return {
        ...base,
        framework: {
          ...(old ?? {}),
          id: f.framework,
          ...(old && old.name !== old.id ? {} : { name: f.framework }),
          roles: list(f.roles),
          scheduler: scheduler(f, old?.scheduler ?? null),
        },
      };
    }
    case 'restart-framework': {
      const old = original?.do === 'restart-framework' ? original.scheduler : null;
      return { ...base, framework: f.framework, scheduler: scheduler(f, old) };
    }
    case 'teardown':
      return { ...base, framework: f.framework };
    case 'decline': {
      const refuse = optionalNumber(f.refuse);
      return {
        ...base,
        framework: f.framework,
        ...(f.agent.trim() ? { agent: f.agent.trim() } : {}),
        ...(refuse !== undefined ? { refuseSeconds: refuse } : {}),
      };
    }
    case 'launch':
      return {
        ...base,
        framework: f.framework,
        agent: f.agent,
        task: {
          resources: f.resources,
          command: f.command,
          ...(f.volume.trim() ? { volume: f.volume.trim() } : {}),
        },
      };
    case 'reserve':
    case 'unreserve':
      return { ...base, framework: f.framework, agent: f.agent, resources: f.resources };
    case 'create-volume':
      return {
        ...base,
        framework: f.framework,
        agent: f.agent,
        volume: { id: f.volume, path: f.path, size: number(f.size) },
      };
    case 'destroy-volume':
      return { ...base, framework: f.framework, agent: f.agent, volume: f.volume };
    case 'suppress':
    case 'revive': {
      const roles = list(f.roles);
      return { ...base, framework: f.framework, ...(roles.length ? { roles } : {}) };
    }
    case 'set-weight':
      return { ...base, role: f.role, weight: number(f.weight) };
    case 'set-quota':
      return {
        ...base,
        role: f.role,
        ...(f.guarantees.trim() ? { guarantees: f.guarantees.trim() } : {}),
        ...(f.limits.trim() ? { limits: f.limits.trim() } : {}),
      };
  }
}

export interface TimeProblem {
  readonly index: number;
  readonly at: number;
  readonly until: number;
}

/** Actions that would come after the scenario's end (they would never happen): refused by the builder. */
export function afterTheEnd(rows: readonly ActionRow[], until: number): TimeProblem[] {
  const out: TimeProblem[] = [];
  rows.forEach((r, index) => {
    const at = Number(r.at);
    if (r.at.trim() !== '' && Number.isFinite(at) && at > until) out.push({ index, at, until });
  });
  return out;
}
