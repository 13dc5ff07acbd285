/**
 * Limits on every JSON body every server reads (fake XSOAR, helpdesk, ServiceNow). Without them a
 * body nested a few thousand levels deep is accepted and later overflows the stack in
 * JSON.stringify (the store write), killing the server. Depth is checked on the text, before
 * JSON.parse builds anything.
 */
export const JSON_LIMITS = {
  /** Largest JSON body, in bytes (5 MB, the real XSOAR server's own order of magnitude). */
  maxBytes: 5 * 1024 * 1024,
  /** Deepest nesting of objects and arrays. Real incidents and tickets stay under 10. */
  maxDepth: 64,
} as const;

export type JsonLimitFailure =
  { limit: 'size' | 'depth'; reason: string } | { limit: 'syntax'; reason: string };

/** The deepest `{`/`[` nesting of a JSON text (strings skipped), stopping once past `max`. */
export function jsonNestingDepth(text: string, max = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

/** Parses a JSON body within the limits; a failure says which limit (or the syntax error). */
export function parseLimitedJson(
  text: string,
  limits: { maxBytes: number; maxDepth: number } = JSON_LIMITS,
): { ok: true; value: unknown } | ({ ok: false } & JsonLimitFailure) {
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.maxBytes)
    return {
      ok: false,
      limit: 'size',
      reason: `the body is ${bytes} bytes, over the limit of ${limits.maxBytes} bytes`,
    };
  if (jsonNestingDepth(text, limits.maxDepth) > limits.maxDepth)
    return {
      ok: false,
      limit: 'depth',
      reason: `the body nests objects/arrays deeper than the limit of ${limits.maxDepth} levels`,
    };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, limit: 'syntax', reason: (e as Error).message };
  }
}
