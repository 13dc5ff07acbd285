/**
 * `mirrorlab exec <integration> <command> [--param k=v]... [--arg k=v]...`: runs one command once,
 * like a War Room `!command`, and prints `{outcome, entries, logs, writes, error}` as JSON.
 */
import { resolve } from 'node:path';
import type { Json, RunRequest } from '../core/index.ts';
import { HarnessError } from '../core/index.ts';
import {
  createCommandRunner,
  findManifestPath,
  paramsWithDefaults,
  pythonWorkerMode,
  readManifest,
} from '../runtime/index.ts';
import type { PythonRunnerOptions } from '../runtime/index.ts';
import { isBuiltin, resolveBuiltin } from '../builtins.ts';
import type { IntegrationManifest } from '../runtime/index.ts';
import type { CliCommand } from './command.ts';

function toPairs(values: unknown, flag: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const raw of (values as string[] | undefined) ?? []) {
    const eq = raw.indexOf('=');
    if (eq <= 0) {
      throw new HarnessError(
        'invalid-input',
        `exec: failed to read --${flag} "${raw}": expected key=value. Example: --${flag} url=http://127.0.0.1:8080`,
      );
    }
    setDotted(out, raw.slice(0, eq), raw.slice(eq + 1));
  }
  return out;
}

/** `credentials.password=x` → `{credentials: {password: 'x'}}`: type-9 params are objects (§B.1). */
function setDotted(target: Record<string, Json>, key: string, value: string): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    node = (node[part] =
      typeof child === 'object' && child !== null && !Array.isArray(child) ? child : {}) as Record<
      string,
      Json
    >;
  }
  node[parts.at(-1)!] = value;
}

/** Param values typed as the manifest says: checkboxes are booleans (§B.1); the rest stay strings. */
function typedParams(raw: Record<string, Json>, checkboxes: Set<string>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = checkboxes.has(k) ? v === 'true' || v === true : v;
  return out;
}

/**
 * XSOAR does not save an instance without its required params, so neither does exec: a missing one
 * is named here instead of surfacing as a KeyError inside the integration.
 */
function checkRequiredParams(
  manifest: IntegrationManifest | undefined,
  params: Record<string, Json>,
  commandName: string,
): void {
  const missing = (manifest?.params ?? []).filter((p) => {
    if (!p.required || p.hidden) return false;
    const value = params[p.name];
    return value === undefined || value === null || value === '';
  });
  if (missing.length === 0) return;
  const example = missing
    .map((p) => (p.type === 9 ? `--param ${p.name}.password=…` : `--param ${p.name}=…`))
    .join(' ');
  throw new HarnessError(
    'invalid-input',
    `exec: failed to run ${commandName}: ${manifest!.name} requires ${missing.length === 1 ? 'the param' : 'the params'} ${missing
      .map((p) => `${p.name} (${p.display})`)
      .join(', ')}. Pass ${example}`,
  );
}

export const command: CliCommand = {
  name: 'exec',
  summary: 'run one integration command once and print its entries as JSON (like a War Room !command)',
  usage: 'mirrorlab exec <integration> <command>',
  options: {
    param: {
      type: 'string',
      multiple: true,
      value: 'K=V',
      description: 'an instance param; dotted keys build objects (credentials.password=…)',
    },
    arg: { type: 'string', multiple: true, value: 'K=V', description: 'a command argument' },
    'content-root': {
      type: 'string',
      value: 'DIR',
      description: 'content checkout with CommonServerPython (or MIRRORLAB_CONTENT_ROOT)',
    },
    python: { type: 'string', value: 'PATH', description: 'python interpreter (default /usr/bin/python3)' },
    version: {
      type: 'string',
      value: 'X.Y.Z',
      default: '6.12.0',
      description: 'the demistoVersion the integration sees (default 6.12.0)',
    },
    timeout: {
      type: 'string',
      value: 'S',
      default: '60',
      description: 'command timeout in seconds (default 60)',
    },
  },
  async run(values, positionals, ctx) {
    const [integrationArg, commandName] = positionals;
    if (!integrationArg || !commandName || positionals.length > 2) {
      throw new HarnessError(
        'invalid-input',
        `exec: failed to read the arguments: expected <integration> <command>. Usage: ${this.usage}`,
      );
    }
    const timeoutSeconds = Number(values.timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
      throw new HarnessError(
        'invalid-input',
        `exec: failed to read --timeout "${String(values.timeout)}": not a positive number of seconds.`,
      );
    }
    const version = String(values.version);
    if (!/^\d+\.\d+\.\d+$/.test(version)) {
      throw new HarnessError(
        'invalid-input',
        `exec: failed to read --version "${version}": expected X.Y.Z, e.g. 6.12.0.`,
      );
    }
    const integration = isBuiltin(integrationArg)
      ? resolveBuiltin(integrationArg)
      : resolve(ctx.cwd, integrationArg);
    const manifestPath = findManifestPath(integration);
    const manifest = manifestPath ? await readManifest(manifestPath) : undefined;
    const checkboxes = new Set((manifest?.params ?? []).filter((p) => p.type === 8).map((p) => p.name));
    const brand = manifest?.name ?? integrationArg;
    const params = paramsWithDefaults(manifest, typedParams(toPairs(values.param, 'param'), checkboxes));
    checkRequiredParams(manifest, params, commandName);
    const request: RunRequest = {
      instance: `${brand}_instance_1`,
      brand,
      integration,
      command: commandName,
      args: toPairs(values.arg, 'arg'),
      params,
      version: { version, buildNumber: '12345', platform: 'xsoar' },
      state: { lastRun: {}, lastMirrorRun: {}, integrationContext: { context: {}, version: 0 } },
      investigationId: '1',
      isDebug: ctx.debug,
      timeoutMs: timeoutSeconds * 1000,
      tz: ctx.env.TZ ?? 'UTC',
    };
    // The same dispatcher as the harness: .ts in-process, .py / python YAMLs in a Python worker.
    const pythonOptions: PythonRunnerOptions = { poolSize: 1, ...pythonWorkerMode(ctx.env) };
    const python = (values.python as string | undefined) ?? ctx.env.MIRRORLAB_PYTHON;
    if (python) pythonOptions.python = python;
    const contentRoot = (values['content-root'] as string | undefined) ?? ctx.env.MIRRORLAB_CONTENT_ROOT;
    if (contentRoot) pythonOptions.contentRoot = resolve(ctx.cwd, contentRoot);
    const runner = createCommandRunner({ pythonOptions });
    try {
      const result = await runner.run(request);
      const printed: Record<string, unknown> = {
        outcome: result.outcome,
        entries: result.entries,
        logs: result.logs,
        writes: result.writes,
        error: result.error ?? null,
      };
      if (result.files.length > 0) printed.files = result.files;
      ctx.out(JSON.stringify(printed, null, 2));
      return result.outcome === 'ok' ? 0 : 1;
    } finally {
      await runner.close?.();
    }
  },
};
