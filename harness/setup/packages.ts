/**
 * What `mirrorlab setup` installs, decided from what is used and what is missing (python-runtime.md
 * §3.5, §5.5). Debian packages only: PyPI is unreachable on the project's machines, and Debian's
 * /usr/bin/python3 is the interpreter the Python runtime uses. Pure: the facts come in, the plan
 * goes out.
 */
import { MODULE_PACKAGES, packageForModule } from '../runtime/python/index.ts';

/**
 * - `python` (default): what Python integrations with CommonServerPython need;
 * - `start`: the demo, whose default integration is TypeScript: nothing;
 * - `test`: this repository's own tests: the Python stack and a browser for the e2e tests.
 */
export type SetupPurpose = 'python' | 'start' | 'test';
export const SETUP_PURPOSES: readonly SetupPurpose[] = ['python', 'start', 'test'];

/**
 * The modules CommonServerPython, HelloWorld and ServiceNowv2 import: what every Python
 * integration needs, checked by a bare `mirrorlab setup`. Their packages come from the runtime's
 * one module → package table.
 */
export const BASE_MODULES = [
  'requests',
  'urllib3',
  'dateparser',
  'pytz',
  'tzlocal',
  'dateutil',
  'distutils',
  'jwt',
  'cryptography',
] as const;

/** Base module → Debian package (as Debian 12 names it). */
export const PYTHON_MODULE_PACKAGES: Readonly<Record<string, string>> = Object.fromEntries(
  BASE_MODULES.map((m) => [m, MODULE_PACKAGES[m]!]),
);

/** Debian's Chromium, driven by playwright-core's `executablePath` in the e2e tests. */
export const BROWSER_PACKAGE = 'chromium';

export interface SetupFacts {
  /** The interpreter's version, e.g. [3, 11]; null when /usr/bin/python3 is absent. */
  pythonVersion: [number, number] | null;
  /** Modules (base and integrations') the interpreter cannot import. */
  missingModules: readonly string[];
  /** Third-party modules the integrations given to setup need, beyond the base ones. */
  integrationModules?: readonly string[];
  /** Whether a browser is there (Debian's chromium, or one Playwright downloaded itself). */
  browserPresent: boolean;
}

export interface SetupPlan {
  /** What is needed and present, for the report. */
  present: string[];
  /** Debian packages to install. */
  install: string[];
  /** Missing modules no Debian package is known to provide. */
  unknown: string[];
}

export function planSetup(purpose: SetupPurpose, facts: SetupFacts): SetupPlan {
  const present: string[] = [];
  const install: string[] = [];
  const unknown: string[] = [];
  const extra = (facts.integrationModules ?? []).filter(
    (m) => !(BASE_MODULES as readonly string[]).includes(m),
  );
  if (purpose === 'python' || purpose === 'test' || extra.length > 0) {
    if (facts.pythonVersion === null) {
      // Without an interpreter nothing can be probed: the whole stack, as Debian 12 names it.
      install.push('python3', ...Object.values(PYTHON_MODULE_PACKAGES));
      for (const module of extra) {
        const debian = MODULE_PACKAGES[module];
        if (debian) install.push(debian);
        else unknown.push(module);
      }
    } else {
      present.push(`python3 ${facts.pythonVersion.join('.')}`);
      const version = facts.pythonVersion;
      for (const module of [...BASE_MODULES, ...extra]) {
        if (!facts.missingModules.includes(module)) present.push(module);
        else {
          const debian = packageForModule(module, version);
          if (debian) install.push(debian);
          else unknown.push(module);
        }
      }
    }
  }
  if (purpose === 'test') {
    if (facts.browserPresent) present.push('chromium');
    else install.push(BROWSER_PACKAGE);
  }
  return { present, install: [...new Set(install)], unknown };
}

/** The one command a user runs by hand when we cannot install for them. */
export function aptInstallCommand(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}
