/**
 * `mirrorlab setup`: finds out what is missing for the purpose (one python3 probe, one look for a
 * browser) and installs only that with apt-get, as root or through `sudo -n`. Needs no root when
 * everything is there; without root it prints the exact command and fails.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { relative } from 'node:path';
import { findIntegrationNeeds, type IntegrationNeeds } from './integration-needs.ts';
import {
  aptInstallCommand,
  BASE_MODULES,
  planSetup,
  type SetupFacts,
  type SetupPurpose,
} from './packages.ts';

const execFileAsync = promisify(execFile);

export interface SetupOptions {
  purpose: SetupPurpose;
  dryRun: boolean;
  /** Integration files (.py or .yml, absolute) whose own imports and docker image are checked too. */
  integrations?: readonly string[];
  /** The content checkout whose ApiModules the integrations import (default: found above each one). */
  contentRoot?: string;
  /** Paths in messages are relative to this directory. */
  cwd?: string;
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  signal?: AbortSignal;
}

export interface SetupReport {
  ok: boolean;
  present: string[];
  missing: string[];
  installed: string[];
  /** Missing modules no Debian package is known to provide. */
  unknown: string[];
}

/** Which of `packages` dpkg reports as installed. One process for all of them. */
export async function installedPackages(packages: readonly string[]): Promise<Set<string>> {
  const result = await execFileAsync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages]).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }), // exits 1 when any package is unknown
  );
  const installed = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const [name, ...status] = line.trim().split(' ');
    if (name && status.join(' ') === 'install ok installed') installed.add(name.split(':')[0] ?? name);
  }
  return installed;
}

