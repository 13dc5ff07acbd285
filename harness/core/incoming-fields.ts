/**
 * What a mirrored object changes on its incident (contract.md §B.4 step 5): the remote fields,
 * through the instance's classifier and incoming mapper when it has them, except dirty fields and
 * the dbotMirror* stamp.
 */
import type { Json, JsonObject } from './json.ts';
import { isJsonObject } from './json.ts';
import { fieldTypeError, jsonEqual, SETTABLE_FIELDS } from './incident-fields.ts';
import { classifyEvent, mapIncoming } from './incident-mapping.ts';
import { fromIso, toIso } from './time.ts';
import type { Incident, World } from './world.ts';

/** Sorts one remote field into incident fields or custom fields (module-level: no __name per call). */
function put(top: JsonObject, custom: JsonObject, key: string, value: Json): void {
  if (key.startsWith('dbotMirror') || key === 'dbotDirtyFields' || key === 'dbotCurrentDirtyFields') return; // never from the remote (§B.3)
  if (key in SETTABLE_FIELDS) top[key] = value;
  else custom[key.toLowerCase()] = value;
}

/**
 * The remote fields to apply. With an incoming mapper: the mirrored object is classified and mapped
 * like a fetched event (§B.4 step 5; a classifier match can change the incident type, which the
 * docs warn about). Without one: fields by name (identity).
 */
function incomingChanges(
  world: World,
  incident: Incident,
  object: JsonObject,
): { top: JsonObject; custom: JsonObject } {
  const mapping = world.instances[incident.dbotMirrorInstance]?.mapping ?? {};
  const top: JsonObject = {};
  const custom: JsonObject = {};
  if (mapping.incoming) {
    const type = classifyEvent(mapping, object, incident.type, incident.type);
    const mapped = mapIncoming(mapping.incoming, type, object);
    for (const [k, v] of Object.entries(mapped.top)) put(top, custom, k, v);
    Object.assign(custom, mapped.custom);
    if (type !== incident.type) top.type = type;
  } else {
    for (const [k, v] of Object.entries(object)) {
      if (k === 'CustomFields' && isJsonObject(v))
        for (const [ck, cv] of Object.entries(v)) custom[ck.toLowerCase()] = cv;
      else if (k in SETTABLE_FIELDS) put(top, custom, k, v);
      else if (k in incident.CustomFields) custom[k] = v;
    }
  }
  return { top, custom };
}

/** Applies remote fields except dirty ones; returns the new incident and the names changed / protected. */
export function applyFields(
  world: World,
  incident: Incident,
  object: JsonObject,
): { incident: Incident; changed: string[]; protectedFields: string[] } {
  const { top, custom } = incomingChanges(world, incident, object);
  const dirty = new Set(incident.dbotDirtyFields ?? []);
  // Copied on the first change only: most pulls change nothing (a polled day, issue 16).
  let next: Incident | undefined;
  const changed: string[] = [];
  const protectedFields: string[] = [];
  for (const [field, value] of Object.entries(top)) {
    if (dirty.has(field)) {
      if (!jsonEqual(value, (incident as unknown as JsonObject)[field])) protectedFields.push(field);
      continue;
    }
    if (fieldTypeError(field, value)) continue; // a wrongly typed remote value is not applied
    const normalised =
      field === 'occurred'
        ? fromIso(value as string) !== undefined
          ? toIso(fromIso(value as string)!)
          : undefined
        : value;
    if (normalised === undefined || jsonEqual(normalised, (incident as unknown as JsonObject)[field]))
      continue;
    next ??= { ...incident };
    (next as unknown as JsonObject)[field] = normalised;
    changed.push(field);
  }
  let customFields: JsonObject | undefined;
  for (const [field, value] of Object.entries(custom)) {
    if (dirty.has(field)) {
      if (!jsonEqual(value, incident.CustomFields[field])) protectedFields.push(field);
      continue;
    }
    if (jsonEqual(value, incident.CustomFields[field])) continue;
    customFields ??= { ...incident.CustomFields };
    customFields[field] = value;
    changed.push(field);
  }
  if (customFields) {
    next ??= { ...incident };
    next.CustomFields = customFields;
  }
  return { incident: next ?? incident, changed, protectedFields };
}
