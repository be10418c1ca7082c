/**
 * Colours. Frameworks get the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
 * distinguishable under the common colour-vision deficiencies. Colour never carries meaning alone: every
 * coloured mark also has a name, a pattern (offered resources are hatched) or an icon.
 */
import type { TaskState } from '../../cluster/scheduler/api';

/** Okabe–Ito, ordered so that the first few frameworks get the most distinct hues. */
export const FRAMEWORK_COLOURS = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#F0E442', // yellow
  '#000000', // black
] as const;

export const frameworkColour = (index: number): string =>
  FRAMEWORK_COLOURS[index % FRAMEWORK_COLOURS.length]!;

/** Per task state: an icon that says it without colour, and the CSS class that colours the chip. */
export const TASK_STYLE: Record<TaskState, { icon: string; tone: string }> = {
  TASK_STAGING: { icon: '◔', tone: 'pending' },
  TASK_STARTING: { icon: '◑', tone: 'pending' },
  TASK_RUNNING: { icon: '▶', tone: 'running' },
  TASK_KILLING: { icon: '◼', tone: 'pending' },
  TASK_FINISHED: { icon: '✓', tone: 'done' },
  TASK_FAILED: { icon: '✗', tone: 'bad' },
  TASK_KILLED: { icon: '■', tone: 'done' },
  TASK_ERROR: { icon: '!', tone: 'bad' },
  TASK_LOST: { icon: '⚠', tone: 'lost' },
  TASK_DROPPED: { icon: '⚠', tone: 'lost' },
  TASK_UNREACHABLE: { icon: '?', tone: 'lost' },
  TASK_GONE: { icon: '⊘', tone: 'lost' },
  TASK_GONE_BY_OPERATOR: { icon: '⊘', tone: 'lost' },
  TASK_UNKNOWN: { icon: '?', tone: 'lost' },
};
