/**
 * Evaluating classifier and mapper rules against an event (incoming: the raw event or mirrored
 * object; outgoing: the flattened incident). Pure; operators come from filters.ts/transformers.ts.
 */
import type { Json } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { FILTERS } from './filters.ts';
import { getPath } from './path.ts';
import { TRANSFORMERS, type Args } from './transformers.ts';
import {
  ALL_TYPES,
  type ArgValue,
  type Classifier,
  type ComplexRule,
  type FieldRule,
  type FilterCondition,
  type Mapper,
} from './types.ts';

/** `.='text'` / `.="text"`: XSOAR's constant; parse.ts refuses other DT expressions. */
export const CONSTANT = /^\.=\s*(['"])(.*)\1$/s;

function argValue(arg: ArgValue | undefined, event: Json): Json | undefined {
  if (!arg || arg.value === null) return undefined;
  if (arg.isContext) return evaluateRule(arg.value, event);
  // A literal: its `simple` text as written (complex literals do not occur in content mappers).
  return arg.value.simple;
}

/**
 * The left side of a filter condition, read from the item being filtered. XSOAR writes it as a
 * context path that starts with the rule's root (`closed`, `labels.type`): the root prefix is taken
 * off and the rest is read from the item; a path outside the root is read from the whole event.
 */
function leftValue(condition: FilterCondition, root: string, item: Json, event: Json): Json | undefined {
  const left = condition.left;
  if (!left.value) return undefined;
  if (!left.isContext) return left.value.simple;
  const path = left.value.simple.trim();
  if (path === root) return item;
  if (path.startsWith(`${root}.`)) return getPath(item, path.slice(root.length + 1));
  if (isJsonObject(item)) {
    const inItem = getPath(item, path);
    if (inItem !== undefined) return inItem;
  }
  return getPath(event, path);
}

function passes(groups: FilterCondition[][], root: string, item: Json, event: Json): boolean {
  return groups.every((group) =>
    group.some((c) =>
      FILTERS[c.operator]!(leftValue(c, root, item, event), argValue(c.right, event), c.ignoreCase),
    ),
  );
}

function evaluateComplex(rule: ComplexRule, event: Json): Json | undefined {
  let value = getPath(event, rule.root);
  if (rule.filters.length > 0 && value !== undefined) {
    const items = Array.isArray(value) ? value : [value];
    const kept = items.filter((item) => passes(rule.filters, rule.root, item, event));
    value = kept.length === 0 ? undefined : Array.isArray(value) ? kept : kept[0];
  }
  if (rule.accessor.trim() !== '' && value !== undefined) value = getPath(value, rule.accessor);
  for (const step of rule.transformers) {
    const args: Args = {};
    for (const [name, arg] of Object.entries(step.args)) args[name] = argValue(arg, event);
    value = TRANSFORMERS[step.operator]!(value, args);
  }
  return value;
}

/** The value a rule yields from `source`; undefined when it yields nothing (missing path, filtered out). */
export function evaluateRule(rule: FieldRule, source: Json): Json | undefined {
  const simple = rule.simple.trim();
  if (simple !== '') {
    const constant = CONSTANT.exec(simple);
    return constant ? constant[2]! : getPath(source, simple);
  }
  return rule.complex ? evaluateComplex(rule.complex, source) : undefined;
}

/** The classifier's key for an event and the type it selects (`keyTypeMap`, else `defaultIncidentType`). */
export function classify(
  classifier: Classifier,
  event: Json,
): { type: string | undefined; key: string | undefined } {
  const raw = evaluateRule(classifier.transformer, event);
  const first = Array.isArray(raw) ? raw[0] : raw;
  const key =
    first === undefined || first === null
      ? undefined
      : typeof first === 'string'
        ? first
        : JSON.stringify(first);
  const matched = key !== undefined ? classifier.keyTypeMap[key] : undefined;
  return { type: matched ?? (classifier.defaultIncidentType || undefined), key };
}

/**
 * Every rule of the mapper for `incidentType` evaluated on `source`: the catch-all type's rules,
 * overridden per key by the type's own. Keys whose rule yields nothing are absent.
 */
export function mapFields(
  mapper: Mapper,
  incidentType: string,
  source: Json,
): { fields: Record<string, Json>; dontMapEventToLabels: boolean } {
  const all = mapper.mapping[ALL_TYPES];
  const own = mapper.mapping[incidentType];
  const rules = { ...(all?.internalMapping ?? {}), ...(own?.internalMapping ?? {}) };
  const fields: Record<string, Json> = {};
  for (const [key, rule] of Object.entries(rules)) {
    const value = evaluateRule(rule, source);
    if (value !== undefined) fields[key] = value;
  }
  return { fields, dontMapEventToLabels: (own ?? all)?.dontMapEventToLabels ?? false };
}

/** XSOAR's "map event attributes to labels": one label per top-level key, non-strings JSON-dumped. */
export function eventLabels(event: Json): { type: string; value: string }[] {
  if (!isJsonObject(event)) return [];
  return Object.entries(event)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([type, v]) => ({ type, value: typeof v === 'string' ? v : JSON.stringify(v) }));
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Where an incident field named in a mapper lives: a system field when its normalised name equals
 * one (`Close Notes` → closeNotes), else a custom field by XSOAR's cliName rule (lower-case letters
 * and digits only: `ServiceNow State` → servicenowstate).
 */
export function incidentFieldKey(
  name: string,
  systemFields: readonly string[],
): { top: string } | { custom: string } {
  const key = normalise(name);
  const system = systemFields.find((f) => normalise(f) === key);
  return system ? { top: system } : { custom: key };
}
