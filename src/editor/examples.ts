/**
 * The example schedulers (src/editor/examples/*.ts), each a click away in the editor. Their text is loaded
 * on demand (one small chunk each), so the page's first JavaScript does not carry it. The files are real
 * TypeScript, type-checked with the project, and each runs in the model (examples.test.ts).
 */

export interface ExampleInfo {
  /** The file's base name. */
  readonly id: string;
  readonly title: string;
  /** One line: what it teaches. */
  readonly summary: string;
  /** A bad example, to learn from. */
  readonly bad: boolean;
  /** The title and summary in Simplified Chinese (the tab keeps the English title: ids are made from it). */
  readonly zh: { readonly title: string; readonly summary: string };
}

export const EXAMPLES: readonly ExampleInfo[] = [
  {
    id: 'greedy',
    title: 'Greedy',
    summary: 'Accepts everything: fills every offer with tasks.',
    bad: false,
    zh: { title: '贪婪', summary: '全部接受：把每个 offer 都塞满任务。' },
  },
  {
    id: 'polite',
    title: 'Polite',
    summary: 'Declines with filters and suppresses offers when done.',
    bad: false,
    zh: { title: '礼貌', summary: '用 filter 拒绝，完成后 suppress offer。' },
  },
  {
    id: 'one-per-offer',
    title: 'One task per offer',
    summary: 'DRF’s progressive filling, one task at a time.',
    bad: false,
    zh: { title: '每个 offer 一个任务', summary: 'DRF 的渐进填充，一次一个任务。' },
  },
  {
    id: 'service',
    title: 'Service with constraints',
    summary: 'Keeps three instances running on rack r1, one per agent.',
    bad: false,
    zh: { title: '带约束的服务', summary: '在机架 r1 上保持三个实例，每个 agent 一个。' },
  },
  {
    id: 'hoarder',
    title: 'Hoarder (bad)',
    summary: 'Holds offers it never uses.',
    bad: true,
    zh: { title: '囤积者（反例）', summary: '持有用不上的 offer。' },
  },
  {
    id: 'never-declines',
    title: 'Never declines (bad)',
    summary: 'Ignores offers it does not want, so keeps them.',
    bad: true,
    zh: { title: '从不拒绝（反例）', summary: '忽略不想要的 offer，于是一直占着。' },
  },
];

const sources = import.meta.glob<string>('./examples/*.ts', { query: '?raw', import: 'default' });

/** The example's source text. */
export async function loadExample(id: string): Promise<string> {
  const load = sources[`./examples/${id}.ts`];
  if (!load) throw new Error(`no example "${id}"`);
  return load();
}

/** Ids of the example files present (for tests: every file is listed, every listing has a file). */
export const exampleFileIds = (): string[] =>
  Object.keys(sources).map((p) => p.replace(/^\.\/examples\//, '').replace(/\.ts$/, ''));
