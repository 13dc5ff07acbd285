/**
 * Which files `mirrorlab run [paths...]` means: files as given, directories searched for `.yaml`
 * and `.yml` scenario files (integration manifests, which have a top-level `script:`, are skipped),
 * and globs (`scenarios/**\/*.yaml`, `*`, `?`, `{a,b}`) without a dependency (Node 20 has no fs.glob).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const GLOB_CHARS = /[*?[{]/;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((part) => part.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else out += /[.+^$()|[\]\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}

function walk(dir: string, visit: (file: string) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}

const isYaml = (file: string) => file.endsWith('.yaml') || file.endsWith('.yml');
function looksLikeManifest(file: string): boolean {
  try {
    return /^script:/m.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

export interface FoundScenarios {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Inputs that matched nothing. */
  unmatched: string[];
}

export function findScenarioFiles(inputs: readonly string[], cwd: string): FoundScenarios {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const input of inputs) {
    const before = files.size;
    const absolute = resolve(cwd, input);
    if (GLOB_CHARS.test(input)) {
      const normalized = relative(cwd, absolute).split(sep).join('/');
      const staticPart = normalized
        .split('/')
        .filter((_, i, parts) => !parts.slice(0, i + 1).some((p) => GLOB_CHARS.test(p)));
      const root = resolve(cwd, staticPart.join('/') || '.');
      const pattern = globToRegExp(normalized);
      try {
        walk(root, (file) => {
          if (pattern.test(relative(cwd, file).split(sep).join('/')) && isYaml(file)) files.add(file);
        });
      } catch {
        /* a missing root simply matches nothing */
      }
    } else {
      let stats;
      try {
        stats = statSync(absolute);
      } catch {
        unmatched.push(input);
        continue;
      }
      if (stats.isDirectory())
        walk(absolute, (file) => isYaml(file) && !looksLikeManifest(file) && files.add(file));
      else files.add(absolute);
    }
    if (files.size === before) unmatched.push(input);
  }
  return { files: [...files].sort(), unmatched };
}
