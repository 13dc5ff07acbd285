export * from './json.ts';
export * from './wire.ts';
export * from './command.ts';
export * from './clock.ts';
export * from './errors.ts';
export * from './world.ts';
