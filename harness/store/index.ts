export type { Store } from './store.ts';
export { createMemoryStore } from './memory-store.ts';
export { createLowdbStore, type LowdbStoreOptions } from './lowdb-store.ts';
export { createLinkedStore, type LinkedStore } from './linked-store.ts';
export { createStateWriter, type StateWriter, type StoreHealth } from './state-writer.ts';
export { removeLeftoverTemps, writeFileAtomic } from './atomic-file.ts';
