/**
 * `npm run bench`: runs every benchmark module present and prints its figures, each beside the
 * reference it is measured against in the same run where it has one, and writes them all to
 * bench-results/bench-<time>.json (ignored by git) so runs can be compared. Each runs in a process of
 * its own (runChild). Benchmarks are not
 * tests (design.md §12): they print numbers, they do not assert. Set MIRRORLAB_CONTENT_ROOT to
 * measure Python round trips with the real CommonServerPython.
 */
import { spawn } from 'node:child_process';
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
const FIGURES_MARK = '@@figures ';

/** Child side: one benchmark, its figures as one marked JSON line on stdout. */
async function runOne(file: string): Promise<void> {
  const entry = BENCHES.find(([f]) => f === file);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, Bench>;
  const bench = entry ? mod[entry[1]] : undefined;
  if (!bench) throw new Error(`bench: no benchmark ${file}`);
  const figures = await bench(contentRoot ? { contentRoot } : {});
  process.stdout.write(`${FIGURES_MARK}${JSON.stringify(figures)}\n`);
}

/**
 * Each benchmark in a process of its own (the same Node flags, so `--cpu-prof` profiles each): one
 * that ran before would leave its heap, garbage and compiled code to the next (the HTTP benches
 * leave hundreds of MB), and figures would depend on their order. A figure and its reference still
 * share a process.
 */
function runChild(file: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--one', file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(FIGURES_MARK));
      if (code !== 0 || !line) reject(new Error(`bench: ${file} exited with ${code}\n${out}`));
      else resolve(JSON.parse(line.slice(FIGURES_MARK.length)) as Figures);
    });
  });
}

const one = process.argv.indexOf('--one');
if (one !== -1) {
  await runOne(process.argv[one + 1] ?? '');
  process.exit(0);
}

const results: Record<string, Figures> = {};
for (const [file, , title] of BENCHES) {
  if (!existsSync(join(here, file))) continue;
  process.stdout.write(`\n## ${title}\n`);
  const started = performance.now();
  const figures = await runChild(file);
  results[title] = figures;
  for (const [name, value] of Object.entries(figures))
    process.stdout.write(`  ${name.padEnd(58)} ${formatFigure(value)}\n`);
  process.stdout.write(
    `  (bench wall time ${((performance.now() - started) / 1000).toFixed(1)} s, own process)\n`,
  );
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
