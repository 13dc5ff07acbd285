export type { Store } from './store.ts';
export { createMemoryStore } from './memory-store.ts';
export { createLowdbStore } from './lowdb-store.ts';
