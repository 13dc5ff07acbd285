/**
 * What `mirrorlab setup` makes sure is installed (python-runtime.md §5.5). Debian packages only:
 * PyPI is unreachable on the project's machines, and Debian's /usr/bin/python3 is the interpreter
 * the Python runtime uses.
 */
export type SetupPurpose = 'start' | 'test';

/** The Python stack CommonServerPython, HelloWorld and ServiceNowv2 import (python-runtime.md §3.5). */
export const PYTHON_PACKAGES = [
  'python3',
  'python3-requests',
  'python3-urllib3',
  'python3-dateparser',
  'python3-tz',
  'python3-tzlocal',
  'python3-dateutil',
  'python3-distutils',
  'python3-jwt',
  'python3-cryptography',
] as const;

/** Debian's Chromium, driven by playwright-core's `executablePath` in the e2e tests. */
export const BROWSER_PACKAGE = 'chromium';

export function packagesFor(purpose: SetupPurpose, playwrightBrowserPresent: boolean): string[] {
  const packages: string[] = [...PYTHON_PACKAGES];
  if (purpose === 'test' && !playwrightBrowserPresent) packages.push(BROWSER_PACKAGE);
  return packages;
}

/** The one command a user runs by hand when we cannot install for them. */
export function aptInstallCommand(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}
