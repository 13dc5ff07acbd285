export { runSetup, installedPackages, playwrightBrowserPresent } from './run-setup.ts';
export type { SetupOptions, SetupReport } from './run-setup.ts';
export {
  aptInstallCommand,
  BROWSER_PACKAGE,
  INTEGRATION_MODULE_PACKAGES,
  packageForModule,
  planSetup,
  PYTHON_MODULE_PACKAGES,
  SETUP_PURPOSES,
} from './packages.ts';
export type { SetupFacts, SetupPlan, SetupPurpose } from './packages.ts';
