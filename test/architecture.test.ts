/**
 * The dependency rules of design.md §4 that ESLint does not check, read from every source file's
 * imports. The rest — harness/core importing only itself and reading no clock, randomness or
 * environment, only the composition roots importing mocks/, no cycles — are ESLint rules
 * (eslint.config.js), proven by test/lint-boundaries.test.ts. A rule broken here is a design
 * decision to discuss, not a test to silence.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(rel.split(sep).join('/'));
  }
  return out;
}

function text(file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(file: string): string[] {
  const src = text(file)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specs: string[] = [];
  for (const re of [
    /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g,
    /import\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
  ]) {
    for (const m of src.matchAll(re)) specs.push(m[1]!);
  }
  return specs;
}

/** Repo-relative target of a relative import, or undefined for packages. */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(root, resolve(root, dirname(file), spec))
    .split(sep)
    .join('/');
}

const harness = sourceFiles('harness');
const mocks = sourceFiles('mocks');
const core = harness.filter((f) => f.startsWith('harness/core/'));

describe('design.md §4 dependency rules', () => {
  it('finds the source tree it checks', () => {
    expect(core.length).toBeGreaterThan(5);
    expect(mocks.length).toBeGreaterThan(0);
  });

  it('lets only harness/store import lowdb', () => {
    const all = [...harness, ...mocks];
    const bad = all.filter(
      (f) =>
        !f.startsWith('harness/store/') && importsOf(f).some((s) => s === 'lowdb' || s.startsWith('lowdb/')),
    );
    expect(bad).toEqual([]);
  });

  it('lets only harness/cli.ts read process.env and process.argv', () => {
    const bad = [...harness, ...mocks].filter(
      (f) =>
        f !== 'harness/cli.ts' &&
        /process\.(env|argv)\b/.test(text(f).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')),
    );
    expect(bad).toEqual([]);
  });

  it('lets only harness/cli.ts and mocks/shared/serve.ts call listen()', () => {
    const allowed = new Set(['harness/cli.ts', 'mocks/shared/serve.ts']);
    const bad = [...harness, ...mocks].filter(
      (f) => !allowed.has(f) && /\.listen\(/.test(text(f).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')),
    );
    expect(bad).toEqual([]);
  });

  // mocks/xsoar takes its code from harness/core and harness/runtime, and only types from
  // harness/index.ts: the registry lists its `xsoar` kind (a second tenant), and code from
  // harness/index.ts would close the loop create-harness → registry → mocks/xsoar → create-harness.
  it('keeps mocks/xsoar importing harness through core, runtime or (types only) index.ts, and never a vendor', () => {
    const surfaces = new Set(['harness/index.ts', 'harness/core/index.ts', 'harness/runtime/index.ts']);
    const bad = mocks
      .filter((f) => f.startsWith('mocks/xsoar/'))
      .flatMap((f) =>
        importsOf(f)
          .map((s) => ({ s, t: target(f, s) }))
          .filter(
            ({ t }) =>
              t !== undefined &&
              ((t.startsWith('harness/') && !surfaces.has(t)) || t.startsWith('mocks/ticketing/')),
          )
          .map(({ s }) => `${f} imports ${s}`),
      );
    expect(bad).toEqual([]);
    const codeFromIndex = mocks
      .filter((f) => f.startsWith('mocks/xsoar/'))
      .flatMap((f) =>
        text(f)
          .split('\n')
          .filter(
            (line) => /from ['"][./]*harness\/index\.ts['"]/.test(line) && !/^import type /.test(line.trim()),
          )
          .map((line) => `${f}: ${line.trim()}`),
      );
    expect(codeFromIndex).toEqual([]);
  });

  it('keeps vendor fakes ignorant of XSOAR: mocks/shared, libraries (zod for their descriptor) and at most the Clock type', () => {
    const bad = mocks
      .filter((f) => f.startsWith('mocks/ticketing/'))
      .flatMap((f) => {
        const vendor = f.split('/').slice(0, 3).join('/');
        return importsOf(f)
          .map((s) => ({ s, t: target(f, s) }))
          .filter(({ s, t }) => {
            if (t === undefined)
              return (
                !['msw', 'express', '@faker-js/faker', 'zod'].some((p) => s === p || s.startsWith(`${p}/`)) &&
                !s.startsWith('node:')
              );
            if (t.startsWith(`${vendor}/`) || t.startsWith('mocks/shared/')) return false;
            return t !== 'harness/core/index.ts' && t !== 'harness/core/clock.ts';
          })
          .map(({ s }) => `${f} imports ${s}`);
      });
    expect(bad).toEqual([]);
  });

  it('lets a vendor fake take nothing from harness/core but the Clock type', () => {
    const bad = mocks
      .filter((f) => f.startsWith('mocks/ticketing/'))
      .flatMap((f) =>
        text(f)
          .split('\n')
          .filter(
            (line) =>
              /from ['"][./]*harness\//.test(line) && !/^import type \{ Clock \} from /.test(line.trim()),
          )
          .map((line) => `${f}: ${line.trim()}`),
      );
    expect(bad).toEqual([]);
  });

  it('lets the harness reach the fakes only through the registry or the public index', () => {
    // mocks/xsoar is the fake XSOAR itself (REST API and dashboard over a harness), not a vendor.
    const allowed = new Set(['mocks/registry/index.ts', 'mocks/index.ts', 'mocks/xsoar/index.ts']);
    const bad = harness.flatMap((f) =>
      importsOf(f)
        .map((s) => ({ s, t: target(f, s) }))
        .filter(({ t }) => t !== undefined && t.startsWith('mocks/') && !allowed.has(t))
        .map(({ s }) => `${f} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('names no vendor fake outside its folder except in the registry list', () => {
    const vendors = readdirSync(join(root, 'mocks', 'ticketing'));
    expect(vendors.length).toBeGreaterThanOrEqual(3);
    const bad = [...harness, ...mocks]
      .filter(
        (f) => !f.startsWith('mocks/ticketing/') && f !== 'mocks/registry/index.ts' && f !== 'mocks/index.ts',
      )
      .flatMap((f) =>
        importsOf(f)
          .map((s) => target(f, s))
          .filter((t): t is string => t !== undefined && t.startsWith('mocks/ticketing/'))
          .map((t) => `${f} imports ${t}`),
      );
    expect(bad).toEqual([]);
  });

  it('crosses folders only through index.ts', () => {
    const top = (p: string) => p.split('/').slice(0, 2).join('/');
    const bad = [...harness, ...mocks].flatMap((f) =>
      importsOf(f)
        .map((s) => ({ s, t: target(f, s) }))
        .filter(({ t }) => {
          if (t === undefined || !/^(harness|mocks)\//.test(t)) return false;
          const from = f.startsWith('mocks/ticketing/') ? f.split('/').slice(0, 3).join('/') : top(f);
          const to = t.startsWith('mocks/ticketing/') ? t.split('/').slice(0, 3).join('/') : top(t);
          if (from === to) return false;
          // Top-level harness files (api.ts, create-harness.ts, index.ts, cli.ts) are the root folder's
          // public surface; cli.ts owns its subcommand folder.
          if (/^harness\/[^/]+$/.test(t)) return false;
          if (f === 'harness/cli.ts' && t.startsWith('harness/cli/')) return false;
          return !t.endsWith('/index.ts');
        })
        .map(({ s }) => `${f} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });
});
