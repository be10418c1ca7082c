/**
 * Validation of scenario files (CONTRACTS.md §2). A scenario arrives as JSON text or as a parsed value; what
 * leaves is a complete `Scenario`: defaults filled in, `count` expanded, every resource string, role and
 * reference checked. Nothing is simulated here.
 *
 * Every problem is a ScenarioError naming the JSON path of the offending value (`$.frameworks[1].scheduler.tasks`)
 * and what was expected there. Checks run in document order, so `parseScenario` throws the first problem in
 * the file and `checkScenario` lists them all in the same order. A problem that makes later checks
 * meaningless (an agent whose id cannot be read) switches those checks off rather than piling up errors
 * that are only consequences of it.
 */
import {
  ResourceParseError,
  Resources,
  parseMinAllocatable,
  parseQuantities,
  validateRole,
  type Quantities,
} from '../resources';
import { SORTER_KINDS, type SorterKind } from '../allocator/Sorter';
import type {
  Action,
  ActionKind,
  AgentSpec,
  AllocatorSpec,
  FrameworkSpec,
  NetworkSpec,
  RoleSpec,
  Scenario,
  SchedulerSpec,
  TaskSpec,
} from './types';

export class ScenarioError extends Error {
  constructor(
    /** JSON path of the offending value, `$` for the whole document. */
    readonly path: string,
    /** What should have been there. */
    readonly expected: string,
    /** The value found, when there was one. */
    readonly got?: unknown,
  ) {
    super(`${path}: expected ${expected}${got !== undefined ? `, got ${shortJson(got)}` : ''}`);
    this.name = 'ScenarioError';
  }
}

/** The kinds of `do` an action may have, in the order the documentation lists them. */
export const ACTION_KINDS: readonly ActionKind[] = [
  'add-agent',
  'kill-agent',
  'restart-agent',
  'reboot-agent',
  'add-framework',
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
  'partition',
  'flaky-link',
  'fail-master',
  'restart-framework',
];

/** The built-in schedulers. */
export const BUILTIN_SCHEDULERS = ['scripted', 'batch', 'service'] as const;

/** The name `partition.between` uses for the masters. */
export const MASTER_ENDPOINT = 'master';

/** Defaults of the optional scenario fields (CONTRACTS.md §2). */
export const SCENARIO_DEFAULTS = {
  name: 'scenario',
  seed: 1,
  until: 60,
  allocator: {
    intervalSeconds: 1,
    minAllocatable: 'cpus:0.01|mem:32',
    offerTimeoutSeconds: null,
    fairnessExcludedResourceNames: [],
  } as AllocatorSpec,
  network: { latencyMs: 1, dropRate: 0 } as NetworkSpec,
  masters: 2,
  agentIdPrefix: 'agent',
} as const;

/** Upper bounds that keep a scenario runnable in a browser tab. */
const MAX_UNTIL = 1e7;
const MAX_COUNT = 100_000;
const MAX_MASTERS = 5;
// Mesos's UPDATE_QUOTA rejects values above 1 exabyte (in MB) for mem and disk, and above 10^12 otherwise.
const MAX_QUOTA_MB = 1024 * 1024 * 1024 * 1024;
const MAX_QUOTA_OTHER = 1e12;

/**
 * Validates a parsed JSON value (or JSON text) and returns a complete Scenario with defaults filled in.
 * Throws a ScenarioError for the first problem found.
 */
export function parseScenario(input: unknown): Scenario {
  const c = new Checker(true);
  const scenario = readScenario(c, input);
  // With failFast every problem has already been thrown; this only guards the invariant.
  if (!scenario || c.errors.length > 0) throw c.errors[0] ?? new ScenarioError('$', 'a valid scenario');
  return scenario;
}

/** Like parseScenario, but collects every problem it can find (for the UI's scenario import). */
export function checkScenario(input: unknown): { scenario: Scenario | null; errors: ScenarioError[] } {
  const c = new Checker(false);
  const scenario = readScenario(c, input);
  return c.errors.length > 0 || !scenario ? { scenario: null, errors: c.errors } : { scenario, errors: [] };
}

/**
 * Validates one action object the same way (used when actions are injected live by the UI), given the
 * validated scenario it applies to. The action may name agents and frameworks the scenario lists or adds by
 * an action at or before the new action's `at`; ids it adds must be new to the whole scenario. To inject
 * several actions, append each accepted one to `scenario.actions` before checking the next.
 */
export function parseAction(input: unknown, scenario: Scenario, path = '$'): Action {
  const c = new Checker(true);
  const value = typeof input === 'string' ? parseJsonText(c, input, path) : input;
  const reg = new Registry();
  for (const a of scenario.agents) reg.addAgent(a.id, TOP_LEVEL);
  for (const f of scenario.frameworks) reg.addFramework(f.id, TOP_LEVEL, f.roles);
  scenario.actions.forEach((a, i) => {
    if (a.do === 'add-agent')
      reg.addAgent(a.agent.id, { at: a.at, seq: i, path: `the scenario's actions[${i}]` });
    if (a.do === 'add-framework')
      reg.addFramework(
        a.framework.id,
        { at: a.at, seq: i, path: `the scenario's actions[${i}]` },
        a.framework.roles,
      );
  });
  // Every id already in the scenario counts as taken, whenever it was added.
  for (const id of reg.agents.keys()) reg.agentIds.set(id, 'the scenario');
  for (const id of reg.frameworks.keys()) reg.frameworkIds.set(id, 'the scenario');
  const action = readAction(c, reg, value, path, Number.POSITIVE_INFINITY);
  if (!action) throw c.errors[0] ?? new ScenarioError(path, 'a valid action');
  return action;
}

// ---------------------------------------------------------------------------------------------------------
// Collecting problems

class Checker {
  readonly errors: ScenarioError[] = [];
  constructor(private readonly failFast: boolean) {}

