import type { Store } from './store.ts';

/** Keeps a deep copy, so callers cannot change what was "saved" by mutating their object. */
export function createMemoryStore<T>(initial: T | null = null): Store<T> {
  let saved: T | null = initial === null ? null : structuredClone(initial);
  return {
    read: async () => (saved === null ? null : structuredClone(saved)),
    write: async (value) => {
      saved = structuredClone(value);
    },
  };
}
