/**
 * The example scenarios shipped in `scenarios/*.json`, bundled into the page. The picker lists them in this
 * order; the first one in DEFAULT_ORDER that exists opens when no share link says otherwise.
 */
export interface ScenarioEntry {
  /** The file's base name, e.g. "drf-paper". */
  readonly id: string;
  /** The scenario as written (before validation), so the builder and exports keep its shape. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly description?: string;
}

const DEFAULT_ORDER = ['drf-paper', 'batch-service-mix', 'agent-failure', 'master-failover'];

const files = import.meta.glob<Record<string, unknown>>('/scenarios/*.json', {
  eager: true,
  import: 'default',
});

export const SCENARIOS: readonly ScenarioEntry[] = Object.entries(files)
  .map(([path, input]): ScenarioEntry => {
    const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
    const description = typeof input.description === 'string' ? input.description : undefined;
    return { id, input, ...(description ? { description } : {}) };
  })
  .sort((a, b) => {
    const rank = (id: string): number => {
      const i = DEFAULT_ORDER.indexOf(id);
      return i < 0 ? DEFAULT_ORDER.length : i;
    };
    return rank(a.id) - rank(b.id) || a.id.localeCompare(b.id);
  });
