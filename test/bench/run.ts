/**
 * `npm run bench`: runs every benchmark module present and prints its figures, each beside the
 * reference it is measured against in the same run where it has one, and writes them all to
 * bench-results/bench-<time>.json (ignored by git) so runs can be compared. Benchmarks are not
 * tests (design.md §12): they print numbers, they do not assert. Set MIRRORLAB_CONTENT_ROOT to
 * measure Python round trips with the real CommonServerPython.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatFigure, type Figures } from './figures.ts';

type Bench = (options: { contentRoot?: string }) => Promise<Figures>;

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES: [file: string, exportName: string, title: string][] = [
  ['engine.ts', 'benchEngine', 'engine (TypeScript integration, virtual clock)'],
  ['helpdesk.ts', 'benchHelpdesk', 'helpdesk fake over real HTTP'],
  ['mirror-http.ts', 'benchMirrorHttp', 'mirror cycle over HTTP (TypeScript integration)'],
  ['servicenow.ts', 'benchServicenow', 'ServiceNow fake over real HTTP, and mapping'],
  ['python.ts', 'benchPython', 'Python command round trip'],
  ['scenarios.ts', 'benchScenarios', 'scenario library'],
  ['scale.ts', 'benchScale', 'scale: 10,000 mirrored incidents (helpdesk over HTTP, TypeScript integration)'],
];

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT;
const results: Record<string, Figures> = {};
for (const [file, exportName, title] of BENCHES) {
  const path = join(here, file);
  if (!existsSync(path)) continue;
  const mod = (await import(pathToFileURL(path).href)) as Record<string, Bench>;
  const bench = mod[exportName];
  if (!bench) continue;
  process.stdout.write(`\n## ${title}\n`);
  const started = performance.now();
  const figures = await bench(contentRoot ? { contentRoot } : {});
  results[title] = figures;
  for (const [name, value] of Object.entries(figures))
    process.stdout.write(`  ${name.padEnd(58)} ${formatFigure(value)}\n`);
  process.stdout.write(`  (bench wall time ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

const outDir = join(here, '..', '..', 'bench-results');
mkdirSync(outDir, { recursive: true });
const at = new Date().toISOString();
const out = join(outDir, `bench-${at.replace(/[:.]/g, '-')}.json`);
writeFileSync(
  out,
  `${JSON.stringify({ at, node: process.version, cpus: cpus().length, contentRoot: contentRoot ?? null, results }, null, 2)}\n`,
);
process.stdout.write(`\nfigures written to ${out}\n`);
