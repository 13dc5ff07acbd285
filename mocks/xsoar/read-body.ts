/**
 * Validates a JSON body with zod and turns every issue into one clear line (design.md §11), so bad
 * input is rejected before anything changes.
 */
import type { z } from 'zod';
import { HarnessError } from '../../harness/core/index.ts';

export function readBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  what: string,
  example: string,
): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys')
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${path ? `${path}.` : ''}${k}"`).join(', ')}`;
      return `${path ? `"${path}" ` : ''}${issue.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
  throw new HarnessError(
    'invalid-input',
    `xsoar api: failed to read ${what}: ${reasons}. Example: ${example}`,
  );
}
