/**
 * Integrations that ship with mirrorlab, named `builtin:<name>` in scenarios, createHarness and
 * `mirrorlab exec`, so a user's repository can run them without knowing where the package lives.
 * Paths are taken from this module's own location: the same layout under tsx in this repository
 * and as JavaScript in node_modules/mirrorlab/dist.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from './core/index.ts';

export const BUILTIN_PREFIX = 'builtin:';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** name → the integration's YAML (flags, params and defaults come from it; the code sits beside it). */
export const BUILTIN_INTEGRATIONS: Readonly<Record<string, string>> = {
  helpdesk: 'scenarios/integrations/helpdesk/helpdesk.yml',
  'helpdesk-py': 'scenarios/integrations/helpdesk_py/helpdesk_py.yml',
};

export const isBuiltin = (integration: string) => integration.startsWith(BUILTIN_PREFIX);

/** The absolute path of `builtin:<name>`; a clear error listing the names for anything else. */
export function resolveBuiltin(integration: string): string {
  const name = integration.slice(BUILTIN_PREFIX.length);
  const path = Object.hasOwn(BUILTIN_INTEGRATIONS, name) ? BUILTIN_INTEGRATIONS[name] : undefined;
  if (path === undefined)
    throw new HarnessError(
      'invalid-input',
      `integrations: failed to find "${integration}": no such built-in integration. Built-ins: ${Object.keys(
        BUILTIN_INTEGRATIONS,
      )
        .map((n) => BUILTIN_PREFIX + n)
        .join(', ')}.`,
    );
  return join(packageRoot, path);
}
