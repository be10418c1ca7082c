import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import type { TraceEvent } from '../trace';
import { Simulation } from './Simulation';
import allocatableJson from '../../../test/acceptance/allocatable.json';
import allocationBatchingJson from '../../../test/acceptance/allocation-batching.json';
import allocatorRecoveryResumeJson from '../../../test/acceptance/allocator-recovery-resume.json';
import coarseGrainedJson from '../../../test/acceptance/coarse-grained.json';
import drfWithFairnessExclusionJson from '../../../test/acceptance/drf-with-fairness-exclusion.json';
import filterLastsOneIntervalJson from '../../../test/acceptance/filter-lasts-one-interval.json';
import filterMadeAtTickJson from '../../../test/acceptance/filter-made-at-tick.json';
import frameworkEmptyMinAllocatableJson from '../../../test/acceptance/framework-empty-min-allocatable.json';
import frameworkMinAllocatableJson from '../../../test/acceptance/framework-min-allocatable.json';
import gpuAgentNeedsCapabilityJson from '../../../test/acceptance/gpu-agent-needs-capability.json';
import offerFilterJson from '../../../test/acceptance/offer-filter.json';
import quotaAbsentFrameworkWholeAgentJson from '../../../test/acceptance/quota-absent-framework-whole-agent.json';
import quotaAllocationGranularityJson from '../../../test/acceptance/quota-allocation-granularity.json';
import quotaProvidesGuaranteeJson from '../../../test/acceptance/quota-provides-guarantee.json';
import quotaProvidesLimitJson from '../../../test/acceptance/quota-provides-limit.json';
import quotaRoleAllocateNonQuotaResourceJson from '../../../test/acceptance/quota-role-allocate-non-quota-resource.json';
import reservationsJson from '../../../test/acceptance/reservations.json';
import reservedDrfJson from '../../../test/acceptance/reserved-drf.json';
import sameShareFairnessJson from '../../../test/acceptance/same-share-fairness.json';
import smallOfferFilterTimeoutJson from '../../../test/acceptance/small-offer-filter-timeout.json';
import suppressAndReviveOffersJson from '../../../test/acceptance/suppress-and-revive-offers.json';
import suppressAndReviveOffersWithMultiRoleJson from '../../../test/acceptance/suppress-and-revive-offers-with-multi-role.json';
import unreservedDrfJson from '../../../test/acceptance/unreserved-drf.json';
import updateWeightJson from '../../../test/acceptance/update-weight.json';

// Mesos's allocator tests (src/tests/hierarchical_allocator_tests.cpp) re-created as whole-cluster
// scenarios: a real master, agents and scripted schedulers talking over a 1 ms network. Each case is an
// acceptance case in the contract of ../shared/acceptance/check.mjs: the offers made in each time window
// (from, to] must be exactly the listed ones. The same cases live as JSON in test/acceptance/, runnable
// with `node ../shared/acceptance/check.mjs test/acceptance`; the last test below keeps the two in step.
//
// Timing (CONTRACTS.md §2): agents and frameworks listed at the top level join at t=0, so their first
// offers appear at t=0.001; an action at time t reaches the master at t + 0.001; periodic allocations run
// at every multiple of the interval; event-triggered allocations run once at the end of an instant.
// Before each window, a comment states the shares that decide it (MESOS.md §1.2: dominant share over the
// cluster total, divided by the role's weight).

interface WantedOffer {
  framework: string;
  role?: string;
  agent?: string;
  agentIn?: string[];
  resources?: Record<string, number | string>;
}

interface Window {
  between: [number, number];
  offers: WantedOffer[];
  why?: string;
}

interface AcceptanceCase {
  name: string;
  source: string;
  scenario: Record<string, unknown>;
  expect: Window[];
}

type OfferEvent = Extract<TraceEvent, { type: 'offer' }>;

// -------------------------------------------------------------------------------- matching (as check.mjs)

const sameResources = (
  want: Record<string, number | string>,
  got: Record<string, number | string>,
): boolean => {
  for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
    const a = want[k] ?? 0;
    const b = got[k] ?? 0;
    // Ranges and sets (ports) compare as text; check.mjs compares scalars only, this is stricter.
    if (typeof a === 'string' || typeof b === 'string') {
      if (a !== b) return false;
    } else if (Math.abs(a - b) > 1e-9) return false;
  }
  return true;
};

const matches = (want: WantedOffer, got: OfferEvent): boolean =>
  want.framework === got.framework &&
  (want.role === undefined || want.role === got.role) &&
  (want.agent === undefined || want.agent === got.agent) &&
  (want.agentIn === undefined || want.agentIn.includes(got.agent)) &&
  (want.resources === undefined || sameResources(want.resources, got.resources));

/** Pairs every wanted offer with a distinct made one, and nothing made is left over. */
const pair = (wanted: WantedOffer[], made: OfferEvent[]): boolean => {
  if (wanted.length === 0) return made.length === 0;
  const [w, ...rest] = wanted;
  return made.some(
    (m, i) =>
      matches(w!, m) &&
      pair(
        rest,
        made.filter((_, j) => j !== i),
      ),
  );
};

const show = (o: WantedOffer | OfferEvent): string =>
  `${o.framework}${o.role ? `[${o.role}]` : ''} <- ${o.agent ?? ('agentIn' in o ? o.agentIn?.join('|') : '?')} ` +
  JSON.stringify(o.resources ?? {});

function run(kase: AcceptanceCase): TraceEvent[] {
  return new Simulation(parseScenario(structuredClone(kase.scenario))).run();
}

function checkCase(kase: AcceptanceCase): void {
  const trace = run(kase);
  const offers = trace.filter((e): e is OfferEvent => e.type === 'offer');
  for (const w of kase.expect) {
    const [from, to] = w.between;
    const made = offers.filter((e) => e.t > from && e.t <= to);
    expect
      .soft(
        pair(w.offers, made),
        `${kase.name}: offers in (${from}, ${to}]\n  wanted [${w.offers.map(show).join('; ')}]\n` +
          `  made   [${made.map(show).join('; ')}]${w.why ? `\n  (${w.why})` : ''}`,
      )
      .toBe(true);
  }
}

// -------------------------------------------------------------------------------- building blocks

const SOURCE = 'Mesos src/tests/hierarchical_allocator_tests.cpp';
const scripted = { builtin: 'scripted' };
const fw = (id: string, roles: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  roles,
  ...extra,
  scheduler: scripted,
});
const agent = (id: string, resources: string): { id: string; resources: string } => ({ id, resources });
const base = (name: string, seed = 7): Record<string, unknown> => ({
  name,
  seed,
  allocator: { intervalSeconds: 1 },
  network: { latencyMs: 1 },
});
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const SIX = ['agent1', 'agent2', 'agent3', 'agent4', 'agent5', 'agent6'];
const times = (n: number, offer: WantedOffer): WantedOffer[] => range(n).map(() => ({ ...offer }));

