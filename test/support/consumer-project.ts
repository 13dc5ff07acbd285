/**
 * A user's project with mirrorlab installed from its packed tarball, the way `npm i -D mirrorlab`
 * would, but offline: the tarball's dependencies are resolved from this repository's lockfile
 * (exact versions and integrity), so `npm ci --offline` takes them from the npm cache that this
 * repository's own `npm ci` filled. Only what mirrorlab declares ends up installed, so a runtime
 * dependency missing from package.json fails here as it would for a user.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  dev?: boolean;
  optional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** Where Node would find `name` when required from the package installed at `from` ('' = root). */
function resolveInLock(lock: Lock, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** Every lock path reachable from `roots` through dependencies, optional and required peer deps. */
function closure(lock: Lock, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const entry = lock.packages[path]!;
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers[n]?.optional),
    ];
    for (const name of names) {
      const found = resolveInLock(lock, path, name);
      if (found) visit(found);
    }
  };
  for (const root of roots) visit(root);
  return seen;
}

export interface ConsumerProject {
  dir: string;
  tarball: string;
  /** Runs a command in the project; returns stdout, throws with stdout+stderr on a non-zero exit. */
  run(command: string, args: string[], options?: { env?: Record<string, string> }): string;
  write(file: string, text: string): void;
}

/** Packs this repository (prepack builds dist/) and installs the tarball into a new temp project. */
export function createConsumerProject(
  tools: string[] = ['vitest', 'typescript', '@types/node'],
): ConsumerProject {
  const dir = mkdtempSync(join(tmpdir(), 'mirrorlab-consumer-'));
  execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: repoRoot, stdio: 'pipe' });
  const tarballName = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  const tarball = join(dir, tarballName);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    bin?: Record<string, string>;
    engines?: Record<string, string>;
    license?: string;
  };
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lock;

  const toolVersions = Object.fromEntries(
    tools.map((t) => [t, lock.packages[`node_modules/${t}`]!.version!] as const),
  );
  const roots = [...Object.keys(pkg.dependencies), ...tools].map((n) => `node_modules/${n}`);
  const packages: Record<string, LockEntry> = {
    '': {
      name: 'consumer',
      dependencies: { [pkg.name]: `file:${tarballName}` },
      devDependencies: toolVersions,
    },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: `file:${tarballName}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      dependencies: pkg.dependencies,
      ...(pkg.peerDependencies ? { peerDependencies: pkg.peerDependencies } : {}),
      ...(pkg.peerDependenciesMeta ? { peerDependenciesMeta: pkg.peerDependenciesMeta } : {}),
      ...(pkg.bin ? { bin: pkg.bin } : {}),
      ...(pkg.engines ? { engines: pkg.engines } : {}),
      ...(pkg.license ? { license: pkg.license } : {}),
    },
  };
  for (const path of closure(lock, roots)) {
    // Dev/optional flags belong to this repository's tree; npm recomputes them for the consumer.
    const { dev: _dev, peer: _peer, ...entry } = lock.packages[path]!;
    packages[path] = entry;
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { [pkg.name]: `file:${tarballName}` },
        devDependencies: toolVersions,
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2),
  );

  const env = (extra: Record<string, string> = {}) => ({
    PATH: `${join(dir, 'node_modules', '.bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: process.env.HOME ?? dir,
    ...extra,
  });
  const project: ConsumerProject = {
    dir,
    tarball,
    run(command, args, options = {}) {
      try {
        return execFileSync(command, args, {
          cwd: dir,
          env: env(options.env),
          encoding: 'utf8',
          stdio: 'pipe',
          timeout: 120_000,
        });
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(
          `${command} ${args.join(' ')} failed: ${err.message}\n--- stdout\n${err.stdout ?? ''}\n--- stderr\n${err.stderr ?? ''}`,
        );
      }
    },
    write(file, text) {
      writeFileSync(join(dir, file), text);
    },
  };
  project.run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
  return project;
}
