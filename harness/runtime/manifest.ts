/**
 * Reading an integration's YAML (the content repository's integration YAML format): script flags,
 * params with defaults, commands, docker image, and for unified YAMLs the embedded code.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parse } from 'yaml';
import type { IntegrationFlags, Json } from '../core/index.ts';
import { HarnessError } from '../core/index.ts';

export interface ManifestParam {
  name: string;
  display: string;
  type: number;
  defaultValue: Json | undefined;
  required: boolean;
  options: string[];
  hidden: boolean;
}

export interface ManifestCommand {
  name: string;
  arguments: { name: string; required: boolean; defaultValue: string | undefined }[];
}

export interface IntegrationManifest {
  /** `name` (the brand). */
  name: string;
  display: string;
  /** `script.type`: python, javascript, typescript (ours), powershell. */
  scriptType: string;
  flags: IntegrationFlags & { longRunning: boolean; feed: boolean };
  params: ManifestParam[];
  commands: ManifestCommand[];
  dockerImage: string;
  /** Unified YAML: the code inlined at `script.script` (empty or '-' when the code is a file beside it). */
  embeddedScript: string;
  defaultMapperIn: string;
  defaultMapperOut: string;
  defaultClassifier: string;
  /** The YAML file. */
  path: string;
}

const CHECKBOX = 8;

function asBool(v: unknown): boolean {
  return v === true || v === 'true';
}

function toParamDefault(type: number, raw: unknown): Json | undefined {
  if (raw === undefined || raw === null || raw === '') return type === CHECKBOX ? false : undefined;
  if (type === CHECKBOX) return asBool(raw);
  return typeof raw === 'object' ? (raw as Json) : String(raw);
}

/** Parses YAML text; throws HarnessError('invalid-input') naming the file when it is not an integration YAML. */
export function parseManifest(text: string, path: string): IntegrationManifest {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new HarnessError('invalid-input', `manifest: failed to parse ${path}: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || typeof (doc as { script?: unknown }).script !== 'object') {
    throw new HarnessError(
      'invalid-input',
      `manifest: failed to read ${path}: no "script" section. Is this an integration YAML?`,
    );
  }
  const y = doc as Record<string, unknown>;
  const script = y.script as Record<string, unknown>;
  const configuration = Array.isArray(y.configuration) ? (y.configuration as Record<string, unknown>[]) : [];
  const commands = Array.isArray(script.commands) ? (script.commands as Record<string, unknown>[]) : [];
  const name = String(y.name ?? y.commonfields ?? basename(path, extname(path)));
  return {
    name,
    display: String(y.display ?? name),
    scriptType: String(script.type ?? 'python'),
    flags: {
      isfetch: asBool(script.isfetch),
      ismappable: asBool(script.ismappable),
      isremotesyncin: asBool(script.isremotesyncin),
      isremotesyncout: asBool(script.isremotesyncout),
      longRunning: asBool(script.longRunning),
      feed: asBool(script.feed),
    },
    params: configuration.map((p) => {
      const type = Number(p.type ?? 0);
      return {
        name: String(p.name),
        display: String(p.display ?? p.name),
        type,
        defaultValue: toParamDefault(type, p.defaultvalue),
        required: asBool(p.required),
        options: Array.isArray(p.options) ? p.options.map(String) : [],
        hidden: asBool(p.hidden),
      };
    }),
    commands: commands.map((c) => ({
      name: String(c.name),
      arguments: (Array.isArray(c.arguments) ? (c.arguments as Record<string, unknown>[]) : []).map((a) => ({
        name: String(a.name),
        required: asBool(a.required),
        defaultValue: a.defaultValue === undefined ? undefined : String(a.defaultValue),
      })),
    })),
    dockerImage: String(script.dockerimage ?? ''),
    embeddedScript: typeof script.script === 'string' && script.script.trim() !== '-' ? script.script : '',
    defaultMapperIn: String(y.defaultmapperin ?? ''),
    defaultMapperOut: String(y.defaultmapperout ?? ''),
    defaultClassifier: String(y.defaultclassifier ?? ''),
    path,
  };
}

export async function readManifest(path: string): Promise<IntegrationManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new HarnessError(
      'not-found',
      `manifest: failed to read ${path}: no such file. Check the integration path.`,
    );
  }
  return parseManifest(text, path);
}

/**
 * The YAML that describes an integration file: `X.yml` / `X.yaml` beside `X.py` / `X.ts`, or the
 * path itself when it is a YAML. Undefined when there is none.
 */
export function findManifestPath(integrationPath: string): string | undefined {
  const ext = extname(integrationPath);
  if (ext === '.yml' || ext === '.yaml') return integrationPath;
  const stem = join(dirname(integrationPath), basename(integrationPath, ext));
  return [`${stem}.yml`, `${stem}.yaml`].find((p) => existsSync(p));
}

/** Params with their defaults filled in, then the instance's own values on top (§B.1). */
export function paramsWithDefaults(
  manifest: IntegrationManifest | undefined,
  params: Record<string, Json>,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const p of manifest?.params ?? []) if (p.defaultValue !== undefined) out[p.name] = p.defaultValue;
  return { ...out, ...params };
}