// -------------------------------------------------------------------------------- the cases

const unreservedDrf: AcceptanceCase = {
  name: 'UnreservedDRF',
  source: `${SOURCE}, HierarchicalAllocatorTest.UnreservedDRF`,
  scenario: {
    ...base('unreserved-drf'),
    until: 0.9,
    agents: [agent('agent1', 'cpus:2;mem:1024;disk:0')],
    frameworks: [fw('framework1', ['role1'])],
    actions: [
      { at: 0.2, do: 'add-framework', framework: fw('framework2', ['role2']) },
      { at: 0.25, do: 'add-agent', agent: agent('agent2', 'cpus:1;mem:512;disk:0') },
      { at: 0.3, do: 'add-agent', agent: agent('agent3', 'cpus:3;mem:2048;disk:0') },
      { at: 0.4, do: 'add-framework', framework: fw('framework3', ['role1']) },
      { at: 0.45, do: 'add-agent', agent: agent('agent4', 'cpus:4;mem:4096;disk:0') },
      { at: 0.5, do: 'add-framework', framework: fw('framework4', ['role1']) },
      { at: 0.55, do: 'add-agent', agent: agent('agent5', 'cpus:1;mem:512;disk:0') },
    ],
  },
  expect: [
    // shares: role1 = 0 (framework1 alone).
    {
      between: [-1, 0.1],
      offers: [
        { framework: 'framework1', role: 'role1', agent: 'agent1', resources: { cpus: 2, mem: 1024 } },
      ],
    },
    // shares: role1 = .67, role2 = 0.
    {
      between: [0.1, 0.27],
      offers: [{ framework: 'framework2', role: 'role2', agent: 'agent2', resources: { cpus: 1, mem: 512 } }],
      why: 'role1 .667 > role2 0',
    },
    // shares: role1 = .33, role2 = .17.
    {
      between: [0.27, 0.35],
      offers: [
        { framework: 'framework2', role: 'role2', agent: 'agent3', resources: { cpus: 3, mem: 2048 } },
      ],
      why: 'role1 .333 > role2 .167',
    },
    // shares: role1 = .2 (framework1 = .2, framework3 = 0), role2 = .4.
    {
      between: [0.35, 0.47],
      offers: [
        { framework: 'framework3', role: 'role1', agent: 'agent4', resources: { cpus: 4, mem: 4096 } },
      ],
      why: 'role1 .2 < role2 .4; framework3 0 < framework1 .2',
    },
    // shares: role1 = .625, role2 = .36.
    {
      between: [0.47, 0.9],
      offers: [{ framework: 'framework2', role: 'role2', agent: 'agent5', resources: { cpus: 1, mem: 512 } }],
      why: 'role1 .625 > role2 .364',
    },
  ],
};

const reservedDrf: AcceptanceCase = {
  name: 'ReservedDRF',
  source: `${SOURCE}, HierarchicalAllocatorTest.ReservedDRF`,
  scenario: {
    ...base('reserved-drf'),
    until: 0.9,
    agents: [agent('agent1', 'cpus:1;mem:512;disk:0;cpus(role1):100;mem(role1):1024;disk(role1):0')],
    frameworks: [fw('framework1', ['role1'])],
    actions: [
      { at: 0.2, do: 'add-framework', framework: fw('framework2', ['role2']) },
      { at: 0.3, do: 'add-agent', agent: agent('agent2', 'cpus:2;mem:512;disk:0') },
      { at: 0.4, do: 'add-agent', agent: agent('agent3', 'cpus:2;mem:512;disk:0') },
      { at: 0.5, do: 'add-framework', framework: fw('framework3', ['role1']) },
      { at: 0.6, do: 'add-agent', agent: agent('agent4', 'cpus(role1):2;mem(role1):1024;disk(role1):0') },
    ],
  },
  expect: [
    // framework1 is alone: the whole agent, reservation included.
    {
      between: [-1, 0.1],
      offers: [
        {
          framework: 'framework1',
          role: 'role1',
          agent: 'agent1',
          resources: { cpus: 1, mem: 512, 'cpus(role1)': 100, 'mem(role1)': 1024 },
        },
      ],
    },
    // shares: role1 = .98 (cpus 101/103, the offered reservation counts), role2 = 0.
    {
      between: [0.1, 0.35],
      offers: [{ framework: 'framework2', role: 'role2', agent: 'agent2', resources: { cpus: 2, mem: 512 } }],
      why: 'role1 .981 (its offered reservation counts) > role2 0',
    },
    // shares: role1 = .96 (cpus 101/105), role2 = .2 (mem 512/2560).
    {
      between: [0.35, 0.45],
      offers: [{ framework: 'framework2', role: 'role2', agent: 'agent3', resources: { cpus: 2, mem: 512 } }],
      why: 'role1 .962 > role2 .2',
    },
    // Only role1 may use agent4; within role1: framework1 = .94, framework3 = 0.
    {
      between: [0.45, 0.9],
      offers: [
        {
          framework: 'framework3',
          role: 'role1',
          agent: 'agent4',
          resources: { 'cpus(role1)': 2, 'mem(role1)': 1024 },
        },
      ],
      why: 'agent4 is reserved to role1; framework3 0 < framework1 .944',
    },
  ],
};

