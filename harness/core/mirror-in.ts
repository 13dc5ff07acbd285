/**
 * The mirror-in job, first half (contract.md §B.4 steps 1–2): which incidents an instance mirrors
 * in, the get-modified-remote-data call and what its result means.
 */
import type { RunResult } from './command.ts';
import { mirrorsIn, mirrorsOut } from './incident-fields.ts';
import { applyStateWrites, instanceOf } from './run-plan.ts';
import type { RunPlan } from './run-plan.ts';
import { formatLastUpdate, fromIso, toIso } from './time.ts';
import { contentsJson, errorTexts, shorten, withoutMetrics } from './wire-read.ts';
import { API_RATE_LIMIT, EntryType, SKIP_UPDATE } from './wire.ts';
import type { Incident, World } from './world.ts';
import { ZERO_TIME } from './world.ts';
import { byNumericId, hasMirrorRecord, mirrorState, unique, withMirrorState } from './world-edit.ts';

export function isMirroredIn(world: World, incident: Incident, instance: string): boolean {
  return (
    incident.dbotMirrorInstance === instance &&
    mirrorsIn(incident.dbotMirrorDirection) &&
    incident.dbotMirrorId !== '' &&
    hasMirrorRecord(world, incident.id) &&
    !(incident.status === 2 && world.server.policies.closedIncidents === 'skip')
  );
}

function isMirrored(world: World, incident: Incident, instance: string, direction: 'in' | 'out'): boolean {
  return direction === 'in'
    ? isMirroredIn(world, incident, instance)
    : incident.dbotMirrorInstance === instance &&
        mirrorsOut(incident.dbotMirrorDirection) &&
        hasMirrorRecord(world, incident.id);
}

/**
 * Incidents the instance mirrors, by numeric id: those with a mirror record (a purged one is not
 * mirrored). 'in' needs a remote id (nothing to pull without one) and honours the closed-incident
 * policy; 'out' does not need an id (the integration may create the remote object, §B.5). `keep`
 * narrows the list before it is sorted: with 10,000 incidents and 100 modified, sorting only the
 * 100 keeps a cycle linear in what changed.
 */
export function mirroredIncidentIds(
  world: World,
  instance: string,
  direction: 'in' | 'out',
  keep: (incident: Incident) => boolean = () => true,
): string[] {
  const ids: string[] = [];
  for (const incident of Object.values(world.incidents))
    if (isMirrored(world, incident, instance, direction) && keep(incident)) ids.push(incident.id);
  return ids.sort(byNumericId);
}

/** Creation time of the oldest incident the instance mirrors in, or undefined when it mirrors none. */
function oldestMirroredIn(world: World, instance: string, now: number): number | undefined {
  let oldest: number | undefined;
  for (const incident of Object.values(world.incidents)) {
    if (!isMirroredIn(world, incident, instance)) continue;
    const created = fromIso(incident.created) ?? now;
    oldest = oldest === undefined ? created : Math.min(oldest, created);
  }
  return oldest;
}

/** Whether the instance mirrors any incident in: stops at the first, where the oldest reads all. */
function mirrorsAnyIn(world: World, instance: string): boolean {
  for (const id in world.incidents) if (isMirroredIn(world, world.incidents[id]!, instance)) return true;
  return false;
}

/** Pulls owed from earlier cycles (an `API rate limit` stop, a failed pull under failedPull: retry) that still exist and are still mirrored in. */
function pendingOf(world: World, instance: string): string[] {
  return mirrorState(world, instance).pendingPull.filter((id) => {
    const incident = world.incidents[id];
    return incident !== undefined && isMirroredIn(world, incident, instance);
  });
}

export function lastUpdateArg(world: World, ms: number): string {
  return formatLastUpdate(ms, world.server.policies.lastUpdateFormat, world.server.tz);
}

export function planGetModified(world: World, instance: string, now: number): RunPlan | null {
  const inst = instanceOf(world, instance, 'mirror');
  if (!inst.flags.isremotesyncin || !world.server.policies.getModifiedStep) return null;
  const last = mirrorState(world, instance).lastModifiedRunAt;
  const lastMs = last && last !== ZERO_TIME ? fromIso(last) : undefined;
  // First run: everything since the oldest mirrored incident was created. Later runs only need
  // to know there is something to mirror, not a walk over every incident each cycle (issue 16).
  const since =
    lastMs === undefined
      ? oldestMirroredIn(world, instance, now)
      : mirrorsAnyIn(world, instance)
        ? lastMs
        : undefined;
  if (since === undefined) return null;
  return {
    instance,
    command: 'get-modified-remote-data',
    args: { lastUpdate: lastUpdateArg(world, since) },
    trigger: 'mirror-in',
  };
}

