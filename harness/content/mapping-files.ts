/**
 * Classifiers and mappers as content packs ship them (JSON files, contract.md §C): reading them by
 * path, and finding an integration's defaults (`defaultclassifier`, `defaultmapperin`,
 * `defaultmapperout` in its YAML, §B.1) among its pack's Classifiers. The parsing itself is pure
 * (harness/core/mapping); this is the file-system side.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  fromSimpleRules,
  HarnessError,
  parseClassifier,
  parseMapper,
  type Classifier,
  type InstanceMapping,
  type Mapper,
  type MapperRules,
} from '../core/index.ts';

export type MapperKind = 'mapping-incoming' | 'mapping-outgoing';

/** A mapper as a caller gives it: a JSON file path, the parsed JSON of one, or inline simple rules. */
export type MapperInput = string | MapperRules | Mapper;
/** A classifier as a caller gives it: a JSON file path or its parsed JSON. */
export type ClassifierInput = string | Record<string, unknown>;

async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new HarnessError(
      'invalid-input',
      `mapping: failed to read ${what} "${path}": ${(e as NodeJS.ErrnoException).code ?? String(e)}. Check the path (relative paths are taken from the scenario file or the working directory).`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HarnessError(
      'invalid-input',
      `mapping: failed to read ${what} "${path}": not JSON (${(e as Error).message}). Use the JSON file as the content pack ships it.`,
    );
  }
}

function isMapperJson(value: object): boolean {
  return 'mapping' in value || 'type' in value;
}

export async function loadMapper(input: MapperInput, kind: MapperKind, baseDir: string): Promise<Mapper> {
  if (typeof input === 'string') {
    const path = resolve(baseDir, input);
    return parseMapper(await readJsonFile(path, `${kind} mapper`), kind, path);
  }
  if (isMapperJson(input)) return parseMapper(input, kind, `inline ${kind} mapper`);
  return fromSimpleRules(input as MapperRules, kind);
}

export async function loadClassifier(input: ClassifierInput, baseDir: string): Promise<Classifier> {
  if (typeof input === 'string') {
    const path = resolve(baseDir, input);
    return parseClassifier(await readJsonFile(path, 'classifier'), path);
  }
  return parseClassifier(input, 'inline classifier');
}

/** Folders where a pack keeps classifiers and mappers: `<pack>/Classifiers` and the integration's own. */
function classifierDirs(manifestPath: string): string[] {
  const integrationDir = dirname(manifestPath);
  const packDir = resolve(integrationDir, '..', '..');
  return [join(packDir, 'Classifiers'), join(integrationDir, 'Classifiers')].filter((d) => existsSync(d));
}

/** id → parsed JSON of every classifier/mapper file in those folders (unreadable files are skipped). */
async function packItems(manifestPath: string): Promise<Map<string, { path: string; json: unknown }>> {
  const found = new Map<string, { path: string; json: unknown }>();
  for (const dir of classifierDirs(manifestPath)) {
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
      const path = join(dir, name);
      try {
        const json = JSON.parse(await readFile(path, 'utf8')) as unknown;
        const id = (json as { id?: unknown }).id;
        if (typeof id === 'string' && !found.has(id)) found.set(id, { path, json });
      } catch {
        // Not ours to judge: a pack may hold other JSON; only the ids the YAML names matter.
      }
    }
  }
  return found;
}

export interface PackDefaults {
  defaultClassifier: string;
  defaultMapperIn: string;
  defaultMapperOut: string;
  path: string;
}

/**
 * The classifier and mappers an integration's YAML names by id, from its pack. Ids that are not in
 * the pack (a lone integration folder was copied) are returned in `missing`, for the caller to report:
 * the instance then runs without them, as an instance without a mapper would in XSOAR.
 */
export async function loadPackDefaults(
  manifest: PackDefaults,
): Promise<{ mapping: InstanceMapping; missing: string[] }> {
  const mapping: InstanceMapping = {};
  const missing: string[] = [];
  const wanted = [manifest.defaultClassifier, manifest.defaultMapperIn, manifest.defaultMapperOut];
  if (wanted.every((id) => id === '')) return { mapping, missing };
  const items = await packItems(manifest.path);
  const pick = (id: string, what: string) => {
    const item = id ? items.get(id) : undefined;
    if (id && !item) missing.push(`${what} "${id}"`);
    return item;
  };
  const classifier = pick(manifest.defaultClassifier, 'classifier');
  if (classifier) mapping.classifier = parseClassifier(classifier.json, classifier.path);
  const incoming = pick(manifest.defaultMapperIn, 'incoming mapper');
  if (incoming) mapping.incoming = parseMapper(incoming.json, 'mapping-incoming', incoming.path);
  const outgoing = pick(manifest.defaultMapperOut, 'outgoing mapper');
  if (outgoing) mapping.outgoing = parseMapper(outgoing.json, 'mapping-outgoing', outgoing.path);
  return { mapping, missing };
}