/** A browser playwright-core downloaded itself (then Debian's chromium is not needed). */
export function playwrightBrowserPresent(env: Record<string, string | undefined>): boolean {
  const dirs = [
    env.PLAYWRIGHT_BROWSERS_PATH,
    env.HOME ? join(env.HOME, '.cache', 'ms-playwright') : undefined,
  ];
  return dirs.some(
    (d) =>
      d !== undefined && d !== '0' && existsSync(d) && readdirSync(d).some((n) => n.startsWith('chromium')),
  );
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function canSudo(): Promise<boolean> {
  try {
    await execFileAsync('sudo', ['-n', 'true']);
    return true;
  } catch {
    return false;
  }
}

function runStreaming(argv: string[], options: SetupOptions): Promise<number> {
  return new Promise((resolve) => {
    const [cmd, ...args] = argv as [string, ...string[]];
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: options.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', DEBIAN_FRONTEND: 'noninteractive' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const forward = (write: (l: string) => void) => (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) write(`  ${line}`);
    };
    child.stdout.on('data', forward(options.out));
    child.stderr.on('data', forward(options.err));
    child.on('error', (e) => {
      options.err(`setup: failed to run ${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const PYTHON = '/usr/bin/python3';

/** The interpreter's version and which of `modules` it cannot import, in one process; null without python3. */
async function probePython(
  modules: readonly string[],
): Promise<Pick<SetupFacts, 'pythonVersion' | 'missingModules'>> {
  if (!existsSync(PYTHON)) return { pythonVersion: null, missingModules: [] };
  const probe = `
import importlib, json, sys, warnings
warnings.simplefilter('ignore')
missing = []
for name in ${JSON.stringify(modules)}:
    try:
        importlib.import_module(name + '.version' if name == 'distutils' else name)
    except Exception:
        missing.append(name)
print(json.dumps({'version': list(sys.version_info[:2]), 'missing': missing}))
`;
  const { stdout } = await execFileAsync(PYTHON, ['-c', probe], {
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
    timeout: 60_000,
  });
  const result = JSON.parse(stdout.trim()) as { version: [number, number]; missing: string[] };
  return { pythonVersion: result.version, missingModules: result.missing };
}

async function gatherFacts(
  purpose: SetupPurpose,
  env: SetupOptions['env'],
  integrationModules: readonly string[],
): Promise<SetupFacts> {
  const python =
    purpose === 'start' && integrationModules.length === 0
      ? { pythonVersion: null, missingModules: [] }
      : await probePython([...new Set([...BASE_MODULES, ...integrationModules])]);
  const browserPresent =
    purpose === 'test' &&
    (playwrightBrowserPresent(env) ||
      existsSync('/usr/bin/chromium') ||
      (await installedPackages(['chromium'])).has('chromium'));
  return { ...python, browserPresent, integrationModules };
}

/** One line per integration: what it needs and why, so a surprising package can be traced. */
function describeNeeds(needs: IntegrationNeeds, options: SetupOptions): void {
  const name = relative(options.cwd ?? process.cwd(), needs.integration) || needs.integration;
  if (needs.typescript) {
    options.out(`setup: ${name}: not Python code, no Python modules to check`);
    return;
  }
  const modules = needs.modules.map((m) => `${m.module} (${m.via})`).join(', ');
  const image = needs.image
    ? `; docker image ${needs.image}${needs.imageKnown ? '' : " (not in mirrorlab's image table: its imports decide)"}`
    : '';
  options.out(`setup: ${name}: needs ${modules || 'no third-party module'}${image}`);
}

export async function runSetup(options: SetupOptions): Promise<SetupReport> {
  const integrations = options.integrations ?? [];
  let needs: IntegrationNeeds[] = [];
  if (integrations.length > 0 && existsSync(PYTHON)) {
    needs = (await findIntegrationNeeds(PYTHON, integrations, options.contentRoot)).needs;
    for (const n of needs) describeNeeds(n, options);
  } else if (integrations.length > 0) {
    options.err(
      `setup: failed to read the imports of ${integrations.length} integration(s): ${PYTHON} is missing. Install it (below), then run this again.`,
    );
  }
  const neededBy = new Map<string, string>();
  for (const n of needs)
    for (const m of n.modules) if (!neededBy.has(m.module)) neededBy.set(m.module, m.via);
  const facts = await gatherFacts(options.purpose, options.env, [...neededBy.keys()]);
  const plan = planSetup(options.purpose, facts);
  const present = plan.present;
  const missing = plan.install;
  const unknown = plan.unknown;
  for (const module of unknown)
    options.err(
      `setup: failed to find a Debian package for ${module} (imported at ${neededBy.get(module) ?? '?'}): no known Debian package provides it. Install ${module} for ${PYTHON} by hand.`,
    );
  const ok = unknown.length === 0 && (integrations.length === 0 || existsSync(PYTHON));
  if (options.purpose === 'start' && missing.length === 0 && integrations.length === 0) {
    options.out('setup: nothing to install for the demo (its integration is TypeScript)');
    return { ok: true, present, missing, installed: [], unknown };
  }
  options.out(`setup: present: ${present.join(', ') || 'nothing yet'}`);
  if (missing.length === 0) {
    options.out('setup: nothing to install');
    return { ok, present, missing, installed: [], unknown };
  }

  const command = aptInstallCommand(missing);
  if (options.dryRun) {
    options.out(`setup: would install ${missing.join(', ')}: ${command}`);
    return { ok, present, missing, installed: [], unknown };
  }
  const prefix = isRoot() ? [] : (await canSudo()) ? ['sudo', '-n'] : undefined;
  if (!prefix) {
    options.err(
      `setup: failed to install ${missing.join(', ')}: not root and sudo needs a password. Run as root: ${command}`,
    );
    return { ok: false, present, missing, installed: [], unknown };
  }
  options.out(`setup: installing ${missing.join(', ')} with apt-get (this can take a minute)`);
  const update = await runStreaming([...prefix, 'apt-get', 'update', '-q'], options);
  const install =
    update === 0
      ? await runStreaming(
          [...prefix, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing],
          options,
        )
      : update;
  const after = await installedPackages(missing);
  const still = missing.filter((p) => !after.has(p));
  if (install !== 0 || still.length > 0) {
    options.err(
      `setup: failed to install ${still.join(', ') || missing.join(', ')}: apt-get exited ${install}. Run by hand: ${command}`,
    );
    return { ok: false, present, missing: still, installed: missing.filter((p) => after.has(p)), unknown };
  }
  options.out(`setup: installed ${missing.join(', ')}`);
  return { ok, present, missing: [], installed: missing, unknown };
}
