/**
 * Mirror-out (contract.md §B.5): update-remote-system for each queued incident, and what its
 * result does to dirty fields, the queue and dbotMirrorId.
 */
import type { RunResult } from './command.ts';
import type { Json, JsonObject } from './json.ts';
import { isJsonObject } from './json.ts';
import { fieldValue, withoutNames } from './incident-fields.ts';
import { mapOutgoing } from './incident-mapping.ts';
import { applyStateWrites } from './run-plan.ts';
import type { RunPlan } from './run-plan.ts';
import { toIso } from './time.ts';
import { sendsOut } from './user-actions.ts';
import { contentsText, errorTexts, shorten, withoutMetrics } from './wire-read.ts';
import { API_RATE_LIMIT, EntryType } from './wire.ts';
import type { Incident, World } from './world.ts';
import { byNumericId, withIncident, withMirrorState, withOutgoing, withRecord } from './world-edit.ts';

/**
 * Queued incidents of the instance. The queue is keyed by incident, so "queue order" is incident id
 * order: each incident goes out once per cycle with everything it accumulated.
 */
export function outgoingIncidentIds(world: World, instance: string): string[] {
  return Object.keys(world.mirror.outgoing)
    .filter((id) => world.incidents[id]?.dbotMirrorInstance === instance)
    .sort(byNumericId);
}

/**
 * `data` without an outgoing mapper: the incident's top-level fields with its CustomFields merged
 * in at the top level (custom names are lower-case, so they do not collide with top-level ones).
 */
export function flattenIncident(incident: Incident): JsonObject {
  const { CustomFields, ...top } = incident;
  return { ...(top as unknown as JsonObject), ...CustomFields };
}

export function planUpdateRemote(world: World, incidentId: string, now: number): RunPlan | null {
  void now;
  const item = world.mirror.outgoing[incidentId];
  const incident = world.incidents[incidentId];
  if (!item || !incident || !sendsOut(world, incident)) return null;
  const instance = world.instances[incident.dbotMirrorInstance]!;
  const flat = flattenIncident(incident);
  const dirty = incident.dbotCurrentDirtyFields ?? [];
  let data: JsonObject = flat;
  let delta: JsonObject = {};
  if (instance.mapping?.outgoing) {
    // Remote field names in both (§B.5): delta holds the mapped keys whose rules read a dirty field.
    ({ data, delta } = mapOutgoing(instance.mapping.outgoing, incident, flat, dirty));
  } else {
    for (const field of dirty) delta[field] = fieldValue(incident, field);
  }
  const wanted = new Set(item.entryIds);
  const entries: Json[] = (world.entries[incidentId] ?? [])
    .filter((e) => wanted.has(e.id))
    .map((e) => ({
      id: e.id,
      type: e.Type,
      contents: typeof e.Contents === 'string' ? e.Contents : contentsText(e.Contents),
      format: e.ContentsFormat,
      tags: e.Tags,
      user: e.user,
      note: e.Note,
      date: e.created,
    }));
  return {
    instance: instance.name,
    command: 'update-remote-system',
    args: {
      data,
      delta,
      entries,
      remoteId: incident.dbotMirrorId,
      status: incident.status,
      incidentChanged: item.incidentChanged,
    },
    trigger: 'mirror-out',
    incidentId,
  };
}

/** The remote id an update-remote-system run returned: its first non-empty text result. */
function returnedId(result: RunResult): string | undefined {
  for (const e of withoutMetrics(result.entries)) {
    if (e.Type === EntryType.NOTE && (typeof e.Contents === 'string' || typeof e.Contents === 'number')) {
      const id = String(e.Contents).trim();
      if (id !== '' && id !== 'None') return id;
    }
  }
  return undefined;
}

export interface AppliedPush {
  world: World;
  ok: boolean;
  note: string;
  /** The error text of a failed push. */
  error?: string;
  /** The push failed with `API rate limit`: the rest of the instance's pushes wait a cycle. */
  rateLimited: boolean;
}

/** Applies an update-remote-system result, the command's state writes included. */
export function applyUpdateRemote(world: World, plan: RunPlan, result: RunResult, now: number): AppliedPush {
  const applied = applyPush(world, plan, result, now);
  return { ...applied, world: applyStateWrites(applied.world, plan.instance, result, { lastRun: false }) };
}

function applyPush(world: World, plan: RunPlan, result: RunResult, now: number): AppliedPush {
  const id = plan.incidentId ?? '';
  const incident = world.incidents[id];
  let next = withMirrorState(world, plan.instance, (s) => ({
    updateRemoteSystemCalls: s.updateRemoteSystemCalls + 1,
  }));
  if (!incident) {
    const note = `incident ${id} no longer exists`;
    return { world: withOutgoing(next, id, undefined), ok: false, note, error: note, rateLimited: false };
  }
  const nowIso = toIso(now);
  const errors = errorTexts(result);
  if (result.outcome !== 'ok' || errors.length > 0) {
    // Everything stays queued for the next cycle (§H.5: our retry policy is "retry every cycle").
    const text = errors.join('\n') || `update-remote-system ended with ${result.outcome}`;
    const reason = shorten(text);
    const item = world.mirror.outgoing[id];
    if (item) next = withOutgoing(next, id, { ...item, attempts: item.attempts + 1 });
    next = withMirrorState(next, plan.instance, (s) => ({ failures: s.failures + 1, lastError: reason }));
    next = withRecord(next, incident, (r) => ({ pushFailures: r.pushFailures + 1, lastError: reason }));
    return {
      world: next,
      ok: false,
      note: `push failed, kept for the next cycle: ${reason}`,
      error: text,
      rateLimited: text.includes(API_RATE_LIMIT),
    };
  }
  const sent = isJsonObject(plan.args.delta) ? Object.keys(plan.args.delta) : [];
  const newId = returnedId(result);
  // A returned id fills an empty dbotMirrorId and never overwrites one (§H.5).
  const fillId = incident.dbotMirrorId === '' && newId !== undefined ? newId : undefined;
  const updated: Incident = {
    ...incident,
    dbotCurrentDirtyFields: withoutNames(incident.dbotCurrentDirtyFields, sent),
    ...(world.server.policies.dirtyFields === 'until-mirrored-out'
      ? { dbotDirtyFields: withoutNames(incident.dbotDirtyFields, sent) }
      : {}),
    ...(fillId !== undefined ? { dbotMirrorId: fillId } : {}),
  };
  next = withIncident(next, updated);
  next = withOutgoing(next, id, undefined);
  next = withRecord(next, updated, (r) => ({
    lastPushAt: nowIso,
    pushes: r.pushes + 1,
    lastError: '',
    remoteId: updated.dbotMirrorId,
  }));
  const entryCount = Array.isArray(plan.args.entries) ? plan.args.entries.length : 0;
  const parts = [
    sent.length ? `delta ${sent.join(', ')}` : plan.args.incidentChanged === true ? 'incident changed' : '',
    entryCount ? `${entryCount} entr${entryCount === 1 ? 'y' : 'ies'}` : '',
    fillId !== undefined ? `dbotMirrorId set to ${fillId}` : '',
  ];
  return {
    world: next,
    ok: true,
    note: `pushed${parts.some(Boolean) ? `: ${parts.filter(Boolean).join(', ')}` : ''}`,
    rateLimited: false,
  };
}
