/**
 * The console of each tab: its framework's output, errors, tasks and registrations, and the editor's own
 * notes. Each tab keeps its newest MAX_CONSOLE lines; the list is replaced, never mutated, so components
 * see each change.
 */
import type { ConsoleEntry } from './learnerTrace';

export const MAX_CONSOLE = 500;

export class Consoles {
  byTab = $state.raw<Readonly<Record<string, readonly ConsoleEntry[]>>>({});
  #seq = 0;

  add(tabId: string, entry: Omit<ConsoleEntry, 'seq'>): void {
    const list = this.byTab[tabId] ?? [];
    const next = [...list, { ...entry, seq: ++this.#seq }];
    this.byTab = { ...this.byTab, [tabId]: next.length > MAX_CONSOLE ? next.slice(-MAX_CONSOLE) : next };
  }

  /** A line from the editor itself (Run pressed, the cluster restarted, …). */
  note(tabId: string, text: string): void {
    this.add(tabId, { kind: 'note', text });
  }

  clear(tabId: string): void {
    this.byTab = { ...this.byTab, [tabId]: [] };
  }
}
