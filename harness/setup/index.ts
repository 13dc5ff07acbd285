export { runSetup, installedPackages, playwrightBrowserPresent } from './run-setup.ts';
export type { SetupOptions, SetupReport } from './run-setup.ts';
export { PYTHON_PACKAGES, BROWSER_PACKAGE, packagesFor, aptInstallCommand } from './packages.ts';
export type { SetupPurpose } from './packages.ts';
