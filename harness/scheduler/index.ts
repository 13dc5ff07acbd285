export { createVirtualClock, createRealClock } from './clocks.ts';
export type { VirtualClock, RealClock } from './clocks.ts';
export { createEngine } from './engine.ts';
export type { Engine, EngineOptions } from './engine.ts';
export { createSchedule } from './schedule.ts';
export type { Schedule } from './schedule.ts';
export { createJobQueue } from './job-queue.ts';
export type { Job, JobQueue } from './job-queue.ts';
