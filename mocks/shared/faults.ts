/**
 * Fault injection by route: answer with a status, wait, or drop the connection, a number of times
 * or with a (seeded) probability. Faults are checked before auth and the rate limiter, as a proxy
 * or a flaky load balancer in front of the real service would be.
 */
import type { Json } from './json.ts';
import { createSeededRandom, type Random } from './seeded-random.ts';

export interface FaultSpec {
  /** Set by the registry; ignored on input. */
  id?: string;
  /** HTTP method to match (any when absent), case-insensitive. */
  method?: string;
  /** Path pattern matched against the request path: `:name` matches one segment, `*` anything. */
  path: string;
  /** Status to answer with. Without status and reset the request goes through after delayMs. */
  status?: number;
  /** Response body; defaults to the vendor's error shape with code `injected_fault`. */
  body?: Json;
  /** Wall-clock delay before answering (real time: the virtual clock cannot make a socket wait). */
  delayMs?: number;
  /** Destroy the connection instead of answering (HttpResponse.error() in-process). */
  reset?: boolean;
  /** Fire this many times, then the route recovers (the fault is removed). Unlimited when absent. */
  times?: number;
  /** Chance in [0, 1] that a matching request is hit; a miss does not use up `times`. */
  probability?: number;
  /** Seed of the coin flips for `probability` (default 0), so runs repeat. */
  seed?: number;
}

export interface ActiveFault extends FaultSpec {
  id: string;
  /** How often it has fired so far. */
  fired: number;
}

export interface FaultRegistry {
  add(spec: FaultSpec): string;
  list(): ActiveFault[];
  clear(): void;
  /** The fault that fires for this request, if any (consumes one of its `times`). */
  take(method: string, path: string): ActiveFault | undefined;
}

interface Entry {
  fault: ActiveFault;
  pattern: RegExp;
  random: Random;
}

export function createFaultRegistry(): FaultRegistry {
  let entries: Entry[] = [];
  let nextId = 1;
  return {
    add(spec) {
      validateFaultSpec(spec);
      const id = `F-${nextId++}`;
      const { id: _ignored, ...rest } = spec;
      const fault: ActiveFault = { ...rest, id, fired: 0 };
      entries.push({ fault, pattern: toPathRegExp(spec.path), random: createSeededRandom(spec.seed ?? 0) });
      return id;
    },
    list: () => entries.map((e) => ({ ...e.fault })),
    clear() {
      entries = [];
    },
    take(method, path) {
      for (const entry of entries) {
        const { fault } = entry;
        if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
        if (!entry.pattern.test(path)) continue;
        if (fault.probability !== undefined && entry.random() >= fault.probability) continue;
        fault.fired += 1;
        if (fault.times !== undefined && fault.fired >= fault.times)
          entries = entries.filter((e) => e !== entry);
        return { ...fault };
      }
      return undefined;
    },
  };
}

function toPathRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(:[A-Za-z_][A-Za-z0-9_]*|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}/?$`);
}

export function validateFaultSpec(spec: unknown): asserts spec is FaultSpec {
  const problems: string[] = [];
  const s = spec as Record<string, unknown> | null;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) {
    throw new TypeError(
      'faults: failed to add fault: expected an object like { path: "/api/v1/tickets", status: 503 }.',
    );
  }
  const known = [
    'id',
    'method',
    'path',
    'status',
    'body',
    'delayMs',
    'reset',
    'times',
    'probability',
    'seed',
  ];
  for (const key of Object.keys(s)) if (!known.includes(key)) problems.push(`unknown key "${key}"`);
  if (typeof s.path !== 'string' || !s.path.startsWith('/'))
    problems.push('path must be a string starting with "/"');
  if (s.method !== undefined && typeof s.method !== 'string') problems.push('method must be a string');
  if (
    s.status !== undefined &&
    !(Number.isInteger(s.status) && (s.status as number) >= 200 && (s.status as number) <= 599)
  )
    problems.push('status must be an integer 200..599');
  if (s.delayMs !== undefined && !(typeof s.delayMs === 'number' && s.delayMs >= 0 && s.delayMs <= 600_000))
    problems.push('delayMs must be a number 0..600000');
  if (s.reset !== undefined && typeof s.reset !== 'boolean') problems.push('reset must be a boolean');
  if (s.times !== undefined && !(Number.isInteger(s.times) && (s.times as number) >= 1))
    problems.push('times must be an integer >= 1');
  if (
    s.probability !== undefined &&
    !(typeof s.probability === 'number' && s.probability >= 0 && s.probability <= 1)
  )
    problems.push('probability must be a number 0..1');
  if (s.seed !== undefined && !Number.isInteger(s.seed)) problems.push('seed must be an integer');
  if (s.status === undefined && s.reset !== true && s.delayMs === undefined)
    problems.push('give at least one of status, reset or delayMs');
  if (problems.length > 0) {
    throw new TypeError(
      `faults: failed to add fault: ${problems.join('; ')}. Example: { "path": "/api/v1/tickets/:id", "status": 503, "times": 2 }.`,
    );
  }
}
