/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and prints where the time went: the top
 * functions by self time and by total (inclusive) time, and self time summed by module (package
 * or source folder), as percentages of the sampled time.
 *
 *   node --import tsx --cpu-prof --cpu-prof-dir=prof test/bench/run.ts
 *   npm run bench:profile -- prof/<file>.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Row {
  name: string;
  ms: number;
  share: number;
}

export interface Summary {
  totalMs: number;
  bySelf: Row[];
  byTotal: Row[];
  byModule: Row[];
}

const root = process.cwd();

function frameName(frame: CallFrame): string {
  const fn = frame.functionName || '(anonymous)';
  if (!frame.url) return fn;
  const path = frame.url.startsWith('file://') ? new URL(frame.url).pathname : frame.url;
  const shown = path.startsWith('/') ? relative(root, path) : path;
  return `${fn} ${shown}:${frame.lineNumber + 1}`;
}

/** Package name under node_modules, `node:<internal>` for Node's own code, else the source folder. */
export function moduleOf(url: string): string {
  if (!url) return '(native / gc / idle)';
  if (url.startsWith('node:internal/deps/')) return `${url.split('/').slice(0, 3).join('/')} (bundled)`;
  if (url.startsWith('node:internal/')) return url.split('/').slice(0, 2).join('/');
  if (url.startsWith('node:')) return url.split('/')[0]!;
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const rel = relative(root, path).split('/');
  return rel.slice(0, Math.min(3, rel.length - 1)).join('/') || rel[0]!;
}

/** `under`: only samples with a frame whose function name is `under` on the stack. */
export function summarise(profile: CpuProfile, under?: string): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const modules = new Map<string, number>();
  const inside = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (byId.get(at)!.callFrame.functionName === under) return true;
    return false;
  };
  if (under !== undefined) for (const id of [...selfUs.keys()]) if (!inside(id)) selfUs.delete(id);
  const sampledUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + us);
    const mod = moduleOf(node.callFrame.url);
    modules.set(mod, (modules.get(mod) ?? 0) + us);
    // Inclusive time: every distinct function on the sampled stack, once (recursion counts once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = frameName(byId.get(at)!.callFrame);
      if (seen.has(n)) continue;
      seen.add(n);
      total.set(n, (total.get(n) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>): Row[] =>
    [...m]
      .map(([name, us]) => ({ name, ms: us / 1000, share: sampledUs ? us / sampledUs : 0 }))
      .sort((a, b) => b.ms - a.ms);
  return { totalMs: sampledUs / 1000, bySelf: rows(self), byTotal: rows(total), byModule: rows(modules) };
}

function print(title: string, rows: Row[], top: number): void {
  process.stdout.write(`\n${title}\n`);
  for (const r of rows.slice(0, top))
    process.stdout.write(
      `  ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}\n`,
    );
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const top = Number(option(args, '--top') ?? 25);
  const under = option(args, '--under');
  if (args.length === 0) {
    process.stderr.write(
      'profile-summary: failed to read a profile: give a .cpuprofile file. Usage: profile-summary FILE... [--top N] [--under FUNCTION]\n',
    );
    process.exit(2);
  }
  for (const file of args) {
    const summary = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, under);
    const scope = under ? ` under ${under}` : '';
    process.stdout.write(`# ${file}: ${summary.totalMs.toFixed(0)} ms sampled${scope}\n`);
    print('self time by module', summary.byModule, top);
    print('self time by function', summary.bySelf, top);
    print('total time by function', summary.byTotal, top);
  }
}
