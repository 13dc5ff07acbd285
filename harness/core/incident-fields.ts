/**
 * Incident fields: which top-level fields exist, which a user or a remote may set, how a field
 * name resolves to a value (top level or `CustomFields`), and the incident every creation path
 * starts from.
 */
import type { Json, JsonObject } from './json.ts';
import { isJsonObject } from './json.ts';
import { ZERO_TIME } from './world.ts';
import type { Incident, MirrorDirection } from './world.ts';

type FieldKind = 'string' | 'number' | 'labels' | 'attachment';

/**
 * Top-level fields a user (update) or a remote (mirror-in, mapper) may set, with their JSON kind.
 * Lifecycle fields (status, closed, created, …) change only through close/reopen; dbotMirror*
 * fields are stamped once at creation (contract.md §B.3).
 */
export const SETTABLE_FIELDS: Readonly<Record<string, FieldKind>> = {
  name: 'string',
  type: 'string',
  severity: 'number',
  occurred: 'string',
  details: 'string',
  owner: 'string',
  phase: 'string',
  closeReason: 'string',
  closeNotes: 'string',
  labels: 'labels',
  attachment: 'attachment',
};

/** Fields nobody sets by name: identity, lifecycle, bookkeeping and mirroring metadata. */
export const PROTECTED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'status',
  'created',
  'modified',
  'closed',
  'closingUserId',
  'version',
  'investigationId',
  'sourceBrand',
  'sourceInstance',
  'rawJSON',
  'CustomFields',
  'dbotMirrorId',
  'dbotMirrorDirection',
  'dbotMirrorInstance',
  'dbotMirrorTags',
  'dbotMirrorLastSync',
  'dbotDirtyFields',
  'dbotCurrentDirtyFields',
]);

/** Why `value` does not fit top-level field `field`, or undefined when it does. */
export function fieldTypeError(field: string, value: Json): string | undefined {
  const kind = SETTABLE_FIELDS[field];
  if (kind === 'string' && typeof value !== 'string') return `${field} must be a string`;
  if (kind === 'number' && (typeof value !== 'number' || !Number.isFinite(value)))
    return `${field} must be a number`;
  if (
    kind === 'labels' &&
    !(
      Array.isArray(value) &&
      value.every((l) => isJsonObject(l) && typeof l.type === 'string' && typeof l.value === 'string')
    )
  ) {
    return `${field} must be a list of {type, value} strings`;
  }
  if (
    kind === 'attachment' &&
    !(
      Array.isArray(value) &&
      value.every((a) => isJsonObject(a) && typeof a.path === 'string' && typeof a.name === 'string')
    )
  ) {
    return `${field} must be a list of {path, name} strings`;
  }
  return undefined;
}

/** A field's current value by its XSOAR name: a top-level field, else a custom field ('' when unset). */
export function fieldValue(incident: Incident, field: string): Json {
  if (field in incident && field !== 'CustomFields')
    return (incident as unknown as JsonObject)[field] ?? null;
  return incident.CustomFields[field] ?? '';
}

/** Value at a dotted path (`severity`, `fields.status.name`); undefined when any step is missing. */
export function valueAtPath(source: Json, path: string): Json | undefined {
  if (isJsonObject(source) && path in source) return source[path];
  let current: Json | undefined = source;
  for (const step of path.split('.')) {
    if (isJsonObject(current)) current = current[step];
    else if (Array.isArray(current) && /^\d+$/.test(step)) current = current[Number(step)];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isMirrorDirection(value: unknown): value is MirrorDirection {
  return value === '' || value === 'In' || value === 'Out' || value === 'Both';
}

export function mirrorsIn(direction: MirrorDirection): boolean {
  return direction === 'In' || direction === 'Both';
}

export function mirrorsOut(direction: MirrorDirection): boolean {
  return direction === 'Out' || direction === 'Both';
}

/** A fresh active incident with every field at XSOAR's empty value. */
export function blankIncident(id: string, nowIso: string): Incident {
  return {
    id,
    name: '',
    type: '',
    status: 1,
    severity: 0,
    occurred: nowIso,
    created: nowIso,
    modified: nowIso,
    closed: ZERO_TIME,
    closeReason: '',
    closeNotes: '',
    closingUserId: '',
    details: '',
    owner: '',
    phase: '',
    labels: [],
    rawJSON: '',
    CustomFields: {},
    attachment: [],
    sourceBrand: '',
    sourceInstance: '',
    investigationId: id,
    version: 1,
    dbotMirrorId: '',
    dbotMirrorDirection: '',
    dbotMirrorInstance: '',
    dbotMirrorTags: null,
    dbotMirrorLastSync: ZERO_TIME,
    dbotDirtyFields: null,
    dbotCurrentDirtyFields: null,
  };
}

/** `list` plus the names in `add` not yet in it (order kept; null counts as empty). */
export function withNames(list: string[] | null, add: string[]): string[] {
  const out = [...(list ?? [])];
  for (const name of add) if (!out.includes(name)) out.push(name);
  return out;
}

export function withoutNames(list: string[] | null, remove: Iterable<string>): string[] {
  const drop = new Set(remove);
  return (list ?? []).filter((n) => !drop.has(n));
}