const drfWithFairnessExclusion: AcceptanceCase = {
  name: 'DRFWithFairnessExclusion',
  source:
    `${SOURCE}, HierarchicalAllocatorTest.DRFWithFairnessExclusion ` +
    '(Mesos excludes gpus and gives framework1 GPU_RESOURCES; scenario frameworks cannot declare that ' +
    'capability, so a custom resource, fpgas, is excluded instead)',
  scenario: {
    ...base('drf-with-fairness-exclusion'),
    allocator: { intervalSeconds: 1, fairnessExcludedResourceNames: ['fpgas'] },
    until: 0.9,
    agents: [agent('agent1', 'cpus:2;mem:1024;disk:0;fpgas:1')],
    frameworks: [fw('framework1', ['role1'])],
    actions: [
      { at: 0.2, do: 'add-framework', framework: fw('framework2', ['role2']) },
      { at: 0.25, do: 'add-agent', agent: agent('agent2', 'cpus:1;mem:512;disk:0') },
      { at: 0.3, do: 'add-agent', agent: agent('agent3', 'cpus:3;mem:2048;disk:0') },
      { at: 0.4, do: 'add-framework', framework: fw('framework3', ['role1']) },
      { at: 0.45, do: 'add-agent', agent: agent('agent4', 'cpus:4;mem:4096;disk:0') },
      { at: 0.5, do: 'add-framework', framework: fw('framework4', ['role1']) },
      { at: 0.55, do: 'add-agent', agent: agent('agent5', 'cpus:1;mem:512;disk:0') },
    ],
  },
  expect: [
    {
      between: [-1, 0.1],
      offers: [
        {
          framework: 'framework1',
          role: 'role1',
          agent: 'agent1',
          resources: { cpus: 2, fpgas: 1, mem: 1024 },
        },
      ],
    },
    // shares: role1 = .67 (fpgas ignored), role2 = 0.
    {
      between: [0.1, 0.27],
      offers: [{ framework: 'framework2', role: 'role2', agent: 'agent2', resources: { cpus: 1, mem: 512 } }],
      why: 'role1 .667 (fpgas excluded) > role2 0',
    },
    // shares: role1 = .33, role2 = .17.
    {
      between: [0.27, 0.35],
      offers: [
        { framework: 'framework2', role: 'role2', agent: 'agent3', resources: { cpus: 3, mem: 2048 } },
      ],
      why: 'role1 .333 > role2 .167',
    },
    // shares: role1 = .2 (it would be 1 with its fpga counted), role2 = .4.
    {
      between: [0.35, 0.47],
      offers: [
        { framework: 'framework3', role: 'role1', agent: 'agent4', resources: { cpus: 4, mem: 4096 } },
      ],
      why: 'role1 .2 < role2 .4 only because fpgas are excluded; framework3 0 < framework1 .2',
    },
    // shares: role1 = .625, role2 = .36.
    {
      between: [0.47, 0.9],
      offers: [{ framework: 'framework2', role: 'role2', agent: 'agent5', resources: { cpus: 1, mem: 512 } }],
      why: 'role1 .625 > role2 .364',
    },
  ],
};

const coarseGrained: AcceptanceCase = {
  name: 'CoarseGrained',
  source: `${SOURCE}, HierarchicalAllocatorTest.CoarseGrained`,
  scenario: {
    ...base('coarse-grained'),
    until: 0.9,
    agents: [agent('agent1', 'cpus:2;mem:1024;disk:0'), agent('agent2', 'cpus:2;mem:1024;disk:0')],
    frameworks: [fw('framework1', ['role1'])],
    actions: [
      { at: 0.3, do: 'decline', framework: 'framework1', refuseSeconds: 0 },
      { at: 0.3, do: 'add-framework', framework: fw('framework2', ['role2']) },
    ],
  },
  expect: [
    // framework1 is alone: both agents.
    {
      between: [-1, 0.1],
      offers: [
        { framework: 'framework1', role: 'role1', agent: 'agent1', resources: { cpus: 2, mem: 1024 } },
        { framework: 'framework1', role: 'role1', agent: 'agent2', resources: { cpus: 2, mem: 1024 } },
      ],
    },
    // First agent: role1 = 0 (count 2), role2 = 0 (count 0): role2. Second agent: role1 = 0 < role2 = .5.
    {
      between: [0.1, 0.9],
      offers: [
        {
          framework: 'framework1',
          role: 'role1',
          agentIn: ['agent1', 'agent2'],
          resources: { cpus: 2, mem: 1024 },
        },
        {
          framework: 'framework2',
          role: 'role2',
          agentIn: ['agent1', 'agent2'],
          resources: { cpus: 2, mem: 1024 },
        },
      ],
      why: 'the decline and the new framework coalesce into one run; one whole agent each',
    },
  ],
};

const sameShareFairness: AcceptanceCase = {
  name: 'SameShareFairness',
  source: `${SOURCE}, HierarchicalAllocatorTest.SameShareFairness`,
  scenario: {
    ...base('same-share-fairness'),
    until: 9.9,
    agents: [agent('agent1', 'cpus:2;mem:1024;disk:0')],
    frameworks: [fw('framework1', ['*']), fw('framework2', ['*'])],
    // Whoever holds the agent declines it with no filter halfway through each interval; the other
    // framework's decline finds nothing outstanding and does nothing.
    actions: range(10).flatMap((i) => [
      { at: i + 0.5, do: 'decline', framework: 'framework1', refuseSeconds: 0 },
      { at: i + 0.5, do: 'decline', framework: 'framework2', refuseSeconds: 0 },
    ]),
  },
  // shares: framework1 = framework2 = 0 before every allocation, so the framework with fewer allocations
  // wins, then the name: framework1 at t=0, 2, 4, 6, 8 and framework2 at t=1, 3, 5, 7, 9 (5 each).
  expect: range(10).map((i) => ({
    between: [i - 0.1, i + 0.1] as [number, number],
    offers: [
      {
        framework: i % 2 === 0 ? 'framework1' : 'framework2',
        role: '*',
        agent: 'agent1',
        resources: { cpus: 2, mem: 1024 },
      },
    ],
    why:
      i === 0
        ? 'shares 0 and 0, counts 0 and 0: the name'
        : `shares 0 and 0; counts ${Math.ceil(i / 2)} and ${Math.floor(i / 2)}: the fewer allocations wins`,
  })),
};

