/**
 * Which python3 runs integrations, and whether it has the modules CommonServerPython needs.
 * Debian's /usr/bin/python3 by default: a bare `python3` on PATH is often a pyenv shim that cannot
 * see the apt-installed packages (python-runtime.md §4).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { HarnessError } from '../../core/index.ts';

export const DEFAULT_PYTHON = '/usr/bin/python3';

/** Python module → the Debian package that provides it (python-runtime.md §3.5). */
export const DEBIAN_PACKAGE_BY_MODULE: Record<string, string> = {
  requests: 'python3-requests',
  urllib3: 'python3-urllib3',
  dateparser: 'python3-dateparser',
  pytz: 'python3-tz',
  tzlocal: 'python3-tzlocal',
  dateutil: 'python3-dateutil',
  distutils: 'python3-distutils',
};

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
import importlib, json, warnings
warnings.simplefilter('ignore')
missing = []
for name in ${JSON.stringify(Object.keys(DEBIAN_PACKAGE_BY_MODULE))}:
    try:
        importlib.import_module(name + '.version' if name == 'distutils' else name)
    except Exception:
        missing.append(name)
print(json.dumps(missing))
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
          const missing = JSON.parse(stdout.trim()) as string[];
          const packages = missing.map((m) => DEBIAN_PACKAGE_BY_MODULE[m] ?? m);
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
