/**
 * Finding what an integration needs to run: its code (a .py file, or a unified YAML's
 * `script.script`), CommonServerPython and the ApiModules of the content checkout it lives in.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { HarnessError } from '../../core/index.ts';
import { findManifestPath, readManifest, type IntegrationManifest } from '../manifest.ts';

const CSP_RELATIVE = join('Packs', 'Base', 'Scripts', 'CommonServerPython', 'CommonServerPython.py');
const API_MODULES_RELATIVE = join('Packs', 'ApiModules', 'Scripts');

export interface LocatedIntegration {
  /** `file`: run the .py as __main__; `unified`: CSP + CommonServerUserPython + script.script as one module. */
  mode: 'file' | 'unified';
  /** The .py (file mode) or the YAML (unified mode). */
  path: string;
  script?: string;
  codeVersion?: string;
  manifest: IntegrationManifest | undefined;
  contentRoot: string | undefined;
  csp: string | undefined;
  /** Importable content modules: name → file (CommonServerPython, every XxxApiModule). */
  modules: Record<string, string>;
  /** Extra sys.path entries: the integration's dir, CSP's dir, every ApiModule dir. */
  sysPath: string[];
}

/** The nearest ancestor of `from` holding Packs/Base/Scripts/CommonServerPython. */
export function findContentRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, CSP_RELATIVE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function contentModules(root: string | undefined): { modules: Record<string, string>; dirs: string[] } {
  const modules: Record<string, string> = {};
  const dirs: string[] = [];
  if (!root) return { modules, dirs };
  const csp = join(root, CSP_RELATIVE);
  if (existsSync(csp)) {
    modules.CommonServerPython = csp;
    dirs.push(dirname(csp));
  }
  const apiRoot = join(root, API_MODULES_RELATIVE);
  if (existsSync(apiRoot)) {
    for (const name of readdirSync(apiRoot)) {
      const file = join(apiRoot, name, `${name}.py`);
      if (existsSync(file)) {
        modules[name] = file;
        dirs.push(dirname(file));
      }
    }
  }
  return { modules, dirs };
}

export async function locateIntegration(
  integration: string,
  explicitRoot?: string,
): Promise<LocatedIntegration> {
  const path = resolve(integration);
  if (!existsSync(path)) {
    throw new HarnessError(
      'not-found',
      `python: failed to find integration ${integration}: no such file. Check the path.`,
    );
  }
  const manifestPath = findManifestPath(path);
  const manifest = manifestPath ? await readManifest(manifestPath) : undefined;
  const contentRoot = explicitRoot ? resolve(explicitRoot) : findContentRoot(dirname(path));
  if (explicitRoot && !existsSync(join(contentRoot ?? '', CSP_RELATIVE))) {
    throw new HarnessError(
      'invalid-input',
      `python: failed to use content root ${explicitRoot}: no ${CSP_RELATIVE} inside. Point --content-root at a demisto/content checkout.`,
    );
  }
  const { modules, dirs } = contentModules(contentRoot);
  const base = { manifest, contentRoot, csp: modules.CommonServerPython, modules };
  const ext = extname(path).toLowerCase();
  if (ext === '.py') {
    if (!modules.CommonServerPython && importsCommonServerPython(readFileSync(path, 'utf8')))
      throw cspNotFound(integration, path);
    return { ...base, mode: 'file', path, sysPath: [dirname(path), ...dirs] };
  }
  if (ext !== '.yml' && ext !== '.yaml') {
    throw new HarnessError(
      'invalid-input',
      `python: failed to run ${integration}: not a .py or .yml file. Give the integration's .py or its YAML.`,
    );
  }
  if (manifest && manifest.embeddedScript !== '') {
    if (!modules.CommonServerPython && importsCommonServerPython(manifest.embeddedScript))
      throw cspNotFound(integration, path);
    const script = manifest.embeddedScript;
    const codeVersion = createHash('sha1').update(script).digest('hex');
    return { ...base, mode: 'unified', path, script, codeVersion, sysPath: [dirname(path), ...dirs] };
  }
  const sibling = join(dirname(path), `${basename(path, extname(path))}.py`);
  if (!existsSync(sibling)) {
    throw new HarnessError(
      'not-found',
      `python: failed to find the code of ${integration}: script.script is empty and there is no ${basename(sibling)} beside it. Unify the integration or add the .py.`,
    );
  }
  if (!modules.CommonServerPython && importsCommonServerPython(readFileSync(sibling, 'utf8')))
    throw cspNotFound(integration, sibling);
  return { ...base, mode: 'file', path: sibling, sysPath: [dirname(sibling), ...dirs] };
}

/** Content integrations `from CommonServerPython import *`; mirrorlab's own twins do not. */
function importsCommonServerPython(source: string): boolean {
  return /^\s*(from\s+CommonServerPython\s+import|import\s+CommonServerPython\b)/m.test(source);
}

/** One line instead of Python's ModuleNotFoundError deep inside the first command. */
function cspNotFound(integration: string, path: string): HarnessError {
  return new HarnessError(
    'runtime-missing',
    `python: failed to run ${integration}: it imports CommonServerPython, and no content checkout holding ${CSP_RELATIVE} is above ${dirname(path)}. Pass --content-root <demisto/content checkout> or set MIRRORLAB_CONTENT_ROOT (createHarness: python.contentRoot).`,
  );
}
