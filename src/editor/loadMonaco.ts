/**
 * Loads Monaco on first use. The `import()` here is the only way to Monaco from the rest of the app, so
 * the bundler puts Monaco in chunks of its own that the first page never loads (checked on the built
 * output by e2e/editor.spec.ts).
 */
import type { MonacoApi } from './monacoApi';

let loading: Promise<MonacoApi> | null = null;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= import('./monacoSetup').then((m) => m.monacoApi);
  // A failed load (offline, a deploy that replaced the chunks) may be retried later.
  loading.catch(() => (loading = null));
  return loading;
}
