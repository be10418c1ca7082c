/** For tests: a KeyValueStore in memory, optionally refusing writes (a full or disabled localStorage). */
import type { KeyValueStore } from '../persistence';

export interface MemoryStorage extends KeyValueStore {
  readonly data: Map<string, string>;
  failWrites: boolean;
}

export function memoryStorage(): MemoryStorage {
  const data = new Map<string, string>();
  const s: MemoryStorage = {
    data,
    failWrites: false,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (s.failWrites) throw new Error('QuotaExceededError: the quota has been exceeded');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
  return s;
}
