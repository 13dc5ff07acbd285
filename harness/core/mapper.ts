/**
 * Simple mappers (contract.md §C: `simple` transformers only). Incoming: incident field ← source
 * path of the remote object; outgoing: remote field ← incident field path. `.='const'` is a constant.
 */
import type { Json, JsonObject } from './json.ts';
import { valueAtPath } from './incident-fields.ts';
import type { MapperRules } from './world.ts';

const CONSTANT = /^\.\s*=\s*(['"])(.*)\1$/s;

/** The value a rule yields from `source`; undefined when the path is missing. */
export function applyRule(source: Json, rule: string): Json | undefined {
  const constant = CONSTANT.exec(rule.trim());
  if (constant) return constant[2]!;
  return valueAtPath(source, rule.trim());
}

/** `{target: value}` for every rule whose source exists. */
export function applyMapper(rules: MapperRules, source: Json): JsonObject {
  const out: JsonObject = {};
  for (const [target, rule] of Object.entries(rules)) {
    const value = applyRule(source, rule);
    if (value !== undefined) out[target] = value;
  }
  return out;
}
