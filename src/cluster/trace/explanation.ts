/**
 * The allocator's account of one offer (the UI's "why this offer", and the trace's `why` event in explanation
 * replays): the order the sorters put roles and frameworks in for that agent, and who came earlier but could
 * not take it. Wire types only: the allocator fills them in, the trace carries them, the page reads them.
 */

/** Why a framework that came earlier in the order did not get the agent. */
export type SkipReason =
  'filtered' | 'min-allocatable' | 'quota-limit' | 'headroom' | 'nothing-allocatable' | 'capability';

export interface Explanation {
  stage: 'guarantees' | 'fair-share';
  /** The role order for this agent, with weighted shares and allocation counts. */
  roles: { role: string; share: number; count: number }[];
  /** The framework order within the chosen role. */
  frameworks: { framework: string; share: number; count: number }[];
  /** Frameworks that came earlier in the order and could not take this agent. */
  skipped: { framework: string; role: string; reason: SkipReason }[];
  /** Frameworks of visited roles that were not in the order at all. */
  suppressed: { framework: string; role: string }[];
}
