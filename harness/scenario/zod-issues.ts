/**
 * Turns zod issues into short, positioned messages people can act on: unknown keys get a
 * "did you mean", union failures are narrowed to the branch the author obviously meant, and
 * missing keys point at the object that lacks them.
 */
import type { z } from 'zod';
import { OBJECT_KINDS } from './schema.ts';
import { hint } from './suggest.ts';

export interface PathIssue {
  path: PropertyKey[];
  message: string;
  /** Point at the key of the last path segment rather than its value. */
  key?: boolean;
}

type Issue = z.core.$ZodIssue;
interface Def {
  type: string;
  innerType?: ZodLike;
  shape?: Record<string, ZodLike>;
  valueType?: ZodLike;
  element?: ZodLike;
  options?: ZodLike[];
  in?: ZodLike;
}
interface ZodLike {
  _zod: { def: Def };
}

function unwrap(schema: ZodLike | undefined): ZodLike | undefined {
  let current = schema;
  for (let i = 0; current && i < 10; i++) {
    const def = current._zod.def;
    if (
      def.type === 'optional' ||
      def.type === 'nullable' ||
      def.type === 'default' ||
      def.type === 'readonly'
    ) {
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else {
      return current;
    }
  }
  return current;
}

function schemaAt(base: ZodLike | undefined, path: readonly PropertyKey[]): ZodLike | undefined {
  let current = unwrap(base);
  for (const segment of path) {
    if (!current) return undefined;
    const def = current._zod.def;
    if (def.type === 'object') current = unwrap(def.shape?.[String(segment)]);
    else if (def.type === 'record') current = unwrap(def.valueType);
    else if (def.type === 'array') current = unwrap(def.element);
    else if (def.type === 'union') {
      const container = def.options
        ?.map(unwrap)
        .find((o) => o && ['object', 'record', 'array'].includes(o._zod.def.type));
      current = container ? schemaAt(container, [segment]) : undefined;
    } else return undefined;
  }
  return current;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(top level)';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

const ARTICLES: Record<string, string> = {
  object: 'an object (key: value pairs)',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

function isDefaultMessage(message: string): boolean {
  return message.startsWith('Invalid input') || message === 'Invalid option';
}

export function toPathIssues(
  issues: readonly Issue[],
  base: unknown,
  prefix: PropertyKey[] = [],
): PathIssue[] {
  return issues.flatMap((issue) => fromIssue(issue, base as ZodLike, prefix));
}

function fromIssue(issue: Issue, base: ZodLike, prefix: PropertyKey[]): PathIssue[] {
  const path = [...prefix, ...issue.path];
  const label = formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      let target = schemaAt(base, issue.path);
      // zod reports straight from the only union branch whose type matched: find that object.
      if (target?._zod.def.type === 'union')
        target = target._zod.def.options?.map(unwrap).find((o) => o?._zod.def.type === 'object');
      const what = (target && OBJECT_KINDS.get(target)) ?? 'key';
      const known = target?._zod.def.shape ? Object.keys(target._zod.def.shape) : [];
      return issue.keys.map((key) => ({
        path: [...path, key],
        key: true,
        message: `unknown ${what} "${key}"${hint(key, known)}`,
      }));
    }
    case 'invalid_union': {
      // A discriminated union (remotes by kind) names the values it knows.
      const known = (issue as { note?: string; options?: unknown[] }).options;
      if ((issue as { note?: string }).note === 'No matching discriminator' && known) {
        const key = (issue as { discriminator?: string }).discriminator ?? '';
        const input = issue.input as Record<string, unknown> | undefined;
        const got = String(typeof input === 'object' && input !== null ? input[key] : input);
        const values = known.map(String);
        return [{ path, message: `${label}: unknown value "${got}"${hint(got, values)}` }];
      }
      const union = schemaAt(base, issue.path);
      const options = union?._zod.def.options ?? [];
      // The branch whose outer type matched is the one the author meant; report its inner problems.
      const candidates = issue.errors
        .map((branch, index) => ({ branch, index }))
        .filter(({ branch }) => !branch.some((b) => b.path.length === 0 && b.code === 'invalid_type'))
        .sort((a, b) => a.branch.length - b.branch.length);
      // Remotes: an unknown kind fails both the built-in kinds (no matching discriminator) and the
      // module-path form; the built-in kinds' "unknown value, did you mean" is the useful message.
      const noMatch = (b: Issue[]) =>
        b.some((i) => (i as { note?: string }).note === 'No matching discriminator');
      const byKind = candidates.find(({ branch }) => noMatch(branch));
      if (byKind && candidates.every(({ branch }) => branch.length === 1)) candidates.unshift(byKind);
      const chosen = candidates[0];
      const option = chosen ? options[chosen.index] : undefined;
      if (chosen && option) return toPathIssues(chosen.branch, option, path);
      if (!isDefaultMessage(issue.message)) return [{ path, message: `${label}: ${issue.message}` }];
      const expected = [
        ...new Set(
          issue.errors.flatMap((b) =>
            b.filter((i) => i.code === 'invalid_type').map((i) => ARTICLES[i.expected] ?? i.expected),
          ),
        ),
      ];
      return [
        { path, message: `${label}: expected ${expected.join(' or ')}, got ${describeValue(issue.input)}` },
      ];
    }
    case 'invalid_type': {
      if (issue.input === undefined && path.length > 0) {
        const parent = path.slice(0, -1);
        const where = parent.length ? `in ${formatPath(parent)}` : 'at the top level';
        return [{ path: parent, key: true, message: `missing "${String(path[path.length - 1])}" ${where}` }];
      }
      if (!isDefaultMessage(issue.message))
        return [{ path, message: `${label}: ${issue.message}, got ${describeValue(issue.input)}` }];
      return [
        {
          path,
          message: `${label}: expected ${ARTICLES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`,
        },
      ];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const got = String(issue.input);
      return [{ path, message: `${label}: unknown value "${got}"${hint(got, values)}` }];
    }
    default:
      return [{ path, message: `${label}: ${issue.message}` }];
  }
}
