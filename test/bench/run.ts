/**
 * `npm run bench`: runs every benchmark module present and prints its figures. Benchmarks are not
 * tests (design.md §12): they print numbers, they do not assert. Set MIRRORLAB_CONTENT_ROOT to
 * measure Python round trips with the real CommonServerPython.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Bench = (options: { contentRoot?: string }) => Promise<Record<string, string>>;

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES: [file: string, exportName: string, title: string][] = [
  ['engine.ts', 'benchEngine', 'engine (TypeScript integration, virtual clock)'],
  ['helpdesk.ts', 'benchHelpdesk', 'helpdesk fake over real HTTP'],
  ['mirror-http.ts', 'benchMirrorHttp', 'mirror cycle over HTTP (TypeScript integration)'],
  ['servicenow.ts', 'benchServicenow', 'ServiceNow fake over real HTTP, and mapping'],
  ['python.ts', 'benchPython', 'Python command round trip'],
  ['scenarios.ts', 'benchScenarios', 'scenario library'],
];

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT;
for (const [file, exportName, title] of BENCHES) {
  const path = join(here, file);
  if (!existsSync(path)) continue;
  const mod = (await import(pathToFileURL(path).href)) as Record<string, Bench>;
  const bench = mod[exportName];
  if (!bench) continue;
  process.stdout.write(`\n## ${title}\n`);
  const started = performance.now();
  const figures = await bench(contentRoot ? { contentRoot } : {});
  for (const [name, value] of Object.entries(figures))
    process.stdout.write(`  ${name.padEnd(58)} ${value}\n`);
  process.stdout.write(`  (bench wall time ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
