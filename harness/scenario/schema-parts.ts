/**
 * Building blocks of the scenario schema (schema.ts, schema-expect.ts): closed objects that know
 * what they are called in messages, durations, patterns, ids, counts and incident selectors.
 */
import { z } from 'zod';
import { parseDuration } from '../core/index.ts';

/** What each closed object is called in messages: `unknown step "advanse"`. */
export const OBJECT_KINDS = new WeakMap<object, string>();

export function closed<T extends z.ZodRawShape>(what: string, shape: T, description?: string) {
  const base = z.strictObject(shape);
  const schema = description ? base.describe(description) : base;
  OBJECT_KINDS.set(schema, what);
  return schema;
}

function isDuration(value: string | number): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DURATION_HINT = 'write e.g. 90s, 5m, 1h, 2d or a number of milliseconds';

export const durationSchema = z
  .union([z.string(), z.number()], { error: `expected a duration: ${DURATION_HINT}` })
  .superRefine((value, ctx) => {
    if (!isDuration(value))
      ctx.addIssue({ code: 'custom', message: `bad duration "${value}": ${DURATION_HINT}` });
  })
  .describe('90s, 5m, 1h, 2d, 250ms or a number of milliseconds');

/** A subset pattern: plain values match by equality, objects recursively, `$exists`/`$contains`/`$regex`/`$len`/`$not`/`$in`/`$gt`… */
export const pattern = z.record(z.string(), z.unknown()).describe('subset pattern (see matchers)');
export const idSchema = z.union([z.string(), z.number()], { error: 'expected an id (a string or a number)' });
export const countSchema = z
  .union([z.number().int().nonnegative(), z.record(z.string(), z.unknown())], {
    error: 'expected a count: a number or an operator such as { $gte: 1 }',
  })
  .describe('a number, or an operator object such as { $gte: 1 }');

/** Names one incident: `incident: <id>` or `where: { … }` (exactly one, checked in check-scenario.ts). */
export const selector = {
  incident: idSchema.optional(),
  where: pattern.optional(),
};
