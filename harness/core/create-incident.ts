/**
 * Turning an incident dict (from `demisto.incidents`, the incoming mapper or a user) into an
 * Incident, with the validation contract.md §C implies. Invalid input yields a reason, never a
 * half-built incident.
 */
import { HarnessError } from './errors.ts';
import type { JsonObject } from './json.ts';
import { isJsonObject } from './json.ts';
import { blankIncident, fieldTypeError, isMirrorDirection, SETTABLE_FIELDS } from './incident-fields.ts';
import { classifyEvent, eventOf, hasMapping, mapIncoming, mergeLabels } from './incident-mapping.ts';
import { fromIso, toIso } from './time.ts';
import type { Incident, InstanceMapping, World } from './world.ts';
import { emptyMirrorRecord } from './world-edit.ts';

export type IncidentDraft = { ok: true; incident: Incident } | { ok: false; reason: string };

/** What a fetched dict goes through before it becomes an incident: the instance's classifier and incoming mapper. */
export interface IncomingMapping {
  mapping: InstanceMapping;
  /** The instance's incident type (the last fallback of classification). */
  instanceType: string;
}

/**
 * The dict as XSOAR sees it after classification and incoming mapping (§B.2 item 5): mapped values
 * override the dict's own, custom fields go under CustomFields by cliName, event labels are added.
 */
function mappedDict(item: JsonObject, incoming: IncomingMapping): JsonObject {
  const { mapping, instanceType } = incoming;
  const event = eventOf(item);
  const type = classifyEvent(mapping, event, typeof item.type === 'string' ? item.type : '', instanceType);
  if (!mapping.incoming) return { ...item, type };
  const { top, custom, labels } = mapIncoming(mapping.incoming, type, event);
  const itemCustom = isJsonObject(item.CustomFields) ? item.CustomFields : {};
  const ownLabels = fieldTypeError('labels', item.labels ?? [])
    ? []
    : ((item.labels ?? []) as Incident['labels']);
  return {
    ...item,
    ...top,
    type,
    labels: mergeLabels(ownLabels, labels),
    CustomFields: { ...itemCustom, ...custom },
  };
}

/** Applies the dict's fields onto `base`; the first bad value makes the whole draft invalid. */
export function draftIncident(item: unknown, base: Incident, incoming?: IncomingMapping): IncidentDraft {
  if (!isJsonObject(item))
    return {
      ok: false,
      reason: `an incident must be an object, got ${item === null ? 'null' : Array.isArray(item) ? 'a list' : typeof item}`,
    };
  if (item.rawJSON !== undefined && item.rawJSON !== null && typeof item.rawJSON !== 'string') {
    return { ok: false, reason: 'rawJSON must be a JSON string (json.dumps of the raw event)' };
  }
  const fields: JsonObject = incoming && hasMapping(incoming.mapping) ? mappedDict(item, incoming) : item;
  if (typeof fields.name !== 'string' || fields.name.trim() === '')
    return { ok: false, reason: 'name must be a non-empty string' };
  const incident: Incident = { ...base, CustomFields: { ...base.CustomFields } };
  for (const field of Object.keys(SETTABLE_FIELDS)) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    const problem = fieldTypeError(field, value);
    if (problem) return { ok: false, reason: problem };
    if (field === 'occurred') {
      const ms = fromIso(value as string);
      if (ms === undefined)
        return { ok: false, reason: `occurred must be an ISO-8601 time, got "${String(value)}"` };
      incident.occurred = toIso(ms);
    } else {
      (incident as unknown as JsonObject)[field] = value;
    }
  }
  if (typeof fields.rawJSON === 'string') incident.rawJSON = fields.rawJSON;
  if (fields.CustomFields !== undefined && fields.CustomFields !== null) {
    if (!isJsonObject(fields.CustomFields)) return { ok: false, reason: 'CustomFields must be an object' };
    for (const [k, v] of Object.entries(fields.CustomFields)) incident.CustomFields[k.toLowerCase()] = v;
  }
  const mirror = mirrorFields(fields);
  if (typeof mirror === 'string') return { ok: false, reason: mirror };
  Object.assign(incident, mirror);
  return { ok: true, incident };
}

/** The dbotMirror* stamp of a dict (§B.3); ids may come as numbers and are kept as strings. */
function mirrorFields(fields: JsonObject): Partial<Incident> | string {
  const out: Partial<Incident> = {};
  const id = fields.dbotMirrorId;
  if (id !== undefined && id !== null) {
    if (typeof id !== 'string' && typeof id !== 'number') return 'dbotMirrorId must be a string';
    out.dbotMirrorId = String(id);
  }
  const direction = fields.dbotMirrorDirection;
  if (direction !== undefined && direction !== null) {
    if (!isMirrorDirection(direction))
      return `dbotMirrorDirection must be In, Out, Both or empty, got ${JSON.stringify(direction)}`;
    out.dbotMirrorDirection = direction;
  }
  const instance = fields.dbotMirrorInstance;
  if (instance !== undefined && instance !== null) {
    if (typeof instance !== 'string') return 'dbotMirrorInstance must be a string';
    out.dbotMirrorInstance = instance;
  }
  const tags = fields.dbotMirrorTags;
  if (tags !== undefined && tags !== null) {
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))
      return 'dbotMirrorTags must be a list of strings';
    out.dbotMirrorTags = tags as string[];
  }
  return out;
}

/** Adds a built incident (its id must be world.nextIncidentId) with an empty War Room and its mirror record. */
export function insertIncident(world: World, incident: Incident): World {
  const mirrored = incident.dbotMirrorDirection !== '';
  return {
    ...world,
    incidents: { ...world.incidents, [incident.id]: incident },
    entries: { ...world.entries, [incident.id]: [] },
    nextIncidentId: Math.max(world.nextIncidentId, Number(incident.id) + 1),
    mirror: mirrored
      ? { ...world.mirror, records: { ...world.mirror.records, [incident.id]: emptyMirrorRecord(incident) } }
      : world.mirror,
  };
}

/**
 * A user creates an incident (REST / scenario `xsoar` step). dbotMirror* fields may be given here:
 * creation is the one moment they are stamped (§B.3).
 */
export function userCreateIncident(
  world: World,
  fields: Partial<Incident> & { name: string },
  now: number,
): { world: World; incident: Incident } {
  const id = String(world.nextIncidentId);
  const base = { ...blankIncident(id, toIso(now)), sourceBrand: 'Manual' };
  const draft = draftIncident(fields, base);
  if (!draft.ok)
    throw new HarnessError(
      'invalid-input',
      `incidents: failed to create incident: ${draft.reason}. Check the fields you passed.`,
    );
  const incident = draft.incident;
  // A new incident is pending (0) or active (1); closing is a separate, mirrored action.
  if (fields.status !== undefined) {
    if (fields.status !== 0 && fields.status !== 1) {
      throw new HarnessError(
        'invalid-input',
        'incidents: failed to create incident: status must be 0 (pending) or 1 (active). Close it afterwards to get a closed incident.',
      );
    }
    incident.status = fields.status;
  }
  return { world: insertIncident(world, incident), incident };
}