const updateWeight: AcceptanceCase = {
  name: 'UpdateWeight',
  source: `${SOURCE}, HierarchicalAllocatorTest.UpdateWeight`,
  scenario: {
    ...base('update-weight'),
    until: 2.9,
    agents: [{ id: 'agent', count: 6, resources: 'cpus:2;mem:1024' }],
    frameworks: [fw('framework1', ['role1']), fw('framework2', ['role2'])],
    actions: [
      { at: 0.5, do: 'decline', framework: 'framework1', refuseSeconds: 0 },
      { at: 0.5, do: 'decline', framework: 'framework2', refuseSeconds: 0 },
      { at: 1.4, do: 'set-weight', role: 'role2', weight: 2 },
      { at: 1.5, do: 'decline', framework: 'framework1', refuseSeconds: 0 },
      { at: 1.5, do: 'decline', framework: 'framework2', refuseSeconds: 0 },
      { at: 2.4, do: 'set-weight', role: 'role3', weight: 3 },
      { at: 2.5, do: 'decline', framework: 'framework1', refuseSeconds: 0 },
      { at: 2.5, do: 'decline', framework: 'framework2', refuseSeconds: 0 },
      { at: 2.5, do: 'add-framework', framework: fw('framework3', ['role3']) },
    ],
  },
  expect: [
    // Agents go one at a time to the lower share; at the end role1 = .5, role2 = .5.
    {
      between: [-1, 0.1],
      offers: [
        ...times(3, {
          framework: 'framework1',
          role: 'role1',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
        ...times(3, {
          framework: 'framework2',
          role: 'role2',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
      ],
      why: 'equal weights: 3 agents each',
    },
    // Everything declined with no filter: the same again at the tick. role1 = .5, role2 = .5.
    {
      between: [0.9, 1.1],
      offers: [
        ...times(3, {
          framework: 'framework1',
          role: 'role1',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
        ...times(3, {
          framework: 'framework2',
          role: 'role2',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
      ],
      why: 'equal weights: 3 agents each',
    },
    // weight(role2) = 2; at the end role1 = .33 (cpus 4/12), role2 = .67 / 2 = .33.
    {
      between: [1.9, 2.1],
      offers: [
        ...times(2, {
          framework: 'framework1',
          role: 'role1',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
        ...times(4, {
          framework: 'framework2',
          role: 'role2',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
      ],
      why: 'weights 1:2: 2 and 4 agents',
    },
    // weight(role3) = 3 and framework3 joins; at the end role1 = .17, role2 = .33 / 2, role3 = .5 / 3.
    {
      between: [2.4, 2.6],
      offers: [
        ...times(1, {
          framework: 'framework1',
          role: 'role1',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
        ...times(2, {
          framework: 'framework2',
          role: 'role2',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
        ...times(3, {
          framework: 'framework3',
          role: 'role3',
          agentIn: SIX,
          resources: { cpus: 2, mem: 1024 },
        }),
      ],
      why: 'weights 1:2:3: 1, 2 and 3 agents',
    },
  ],
};

const reservations: AcceptanceCase = {
  name: 'Reservations',
  source: `${SOURCE}, HierarchicalAllocatorTest.Reservations`,
  scenario: {
    ...base('reservations'),
    until: 1.5,
    agents: [
      agent('agent1', 'cpus(role1):2;mem(role1):1024;disk(role1):0'),
      agent('agent2', 'cpus(role2):2;mem(role2):1024;cpus:1;mem:1024;disk:0'),
      agent('agent3', 'cpus(role3):1;mem(role3):1024;disk(role3):0'),
    ],
    frameworks: [fw('framework1', ['role1'])],
    actions: [{ at: 0.5, do: 'add-framework', framework: fw('framework2', ['role2']) }],
  },
  expect: [
    // framework1 gets its reservation and the unreserved part of agent2; agent3 belongs to role3.
    {
      between: [-1, 0.1],
      offers: [
        {
          framework: 'framework1',
          role: 'role1',
          agent: 'agent1',
          resources: { 'cpus(role1)': 2, 'mem(role1)': 1024 },
        },
        { framework: 'framework1', role: 'role1', agent: 'agent2', resources: { cpus: 1, mem: 1024 } },
      ],
    },
    // framework2 gets role2's reservation on agent2; role3 has no framework, so agent3 is never offered.
    {
      between: [0.1, 1.5],
      offers: [
        {
          framework: 'framework2',
          role: 'role2',
          agent: 'agent2',
          resources: { 'cpus(role2)': 2, 'mem(role2)': 1024 },
        },
      ],
      why: 'reservations go only to their role',
    },
  ],
};

const offerFilter: AcceptanceCase = {
  name: 'OfferFilter',
  source: `${SOURCE}, HierarchicalAllocatorTest.OfferFilter`,
  scenario: {
    ...base('offer-filter'),
    until: 3.5,
    agents: [agent('agent1', 'cpus:1;mem:512;disk:0')],
    frameworks: [fw('framework1', ['role'])],
    actions: [{ at: 0.2, do: 'decline', framework: 'framework1', refuseSeconds: 2 }],
  },
  expect: [
    {
      between: [-1, 0.1],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent1', resources: { cpus: 1, mem: 512 } }],
    },
    // The 2 s filter made at t=0.201 holds through the ticks at t=1 and t=2.
    {
      between: [0.1, 2.9],
      offers: [],
      why: 'a 2 s refuse filter set at t=0.201 holds through the allocations at t=1 and t=2',
    },
    {
      between: [2.9, 3.5],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent1', resources: { cpus: 1, mem: 512 } }],
      why: 'the filter has expired by t=3',
    },
  ],
};

const smallOfferFilterTimeout: AcceptanceCase = {
  name: 'SmallOfferFilterTimeout',
  source: `${SOURCE}, HierarchicalAllocatorTest.SmallOfferFilterTimeout`,
  scenario: {
    ...base('small-offer-filter-timeout'),
    allocator: { intervalSeconds: 60 },
    until: 120.5,
    agents: [agent('agent1', 'cpus:1;mem:512;disk:0')],
    frameworks: [fw('framework1', ['role'])],
    actions: [
      { at: 0.2, do: 'add-framework', framework: fw('framework2', ['role']) },
      { at: 0.4, do: 'add-agent', agent: agent('agent2', 'cpus:1;mem:512;disk:0') },
      { at: 0.6, do: 'decline', framework: 'framework2', agent: 'agent2', refuseSeconds: 1 },
      { at: 60.5, do: 'decline', framework: 'framework1', agent: 'agent2', refuseSeconds: 0 },
    ],
  },
  expect: [
    {
      between: [-1, 0.1],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent1', resources: { cpus: 1, mem: 512 } }],
    },
    // shares: framework1 = 1 (agent1), framework2 = 0.
    {
      between: [0.1, 0.5],
      offers: [{ framework: 'framework2', role: 'role', agent: 'agent2', resources: { cpus: 1, mem: 512 } }],
      why: 'framework2 0 < framework1 1',
    },
    { between: [0.5, 59.9], offers: [], why: 'nothing triggers an allocation before the tick at t=60' },
    // shares: framework1 = .5, framework2 = 0, but framework2's 1 s filter lasts one interval (MESOS-4302).
    {
      between: [59.9, 60.1],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent2', resources: { cpus: 1, mem: 512 } }],
      why: 'the 1 s filter is stretched to the 60 s interval and still blocks framework2 at t=60',
    },
    { between: [60.1, 119.9], offers: [], why: 'the decline at t=60.501 waits for the next tick' },
    // shares: framework1 = .5, framework2 = 0; the filter is gone.
    {
      between: [119.9, 120.5],
      offers: [{ framework: 'framework2', role: 'role', agent: 'agent2', resources: { cpus: 1, mem: 512 } }],
      why: 'framework2 0 < framework1 .5 and its filter has expired',
    },
  ],
};

const filterLastsOneInterval: AcceptanceCase = {
  name: 'FilterLastsOneInterval',
  source: 'MESOS-4302 (recoverResources: filter timeout = max(refuse_seconds, allocation_interval))',
  scenario: {
    ...base('filter-lasts-one-interval'),
    allocator: { intervalSeconds: 5 },
    until: 10.5,
    agents: [agent('agent1', 'cpus:1;mem:512')],
    frameworks: [fw('framework1', ['role'])],
    actions: [
      { at: 0.5, do: 'decline', framework: 'framework1', refuseSeconds: 1 },
      { at: 2, do: 'add-agent', agent: agent('agent2', 'cpus:1;mem:512') },
    ],
  },
  expect: [
    {
      between: [-1, 0.1],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent1', resources: { cpus: 1, mem: 512 } }],
    },
    // agent2's arrival triggers an allocation on agent2 alone.
    {
      between: [0.1, 2.1],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent2', resources: { cpus: 1, mem: 512 } }],
      why: 'a new agent triggers an allocation on that agent only',
    },
    {
      between: [2.1, 9.9],
      offers: [],
      why: 'the 1 s filter made at t=0.501 lasts max(1 s, 5 s): it still holds agent1 back at the tick at t=5',
    },
    {
      between: [9.9, 10.5],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent1', resources: { cpus: 1, mem: 512 } }],
      why: 'expired by the tick at t=10',
    },
  ],
};

const filterMadeAtTick: AcceptanceCase = {
  name: 'FilterMadeAtTick',
  source:
    'MESOS-4302: a filter expires through a timer and a double dispatch, so it is ordered against the ' +
    'periodic allocation by which timer was created first (hierarchical.cpp, recoverResources and expire); ' +
    'MESOS.md §1.7',
  scenario: {
    ...base('filter-made-at-tick'),
    until: 2.5,
    agents: [agent('agent1', 'cpus:1;mem:512')],
    frameworks: [fw('framework1', ['role'])],
    actions: [{ at: 0.999, do: 'decline', framework: 'framework1', refuseSeconds: 1 }],
  },
  expect: [
    {
      between: [-1, 0.1],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent1', resources: { cpus: 1, mem: 512 } }],
    },
    // The decline reaches the master at t=1, before the periodic allocation of t=1, which sees its filter.
    {
      between: [0.1, 1.9],
      offers: [],
      why: 'the 1 s filter made at t=1 holds back the agent from the allocation at t=1',
    },
    // The timer of the allocation at t=2 was created when the allocation at t=1 finished, after the
    // filter's timer: the filter expires first.
    {
      between: [1.9, 2.5],
      offers: [{ framework: 'framework1', role: 'role', agent: 'agent1', resources: { cpus: 1, mem: 512 } }],
      why: 'a periodic allocation ran after the filter was made, so it has expired by the allocation at t=2',
    },
  ],
};

const suppressAndReviveOffers: AcceptanceCase = {
  name: 'SuppressAndReviveOffers',
  source: `${SOURCE}, HierarchicalAllocatorTest.SuppressAndReviveOffers`,
  scenario: {
    ...base('suppress-and-revive-offers'),
    until: 1.9,
    agents: [agent('agent1', 'cpus:2;mem:1024;disk:0')],
    frameworks: [fw('framework1', ['role1'])],
    actions: [
      { at: 0.2, do: 'revive', framework: 'framework1' },
      { at: 0.3, do: 'decline', framework: 'framework1', refuseSeconds: 0 },
      { at: 0.4, do: 'suppress', framework: 'framework1' },
      { at: 1.5, do: 'revive', framework: 'framework1' },
    ],
  },
  expect: [
    {
      between: [-1, 0.1],
      offers: [
        { framework: 'framework1', role: 'role1', agent: 'agent1', resources: { cpus: 2, mem: 1024 } },
      ],
    },
    {
      between: [0.1, 1.45],
      offers: [],
      why: 'a redundant revive offers nothing; a suppressed framework gets no offer at t=1',
    },
    {
      between: [1.45, 1.9],
      offers: [
        { framework: 'framework1', role: 'role1', agent: 'agent1', resources: { cpus: 2, mem: 1024 } },
      ],
      why: 'revive triggers an allocation at once',
    },
  ],
};

const suppressAndReviveOffersWithMultiRole: AcceptanceCase = {
  name: 'SuppressAndReviveOffersWithMultiRole',
  source: `${SOURCE}, HierarchicalAllocatorTest.SuppressAndReviveOffersWithMultiRole`,
  scenario: {
    ...base('suppress-and-revive-offers-with-multi-role'),
    until: 3.5,
    agents: [],
    frameworks: [fw('framework1', ['role1', 'role2'])],
    actions: [
      { at: 0.2, do: 'suppress', framework: 'framework1', roles: ['role1'] },
      { at: 0.5, do: 'add-agent', agent: agent('agent1', 'cpus:2;mem:1024;disk:0') },
      { at: 0.7, do: 'decline', framework: 'framework1', refuseSeconds: 86400 },
      { at: 1.5, do: 'revive', framework: 'framework1', roles: ['role1'] },
      { at: 1.7, do: 'decline', framework: 'framework1', refuseSeconds: 86400 },
    ],
  },
  expect: [
    { between: [-1, 0.45], offers: [] },
    // role1 is suppressed: the agent goes to framework1 in role2.
    {
      between: [0.45, 0.6],
      offers: [
        { framework: 'framework1', role: 'role2', agent: 'agent1', resources: { cpus: 2, mem: 1024 } },
      ],
      why: 'role1 is suppressed',
    },
    { between: [0.6, 1.45], offers: [], why: 'role2 has a 1-day filter and role1 is suppressed' },
    // Reviving role1 leaves role2's filter alone, and role1 has none: role1 gets the agent.
    {
      between: [1.45, 1.6],
      offers: [
        { framework: 'framework1', role: 'role1', agent: 'agent1', resources: { cpus: 2, mem: 1024 } },
      ],
      why: 'filters are per role: role1 has none',
    },
    { between: [1.6, 3.5], offers: [], why: 'both roles have a 1-day filter now' },
  ],
};

const allocatable: AcceptanceCase = {
  name: 'Allocatable',
  source: `${SOURCE}, HierarchicalAllocatorTest.Allocatable`,
  scenario: {
    ...base('allocatable'),
    until: 1.5,
    agents: [],
    frameworks: [fw('framework1', ['role1'])],
    actions: [
      { at: 0.1, do: 'add-agent', agent: agent('agent1', 'cpus:0.005;mem:16;disk:128') },
      { at: 0.2, do: 'add-agent', agent: agent('agent2', 'cpus:0.01;mem:16;disk:128') },
      { at: 0.3, do: 'add-agent', agent: agent('agent3', 'cpus:0.005;mem:32;disk:128') },
      {
        at: 0.4,
        do: 'add-agent',
        agent: agent('agent4', 'cpus:0.015;mem:16;cpus(role1):0.015;mem(role1):16;disk:128'),
      },
    ],
  },
  expect: [
    { between: [-1, 0.15], offers: [], why: 'agent1 has neither 0.01 cpus nor 32 MB' },
    {
      between: [0.15, 0.25],
      offers: [{ framework: 'framework1', agent: 'agent2', resources: { cpus: 0.01, mem: 16, disk: 128 } }],
      why: 'enough cpus',
    },
    {
      between: [0.25, 0.35],
      offers: [{ framework: 'framework1', agent: 'agent3', resources: { cpus: 0.005, mem: 32, disk: 128 } }],
      why: 'enough memory',
    },
    {
      between: [0.35, 0.45],
      offers: [
        {
          framework: 'framework1',
          agent: 'agent4',
          resources: { cpus: 0.015, mem: 16, disk: 128, 'cpus(role1)': 0.015, 'mem(role1)': 16 },
        },
      ],
      why: '0.015 unreserved + 0.015 reserved cpus = 0.03',
    },
    { between: [0.45, 1.5], offers: [], why: 'agent1 is never allocatable' },
  ],
};

const frameworkMinAllocatable: AcceptanceCase = {
  name: 'FrameworkMinAllocatable',
  source:
    `${SOURCE}, HierarchicalAllocatorTest.FrameworkMinAllocatable ` +
    '(the model has no framework update: a second framework subscribes with the override)',
  scenario: {
    ...base('framework-min-allocatable'),
    until: 1.5,
    agents: [agent('agent1', 'cpus:0.005;mem:16;disk:128')],
    frameworks: [fw('framework1', ['role1'])],
    actions: [
      {
        at: 0.5,
        do: 'add-framework',
        framework: fw('framework2', ['role2'], { minAllocatable: 'cpus:0.003' }),
      },
    ],
  },
  expect: [
    { between: [-1, 0.45], offers: [], why: 'below the global cpus:0.01|mem:32' },
    {
      between: [0.45, 1.5],
      offers: [{ framework: 'framework2', agent: 'agent1', resources: { cpus: 0.005, mem: 16, disk: 128 } }],
      why: "framework2's own minimum, cpus:0.003, overrides the global one",
    },
  ],
};

const frameworkEmptyMinAllocatable: AcceptanceCase = {
  name: 'FrameworkEmptyMinAllocatable',
  source: `${SOURCE}, HierarchicalAllocatorTest.FrameworkEmptyMinAllocatable`,
  scenario: {
    ...base('framework-empty-min-allocatable'),
    until: 0.5,
    agents: [agent('agent1', 'cpus:0.005;mem:16;disk:128')],
    frameworks: [fw('framework1', ['role1'], { minAllocatable: '' })],
    actions: [],
  },
  expect: [
    {
      between: [-1, 0.5],
      offers: [{ framework: 'framework1', agent: 'agent1', resources: { cpus: 0.005, mem: 16, disk: 128 } }],
      why: 'an empty framework minimum accepts anything',
    },
  ],
};

const gpuAgentNeedsCapability: AcceptanceCase = {
  name: 'GpuAgentNeedsCapability',
  source:
    'MESOS-5634: with --filter_gpu_resources (the default) an agent with GPUs is offered only to frameworks ' +
    'with the GPU_RESOURCES capability (isCapableOfReceivingAgent, hierarchical.cpp); MESOS.md §1.12',
  scenario: {
    ...base('gpu-agent-needs-capability'),
    until: 2.5,
    agents: [agent('agent1', 'cpus:1;mem:512;gpus:1'), agent('agent2', 'cpus:1;mem:512')],
    frameworks: [fw('framework1', ['role1'])],
    actions: [],
  },
  expect: [
    // Scenario frameworks subscribe with MULTI_ROLE (and PARTITION_AWARE) only, never GPU_RESOURCES.
    {
      between: [-1, 2.5],
      offers: [{ framework: 'framework1', role: 'role1', agent: 'agent2', resources: { cpus: 1, mem: 512 } }],
      why: 'agent1 has a GPU and framework1 is not GPU_RESOURCES capable: agent1 is never offered',
    },
  ],
};

// createQuota(x) in Mesos's tests sets guarantee = limit = x (MESOS.md §1.10).
const quota = (text: string): { quota: { guarantees: string; limits: string } } => ({
  quota: { guarantees: text, limits: text },
});

const quotaProvidesGuarantee: AcceptanceCase = {
  name: 'QuotaProvidesGuarantee',
  source: `${SOURCE}, HierarchicalAllocatorTest.QuotaProvidesGuarantee`,
  scenario: {
    ...base('quota-provides-guarantee'),
    until: 3.5,
    roles: { 'quota-role': quota('cpus:2;mem:1024') },
    agents: [],
    frameworks: [fw('framework1', ['quota-role']), fw('framework2', ['no-quota-role'])],
    actions: [
      { at: 0.2, do: 'add-agent', agent: agent('agent1', 'cpus:1;mem:512;disk:0') },
      { at: 0.4, do: 'add-agent', agent: agent('agent2', 'cpus:1;mem:512;disk:0') },
      { at: 0.5, do: 'decline', framework: 'framework1', agent: 'agent2', refuseSeconds: 2 },
    ],
  },
  expect: [
    // quota-role is the only role with unsatisfied quota.
    {
      between: [-1, 0.25],
      offers: [
        { framework: 'framework1', role: 'quota-role', agent: 'agent1', resources: { cpus: 1, mem: 512 } },
      ],
    },
    // shares: quota-role = 1 [guarantee cpus 2, mem 1024 unmet], no-quota-role = 0: guarantees first.
    {
      between: [0.25, 0.45],
      offers: [
        { framework: 'framework1', role: 'quota-role', agent: 'agent2', resources: { cpus: 1, mem: 512 } },
      ],
      why: 'guarantees are served before fair shares',
    },
    // shares: quota-role = .5, no-quota-role = 0; agent2 is quota-role's headroom.
    {
      between: [0.45, 2.9],
      offers: [],
      why: 'framework1 is filtered, and giving agent2 to framework2 would break the guarantee',
    },
    {
      between: [2.9, 3.5],
      offers: [
        { framework: 'framework1', role: 'quota-role', agent: 'agent2', resources: { cpus: 1, mem: 512 } },
      ],
      why: 'the filter has expired',
    },
  ],
};

const quotaProvidesLimit: AcceptanceCase = {
  name: 'QuotaProvidesLimit',
  source:
    `${SOURCE}, HierarchicalAllocatorTest.QuotaProvidesLimit ` +
    '(the limit is set from the start; the zero-limit phase is a unit test)',
  scenario: {
    ...base('quota-provides-limit'),
    until: 1.5,
    roles: { '*': { quota: { limits: 'cpus:1;mem:512;disk:512' } } },
    agents: [agent('agent1', 'cpus:2;mem:1024;disk:1024')],
    frameworks: [fw('framework1', ['*']), fw('framework2', ['no-quota-role'])],
    actions: [{ at: 0.5, do: 'add-agent', agent: agent('agent2', 'cpus:2;mem:1024;disk:1024') }],
  },
  expect: [
    // shares: "*" = 0, no-quota-role = 0, counts 0 and 0: "*" first by name, chopped at its limits;
    // the rest of the same agent goes to framework2.
    {
      between: [-1, 0.1],
      offers: [
        { framework: 'framework1', role: '*', agent: 'agent1', resources: { cpus: 1, mem: 512, disk: 512 } },
        {
          framework: 'framework2',
          role: 'no-quota-role',
          agent: 'agent1',
          resources: { cpus: 1, mem: 512, disk: 512 },
        },
      ],
      why: 'one agent chopped between two frameworks by the limit',
    },
    // shares: "*" = .25, no-quota-role = .25; "*" is at its limits, so framework2 gets all of agent2.
    {
      between: [0.1, 1.5],
      offers: [
        {
          framework: 'framework2',
          role: 'no-quota-role',
          agent: 'agent2',
          resources: { cpus: 2, mem: 1024, disk: 1024 },
        },
      ],
      why: '"*" is at its limits',
    },
  ],
};

const quotaAbsentFrameworkWholeAgent: AcceptanceCase = {
  name: 'QuotaAbsentFrameworkWholeAgent',
  source: `${SOURCE}, HierarchicalAllocatorTest.QuotaAbsentFrameworkWholeAgent`,
  scenario: {
    ...base('quota-absent-framework-whole-agent'),
    until: 1.5,
    roles: { 'quota-role': quota('cpus:2;mem:1024') },
    agents: [agent('agent1', 'cpus:2;mem:1024')],
    frameworks: [fw('framework1', ['no-quota-role'])],
    actions: [{ at: 0.5, do: 'add-agent', agent: agent('agent2', 'cpus:2;mem:1024') }],
  },
  expect: [
    { between: [-1, 0.45], offers: [], why: 'agent1 is the headroom of quota-role, which has no framework' },
    // One agent is enough headroom now; the new one goes to framework1, and agent1 stays back at t=1.
    {
      between: [0.45, 1.5],
      offers: [
        {
          framework: 'framework1',
          role: 'no-quota-role',
          agent: 'agent2',
          resources: { cpus: 2, mem: 1024 },
        },
      ],
      why: 'the other agent is still the headroom',
    },
  ],
};

const quotaAllocationGranularity: AcceptanceCase = {
  name: 'QuotaAllocationGranularity',
  source: `${SOURCE}, HierarchicalAllocatorTest.QuotaAllocationGranularity`,
  scenario: {
    ...base('quota-allocation-granularity'),
    until: 0.9,
    roles: { 'quota-role': quota('cpus:0.5;mem:200') },
    agents: [],
    frameworks: [fw('framework1', ['quota-role'])],
    actions: [
      { at: 0.2, do: 'add-agent', agent: agent('agent1', 'cpus:1;mem:512;disk:0') },
      { at: 0.4, do: 'add-framework', framework: fw('framework2', ['no-quota-role']) },
    ],
  },
  expect: [
    // quota-role: guarantee = limit = cpus 0.5, mem 200; the agent is chopped to it.
    {
      between: [-1, 0.25],
      offers: [
        { framework: 'framework1', role: 'quota-role', agent: 'agent1', resources: { cpus: 0.5, mem: 200 } },
      ],
      why: 'exactly the guarantee',
    },
    {
      between: [0.25, 0.9],
      offers: [
        {
          framework: 'framework2',
          role: 'no-quota-role',
          agent: 'agent1',
          resources: { cpus: 0.5, mem: 312 },
        },
      ],
      why: 'the rest of the agent',
    },
  ],
};

const quotaRoleAllocateNonQuotaResource: AcceptanceCase = {
  name: 'QuotaRoleAllocateNonQuotaResource',
  source:
    `${SOURCE}, HierarchicalAllocatorTest.QuotaRoleAllocateNonQuotaResource ` +
    "(agent1's offer is used by a task so that setting quota-role-2's quota has no offer to rescind)",
  scenario: {
    ...base('quota-role-allocate-non-quota-resource'),
    until: 0.9,
    roles: { 'quota-role-1': quota('cpus:2') },
    agents: [agent('agent1', 'cpus:1;mem:1024;ports:[31000-32000]')],
    frameworks: [fw('framework1', ['quota-role-1'])],
    actions: [
      {
        at: 0.2,
        do: 'launch',
        framework: 'framework1',
        agent: 'agent1',
        task: { resources: 'cpus:1;mem:1024', command: 'sleep 1000' },
      },
      { at: 0.4, do: 'set-quota', role: 'quota-role-2', guarantees: 'mem:1024', limits: 'mem:1024' },
      { at: 0.5, do: 'add-agent', agent: agent('agent2', 'cpus:1;mem:1024;ports:[31000-32000]') },
      { at: 0.7, do: 'add-agent', agent: agent('agent3', 'cpus:1;mem:1024;ports:[31000-32000]') },
    ],
  },
  expect: [
    // No other quota yet: memory and ports ride along with the guaranteed cpu.
    {
      between: [-1, 0.1],
      offers: [
        {
          framework: 'framework1',
          role: 'quota-role-1',
          agent: 'agent1',
          resources: { cpus: 1, mem: 1024, ports: '[31000-32000]' },
        },
      ],
    },
    { between: [0.1, 0.45], offers: [], why: 'only agent1 ports are free, and they are not allocatable' },
    // quota-role-1 still needs 1 cpu; agent2's memory is the headroom quota-role-2 needs.
    {
      between: [0.45, 0.6],
      offers: [
        {
          framework: 'framework1',
          role: 'quota-role-1',
          agent: 'agent2',
          resources: { cpus: 1, ports: '[31000-32000]' },
        },
      ],
      why: "agent2's memory is held back for quota-role-2",
    },
    // quota-role-1 is at its cpu limit; it has no memory limit and agent2's memory covers the headroom.
    {
      between: [0.6, 0.9],
      offers: [
        {
          framework: 'framework1',
          role: 'quota-role-1',
          agent: 'agent3',
          resources: { mem: 1024, ports: '[31000-32000]' },
        },
      ],
      why: 'only resources without a limit, within the headroom',
    },
  ],
};

const allocationBatching: AcceptanceCase = {
  name: 'AllocationBatching',
  source:
    'MESOS-6904 (event-triggered allocations are batched) and MESOS-3078 (recovered resources wait for ' +
    'the next periodic allocation); MESOS.md §1.4',
  scenario: {
    ...base('allocation-batching'),
    until: 2.5,
    agents: [],
    frameworks: [fw('frameworkZ', ['zzz'])],
    actions: [
      { at: 0.5, do: 'add-agent', agent: agent('agent1', 'cpus:2;mem:1024') },
      { at: 0.5, do: 'add-framework', framework: fw('frameworkA', ['aaa']) },
      { at: 1.3, do: 'decline', framework: 'frameworkA', refuseSeconds: 0 },
    ],
  },
  expect: [
    { between: [-1, 0.45], offers: [] },
    // The agent's and the framework's triggers (both at t=0.501) make one run after both are applied.
    // shares: aaa = 0, zzz = 0, counts 0 and 0: aaa by name.
    {
      between: [0.45, 0.55],
      offers: [{ framework: 'frameworkA', role: 'aaa', agent: 'agent1', resources: { cpus: 2, mem: 1024 } }],
      why: 'one run after the agent and the framework are both added; aaa wins the tie by name',
    },
    { between: [0.55, 1.95], offers: [], why: 'the decline at t=1.301 triggers no allocation (MESOS-3078)' },
    // shares: aaa = 0, zzz = 0; counts: aaa 1, zzz 0.
    {
      between: [1.95, 2.05],
      offers: [{ framework: 'frameworkZ', role: 'zzz', agent: 'agent1', resources: { cpus: 2, mem: 1024 } }],
      why: 'offered at the next tick; zzz has fewer allocations',
    },
  ],
};

const FIVE = ['agent1', 'agent2', 'agent3', 'agent4', 'agent5'];

const allocatorRecoveryResume: AcceptanceCase = {
  name: 'AllocatorRecoveryResume',
  source:
    'HierarchicalAllocatorProcess::recover, addSlave and resume (hierarchical.cpp): after a master failover ' +
    'with quota, allocation pauses until 80% of the agents are back; MESOS.md §1.4 and §1.10',
  scenario: {
    ...base('allocator-recovery-resume'),
    allocator: { intervalSeconds: 60 },
    until: 61,
    roles: { q: { quota: { limits: 'cpus:100' } } },
    agents: [{ id: 'agent', count: 5, resources: 'cpus:1;mem:512' }],
    frameworks: [fw('framework1', ['r'])],
    actions: [{ at: 1, do: 'fail-master' }],
  },
  expect: [
    // framework1 is alone: all five agents, one offer each.
    {
      between: [-1, 0.1],
      offers: times(5, {
        framework: 'framework1',
        role: 'r',
        agentIn: FIVE,
        resources: { cpus: 1, mem: 512 },
      }),
    },
    {
      between: [0.1, 11],
      offers: [],
      why: 'the leading master failed at t=1; the standby is elected at t=11',
    },
    // Quota exists, so the new master's allocator pauses until floor(0.8 x 5) = 4 agents are back. While
    // paused, framework1's re-subscription and the first three agents trigger nothing and leave no
    // candidates; the fourth agent resumes allocation and, like the fifth, triggers an allocation on itself.
    {
      between: [11, 59.9],
      offers: times(2, {
        framework: 'framework1',
        role: 'r',
        agentIn: FIVE,
        resources: { cpus: 1, mem: 512 },
      }),
      why: 'resuming triggers no allocation; only the 4th and 5th agents to re-register are offered at once',
    },
    // shares: r = .4 (2 of 5 agents); the other three agents wait for the periodic allocation.
    {
      between: [59.9, 61],
      offers: times(3, {
        framework: 'framework1',
        role: 'r',
        agentIn: FIVE,
        resources: { cpus: 1, mem: 512 },
      }),
      why: 'the agents that re-registered while paused are offered at the next periodic allocation',
    },
  ],
};

/** Every case with the JSON copy under test/acceptance/ that check.mjs runs. */
const CASES: [AcceptanceCase, unknown][] = [
  [unreservedDrf, unreservedDrfJson],
  [reservedDrf, reservedDrfJson],
  [drfWithFairnessExclusion, drfWithFairnessExclusionJson],
  [coarseGrained, coarseGrainedJson],
  [sameShareFairness, sameShareFairnessJson],
  [updateWeight, updateWeightJson],
  [reservations, reservationsJson],
  [offerFilter, offerFilterJson],
  [smallOfferFilterTimeout, smallOfferFilterTimeoutJson],
  [filterLastsOneInterval, filterLastsOneIntervalJson],
  [filterMadeAtTick, filterMadeAtTickJson],
  [suppressAndReviveOffers, suppressAndReviveOffersJson],
  [suppressAndReviveOffersWithMultiRole, suppressAndReviveOffersWithMultiRoleJson],
  [allocatable, allocatableJson],
  [frameworkMinAllocatable, frameworkMinAllocatableJson],
  [frameworkEmptyMinAllocatable, frameworkEmptyMinAllocatableJson],
  [gpuAgentNeedsCapability, gpuAgentNeedsCapabilityJson],
  [quotaProvidesGuarantee, quotaProvidesGuaranteeJson],
  [quotaProvidesLimit, quotaProvidesLimitJson],
  [quotaAbsentFrameworkWholeAgent, quotaAbsentFrameworkWholeAgentJson],
  [quotaAllocationGranularity, quotaAllocationGranularityJson],
  [quotaRoleAllocateNonQuotaResource, quotaRoleAllocateNonQuotaResourceJson],
  [allocationBatching, allocationBatchingJson],
  [allocatorRecoveryResume, allocatorRecoveryResumeJson],
];

describe('Mesos allocator tests as whole-cluster scenarios', () => {
  for (const [kase] of CASES) it(kase.name, () => checkCase(kase));
});

describe('the same scenarios, beyond offers', () => {
  it('runs the coalesced triggers of one instant as a single allocation (MESOS-6904)', () => {
    const trace = run(allocationBatching);
    const runs = trace.filter((e) => e.type === 'allocation' && !e.periodic && e.t > 0.45 && e.t <= 0.55);
    // One event-triggered run at t=0.501 for both the new agent and the new framework.
    expect(runs.map((e) => e.t)).toEqual([0.501]);
  });

  it('traces the same events for the same scenario and seed', () => {
    expect(JSON.stringify(run(updateWeight))).toBe(JSON.stringify(run(updateWeight)));
  });
});

describe('test/acceptance JSON cases', () => {
  // The JSON files are what `node ../shared/acceptance/check.mjs test/acceptance` runs; they must be
  // exactly the cases above.
  for (const [kase, json] of CASES)
    it(`${kase.name} is in step with its JSON copy`, () => expect(json).toEqual(kase));
});
