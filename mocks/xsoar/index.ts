/** The fake XSOAR server: REST API, control API and dashboard over a Harness. */
export { createXsoarApp, type XsoarApp, type XsoarAppOptions } from './create-xsoar-app.ts';
export type { RemoteDesk, RemoteRecord } from './remote-desk.ts';
export { parseCommandLine, type CommandLine } from './command-line.ts';
export { searchIncidents, type IncidentFilter } from './incident-search.ts';
export { toErrorResponse } from './error-middleware.ts';
export { xsoarTenantKind, TENANT_DEFAULT_API_KEY } from './tenant-kind.ts';
