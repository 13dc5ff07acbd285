/**
 * What a user does to an incident in XSOAR (edit fields, add an entry, close, reopen), and how
 * that feeds mirror-out: dirty fields and the outgoing queue (contract.md §B.5, §C).
 */
import { HarnessError } from './errors.ts';
import type { Json, JsonObject } from './json.ts';
import { isJsonObject } from './json.ts';
import {
  fieldTypeError,
  fieldValue,
  jsonEqual,
  mirrorsOut,
  PROTECTED_FIELDS,
  SETTABLE_FIELDS,
  withNames,
} from './incident-fields.ts';
import { fromIso, toIso } from './time.ts';
import { EntryType } from './wire.ts';
import type { Entry, Incident, World } from './world.ts';
import { ZERO_TIME } from './world.ts';
import {
  entryIdAt,
  hasMirrorRecord,
  withEntries,
  withIncident,
  withOutgoing,
  withRecord,
} from './world-edit.ts';

function incidentOf(world: World, id: string): Incident {
  // Own keys only: ids come from REST paths ("constructor" is no incident).
  const incident = Object.hasOwn(world.incidents, id) ? world.incidents[id] : undefined;
  if (!incident)
    throw new HarnessError(
      'not-found',
      `incidents: failed to find incident "${id}": no such incident. List incidents to see the ids.`,
    );
  return incident;
}

/**
 * Whether local changes of this incident go out: direction Out|Both, still known to the mirroring
 * job (not purged), and an instance with isremotesyncout.
 */
export function sendsOut(world: World, incident: Incident): boolean {
  return (
    mirrorsOut(incident.dbotMirrorDirection) &&
    hasMirrorRecord(world, incident.id) &&
    world.instances[incident.dbotMirrorInstance]?.flags.isremotesyncout === true
  );
}

/** Queues the incident for the next mirror-out run (changes are batched by the job, §B.5). */
export function queueOutgoing(
  world: World,
  incident: Incident,
  change: { incidentChanged?: boolean; entryId?: string },
): World {
  if (!sendsOut(world, incident)) return world;
  const item = world.mirror.outgoing[incident.id] ?? {
    incidentId: incident.id,
    entryIds: [],
    incidentChanged: false,
    attempts: 0,
  };
  return withOutgoing(world, incident.id, {
    ...item,
    incidentChanged: item.incidentChanged || change.incidentChanged === true,
    entryIds: change.entryId ? [...item.entryIds, change.entryId] : item.entryIds,
  });
}

/** Marks fields dirty: protected from mirror-in (dbotDirtyFields) and part of the next delta (dbotCurrentDirtyFields). */
function markDirty(incident: Incident, fields: string[]): Incident {
  if (fields.length === 0) return incident;
  return {
    ...incident,
    dbotDirtyFields: withNames(incident.dbotDirtyFields, fields),
    dbotCurrentDirtyFields: withNames(incident.dbotCurrentDirtyFields, fields),
  };
}

/**
 * A user edits fields. Known top-level fields are set directly, `CustomFields` and any other key
 * go to CustomFields (lower-case). Everything is validated before anything changes.
 */
export function userUpdateIncident(
  world: World,
  id: string,
  fields: Record<string, Json>,
  user: string,
  now: number,
): World {
  const incident = incidentOf(world, id);
  const fail = (reason: string, hint: string) => {
    throw new HarnessError('invalid-input', `incidents: failed to update incident ${id}: ${reason}. ${hint}`);
  };
  const top: JsonObject = {};
  const custom: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'CustomFields') {
      if (!isJsonObject(value))
        fail('CustomFields must be an object', 'Pass {"CustomFields": {"field": value}}.');
      for (const [ck, cv] of Object.entries(value as JsonObject)) custom[ck.toLowerCase()] = cv;
    } else if (key.startsWith('dbotMirror') || PROTECTED_FIELDS.has(key)) {
      fail(
        `"${key}" cannot be changed this way`,
        key.startsWith('dbotMirror')
          ? 'Mirroring fields are stamped once at creation (contract.md §B.3).'
          : "Use close / reopen for the lifecycle; ids and bookkeeping are the server's.",
      );
    } else if (key in SETTABLE_FIELDS) {
      const problem = fieldTypeError(key, value);
      if (problem) fail(problem, 'Fix the value type.');
      if (key === 'occurred' && fromIso(value as string) === undefined)
        fail('occurred must be an ISO-8601 time', 'Write e.g. 2026-01-01T10:00:00Z.');
      top[key] = key === 'occurred' ? toIso(fromIso(value as string)!) : value;
    } else {
      custom[key.toLowerCase()] = value;
    }
  }
  const changed: string[] = [];
  let next: Incident = { ...incident };
  for (const [key, value] of Object.entries(top)) {
    if (jsonEqual(value, fieldValue(incident, key))) continue;
    (next as unknown as JsonObject)[key] = value;
    changed.push(key);
  }
  let customFields: JsonObject | undefined;
  for (const [key, value] of Object.entries(custom)) {
    if (jsonEqual(value, incident.CustomFields[key])) continue;
    customFields ??= { ...incident.CustomFields };
    customFields[key] = value;
    changed.push(key);
  }
  if (changed.length === 0) return world;
  if (customFields) next.CustomFields = customFields;
  next = markDirty({ ...next, modified: toIso(now), version: incident.version + 1 }, changed);
  void user; // XSOAR records the editor in the audit trail, which this model does not keep.
  return queueOutgoing(withIncident(world, next), next, { incidentChanged: true });
}

