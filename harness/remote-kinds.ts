/**
 * A user's own fake named by module path (`kind: ./fakes/pagerduty.ts` in a scenario,
 * `mirrorlab remote ./fakes/pagerduty.ts`): recognising such a kind and loading its descriptor
 * through importModule (which also runs `.ts` from the built package).
 */
import { resolve } from 'node:path';
import { isRemoteKindDescriptor, type RemoteKind } from '../mocks/registry/index.ts';
import { HarnessError } from './core/index.ts';
import { importModule } from './runtime/index.ts';

/** A kind ending in .ts / .mts / .js / .mjs (relative or absolute) is a module, not a built-in. */
export function isModuleKind(kind: string): boolean {
  return /\.[mc]?[jt]s$/.test(kind);
}

/** The default export (or the `remoteKind` export) of the module at `path`, resolved from `baseDir`. */
export async function loadRemoteKind(
  what: string,
  path: string,
  baseDir = process.cwd(),
): Promise<RemoteKind> {
  const absolute = resolve(baseDir, path);
  let mod: { default?: unknown; remoteKind?: unknown };
  try {
    mod = (await importModule(absolute)) as typeof mod;
  } catch (e) {
    throw new HarnessError(
      'invalid-input',
      `${what}: cannot import ${absolute}: ${(e as Error).message}. Paths in a scenario are relative to the scenario file.`,
    );
  }
  const descriptor = [mod.default, mod.remoteKind].find(isRemoteKindDescriptor);
  if (!descriptor)
    throw new HarnessError(
      'invalid-input',
      `${what}: ${absolute} exports no remote kind. Use \`export default defineRemoteKind({ kind, settings, actions, start, view })\`.`,
    );
  return descriptor;
}
