/**
 * The third-party Python modules one integration needs, read without running it: the imports of
 * its code (the .py beside its YAML, or the YAML's `script.script`) and of the ApiModules it pulls
 * in from the content checkout, plus what its YAML's docker image is known to provide. Skipped:
 * the standard library, what the content checkout or XSOAR provides (demistomock,
 * CommonServerPython, CommonServerUserPython, *ApiModule) and the integration's own files.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { HarnessError } from '../core/index.ts';
import { findManifestPath, readManifest, type IntegrationManifest } from '../runtime/index.ts';
import { DOCKER_IMAGE_MODULES, findContentRoot, imageName } from '../runtime/python/index.ts';
import { scanImports, type ScanResult } from './scan-imports.ts';

/** Provided by XSOAR's script runner (and mirrorlab's bridge), never installed. */
const XSOAR_MODULES = new Set(['demistomock', 'CommonServerPython', 'CommonServerUserPython']);
const API_MODULES = join('Packs', 'ApiModules', 'Scripts');

export interface NeededModule {
  module: string;
  /** Why: `JiraV3.py:11` for an import, `demisto/btfl-soup` for the docker image. */
  via: string;
}

export interface IntegrationNeeds {
  /** The integration as given. */
  integration: string;
  /** Third-party modules, in first-seen order, without duplicates. */
  modules: NeededModule[];
  /** The YAML's docker image without its tag, when there is one. */
  image?: string;
  /** False when the image is not in DOCKER_IMAGE_MODULES (then only the imports say what is needed). */
  imageKnown: boolean;
  /** A TypeScript integration needs no Python module. */
  typescript: boolean;
}

interface Code {
  file: string;
  source: string;
}

async function integrationCode(path: string): Promise<{ code?: Code; manifest?: IntegrationManifest }> {
  if (!existsSync(path))
    throw new HarnessError(
      'not-found',
      `setup: failed to read integration ${path}: no such file. Check the path.`,
    );
  const ext = extname(path).toLowerCase();
  const manifestPath = findManifestPath(path);
  const manifest = manifestPath ? await readManifest(manifestPath) : undefined;
  if (ext === '.py')
    return { code: { file: path, source: await readFile(path, 'utf8') }, ...(manifest ? { manifest } : {}) };
  if (ext !== '.yml' && ext !== '.yaml') return manifest ? { manifest } : {};
  if (!manifest) return {};
  if (manifest.scriptType !== '' && manifest.scriptType !== 'python') return { manifest };
  if (manifest.embeddedScript !== '')
    return { code: { file: path, source: manifest.embeddedScript }, manifest };
  const sibling = join(dirname(path), `${basename(path, extname(path))}.py`);
  if (!existsSync(sibling))
    throw new HarnessError(
      'not-found',
      `setup: failed to read the code of ${path}: script.script is empty and there is no ${basename(sibling)} beside it. Unify the integration or add the .py.`,
    );
  return { code: { file: sibling, source: await readFile(sibling, 'utf8') }, manifest };
}

/** The integration's own modules: `x.py` or a package `x/` beside its code. */
function isLocalModule(dir: string, module: string): boolean {
  return existsSync(join(dir, `${module}.py`)) || existsSync(join(dir, module, '__init__.py'));
}

/**
 * Scans every integration, and the ApiModules they import (which may import further ones), with
 * one python3 process per round.
 */
export async function findIntegrationNeeds(
  python: string,
  integrations: readonly string[],
  contentRoot?: string,
): Promise<{ needs: IntegrationNeeds[]; pythonVersion: [number, number] | null }> {
  const loaded = await Promise.all(
    integrations.map(async (path) => ({ path, ...(await integrationCode(path)) })),
  );
  const needs: IntegrationNeeds[] = [];
  let pythonVersion: [number, number] | null = null;
  let stdlib = new Set<string>();
  const scanned = new Map<string, ScanResult['sources'][number]>();

  async function scan(codes: Code[]): Promise<void> {
    const fresh = codes.filter((c) => !scanned.has(c.file));
    if (fresh.length === 0) return;
    const result = await scanImports(
      python,
      fresh.map((c) => c.source),
    );
    pythonVersion = result.pythonVersion;
    stdlib = result.stdlib;
    fresh.forEach((c, i) => scanned.set(c.file, result.sources[i] ?? { imports: [] }));
  }

  await scan(loaded.flatMap((l) => (l.code ? [l.code] : [])));
  for (const { path, code, manifest } of loaded) {
    const image = manifest?.dockerImage ? imageName(manifest.dockerImage) : undefined;
    const entry: IntegrationNeeds = {
      integration: path,
      modules: [],
      ...(image ? { image } : {}),
      imageKnown: image === undefined || Object.hasOwn(DOCKER_IMAGE_MODULES, image),
      typescript: code === undefined,
    };
    needs.push(entry);
    if (!code) continue;
    const root = contentRoot ?? findContentRoot(dirname(code.file));
    const add = (module: string, via: string) => {
      if (!entry.modules.some((m) => m.module === module)) entry.modules.push({ module, via });
    };
    // Breadth-first over the code and the ApiModules it reaches.
    let queue: Code[] = [code];
    const visited = new Set<string>();
    while (queue.length > 0) {
      await scan(queue);
      const next: Code[] = [];
      for (const current of queue) {
        visited.add(current.file);
        const result = scanned.get(current.file)!;
        if (result.error)
          throw new HarnessError(
            'invalid-input',
            `setup: failed to read the imports of ${current.file}: ${result.error}. Fix the syntax error first.`,
          );
        for (const { module, line } of result.imports) {
          if (stdlib.has(module) || XSOAR_MODULES.has(module)) continue;
          if (module.endsWith('ApiModule')) {
            const file = root ? join(root, API_MODULES, module, `${module}.py`) : undefined;
            if (file && existsSync(file) && !visited.has(file))
              next.push({ file, source: await readFile(file, 'utf8') });
            continue;
          }
          if (isLocalModule(dirname(current.file), module)) continue;
          add(module, `${basename(current.file)}:${line}`);
        }
      }
      queue = next;
    }
    for (const module of image ? (DOCKER_IMAGE_MODULES[image] ?? []) : []) add(module, image!);
  }
  return { needs, pythonVersion };
}
