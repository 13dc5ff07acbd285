/**
 * What `mirrorlab setup` installs, decided from what is used and what is missing (python-runtime.md
 * §3.5, §5.5). Debian packages only: PyPI is unreachable on the project's machines, and Debian's
 * /usr/bin/python3 is the interpreter the Python runtime uses. Pure: the facts come in, the plan
 * goes out.
 */

/**
 * - `python` (default): what Python integrations with CommonServerPython need;
 * - `start`: the demo, whose default integration is TypeScript: nothing;
 * - `test`: this repository's own tests: the Python stack and a browser for the e2e tests.
 */
export type SetupPurpose = 'python' | 'start' | 'test';
export const SETUP_PURPOSES: readonly SetupPurpose[] = ['python', 'start', 'test'];

/**
 * Python module → Debian package, for what CommonServerPython, HelloWorld and ServiceNowv2 import.
 * Every name exists in Debian 12 (bookworm) and 13 (trixie) except python3-distutils (see below).
 */
export const PYTHON_MODULE_PACKAGES: Readonly<Record<string, string>> = {
  requests: 'python3-requests',
  urllib3: 'python3-urllib3',
  dateparser: 'python3-dateparser',
  pytz: 'python3-tz',
  tzlocal: 'python3-tzlocal',
  dateutil: 'python3-dateutil',
  distutils: 'python3-distutils',
  jwt: 'python3-jwt',
  cryptography: 'python3-cryptography',
};

/**
 * Modules single integrations import whose Debian package is not `python3-<module>`, for naming the
 * package when one is missing (`mirrorlab setup` installs only the common stack above). Jira V3:
 * `from bs4 import BeautifulSoup` (its docker image is demisto/btfl-soup).
 */
export const INTEGRATION_MODULE_PACKAGES: Readonly<Record<string, string>> = {
  bs4: 'python3-bs4',
  yaml: 'python3-yaml',
  OpenSSL: 'python3-openssl',
  Crypto: 'python3-pycryptodome',
  magic: 'python3-magic',
  dns: 'python3-dnspython',
};

/** Debian's Chromium, driven by playwright-core's `executablePath` in the e2e tests. */
export const BROWSER_PACKAGE = 'chromium';

export interface SetupFacts {
  /** The interpreter's version, e.g. [3, 11]; null when /usr/bin/python3 is absent. */
  pythonVersion: [number, number] | null;
  /** Modules of PYTHON_MODULE_PACKAGES the interpreter cannot import. */
  missingModules: readonly string[];
  /** Whether a browser is there (Debian's chromium, or one Playwright downloaded itself). */
  browserPresent: boolean;
}

export interface SetupPlan {
  /** What is needed and present, for the report. */
  present: string[];
  /** Debian packages to install. */
  install: string[];
}

/**
 * distutils left the standard library in Python 3.12 and python3-distutils left Debian with it
 * (Debian 13 has none); there setuptools' shim provides `distutils`, which CommonServerPython's
 * `from distutils.version import LooseVersion` needs (contract.md §F.10).
 */
export function packageForModule(module: string, pythonVersion: [number, number]): string {
  if (module === 'distutils' && (pythonVersion[0] > 3 || pythonVersion[1] >= 12)) return 'python3-setuptools';
  // Debian's python policy: python3-<module>, lower case, underscores as hyphens.
  return (
    PYTHON_MODULE_PACKAGES[module] ??
    INTEGRATION_MODULE_PACKAGES[module] ??
    `python3-${module.toLowerCase().replaceAll('_', '-')}`
  );
}

export function planSetup(purpose: SetupPurpose, facts: SetupFacts): SetupPlan {
  const present: string[] = [];
  const install: string[] = [];
  if (purpose === 'python' || purpose === 'test') {
    if (facts.pythonVersion === null) {
      // Without an interpreter nothing can be probed: the whole stack, as Debian 12 names it.
      install.push('python3', ...Object.values(PYTHON_MODULE_PACKAGES));
    } else {
      present.push(`python3 ${facts.pythonVersion.join('.')}`);
      const version = facts.pythonVersion;
      for (const module of Object.keys(PYTHON_MODULE_PACKAGES)) {
        if (facts.missingModules.includes(module)) install.push(packageForModule(module, version));
        else present.push(module);
      }
    }
  }
  if (purpose === 'test') {
    if (facts.browserPresent) present.push('chromium');
    else install.push(BROWSER_PACKAGE);
  }
  return { present, install: [...new Set(install)] };
}

/** The one command a user runs by hand when we cannot install for them. */
export function aptInstallCommand(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}
