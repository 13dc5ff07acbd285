/**
 * Which python3 runs integrations, and whether it has the modules CommonServerPython needs.
 * Debian's /usr/bin/python3 by default: a bare `python3` on PATH is often a pyenv shim that cannot
 * see the apt-installed packages (python-runtime.md §4).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { HarnessError } from '../../core/index.ts';
import { packageForModule } from './debian-packages.ts';

export const DEFAULT_PYTHON = '/usr/bin/python3';

/** The modules CommonServerPython cannot import without (python-runtime.md §3.5). */
export const CSP_MODULES = ['requests', 'urllib3', 'dateparser', 'pytz', 'tzlocal', 'dateutil', 'distutils'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The interpreter to use: `explicit` (from --python / MIRRORLAB_PYTHON) or Debian's python3. */
export function resolvePython(explicit?: string): string {
  const wanted = explicit && explicit.trim() !== '' ? explicit : DEFAULT_PYTHON;
  if (isExecutable(wanted)) return wanted;
  const hint = explicit
    ? 'Check --python / MIRRORLAB_PYTHON.'
    : 'Install it with `mirrorlab setup` (apt-get install python3), or pass --python PATH / set MIRRORLAB_PYTHON.';
  throw new HarnessError(
    'runtime-missing',
    `python: failed to find interpreter ${wanted}: not an executable file. ${hint}`,
  );
}

const PROBE = `
import importlib, json, sys, warnings
warnings.simplefilter('ignore')
missing = []
for name in ${JSON.stringify(CSP_MODULES)}:
    try:
        importlib.import_module(name + '.version' if name == 'distutils' else name)
    except Exception:
        missing.append(name)
print(json.dumps({'version': list(sys.version_info[:2]), 'missing': missing}))
`;

const checked = new Map<string, Promise<{ ok: boolean; missing: string[]; packages: string[] }>>();

/** Checks the modules once per interpreter; `packages` are the Debian packages to install. */
export function checkPythonDeps(
  python: string,
): Promise<{ ok: boolean; missing: string[]; packages: string[] }> {
  let result = checked.get(python);
  if (!result) {
    result = new Promise((resolve, reject) => {
      execFile(
        python,
        ['-c', PROBE],
        { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' }, timeout: 30_000 },
        (error, stdout, stderr) => {
          if (error) {
            reject(
              new HarnessError(
                'runtime-missing',
                `python: failed to start ${python}: ${(stderr || error.message).trim().split('\n').pop()}. Check the interpreter path.`,
              ),
            );
            return;
          }
          const probe = JSON.parse(stdout.trim()) as { version: [number, number]; missing: string[] };
          const missing = probe.missing;
          // CSP's modules all have a package in the table.
          const packages = missing.map((m) => packageForModule(m, probe.version) ?? `python3-${m}`);
          resolve({ ok: missing.length === 0, missing, packages });
        },
      );
    });
    checked.set(python, result);
    result.catch(() => checked.delete(python));
  }
  return result;
}

/**
 * The one line shown when modules are missing. distutils gets its own hint: Python 3.12 removed
 * it, and CommonServerPython's `from distutils.version import LooseVersion` then fails at import
 * (contract.md §A.6, §F.10); Debian's python3-distutils only exists up to Python 3.11.
 */
export function missingDepsMessage(python: string, missing: string[], packages: string[]): string {
  const distutils = missing.includes('distutils')
    ? ' CommonServerPython imports distutils.version, which Python 3.12 removed: use a Python ≤ 3.11 (--python), or install setuptools, whose distutils shim provides it.'
    : '';
  return (
    `python: failed to prepare ${python}: missing module${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
    `Run \`mirrorlab setup\` or: apt-get install -y ${packages.join(' ')}.${distutils}`
  );
}
