/**
 * Literal worlds and results for the pure core's unit tests: one fixture set, shared, so every
 * test file builds worlds the same way.
 */
import {
  addInstance,
  createWorld,
  defaultInstanceState,
  profileFor,
  userCreateIncident,
} from '../../harness/core/index.ts';
import type {
  Instance,
  Json,
  MirrorDirection,
  Outcome,
  RunResult,
  ServerPolicies,
  ServerSettings,
  WireEntry,
  World,
} from '../../harness/core/index.ts';

export const T0 = Date.parse('2026-01-01T10:00:00Z');
export const MIN = 60_000;

export function server(
  version = '6.10.0',
  policies: Partial<ServerPolicies> = {},
  config: Record<string, Json> = {},
): ServerSettings {
  return {
    version: { version, buildNumber: '1', platform: 'xsoar' },
    config,
    policies: { ...profileFor(version), ...policies },
    tz: 'UTC',
    commandTimeoutMs: 5_000,
  };
}

export function instance(name = 'desk_1', over: Partial<Instance> = {}): Instance {
  return {
    name,
    brand: 'Helpdesk',
    integration: 'integrations/helpdesk.ts',
    flags: { isfetch: true, ismappable: false, isremotesyncin: true, isremotesyncout: true },
    commands: [],
    params: { url: 'http://127.0.0.1:1' },
    fetch: { enabled: true, intervalMinutes: 1 },
    enabled: true,
    incidentType: 'Ticket',
    mapping: {},
    state: defaultInstanceState(),
    ...over,
  };
}

export function baseWorld(settings = server(), ...instances: Instance[]): World {
  let w = createWorld(settings);
  for (const i of instances.length ? instances : [instance()]) w = addInstance(w, i);
  return w;
}

export function result(entries: WireEntry[], over: Partial<RunResult> = {}): RunResult {
  return { outcome: 'ok', entries, logs: [], durationMs: 5, writes: {}, files: [], ...over };
}

export const failure = (outcome: Outcome, error: string, entries: WireEntry[] = []): RunResult =>
  result(entries, { outcome, error });
export const jsonEntry = (value: unknown): WireEntry => ({
  Type: 1,
  Contents: JSON.stringify(value),
  ContentsFormat: 'json',
});
export const textEntry = (text: string): WireEntry => ({ Type: 1, Contents: text, ContentsFormat: 'text' });
export const errorEntry = (text: string): WireEntry => ({ Type: 4, Contents: text, ContentsFormat: 'text' });
export const metricsEntry: WireEntry = {
  Type: 19,
  Contents: '',
  ContentsFormat: 'text',
  APIExecutionMetrics: [{ Type: 'Successful', APICallsCount: 1 }],
};

/** A world with `n` incidents mirrored (direction `direction`) by desk_1, remote ids T-1…T-n, mirror tags as the helpdesk's. */
export function mirroredWorld(
  n: number,
  settings = server(),
  direction: MirrorDirection = 'Both',
  inst = instance(),
): World {
  let w = baseWorld(settings, inst);
  for (let i = 1; i <= n; i++) {
    w = userCreateIncident(
      w,
      {
        name: `Ticket ${i}`,
        dbotMirrorId: `T-${i}`,
        dbotMirrorDirection: direction,
        dbotMirrorInstance: inst.name,
        dbotMirrorTags: ['comment', 'work_note', 'file'],
      },
      T0,
    ).world;
  }
  return w;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