  /** Records a problem (or throws it, in fail-fast mode). Always returns undefined, for `return c.fail(...)`. */
  fail(path: string, expected: string, got?: unknown): undefined {
    const error = new ScenarioError(path, expected, got);
    if (this.failFast) throw error;
    this.errors.push(error);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Who exists when: agents and frameworks, listed at the top level or added by actions

/** When an id becomes known: `at` NaN means "unknown time" (its action's `at` was invalid). */
interface Arrival {
  at: number;
  /** Position in file order among actions; -1 for the top-level lists, which join before any action. */
  seq: number;
  path: string;
  /** For frameworks: its roles, or null when they could not be read. */
  roles?: readonly string[] | null;
}

const TOP_LEVEL: Arrival = { at: 0, seq: -1, path: '$' };

class Registry {
  readonly agents = new Map<string, Arrival[]>();
  readonly frameworks = new Map<string, Arrival[]>();
  /** Some agent id could not be read, so an unknown agent name may not be the user's mistake. */
  agentsIncomplete = false;
  frameworksIncomplete = false;
  /** First occurrence of each id in file order, for the uniqueness checks: id → path. */
  readonly agentIds = new Map<string, string>();
  readonly frameworkIds = new Map<string, string>();

  addAgent(id: string, arrival: Arrival): void {
    push(this.agents, id, arrival);
  }

  addFramework(id: string, arrival: Arrival, roles: readonly string[] | null): void {
    push(this.frameworks, id, { ...arrival, roles });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Actions run sorted by `at`, stably: an arrival counts for an action at the same instant listed after it. */
function arrivedBy(a: Arrival, at: number, seq: number): boolean {
  if (Number.isNaN(a.at) || Number.isNaN(at)) return true;
  return a.at < at || (a.at === at && a.seq < seq);
}

type Lookup = { found: Arrival } | { later: Arrival } | null;

function lookup(map: Map<string, Arrival[]>, id: string, at: number, seq: number): Lookup {
  const list = map.get(id);
  if (!list) return null;
  const found = list.find((a) => arrivedBy(a, at, seq));
  if (found) return { found };
  return { later: list[0]! };
}

// ---------------------------------------------------------------------------------------------------------
// The scenario

const TOP_KEYS = [
  'name',
  'seed',
  'until',
  'allocator',
  'network',
  'masters',
  'roles',
  'agents',
  'frameworks',
  'actions',
  '$schema',
  'description',
  'source',
];
const ALLOCATOR_KEYS = [
  'intervalSeconds',
  'minAllocatable',
  'offerTimeoutSeconds',
  'fairnessExcludedResourceNames',
  'roleSorter',
  'frameworkSorter',
];
const NETWORK_KEYS = ['latencyMs', 'dropRate'];
const ROLE_KEYS = ['weight', 'quota'];
const QUOTA_KEYS = ['guarantees', 'limits'];
const AGENT_KEYS = ['id', 'count', 'resources', 'attributes'];
const ADDED_AGENT_KEYS = ['id', 'resources', 'attributes'];
const FRAMEWORK_KEYS = [
  'id',
  'name',
  'roles',
  'failoverTimeout',
  'checkpoint',
  'partitionAware',
  'gpuResources',
  'minAllocatable',
  'scheduler',
];
const TASK_KEYS = ['resources', 'command', 'name'];
const SCHEDULER_KEYS = {
  scripted: ['builtin'],
  batch: ['builtin', 'tasks', 'task', 'maxTasksPerOffer', 'refuseSeconds'],
  service: [
    'builtin',
    'instances',
    'task',
    'maxTasksPerOffer',
    'refuseSeconds',
    'constraints',
    'maxPerAgent',
  ],
  file: ['file'],
  code: ['code', 'language'],
} satisfies Record<string, string[]>;
/** Fields that only a built-in scheduler has. */
const BUILTIN_FIELDS = new Set(
  [...SCHEDULER_KEYS.batch, ...SCHEDULER_KEYS.service].filter((k) => k !== 'builtin'),
);
const ACTION_FIELDS: Record<ActionKind, string[]> = {
  'add-agent': ['agent'],
  'kill-agent': ['agent'],
  'restart-agent': ['agent'],
  'reboot-agent': ['agent', 'downSeconds'],
  'add-framework': ['framework'],
  teardown: ['framework'],
  decline: ['framework', 'agent', 'refuseSeconds'],
  launch: ['framework', 'agent', 'task'],
  reserve: ['framework', 'agent', 'resources'],
  unreserve: ['framework', 'agent', 'resources'],
  'create-volume': ['framework', 'agent', 'volume'],
  'destroy-volume': ['framework', 'agent', 'volume'],
  suppress: ['framework', 'roles'],
  revive: ['framework', 'roles'],
  'set-weight': ['role', 'weight'],
  'set-quota': ['role', 'guarantees', 'limits'],
  partition: ['between', 'forSeconds'],
  'flaky-link': ['between', 'forSeconds', 'drop', 'delayMs', 'repeat'],
  'fail-master': [],
  'restart-framework': ['framework', 'scheduler'],
};

function readScenario(c: Checker, input: unknown): Scenario | undefined {
  const doc = typeof input === 'string' ? parseJsonText(c, input, '$') : input;
  if (doc === undefined && typeof input === 'string') return undefined;
  if (!isObject(doc))
    return c.fail('$', 'a scenario object ({"agents": [...], "frameworks": [...], ...})', doc);
  checkKeys(c, doc, '$', TOP_KEYS);

  const name = readString(c, doc, '$', 'name', { dflt: SCENARIO_DEFAULTS.name, nonEmpty: true });
  const seed = readNumber(c, doc, '$', 'seed', SEED, SCENARIO_DEFAULTS.seed);
  const until = readNumber(c, doc, '$', 'until', UNTIL, SCENARIO_DEFAULTS.until);
  const allocator = readAllocator(c, own(doc, 'allocator'), '$.allocator');
  const network = readNetwork(c, own(doc, 'network'), '$.network');
  const masters = readNumber(c, doc, '$', 'masters', MASTERS, SCENARIO_DEFAULTS.masters);
  const roles = readRoles(c, own(doc, 'roles'), '$.roles');

  const reg = new Registry();
  const rawActions = own(doc, 'actions');
  // The actions' additions are needed before the actions are checked in order: a `kill-agent` listed first
  // may name an agent that an `add-agent` listed later adds at an earlier time.
  prescanActions(reg, rawActions);

  const agents = readList(
    c,
    own(doc, 'agents'),
    '$.agents',
    'an array of agents',
    () => (reg.agentsIncomplete = true),
  );
  const agentSpecs: AgentSpec[] = [];
  // A loop, not push(...list): a count of 100,000 would be too many arguments for one call.
  agents.forEach((raw, i) => {
    for (const a of readTopAgent(c, reg, raw, `$.agents[${i}]`)) agentSpecs.push(a);
  });

  const frameworks = readList(c, own(doc, 'frameworks'), '$.frameworks', 'an array of frameworks', () => {
    reg.frameworksIncomplete = true;
  });
  const frameworkSpecs: FrameworkSpec[] = [];
  frameworks.forEach((raw, i) => {
    const f = readFramework(c, reg, raw, `$.frameworks[${i}]`, TOP_LEVEL);
    if (f) frameworkSpecs.push(f);
  });

  const actions = readList(c, rawActions, '$.actions', 'an array of actions', () => undefined);
  const actionList: Action[] = [];
  actions.forEach((raw, i) => {
    const a = readAction(c, reg, raw, `$.actions[${i}]`, i);
    if (a) actionList.push(a);
  });
  // Stable: actions at the same instant keep their file order (Array.prototype.sort is stable).
  actionList.sort((a, b) => a.at - b.at);

  if (c.errors.length > 0) return undefined;
  return {
    name: name ?? SCENARIO_DEFAULTS.name,
    seed: seed ?? SCENARIO_DEFAULTS.seed,
    until: until ?? SCENARIO_DEFAULTS.until,
    allocator,
    network,
    masters: masters ?? SCENARIO_DEFAULTS.masters,
    roles,
    agents: agentSpecs,
    frameworks: frameworkSpecs,
    actions: actionList,
  };
}

function readList(c: Checker, value: unknown, path: string, what: string, onBad: () => void): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    onBad();
    c.fail(path, what, value);
    return [];
  }
  return value;
}

function readAllocator(c: Checker, value: unknown, path: string): AllocatorSpec {
  const d = SCENARIO_DEFAULTS.allocator;
  const out: AllocatorSpec = { ...d, fairnessExcludedResourceNames: [] };
  if (value === undefined) return out;
  if (!isObject(value)) return c.fail(path, 'an object such as {"intervalSeconds": 1}', value) ?? out;
  checkKeys(c, value, path, ALLOCATOR_KEYS);
  out.intervalSeconds =
    readNumber(c, value, path, 'intervalSeconds', POSITIVE_SECONDS, d.intervalSeconds) ?? 1;
  const minAllocatable = own(value, 'minAllocatable');
  if (minAllocatable !== undefined)
    out.minAllocatable = readMinAllocatable(c, minAllocatable, `${path}.minAllocatable`);
  const timeout = own(value, 'offerTimeoutSeconds');
  if (timeout !== undefined && timeout !== null)
    out.offerTimeoutSeconds =
      readNumber(c, value, path, 'offerTimeoutSeconds', POSITIVE_SECONDS_OR_NULL) ?? null;
  const excluded = own(value, 'fairnessExcludedResourceNames');
  if (excluded !== undefined) {
    const p = `${path}.fairnessExcludedResourceNames`;
    if (!Array.isArray(excluded)) c.fail(p, 'an array of resource names such as ["gpus"]', excluded);
    else
      excluded.forEach((n: unknown, i) => {
        if (typeof n !== 'string' || n === '') c.fail(`${p}[${i}]`, 'a resource name', n);
        else out.fairnessExcludedResourceNames.push(n);
      });
  }
  // Absent sorter fields stay absent (DRF), so that older scenarios read back exactly as before.
  for (const key of ['roleSorter', 'frameworkSorter'] as const) {
    const kind = own(value, key);
    if (kind === undefined) continue;
    if (typeof kind === 'string' && (SORTER_KINDS as readonly string[]).includes(kind))
      out[key] = kind as SorterKind;
    else c.fail(`${path}.${key}`, SORTER_KINDS.map((k) => `"${k}"`).join(' or '), kind);
  }
  return out;
}

function readMinAllocatable(c: Checker, value: unknown, path: string): string | null {
  const what = 'null or quantities with "|" between alternatives, such as "cpus:0.01|mem:32"';
  if (value === null) return null;
  if (typeof value !== 'string') return c.fail(path, what, value) ?? null;
  const problem = resourceProblem(() => parseMinAllocatable(value));
  if (problem) return c.fail(path, problem) ?? null;
  return value;
}

function readNetwork(c: Checker, value: unknown, path: string): NetworkSpec {
  const d = SCENARIO_DEFAULTS.network;
  if (value === undefined) return { ...d };
  if (!isObject(value)) return c.fail(path, 'an object such as {"latencyMs": 1}', value) ?? { ...d };
  checkKeys(c, value, path, NETWORK_KEYS);
  return {
    latencyMs: readNumber(c, value, path, 'latencyMs', NON_NEGATIVE, d.latencyMs) ?? d.latencyMs,
    dropRate: readNumber(c, value, path, 'dropRate', DROP_RATE, d.dropRate) ?? d.dropRate,
  };
}

function readRoles(c: Checker, value: unknown, path: string): Record<string, RoleSpec> {
  const entries: [string, RoleSpec][] = [];
  if (value === undefined) return {};
  if (!isObject(value)) return c.fail(path, 'an object from role name to {"weight", "quota"}', value) ?? {};
  for (const role of Object.keys(value)) {
    const p = keyPath(path, role);
    const bad = validateRole(role);
    if (bad) c.fail(p, `a valid role name (${bad})`);
    const spec = own(value, role);
    if (!isObject(spec)) {
      c.fail(p, 'an object such as {"weight": 2}', spec);
      continue;
    }
    checkKeys(c, spec, p, ROLE_KEYS);
    const out: RoleSpec = {};
    const weight = readNumber(c, spec, p, 'weight', WEIGHT, 'optional');
    if (weight !== undefined) out.weight = weight;
    const quota = own(spec, 'quota');
    if (quota !== undefined) {
      const q = readQuota(c, quota, `${p}.quota`, role);
      if (q) out.quota = q;
    }
    entries.push([role, out]);
  }
  // fromEntries defines own properties, so even a role called "__proto__" stays plain data.
  return Object.fromEntries(entries);
}

function readQuota(c: Checker, value: unknown, path: string, role: string): RoleSpec['quota'] {
  if (!isObject(value))
    return c.fail(path, 'an object such as {"guarantees": "cpus:2", "limits": "cpus:4"}', value);
  checkKeys(c, value, path, QUOTA_KEYS);
  if (role.includes('/'))
    return c.fail(path, `no quota on "${role}" (quota is only supported on top-level roles, as in Mesos)`);
  return readQuotaFields(c, value, path);
}

/** Guarantees and limits, as in a role's `quota` or a `set-quota` action. */
function readQuotaFields(
  c: Checker,
  value: Record<string, unknown>,
  path: string,
): { guarantees?: string; limits?: string } {
  const out: { guarantees?: string; limits?: string } = {};
  const g = readQuantities(c, value, path, 'guarantees');
  const l = readQuantities(c, value, path, 'limits');
  if (g) out.guarantees = g.text;
  if (l) out.limits = l.text;
  // Mesos rejects a QuotaConfig whose guarantees are not contained in its limits; a name without a limit
  // is unlimited.
  if (g && l) {
    for (const [name, amount] of Object.entries(g.quantities)) {
      const limit = l.quantities[name];
      if (limit !== undefined && amount > limit) {
        c.fail(
          `${path}.guarantees`,
          `guarantees within the limits (${name}: guarantee ${amount} > limit ${limit})`,
          g.text,
        );
        break;
      }
    }
  }
  return out;
}

function readQuantities(
  c: Checker,
  obj: Record<string, unknown>,
  path: string,
  key: string,
): { text: string; quantities: Quantities } | undefined {
  const value = own(obj, key);
  const p = keyPath(path, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return c.fail(p, 'scalar quantities such as "cpus:2;mem:1024"', value);
  let quantities: Quantities = {};
  const problem = resourceProblem(() => (quantities = parseQuantities(value)));
  if (problem) return c.fail(p, problem);
  for (const [name, amount] of Object.entries(quantities)) {
    const max = name === 'mem' || name === 'disk' ? MAX_QUOTA_MB : MAX_QUOTA_OTHER;
    if (amount > max)
      return c.fail(p, `at most ${max} for "${name}" (Mesos does not support larger quota values)`, value);
  }
  return { text: value, quantities };
}

// ---------------------------------------------------------------------------------------------------------
// Agents

function readTopAgent(c: Checker, reg: Registry, raw: unknown, path: string): AgentSpec[] {
  if (!isObject(raw)) {
    reg.agentsIncomplete = true;
    return (
      c.fail(path, 'an agent object such as {"id": "agent1", "resources": "cpus:4;mem:8192"}', raw) ?? []
    );
  }
  checkKeys(c, raw, path, AGENT_KEYS);
  const hasCount = own(raw, 'count') !== undefined;
  const count = hasCount ? readNumber(c, raw, path, 'count', COUNT) : 1;
  const id = hasCount
    ? readString(c, raw, path, 'id', {
        dflt: SCENARIO_DEFAULTS.agentIdPrefix,
        nonEmpty: true,
        what: 'an id prefix',
      })
    : readString(c, raw, path, 'id', { nonEmpty: true, what: 'an agent id such as "agent1"' });
  const resources = readResources(c, raw, path, 'resources', 'an agent needs some resources');
  const attributes = readAttributes(c, own(raw, 'attributes'), `${path}.attributes`, 'attributes');
  if (id === undefined || count === undefined) {
    reg.agentsIncomplete = true;
    return [];
  }
  const ids = hasCount ? Array.from({ length: count }, (_, i) => `${id}${i + 1}`) : [id];
  const idPath = own(raw, 'id') !== undefined ? `${path}.id` : path;
  const out: AgentSpec[] = [];
  const note = hasCount ? '; give each "count" entry its own "id" prefix' : '';
  let clashed = false;
  for (const agentId of ids) {
    // One report per entry is enough: a clashing prefix would otherwise clash once per copy.
    if (!claimId(clashed ? null : c, reg.agentIds, agentId, idPath, 'agent', note)) {
      clashed = true;
      continue;
    }
    reg.addAgent(agentId, TOP_LEVEL);
    out.push({ id: agentId, resources: resources ?? '', attributes: { ...attributes } });
  }
  return out;
}

/** One agent of an `add-agent` action: no `count`, `id` required. */
function readAddedAgent(c: Checker, reg: Registry, raw: unknown, path: string): AgentSpec | undefined {
  if (!isObject(raw))
    return c.fail(path, 'an agent object such as {"id": "agent2", "resources": "cpus:4;mem:8192"}', raw);
  checkKeys(c, raw, path, ADDED_AGENT_KEYS);
  const id = readString(c, raw, path, 'id', { nonEmpty: true, what: 'an agent id such as "agent2"' });
  const resources = readResources(c, raw, path, 'resources', 'an agent needs some resources');
  const attributes = readAttributes(c, own(raw, 'attributes'), `${path}.attributes`, 'attributes');
  if (id !== undefined) claimId(c, reg.agentIds, id, `${path}.id`, 'agent');
  return { id: id ?? '', resources: resources ?? '', attributes };
}

/**
 * Records the first use of an id; a second use is an error (reported to `c`, unless null) that names where
 * the first one is.
 */
/**
 * A plain name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters.
 * Ids name actors, worker and trace entries; anything else (`__proto__`, '/', spaces, markup) is refused.
 */
export const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function claimId(
  c: Checker | null,
  seen: Map<string, string>,
  id: string,
  path: string,
  what: string,
  note = '',
): boolean {
  if (!PLAIN_ID.test(id)) {
    c?.fail(
      path,
      `a plain ${what} id: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters`,
      id,
    );
    return false;
  }
  const first = seen.get(id);
  if (first !== undefined) {
    c?.fail(path, `a unique ${what} id ("${id}" is already used by ${first}${note})`);
    return false;
  }
  seen.set(id, path);
  return true;
}

function readAttributes(
  c: Checker,
  value: unknown,
  path: string,
  what: string,
): Record<string, string | number> {
  if (value === undefined) return {};
  if (!isObject(value)) return c.fail(path, `an object of ${what} such as {"rack": "r1"}`, value) ?? {};
  const entries: [string, string | number][] = [];
  for (const name of Object.keys(value)) {
    const v = own(value, name);
    const p = keyPath(path, name);
    if (name === '') c.fail(p, 'a non-empty attribute name');
    else if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) entries.push([name, v]);
    else c.fail(p, 'a string or a finite number', v);
  }
  return Object.fromEntries(entries);
}

// ---------------------------------------------------------------------------------------------------------
// Frameworks

function readFramework(
  c: Checker,
  reg: Registry,
  raw: unknown,
  path: string,
  arrival: Arrival,
): FrameworkSpec | undefined {
  if (!isObject(raw)) {
    reg.frameworksIncomplete = true;
    return c.fail(path, 'a framework object such as {"id": "A", "scheduler": {"builtin": "scripted"}}', raw);
  }
  checkKeys(c, raw, path, FRAMEWORK_KEYS);
  const id = readString(c, raw, path, 'id', { nonEmpty: true, what: 'a framework id' });
  if (id === undefined) reg.frameworksIncomplete = true;
  else claimId(c, reg.frameworkIds, id, `${path}.id`, 'framework');
  const name = readString(c, raw, path, 'name', { dflt: id ?? '' });
  const roles = readRoleList(c, own(raw, 'roles'), `${path}.roles`, { dflt: ['*'], nonEmpty: true });
  // Top-level frameworks are registered here; added ones were registered by the prescan, with their time.
  if (id !== undefined && arrival === TOP_LEVEL) reg.addFramework(id, TOP_LEVEL, roles ?? null);
  const failoverTimeout = readNumber(c, raw, path, 'failoverTimeout', NON_NEGATIVE, 0);
  const checkpoint = readBoolean(c, raw, path, 'checkpoint', false);
  const partitionAware = readBoolean(c, raw, path, 'partitionAware', false);
  const gpuResources = readBoolean(c, raw, path, 'gpuResources', false);
  const minAllocatableRaw = own(raw, 'minAllocatable');
  const minAllocatable =
    minAllocatableRaw === undefined
      ? null
      : readMinAllocatable(c, minAllocatableRaw, `${path}.minAllocatable`);
  const scheduler = readScheduler(c, own(raw, 'scheduler'), `${path}.scheduler`);
  if (id === undefined || roles === undefined || scheduler === undefined) return undefined;
  return {
    id,
    name: name ?? id,
    roles,
    failoverTimeout: failoverTimeout ?? 0,
    checkpoint: checkpoint ?? false,
    partitionAware: partitionAware ?? false,
    ...(gpuResources ? { gpuResources } : {}),
    minAllocatable,
    scheduler,
  };
}

function readRoleList(
  c: Checker,
  value: unknown,
  path: string,
  opts: { dflt?: string[]; nonEmpty: boolean },
): string[] | undefined {
  const what = opts.nonEmpty ? 'a non-empty array of role names such as ["*"]' : 'an array of role names';
  if (value === undefined) {
    if (opts.dflt) return [...opts.dflt];
    return c.fail(path, `${what} (required)`);
  }
  if (!Array.isArray(value) || (opts.nonEmpty && value.length === 0)) return c.fail(path, what, value);
  const out: string[] = [];
  let ok = true;
  value.forEach((r: unknown, i) => {
    const p = `${path}[${i}]`;
    if (typeof r !== 'string') {
      ok = false;
      return c.fail(p, 'a role name', r);
    }
    const bad = validateRole(r);
    if (bad) {
      ok = false;
      return c.fail(p, `a valid role name (${bad})`, r);
    }
    if (out.includes(r)) {
      ok = false;
      return c.fail(p, `each role once ("${r}" is listed twice)`);
    }
    out.push(r);
  });
  return ok ? out : undefined;
}

function readScheduler(c: Checker, value: unknown, path: string): SchedulerSpec | undefined {
  const what =
    'a scheduler: {"builtin": "scripted" | "batch" | "service", ...}, {"file": "..."} or {"code": "..."}';
  if (value === undefined) return c.fail(path, `${what} (required)`);
  if (!isObject(value)) return c.fail(path, what, value);
  const kinds = (['builtin', 'file', 'code'] as const).filter((k) => own(value, k) !== undefined);
  if (kinds.length === 0) {
    // Fields of a built-in without its name: the name is what is missing, not the fields that are there.
    if (Object.keys(value).some((k) => BUILTIN_FIELDS.has(k)))
      return c.fail(
        `${path}.builtin`,
        `one of ${BUILTIN_SCHEDULERS.map((b) => `"${b}"`).join(', ')} (required)`,
      );
    if (own(value, 'language') !== undefined)
      return c.fail(`${path}.code`, 'the scheduler source code (required)');
    checkKeys(c, value, path, ['builtin', 'file', 'code']);
    return c.fail(path, what, value);
  }
  if (kinds.length > 1) return c.fail(path, `only one of ${kinds.map((k) => `"${k}"`).join(' and ')}`);
  const kind = kinds[0]!;
  if (kind === 'file') {
    checkKeys(c, value, path, SCHEDULER_KEYS.file);
    const file = readString(c, value, path, 'file', {
      nonEmpty: true,
      what: 'a scheduler file name such as "my-scheduler.ts"',
    });
    return file === undefined ? undefined : { file };
  }
  if (kind === 'code') {
    checkKeys(c, value, path, SCHEDULER_KEYS.code);
    const code = readString(c, value, path, 'code', { what: 'the scheduler source code' });
    const language = own(value, 'language');
    if (language !== undefined && language !== 'ts' && language !== 'js')
      return c.fail(`${path}.language`, '"ts" or "js"', language);
    if (code === undefined) return undefined;
    return language === undefined ? { code } : { code, language };
  }
  const rawBuiltin = own(value, 'builtin');
  if (!isBuiltin(rawBuiltin)) {
    const hint = typeof rawBuiltin === 'string' ? didYouMean(rawBuiltin, BUILTIN_SCHEDULERS) : '';
    return c.fail(
      `${path}.builtin`,
      `one of ${BUILTIN_SCHEDULERS.map((b) => `"${b}"`).join(', ')}${hint}`,
      rawBuiltin,
    );
  }
  const builtin = rawBuiltin;
  checkKeys(c, value, path, SCHEDULER_KEYS[builtin]);
  if (builtin === 'scripted') return { builtin };
  const count = readNumber(c, value, path, builtin === 'batch' ? 'tasks' : 'instances', COUNT);
  const task = readTask(c, own(value, 'task'), `${path}.task`);
  const maxTasksPerOffer = readNumber(c, value, path, 'maxTasksPerOffer', COUNT, 'optional');
  const refuseSeconds = readNumber(c, value, path, 'refuseSeconds', NON_NEGATIVE, 'optional');
  const tuning = {
    ...(maxTasksPerOffer !== undefined && { maxTasksPerOffer }),
    ...(refuseSeconds !== undefined && { refuseSeconds }),
  };
  if (builtin === 'batch') {
    if (count === undefined || task === undefined) return undefined;
    return { builtin, tasks: count, task, ...tuning };
  }
  const constraintsRaw = own(value, 'constraints');
  const constraints =
    constraintsRaw === undefined
      ? undefined
      : readAttributes(c, constraintsRaw, `${path}.constraints`, 'constraints');
  const maxPerAgent = readNumber(c, value, path, 'maxPerAgent', COUNT, 'optional');
  if (count === undefined || task === undefined) return undefined;
  return {
    builtin,
    instances: count,
    task,
    ...tuning,
    ...(constraints !== undefined && { constraints }),
    ...(maxPerAgent !== undefined && { maxPerAgent }),
  };
}

function isBuiltin(v: unknown): v is (typeof BUILTIN_SCHEDULERS)[number] {
  return typeof v === 'string' && (BUILTIN_SCHEDULERS as readonly string[]).includes(v);
}

function readTask(c: Checker, value: unknown, path: string, launched = false): TaskSpec | undefined {
  const what = 'a task such as {"resources": "cpus:1;mem:128", "command": "sleep 10"}';
  if (value === undefined) return c.fail(path, `${what} (required)`);
  if (!isObject(value)) return c.fail(path, what, value);
  // A task launched by a `launch` action may use a persistent volume of its offer.
  checkKeys(c, value, path, launched ? [...TASK_KEYS, 'volume'] : TASK_KEYS);
  const resources = readResources(c, value, path, 'resources', 'a task needs some resources');
  const command = readString(c, value, path, 'command', {
    nonEmpty: true,
    what: 'a shell command such as "sleep 10"',
  });
  const name = readString(c, value, path, 'name', { nonEmpty: true, optional: true, what: 'a task name' });
  const volume = launched
    ? readString(c, value, path, 'volume', {
        nonEmpty: true,
        optional: true,
        what: 'the persistence id of a volume in the offer',
      })
    : undefined;
  if (resources === undefined || command === undefined) return undefined;
  return {
    resources,
    command,
    ...(name !== undefined ? { name } : {}),
    ...(volume !== undefined ? { volume } : {}),
  };
}

/** A persistent volume to create: `{"id": "data", "path": "data", "size": 1024}` (size in MB of disk). */
function readVolume(
  c: Checker,
  value: unknown,
  path: string,
): { id: string; path: string; size: number } | undefined {
  const what = 'a volume such as {"id": "data", "path": "data", "size": 1024}';
  if (value === undefined) return c.fail(path, `${what} (required)`);
  if (!isObject(value)) return c.fail(path, what, value);
  checkKeys(c, value, path, ['id', 'path', 'size']);
  const id = readString(c, value, path, 'id', { nonEmpty: true, what: 'a persistence id such as "data"' });
  if (id !== undefined && /[\s/]/.test(id))
    return c.fail(`${path}.id`, 'a persistence id without whitespace or "/"', id);
  const where = readString(c, value, path, 'path', {
    nonEmpty: true,
    what: 'a container path such as "data"',
  });
  const size = readNumber(c, value, path, 'size', { what: 'a size in MB, above 0', ok: (n) => n > 0 });
  if (id === undefined || where === undefined || size === undefined) return undefined;
  return { id, path: where, size };
}

// ---------------------------------------------------------------------------------------------------------
// Actions

/** Registers what the actions add, silently: their own checks report any problem, in file order. */
function prescanActions(reg: Registry, raw: unknown): void {
  if (!Array.isArray(raw)) return;
  raw.forEach((a: unknown, i) => {
    if (!isObject(a)) return;
    const path = `$.actions[${i}]`;
    const kind = own(a, 'do');
    if (typeof kind !== 'string' || !(ACTION_KINDS as readonly string[]).includes(kind)) {
      // An action of unknown kind that carries an agent or framework object was probably meant to add it.
      if (isObject(own(a, 'agent'))) reg.agentsIncomplete = true;
      if (isObject(own(a, 'framework'))) reg.frameworksIncomplete = true;
      return;
    }
    const at = own(a, 'at');
    const arrival: Arrival = {
      at: typeof at === 'number' && Number.isFinite(at) && at >= 0 ? at : NaN,
      seq: i,
      path,
    };
    if (kind === 'add-agent') {
      const agent = own(a, 'agent');
      const id = isObject(agent) ? own(agent, 'id') : undefined;
      if (typeof id === 'string' && id !== '') reg.addAgent(id, arrival);
      else reg.agentsIncomplete = true;
    } else if (kind === 'add-framework') {
      const fw = own(a, 'framework');
      const id = isObject(fw) ? own(fw, 'id') : undefined;
      if (typeof id === 'string' && id !== '')
        reg.addFramework(id, arrival, rawRoles(isObject(fw) ? own(fw, 'roles') : undefined));
      else reg.frameworksIncomplete = true;
    }
  });
}

function rawRoles(value: unknown): string[] | null {
  if (value === undefined) return ['*'];
  if (Array.isArray(value) && value.every((r) => typeof r === 'string' && validateRole(r) === null))
    return value as string[];
  return null;
}

function readAction(c: Checker, reg: Registry, raw: unknown, path: string, seq: number): Action | undefined {
  if (!isObject(raw))
    return c.fail(path, 'an action object such as {"at": 1, "do": "kill-agent", "agent": "agent1"}', raw);
  const at = readNumber(c, raw, path, 'at', NON_NEGATIVE);
  const kind = own(raw, 'do');
  const kinds = ACTION_KINDS.map((k) => `"${k}"`).join(', ');
  if (kind === undefined) return c.fail(`${path}.do`, `the kind of action, one of ${kinds} (required)`);
  if (typeof kind !== 'string' || !(ACTION_KINDS as readonly string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, ACTION_KINDS) : '';
    return c.fail(`${path}.do`, `one of ${kinds}${hint}`, kind);
  }
  const k = kind as ActionKind;
  checkKeys(c, raw, path, ['at', 'do', ...ACTION_FIELDS[k]]);
  const t = at ?? NaN;
  const when = { at: t, seq };
  const a = at ?? 0;

  switch (k) {
    case 'add-agent': {
      const agentRaw = own(raw, 'agent');
      if (agentRaw === undefined)
        return c.fail(
          `${path}.agent`,
          'the agent to add, such as {"id": "agent2", "resources": "cpus:4;mem:8192"} (required)',
        );
      const agent = readAddedAgent(c, reg, agentRaw, `${path}.agent`);
      return agent && { at: a, do: k, agent };
    }
    case 'kill-agent':
    case 'restart-agent': {
      const agent = readAgentRef(c, reg, raw, path, 'agent', when, true);
      return agent === undefined ? undefined : { at: a, do: k, agent };
    }
    case 'reboot-agent': {
      const agent = readAgentRef(c, reg, raw, path, 'agent', when, true);
      const downSeconds = readNumber(c, raw, path, 'downSeconds', NON_NEGATIVE, 'optional');
      if (agent === undefined) return undefined;
      return { at: a, do: k, agent, ...(downSeconds !== undefined && { downSeconds }) };
    }
    case 'add-framework': {
      const fwRaw = own(raw, 'framework');
      if (fwRaw === undefined)
        return c.fail(
          `${path}.framework`,
          'the framework to add, such as {"id": "B", "scheduler": {"builtin": "scripted"}} (required)',
        );
      const arrival: Arrival = { at: t, seq, path };
      const framework = readFramework(c, reg, fwRaw, `${path}.framework`, arrival);
      // A live action (parseAction) was not prescanned: register it now.
      if (framework && !reg.frameworks.has(framework.id))
        reg.addFramework(framework.id, arrival, framework.roles);
      return framework && { at: a, do: k, framework };
    }
    case 'teardown': {
      const framework = readFrameworkRef(c, reg, raw, path, when);
      return framework === undefined ? undefined : { at: a, do: k, framework: framework.id };
    }
    case 'restart-framework': {
      // The framework's scheduler process is replaced by new code that re-subscribes with the same id.
      const framework = readFrameworkRef(c, reg, raw, path, when);
      const scheduler = readScheduler(c, own(raw, 'scheduler'), `${path}.scheduler`);
      return framework === undefined || scheduler === undefined
        ? undefined
        : { at: a, do: k, framework: framework.id, scheduler };
    }
    case 'decline': {
      const framework = readFrameworkRef(c, reg, raw, path, when);
      const agent = readAgentRef(c, reg, raw, path, 'agent', when, false);
      const refuseSeconds = readNumber(c, raw, path, 'refuseSeconds', NON_NEGATIVE, 'optional');
      if (framework === undefined) return undefined;
      return {
        at: a,
        do: k,
        framework: framework.id,
        ...(agent !== undefined && { agent }),
        ...(refuseSeconds !== undefined && { refuseSeconds }),
      };
    }
    case 'launch': {
      const framework = readFrameworkRef(c, reg, raw, path, when);
      const agent = readAgentRef(c, reg, raw, path, 'agent', when, true);
      const task = readTask(c, own(raw, 'task'), `${path}.task`, true);
      if (framework === undefined || agent === undefined || task === undefined) return undefined;
      return { at: a, do: k, framework: framework.id, agent, task };
    }
    case 'reserve':
    case 'unreserve': {
      const framework = readFrameworkRef(c, reg, raw, path, when);
      const agent = readAgentRef(c, reg, raw, path, 'agent', when, true);
      const resources = readResources(c, raw, path, 'resources', `an ${k} needs some resources`);
      if (resources !== undefined && Resources.parse(resources).hasReservations())
        return c.fail(
          `${path}.resources`,
          'amounts without a role (they are reserved to, or unreserved from, the role of the offer)',
          resources,
        );
      if (framework === undefined || agent === undefined || resources === undefined) return undefined;
      return { at: a, do: k, framework: framework.id, agent, resources };
    }
    case 'create-volume': {
      const framework = readFrameworkRef(c, reg, raw, path, when);
      const agent = readAgentRef(c, reg, raw, path, 'agent', when, true);
      const volume = readVolume(c, own(raw, 'volume'), `${path}.volume`);
      if (framework === undefined || agent === undefined || volume === undefined) return undefined;
      return { at: a, do: k, framework: framework.id, agent, volume };
    }
    case 'destroy-volume': {
      const framework = readFrameworkRef(c, reg, raw, path, when);
      const agent = readAgentRef(c, reg, raw, path, 'agent', when, true);
      const volume = readString(c, raw, path, 'volume', {
        nonEmpty: true,
        what: 'the persistence id of a volume',
      });
      if (framework === undefined || agent === undefined || volume === undefined) return undefined;
      return { at: a, do: k, framework: framework.id, agent, volume };
    }
    case 'suppress':
    case 'revive': {
      const framework = readFrameworkRef(c, reg, raw, path, when);
      const rolesRaw = own(raw, 'roles');
      if (rolesRaw === undefined) return framework && { at: a, do: k, framework: framework.id };
      const roles = readRoleList(c, rolesRaw, `${path}.roles`, { nonEmpty: false });
      const theirs = framework?.roles;
      if (roles && theirs) {
        const i = roles.findIndex((r) => !theirs.includes(r));
        if (i >= 0) {
          const list = theirs.map((r) => `"${r}"`).join(', ');
          return c.fail(
            `${path}.roles[${i}]`,
            `one of the roles of framework "${framework.id}" (${list})`,
            roles[i],
          );
        }
      }
      if (framework === undefined || roles === undefined) return undefined;
      return { at: a, do: k, framework: framework.id, roles };
    }
    case 'set-weight': {
      const role = readRole(c, raw, path);
      const weight = readNumber(c, raw, path, 'weight', WEIGHT);
      if (role === undefined || weight === undefined) return undefined;
      return { at: a, do: k, role, weight };
    }
    case 'set-quota': {
      const role = readRole(c, raw, path);
      if (role !== undefined && role.includes('/'))
        return c.fail(
          `${path}.role`,
          'a top-level role (quota is only supported on top-level roles, as in Mesos)',
          role,
        );
      const quota = readQuotaFields(c, raw, path);
      if (role === undefined) return undefined;
      return { at: a, do: k, role, ...quota };
    }
    case 'partition': {
      const between = readBetween(c, reg, own(raw, 'between'), `${path}.between`, when);
      const forSeconds = readNumber(c, raw, path, 'forSeconds', POSITIVE_SECONDS);
      if (between === undefined || forSeconds === undefined) return undefined;
      return { at: a, do: k, between, forSeconds };
    }
    case 'flaky-link': {
      const between = readBetween(c, reg, own(raw, 'between'), `${path}.between`, when);
      const forSeconds = readNumber(c, raw, path, 'forSeconds', POSITIVE_SECONDS);
      const drop = readNumber(c, raw, path, 'drop', PROBABILITY, 'optional');
      const delayMs = readNumber(c, raw, path, 'delayMs', DELAY_MS, 'optional');
      const repeat = readNumber(c, raw, path, 'repeat', PROBABILITY, 'optional');
      if (between === undefined || forSeconds === undefined) return undefined;
      // A window in which nothing can go wrong is a mistake, not a fault: say which knobs there are.
      if ((drop ?? 0) === 0 && (delayMs ?? 0) === 0 && (repeat ?? 0) === 0) {
        if (
          own(raw, 'drop') !== undefined ||
          own(raw, 'delayMs') !== undefined ||
          own(raw, 'repeat') !== undefined
        )
          return c.fail(
            path,
            'at least one of "drop", "delayMs" or "repeat" above 0 (the link would behave normally)',
          );
        return c.fail(
          path,
          'the trouble on the link: "drop" (a probability), "delayMs" (the most extra delay) or "repeat" (a probability), at least one above 0',
        );
      }
      return {
        at: a,
        do: k,
        between,
        forSeconds,
        ...(drop !== undefined && { drop }),
        ...(delayMs !== undefined && { delayMs }),
        ...(repeat !== undefined && { repeat }),
      };
    }
    case 'fail-master':
      return { at: a, do: k };
  }
}

interface When {
  at: number;
  seq: number;
}

function describeTime(w: When): string {
  return Number.isFinite(w.at) ? `at t=${w.at}` : 'by then';
}

function readAgentRef(
  c: Checker,
  reg: Registry,
  raw: Record<string, unknown>,
  path: string,
  key: string,
  when: When,
  required: boolean,
): string | undefined {
  const id = readString(c, raw, path, key, { nonEmpty: true, optional: !required, what: 'an agent id' });
  if (id === undefined) return undefined;
  const found = lookup(reg.agents, id, when.at, when.seq);
  if (found && 'found' in found) return id;
  const p = `${path}.${key}`;
  if (found)
    return c.fail(
      p,
      `an agent that exists ${describeTime(when)} ("${id}" is only added at t=${found.later.at}, by ${found.later.path})`,
      id,
    );
  if (reg.agentsIncomplete) return id;
  return c.fail(
    p,
    `an agent listed under "agents" or added by an earlier "add-agent" action${idHint(id, [...reg.agents.keys()])}`,
    id,
  );
}

function readFrameworkRef(
  c: Checker,
  reg: Registry,
  raw: Record<string, unknown>,
  path: string,
  when: When,
): { id: string; roles: readonly string[] | null | undefined } | undefined {
  const id = readString(c, raw, path, 'framework', { nonEmpty: true, what: 'a framework id' });
  if (id === undefined) return undefined;
  const found = lookup(reg.frameworks, id, when.at, when.seq);
  if (found && 'found' in found) return { id, roles: found.found.roles };
  const p = `${path}.framework`;
  if (found)
    return c.fail(
      p,
      `a framework that exists ${describeTime(when)} ("${id}" is only added at t=${found.later.at}, by ${found.later.path})`,
      id,
    );
  if (reg.frameworksIncomplete) return { id, roles: null };
  return c.fail(
    p,
    `a framework listed under "frameworks" or added by an earlier "add-framework" action${idHint(id, [...reg.frameworks.keys()])}`,
    id,
  );
}

function readRole(c: Checker, raw: Record<string, unknown>, path: string): string | undefined {
  const role = readString(c, raw, path, 'role', { what: 'a role name' });
  if (role === undefined) return undefined;
  const bad = validateRole(role);
  if (bad) return c.fail(`${path}.role`, `a valid role name (${bad})`, role);
  return role;
}

function readBetween(
  c: Checker,
  reg: Registry,
  value: unknown,
  path: string,
  when: When,
): [string, string] | undefined {
  const what = `two different endpoints, each an agent id, a framework id or "${MASTER_ENDPOINT}", such as ["master", "agent1"]`;
  if (value === undefined) return c.fail(path, `${what} (required)`);
  if (!Array.isArray(value) || value.length !== 2) return c.fail(path, what, value);
  const [x, y] = value as unknown[];
  let ok = true;
  value.forEach((v: unknown, i) => {
    const p = `${path}[${i}]`;
    if (typeof v !== 'string' || v === '') {
      ok = false;
      return c.fail(p, `an agent id, a framework id or "${MASTER_ENDPOINT}"`, v);
    }
    const agent = lookup(reg.agents, v, when.at, when.seq);
    const framework = lookup(reg.frameworks, v, when.at, when.seq);
    const matches = [
      v === MASTER_ENDPOINT && 'the masters',
      agent && 'an agent',
      framework && 'a framework',
    ].filter(Boolean);
    if (matches.length > 1) {
      ok = false;
      return c.fail(p, `an unambiguous endpoint ("${v}" names ${matches.join(' and ')})`);
    }
    if (v === MASTER_ENDPOINT) return;
    const hit = agent ?? framework;
    if (hit && 'found' in hit) return;
    if (hit) {
      ok = false;
      return c.fail(
        p,
        `an endpoint that exists ${describeTime(when)} ("${v}" is only added at t=${hit.later.at}, by ${hit.later.path})`,
        v,
      );
    }
    if (reg.agentsIncomplete || reg.frameworksIncomplete) return;
    ok = false;
    const known = [MASTER_ENDPOINT, ...reg.agents.keys(), ...reg.frameworks.keys()];
    return c.fail(p, `an agent id, a framework id or "${MASTER_ENDPOINT}"${idHint(v, known)}`, v);
  });
  if (!ok) return undefined;
  if (x === y) return c.fail(path, `${what}, not the same one twice`, value);
  return [x as string, y as string];
}

// ---------------------------------------------------------------------------------------------------------
// Field readers. Each returns the value, or undefined after reporting a problem (or when an optional field
// is absent).

interface NumberRule {
  what: string;
  ok: (n: number) => boolean;
}

const SEED: NumberRule = { what: 'a non-negative integer', ok: (n) => Number.isSafeInteger(n) && n >= 0 };
const UNTIL: NumberRule = {
  what: `a number of seconds above 0, at most ${MAX_UNTIL}`,
  ok: (n) => n > 0 && n <= MAX_UNTIL,
};
const MASTERS: NumberRule = {
  what: `an integer from 1 to ${MAX_MASTERS}`,
  ok: (n) => Number.isInteger(n) && n >= 1 && n <= MAX_MASTERS,
};
// Virtual time counts microseconds; anything under a millisecond would make periods that round to nothing.
const POSITIVE_SECONDS: NumberRule = {
  what: 'a number of seconds, at least 0.001 (1 ms)',
  ok: (n) => n >= 0.001,
};
const POSITIVE_SECONDS_OR_NULL: NumberRule = {
  what: 'null or a number of seconds, at least 0.001 (1 ms)',
  ok: (n) => n >= 0.001,
};
const NON_NEGATIVE: NumberRule = { what: 'a number, 0 or more', ok: (n) => n >= 0 };
const DROP_RATE: NumberRule = {
  what: 'a probability from 0 up to (not including) 1',
  ok: (n) => n >= 0 && n < 1,
};
const WEIGHT: NumberRule = { what: 'a weight above 0', ok: (n) => n > 0 };
const PROBABILITY: NumberRule = { what: 'a probability from 0 to 1', ok: (n) => n >= 0 && n <= 1 };
/** A flaky link's extra delay: at most a minute, longer than any of the cluster's own timeouts needs. */
const DELAY_MS: NumberRule = {
  what: 'a number of milliseconds from 0 to 60000',
  ok: (n) => n >= 0 && n <= 60_000,
};
const COUNT: NumberRule = {
  what: `a whole number from 1 to ${MAX_COUNT}`,
  ok: (n) => Number.isInteger(n) && n >= 1 && n <= MAX_COUNT,
};

/**
 * A finite number obeying `rule`. When absent: `dflt`, or undefined for an 'optional' field, or a "required"
 * problem when there is neither.
 */
function readNumber(
  c: Checker,
  obj: Record<string, unknown>,
  path: string,
  key: string,
  rule: NumberRule,
  dflt?: number | 'optional',
): number | undefined {
  const v = own(obj, key);
  const p = keyPath(path, key);
  if (v === undefined) {
    if (dflt === 'optional') return undefined;
    if (dflt !== undefined) return dflt;
    return c.fail(p, `${rule.what} (required)`);
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || !rule.ok(v)) return c.fail(p, rule.what, v);
  return v;
}

function readString(
  c: Checker,
  obj: Record<string, unknown>,
  path: string,
  key: string,
  opts: { dflt?: string; nonEmpty?: boolean; optional?: boolean; what?: string },
): string | undefined {
  const v = own(obj, key);
  const p = keyPath(path, key);
  const what = opts.what ?? (opts.nonEmpty ? 'a non-empty string' : 'a string');
  if (v === undefined) {
    if (opts.dflt !== undefined) return opts.dflt;
    if (opts.optional) return undefined;
    return c.fail(p, `${what} (required)`);
  }
  if (typeof v !== 'string' || (opts.nonEmpty && v === '')) return c.fail(p, what, v);
  return v;
}

function readBoolean(
  c: Checker,
  obj: Record<string, unknown>,
  path: string,
  key: string,
  dflt: boolean,
): boolean | undefined {
  const v = own(obj, key);
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') return c.fail(keyPath(path, key), 'true or false', v);
  return v;
}

/** A resource text that parses and holds something; `why` explains the non-empty rule. */
function readResources(
  c: Checker,
  obj: Record<string, unknown>,
  path: string,
  key: string,
  why: string,
): string | undefined {
  const v = own(obj, key);
  const p = keyPath(path, key);
  const what = 'resources such as "cpus:2;mem:1024"';
  if (v === undefined) return c.fail(p, `${what} (required)`);
  if (typeof v !== 'string') return c.fail(p, what, v);
  let parsed: Resources = Resources.EMPTY;
  const problem = resourceProblem(() => (parsed = Resources.parse(v)));
  if (problem) return c.fail(p, problem);
  if (parsed.isEmpty()) return c.fail(p, `some resources above zero (${why})`, v);
  return v;
}

/** Runs a resource parser and turns its failure into the `expected` text of a ScenarioError. */
function resourceProblem(parse: () => unknown): string | undefined {
  try {
    parse();
    return undefined;
  } catch (e) {
    if (e instanceof ResourceParseError)
      return `${e.expected} at position ${e.position + 1} of ${JSON.stringify(e.text)}`;
    // Resources.parse also rejects mixing types under one name ("cpus:1;cpus:[1-2]").
    if (e instanceof Error) return `consistent resources (${e.message})`;
    throw e;
  }
}

function checkKeys(c: Checker, obj: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const listed =
      allowed.length > 0 ? `allowed here: ${allowed.join(', ')}` : 'no other keys are allowed here';
    c.fail(keyPath(path, key), `a known key${didYouMean(key, allowed)}; ${listed}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only: a missing "constructor" must not find Object.prototype's. */
function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.roles.prod`, or `$.roles["eng/web"]` when the key is not a plain identifier. */
export function keyPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function shortJson(v: unknown): string {
  let s: string | undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) s = String(v);
  else {
    try {
      s = JSON.stringify(v);
    } catch {
      s = undefined;
    }
  }
  if (s === undefined) {
    try {
      s = String(v);
    } catch {
      s = typeof v;
    }
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** ` (did you mean "until"?)` for a near miss, case-insensitively, or nothing. */
function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const cand of candidates) {
    if (cand === word) continue;
    const d = editDistance(w, cand.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = cand;
    }
  }
  const limit = Math.min(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? ` (did you mean "${best}"?)` : '';
}

/** A near miss among known ids, or the ids themselves when there are only a few. */
function idHint(id: string, known: readonly string[]): string {
  const near = didYouMean(id, known);
  if (near !== '' || known.length === 0) return near;
  if (known.length <= 8) return ` (known: ${known.map((k) => `"${k}"`).join(', ')})`;
  return '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------------------------------------------------
// JSON text

/**
 * Parses JSON text. On a syntax error it reports where, as line and column, using its own scan of the text:
 * engines word (and position) JSON.parse errors differently, and the message should be the same everywhere.
 */
function parseJsonText(c: Checker, input: string, path: string): unknown {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // A byte-order mark is not JSON.
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const found = locateJsonError(text);
    if (found) {
      const { line, column } = lineColumn(text, found.pos);
      const where =
        found.pos >= text.length
          ? `at the end of the text (line ${line}, column ${column})`
          : `at line ${line}, column ${column}`;
      return c.fail(path, `valid JSON; ${where} there should be ${found.expected}`);
    }
    return c.fail(path, `valid JSON; ${e instanceof Error ? e.message : String(e)}`);
  }
}

function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: pos - start + 1 };
}

const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Finds the first syntax error in JSON text, with an explicit stack so that deep nesting cannot overflow.
 * Returns null when the text is valid JSON.
 */
function locateJsonError(text: string): { pos: number; expected: string } | null {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  let mode: 'value' | 'key' | 'after' = 'value';
  const skip = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const err = (expected: string) => ({ pos: i, expected });
  // Scans a string starting at text[i] === '"'; returns an error or null.
  const string = (): { pos: number; expected: string } | null => {
    i++;
    for (;;) {
      if (i >= n) return err("a closing '\"'");
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return null;
      }
      if (ch === 0x5c) {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return err('a valid escape sequence (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)');
      } else if (ch < 0x20) return err('no raw control characters (such as a line break) inside a string');
      else i++;
    }
  };
  for (;;) {
    skip();
    if (mode === 'value') {
      const ch = text[i];
      if (ch === '{' || ch === '[') {
        stack.push(ch);
        i++;
        skip();
        if (text[i] === (ch === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          mode = 'after';
        } else mode = ch === '{' ? 'key' : 'value';
      } else if (ch === '"') {
        const e = string();
        if (e) return e;
        mode = 'after';
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
        mode = 'after';
      } else if (text.startsWith('false', i)) {
        i += 5;
        mode = 'after';
      } else {
        JSON_NUMBER.lastIndex = i;
        const m = JSON_NUMBER.exec(text);
        if (!m) return err('a value (an object, array, string, number, true, false or null)');
        i += m[0].length;
        mode = 'after';
      }
    } else if (mode === 'key') {
      if (text[i] !== '"') return err('a property name in double quotes');
      const e = string();
      if (e) return e;
      skip();
      if (text[i] !== ':') return err("':' after the property name");
      i++;
      mode = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? err('the end of the text after the JSON value') : null;
      const ch = text[i];
      if (ch === ',') {
        i++;
        mode = top === '{' ? 'key' : 'value';
      } else if ((top === '{' && ch === '}') || (top === '[' && ch === ']')) {
        stack.pop();
        i++;
      } else
        return err(top === '{' ? "',' or '}' after a property value" : "',' or ']' after an array element");
    }
  }
}
