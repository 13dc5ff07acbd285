/**
 * Finding a TypeScript integration from a RunRequest's `integration`: a `.ts`/`.mts`/`.js`/`.mjs`
 * module, or a YAML whose `script.type` is `typescript` with the module of the same stem beside it.
 * The module's default export, or its named export `integration`, is the integration.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HarnessError } from '../../core/index.ts';
import { readManifest } from '../manifest.ts';
import { isTypeScriptIntegration, type TypeScriptIntegration } from './define-integration.ts';

export const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** The module file of an integration path; HarnessError when there is none or the YAML is not TypeScript. */
export async function resolveIntegrationModule(integration: string): Promise<string> {
  const path = resolve(integration);
  const ext = extname(path);
  if (ext === '.yml' || ext === '.yaml') {
    const manifest = await readManifest(path);
    if (manifest.scriptType !== 'typescript') {
      throw new HarnessError(
        'unsupported',
        `typescript runtime: failed to load ${integration}: script.type is "${manifest.scriptType}", not "typescript". Run it with createCommandRunner, which picks the runtime by script.type.`,
      );
    }
    const stem = join(dirname(path), basename(path, ext));
    const found = MODULE_EXTENSIONS.map((e) => stem + e).find((p) => existsSync(p));
    if (!found) {
      throw new HarnessError(
        'not-found',
        `typescript runtime: failed to load ${integration}: no ${basename(stem)}.ts beside it. Put the integration module next to its YAML with the same name.`,
      );
    }
    return found;
  }
  if (!MODULE_EXTENSIONS.includes(ext)) {
    throw new HarnessError(
      'invalid-input',
      `typescript runtime: failed to load ${integration}: "${ext || 'no extension'}" is not a TypeScript module. Use a .ts file, its .yml, or register an in-process integration.`,
    );
  }
  if (!existsSync(path)) {
    throw new HarnessError(
      'not-found',
      `typescript runtime: failed to load ${integration}: no such file. Check the integration path.`,
    );
  }
  return path;
}

let tsxRegistered: Promise<void> | undefined;
/** This file is .ts when the process already runs TypeScript (tsx, vitest): then so can the user's. */
const runsTypeScript = import.meta.url.endsWith('.ts');

/**
 * Imports a user's module. From the built package on plain Node a `.ts` file cannot be imported (and
 * a failed import is cached), so tsx's loader is registered once, before the first such file.
 * Registered rather than tsImport's private namespace, so the user's `import 'mirrorlab'` resolves to
 * the very modules already loaded: `instanceof GetRemoteDataResponse` must hold across the two.
 */
export async function importModule(modulePath: string): Promise<unknown> {
  if (!runsTypeScript && /\.[mc]?ts$/.test(modulePath)) {
    tsxRegistered ??= import('tsx/esm/api').then(({ register }) => {
      register();
    });
    await tsxRegistered;
  }
  return import(pathToFileURL(modulePath).href);
}

/**
 * Imports the module. Node caches it, so module-level code runs once per process (unlike Python's
 * per-command re-execution): keep per-command state inside handlers.
 */
export async function importIntegration(modulePath: string): Promise<TypeScriptIntegration> {
  const mod = (await importModule(modulePath)) as { default?: unknown; integration?: unknown };
  if (isTypeScriptIntegration(mod.default)) return mod.default;
  if (isTypeScriptIntegration(mod.integration)) return mod.integration;
  throw new HarnessError(
    'invalid-input',
    `typescript runtime: failed to load ${modulePath}: it exports no integration. Use \`export default defineIntegration({ commands })\` or \`export const integration = defineIntegration(...)\`.`,
  );
}
