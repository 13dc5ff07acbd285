/**
 * `npm run build` (and `prepack`): compiles the package to dist/ and copies beside the JavaScript
 * the files it reads at run time, at the same relative paths as in the sources, so code that finds
 * them through `import.meta.url` works the same under tsx here and as JavaScript in node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

/** Runtime assets: [source folder, file filter]. */
const ASSETS: [string, RegExp][] = [
  ['harness/runtime/python', /\.py$/],
  ['mocks/xsoar/public', /\.(html|js|css|svg)$/],
  ['scenarios/integrations/helpdesk', /\.(yml|json)$/],
  ['scenarios/integrations/helpdesk_py', /\.(py|yml)$/],
  ['scenarios', /^schema\.json$/],
];

function copyAssets(folder: string, filter: RegExp): number {
  let copied = 0;
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !filter.test(entry.name)) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(dist, from.slice(root.length + 1));
    // The scenarios folder filter is for its top level only (schema.json), not the library.
    if (folder === 'scenarios' && entry.parentPath !== join(root, folder)) continue;
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
    copied++;
  }
  return copied;
}

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) {
  process.stderr.write('build: failed to compile: tsc reported the errors above.\n');
  process.exit(compiled.status ?? 1);
}
let assets = 0;
for (const [folder, filter] of ASSETS) assets += copyAssets(folder, filter);
process.stdout.write(`build: compiled to dist/ and copied ${assets} runtime files\n`);
