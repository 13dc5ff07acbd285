/**
 * How the engine uses an instance's classifier and mappers (contract.md §B.2 item 5, §B.4 step 5,
 * §B.5): the incident type of an event, the incident fields an event maps to, and `data`/`delta` of
 * update-remote-system through the outgoing mapper. The mapper language itself is in ./mapping/.
 */
import type { Json, JsonObject } from './json.ts';
import { isJsonObject } from './json.ts';
import { SETTABLE_FIELDS } from './incident-fields.ts';
import {
  classify,
  eventLabels,
  incidentFieldKey,
  mapFields,
  type FieldRule,
  type Mapper,
} from './mapping/index.ts';
import type { Incident, InstanceMapping } from './world.ts';

/** Field names a mapper key may resolve to at the top level of an incident (the rest are custom fields). */
const SYSTEM_FIELDS: readonly string[] = [
  ...Object.keys(SETTABLE_FIELDS),
  'dbotMirrorId',
  'dbotMirrorDirection',
  'dbotMirrorInstance',
  'dbotMirrorTags',
  // Zendesk's mapper maps it; the server owns it, so it must not become a custom field either.
  'dbotMirrorLastSync',
];

export const hasMapping = (m: InstanceMapping | undefined): boolean =>
  m !== undefined && (m.classifier !== undefined || m.incoming !== undefined || m.outgoing !== undefined);

/**
 * The type an event is classified as: the classifier's `keyTypeMap` match, else `explicit` (the
 * `type` the integration put on the incident dict), else the classifier's `defaultIncidentType`,
 * else the instance's incident type.
 */
export function classifyEvent(
  mapping: InstanceMapping,
  event: Json,
  explicit: string,
  instanceType: string,
): string {
  const classifier = mapping.classifier;
  if (!classifier) return explicit || instanceType;
  const { key } = classify(classifier, event);
  const matched = key !== undefined ? classifier.keyTypeMap[key] : undefined;
  return matched || explicit || classifier.defaultIncidentType || instanceType;
}

/**
 * A mapped value made to fit a top-level field the way XSOAR's typed fields take it: numeric
 * strings for numbers ("3" → 3), scalars for strings, a single tag for `dbotMirrorTags`.
 * Undefined when it cannot fit (the field is then left as it was).
 */
function fitTopLevel(field: string, value: Json): Json | undefined {
  if (value === null) return undefined;
  if (field === 'dbotMirrorTags') {
    if (Array.isArray(value)) return value.filter((v) => v !== null).map(String);
    return value === '' ? [] : [String(value)];
  }
  if (field === 'dbotMirrorId' || field === 'dbotMirrorDirection' || field === 'dbotMirrorInstance')
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  const kind = SETTABLE_FIELDS[field];
  if (kind === 'number') {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
    return undefined;
  }
  if (kind === 'string') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }
  return value;
}

export interface IncomingFields {
  top: JsonObject;
  custom: JsonObject;
  /** Labels from the event's attributes, unless the mapper says `dontMapEventToLabels`. */
  labels: { type: string; value: string }[];
}

/** The incident fields `event` maps to for `type`, split into top-level and custom (cliName) fields. */
export function mapIncoming(mapper: Mapper, type: string, event: Json): IncomingFields {
  const { fields, dontMapEventToLabels } = mapFields(mapper, type, event);
  const top: JsonObject = {};
  const custom: JsonObject = {};
  for (const [name, value] of Object.entries(fields)) {
    const key = incidentFieldKey(name, SYSTEM_FIELDS);
    if ('top' in key) {
      const fitted = fitTopLevel(key.top, value);
      if (fitted !== undefined) top[key.top] = fitted;
    } else {
      custom[key.custom] = value;
    }
  }
  return { top, custom, labels: dontMapEventToLabels ? [] : eventLabels(event) };
}

/** Labels of both sources, once each (the integration's own first). */
export function mergeLabels(
  own: { type: string; value: string }[],
  extra: { type: string; value: string }[],
): { type: string; value: string }[] {
  const seen = new Set(own.map((l) => `${l.type}\u0000${l.value}`));
  return [...own, ...extra.filter((l) => !seen.has(`${l.type}\u0000${l.value}`))];
}

/** The raw event of a fetched incident dict: its rawJSON when that parses to an object, else the dict. */
export function eventOf(item: JsonObject): Json {
  if (typeof item.rawJSON === 'string') {
    try {
      const raw = JSON.parse(item.rawJSON) as Json;
      if (isJsonObject(raw)) return raw;
    } catch {
      // Not JSON: XSOAR maps from the incident dict then.
    }
  }
  return item;
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The incident fields a rule reads: the first segment of its paths (simple, complex root, context args). */
export function fieldsRead(rule: FieldRule): string[] {
  const paths: string[] = [];
  const add = (path: unknown) => {
    if (typeof path !== 'string') return;
    const p = path.trim();
    if (p === '' || p.startsWith('.=') || p.startsWith('.')) return;
    paths.push(p.split('.')[0]!);
  };
  add(rule.simple);
  const complex = rule.complex;
  if (complex) {
    add(complex.root);
    for (const t of complex.transformers ?? []) {
      for (const arg of Object.values(t.args ?? {})) if (arg?.isContext) add(arg.value?.simple);
    }
  }
  return paths.map(normalise);
}

/** The rules of `mapper` that apply to `type` (type-specific ones override the catch-all per key). */
function rulesFor(mapper: Mapper, type: string): Record<string, FieldRule> {
  return {
    ...(mapper.mapping['dbot_classification_incident_type_all']?.internalMapping ?? {}),
    ...(mapper.mapping[type]?.internalMapping ?? {}),
  };
}

/**
 * `data` is the incident through the outgoing mapper (remote field names); `delta` is the part of
 * it whose rules read a field changed locally since the last push (`dirty`), same names (§B.5).
 */
export function mapOutgoing(
  mapper: Mapper,
  incident: Incident,
  flat: JsonObject,
  dirty: readonly string[],
): { data: JsonObject; delta: JsonObject } {
  const { fields } = mapFields(mapper, incident.type, flat);
  const changed = new Set(dirty.map(normalise));
  const delta: JsonObject = {};
  for (const [remote, rule] of Object.entries(rulesFor(mapper, incident.type))) {
    if (fieldsRead(rule).some((f) => changed.has(f))) delta[remote] = fields[remote] ?? '';
  }
  return { data: fields as JsonObject, delta };
}
