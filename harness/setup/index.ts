export { runSetup, installedPackages, playwrightBrowserPresent } from './run-setup.ts';
export type { SetupOptions, SetupReport } from './run-setup.ts';
export {
  aptInstallCommand,
  BASE_MODULES,
  BROWSER_PACKAGE,
  planSetup,
  PYTHON_MODULE_PACKAGES,
  SETUP_PURPOSES,
} from './packages.ts';
export type { SetupFacts, SetupPlan, SetupPurpose } from './packages.ts';
export { findIntegrationNeeds } from './integration-needs.ts';
export type { IntegrationNeeds, NeededModule } from './integration-needs.ts';
