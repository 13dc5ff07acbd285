/**
 * XSOAR context paths as mappers write them: `a.b.c`, list indices as `a.[0].b` or `a.0.b`, and
 * traversal through lists (a path through a list collects the value from every item, flattened one
 * level, as XSOAR's DT does). A key containing dots is found whole before it is split.
 */
import type { Json } from '../json.ts';
import { isJsonObject } from '../json.ts';

const INDEX = /^\[(\d+)\]$|^(\d+)$/;

function step(current: Json | undefined, segment: string): Json | undefined {
  if (current === undefined || current === null) return undefined;
  const index = INDEX.exec(segment);
  if (Array.isArray(current)) {
    if (index) return current[Number(index[1] ?? index[2])];
    const collected: Json[] = [];
    for (const item of current) {
      const value = step(item, segment);
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) collected.push(...value);
      else collected.push(value);
    }
    return collected.length > 0 ? collected : undefined;
  }
  if (isJsonObject(current)) return current[segment];
  return undefined;
}

function split(path: string): string[] {
  return path.split('.').filter((s) => s !== '');
}

/** The value at `path` in `source`; undefined when any step is missing. An empty path is the source itself. */
export function getPath(source: Json | undefined, path: string): Json | undefined {
  const p = path.trim();
  if (p === '') return source;
  if (isJsonObject(source) && p in source) return source[p];
  let current: Json | undefined = source;
  for (const segment of split(p)) {
    current = step(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}