export interface UserEntryInput {
  contents: string;
  /** A file entry (Type 3): the bytes are already on disk at `path` (the harness wrote them). */
  file?: { name: string; path: string };
  tags?: string[];
  note?: boolean;
  format?: string;
  type?: number;
  user?: string;
}

/**
 * Whether an entry with these tags goes out with the incident's next update-remote-system
 * (contract.md §B.5, §H.6). MIRDOC: adding an entry triggers the command "only if a tag is
 * inserted", and defines dbotMirrorTags as the "tags for mirrored-out entries"; ServiceNow v2 sends
 * whatever it gets to a comment or work note by tag, with no other filter, so the server must not
 * pass it other tags. Policy outgoingEntries 'any-tag' keeps the looser reading reachable.
 */
export function entryGoesOut(world: World, incident: Incident, tags: readonly string[]): boolean {
  if (tags.length === 0) return false;
  if (world.server.policies.outgoingEntries === 'any-tag') return true;
  const mirrorTags = new Set(incident.dbotMirrorTags ?? []);
  return tags.some((t) => mirrorTags.has(t));
}

/** A user adds a War Room entry; it goes out when entryGoesOut says so. Adding an entry is not an incident change. */
export function userAddEntry(
  world: World,
  id: string,
  input: UserEntryInput,
  now: number,
): { world: World; entry: Entry } {
  const incident = incidentOf(world, id);
  const fail = (reason: string) => {
    throw new HarnessError(
      'invalid-input',
      `entries: failed to add an entry to incident ${id}: ${reason}. An entry needs string contents; tags are a list of strings.`,
    );
  };
  if (typeof input.contents !== 'string') fail('contents must be a string');
  if (
    input.tags !== undefined &&
    !(Array.isArray(input.tags) && input.tags.every((t) => typeof t === 'string'))
  )
    fail('tags must be a list of strings');
  if (input.type !== undefined && !Number.isInteger(input.type)) fail('type must be an EntryType number');
  if (input.file !== undefined && !(typeof input.file.name === 'string' && input.file.name.trim() !== ''))
    fail('a file needs a name');
  const entryId = entryIdAt(world, 0, id);
  const entry: Entry = {
    id: entryId,
    incidentId: id,
    Type: input.type ?? (input.file ? EntryType.FILE : 1),
    Contents: input.contents,
    ContentsFormat: input.format ?? 'text',
    Tags: [...(input.tags ?? [])],
    Note: input.note === true,
    user: input.user ?? 'admin',
    created: toIso(now),
    source: 'user',
    ...(input.file ? { File: input.file.name, FileID: `file-${entryId}`, filePath: input.file.path } : {}),
  };
  let next = withEntries(world, id, [entry]);
  if (entryGoesOut(world, incident, entry.Tags)) next = queueOutgoing(next, incident, { entryId: entry.id });
  return { world: next, entry };
}

/** The delta keys a local close produces in fixtures (§B.5): all become dirty. */
const CLOSE_FIELDS = ['closeReason', 'closeNotes', 'closingUserId', 'runStatus'];

export function userCloseIncident(
  world: World,
  id: string,
  close: { closeReason?: string; closeNotes?: string; user?: string },
  now: number,
): World {
  const incident = incidentOf(world, id);
  if (incident.status === 2)
    throw new HarnessError(
      'conflict',
      `incidents: failed to close incident ${id}: it is already closed. Reopen it first.`,
    );
  const nowIso = toIso(now);
  const next = markDirty(
    {
      ...incident,
      status: 2,
      closed: nowIso,
      closeReason: close.closeReason ?? '',
      closeNotes: close.closeNotes ?? '',
      closingUserId: close.user ?? 'admin',
      modified: nowIso,
      version: incident.version + 1,
    },
    CLOSE_FIELDS,
  );
  let w = withIncident(world, next);
  if (world.mirror.records[id]) w = withRecord(w, next, () => ({ closed: true }));
  return queueOutgoing(w, next, { incidentChanged: true });
}

export function userReopenIncident(world: World, id: string, user: string, now: number): World {
  const incident = incidentOf(world, id);
  if (incident.status !== 2)
    throw new HarnessError(
      'conflict',
      `incidents: failed to reopen incident ${id}: it is not closed. Only closed incidents can be reopened.`,
    );
  void user;
  const next: Incident = {
    ...incident,
    status: 1,
    closed: ZERO_TIME,
    modified: toIso(now),
    version: incident.version + 1,
  };
  let w = withIncident(world, next);
  // A mirrored incident whose record was purged is registered again: "Mirroring continues to work
  // after reopening an incident in Cortex XSOAR" (MIRDOC), so the reopen itself goes out too.
  if (hasMirrorRecord(world, id) || next.dbotMirrorDirection !== '')
    w = withRecord(w, next, () => ({ closed: false }));
  return queueOutgoing(w, next, { incidentChanged: true });
}