export type ModifiedDecision =
  | { kind: 'ids'; incidentIds: string[] }
  | { kind: 'none' }
  | { kind: 'skip'; reason: string }
  | { kind: 'rate-limited'; reason: string }
  | { kind: 'not-implemented'; incidentIds: string[] }
  | { kind: 'failed'; reason: string };

/**
 * What the get-modified-remote-data result means (§B.4 step 2, §F.3, §F.4). `API rate limit` is
 * checked before `skip update` because CSP prefixes every error with "skip update. error: ".
 */
export function decideModified(world: World, instance: string, result: RunResult): ModifiedDecision {
  if (result.outcome === 'timeout' || result.outcome === 'crash') {
    return {
      kind: 'failed',
      reason: `get-modified-remote-data ${result.outcome}: ${shorten(result.error ?? '')}`,
    };
  }
  const errors = errorTexts(result);
  if (result.outcome !== 'ok' || errors.length > 0) {
    const text = errors.join('\n');
    if (text.includes(API_RATE_LIMIT)) return { kind: 'rate-limited', reason: shorten(text) };
    if (text.includes(SKIP_UPDATE)) return { kind: 'skip', reason: shorten(text) };
    // An uncaught exception means "not implemented" only for NotImplementedError (XM, SNOW).
    if (result.outcome === 'exception' && !text.includes('NotImplementedError'))
      return { kind: 'failed', reason: shorten(text) };
    return { kind: 'not-implemented', incidentIds: mirroredIncidentIds(world, instance, 'in') };
  }
  const entries = withoutMetrics(result.entries).filter((e) => e.Type !== EntryType.DEBUG);
  if (entries.length === 0) return { kind: 'none' };
  const list = entries.map((e) => contentsJson(e.Contents)).find(Array.isArray);
  if (!list) {
    // Not an id list and not an error: we cannot tell what changed, so the cycle is skipped and counted.
    return {
      kind: 'failed',
      reason: `get-modified-remote-data returned no id list: ${shorten(entries.map((e) => String(e.Contents)).join(' '))}`,
    };
  }
  if (list.length === 0) return { kind: 'none' };
  // Ids must be strings (content-docs 5d22e48c); numbers are compared by their string form.
  const remoteIds = new Set(list.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));
  const incidentIds = mirroredIncidentIds(world, instance, 'in', (i) => remoteIds.has(i.dbotMirrorId));
  return { kind: 'ids', incidentIds };
}

export function applyGetModified(
  world: World,
  plan: RunPlan,
  result: RunResult,
  now: number,
): { world: World; decision: ModifiedDecision; note: string } {
  const instance = plan.instance;
  let decision = decideModified(world, instance, result);
  const pending = pendingOf(world, instance);
  // Incidents owed a pull since a rate-limit stop go first, so nothing is lost (§B.4 step 4, §F.19).
  if (decision.kind === 'ids' || decision.kind === 'not-implemented')
    decision = { ...decision, incidentIds: unique([...pending, ...decision.incidentIds]) };
  const succeeded =
    decision.kind === 'ids' || decision.kind === 'none' || decision.kind === 'not-implemented';
  const kind = decision.kind;
  const reason = 'reason' in decision ? decision.reason : '';
  const counted = withMirrorState(world, instance, (s) => ({
    getModifiedCalls: s.getModifiedCalls + 1,
    pendingPull: pending,
    ...(succeeded ? { lastModifiedRunAt: toIso(now) } : {}),
    ...(kind === 'skip' ? { skippedCycles: s.skippedCycles + 1 } : {}),
    ...(kind === 'rate-limited' ? { rateLimitedCycles: s.rateLimitedCycles + 1 } : {}),
    ...(kind === 'failed' ? { failures: s.failures + 1, lastError: reason } : {}),
  }));
  const note =
    decision.kind === 'ids'
      ? `${decision.incidentIds.length} incident${decision.incidentIds.length === 1 ? '' : 's'} to pull${pending.length ? ` (${pending.length} owed from an earlier cycle)` : ''}`
      : decision.kind === 'not-implemented'
        ? `not implemented: pulling all ${decision.incidentIds.length} mirrored incidents`
        : decision.kind === 'none'
          ? `nothing modified${pending.length ? ` (${pending.length} owed from an earlier cycle)` : ''}`
          : `cycle ${decision.kind === 'rate-limited' ? 'stopped: API rate limit' : decision.kind === 'skip' ? 'skipped: skip update' : 'failed'}: ${reason}`;
  return { world: applyStateWrites(counted, instance, result, { lastRun: false }), decision, note };
}

/** Before 6.1 (no get-modified step): pending pulls first, then every mirrored incident (§B.4). */
export function planAllRemoteData(world: World, instance: string): string[] {
  return unique([...pendingOf(world, instance), ...mirroredIncidentIds(world, instance, 'in')]);
}
