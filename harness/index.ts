/** The public TypeScript API of mirrorlab. */
export { createHarness, toServerSettings } from './create-harness.ts';
export type * from './api.ts';
export * from './core/index.ts';
export * from './runtime/typescript/index.ts';
export { createVirtualClock, createRealClock } from './scheduler/index.ts';
export type { VirtualClock, RealClock } from './scheduler/index.ts';
