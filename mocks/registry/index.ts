/**
 * The fake third parties by kind: the one list of built-in vendors. Each entry is the vendor's
 * descriptor (its folder's `kind.ts`); the scenario schema, `mirrorlab remote <kind>` and
 * createHarness's `remotes` derive from this list, and a user's descriptor joins it per harness
 * (`createHarness({ fakes: [...] })`) or per scenario (`kind: ./fakes/pagerduty.ts`). The
 * composition roots reach the vendors only through here.
 */
import {
  startRemoteKind,
  type RemoteHandle,
  type RemoteKind,
  type RemoteSettings,
  type StartRemoteOptions,
} from '../shared/index.ts';
import { helpdeskKind } from '../ticketing/helpdesk/index.ts';
import { servicenowKind } from '../ticketing/servicenow/index.ts';
import { zendeskKind } from '../ticketing/zendesk/index.ts';
import { jiraKind } from '../ticketing/jira/index.ts';
import { xsoarTenantKind } from '../xsoar/index.ts';

/** Built-in kinds, in the order help texts and the schema list them. */
export const BUILTIN_KINDS: readonly RemoteKind[] = [
  helpdeskKind as unknown as RemoteKind,
  servicenowKind as unknown as RemoteKind,
  zendeskKind as unknown as RemoteKind,
  jiraKind as unknown as RemoteKind,
  // A second fake XSOAR tenant; its engine is lent by the composition root (options.createTenant).
  xsoarTenantKind as unknown as RemoteKind,
];

export const REMOTE_KINDS: readonly string[] = BUILTIN_KINDS.map((k) => k.kind);

/** The descriptor of a kind: a user's (`extra`) first, so a project may shadow a built-in. */
export function findRemoteKind(kind: string, extra: readonly RemoteKind[] = []): RemoteKind | undefined {
  return [...extra, ...BUILTIN_KINDS].find((k) => k.kind === kind);
}

/** Starts one fake on its own port (127.0.0.1), stamping records with `options.clock`. */
export function startRemote(
  name: string,
  settings: RemoteSettings,
  options: StartRemoteOptions,
  extra: readonly RemoteKind[] = [],
): Promise<RemoteHandle> {
  const descriptor = findRemoteKind(settings.kind, extra);
  if (!descriptor) {
    const known = [...extra.map((k) => k.kind), ...REMOTE_KINDS];
    throw new Error(
      `remote "${name}": unknown kind "${settings.kind}". Known kinds: ${known.join(', ')}; or give the path of a module exporting a descriptor (defineRemoteKind).`,
    );
  }
  return startRemoteKind(descriptor, name, settings, options);
}

export { REMOTE_VERBS, STANDARD_ACTIONS, isRemoteKindDescriptor } from '../shared/index.ts';
export type {
  CreateTenant,
  TenantOptions,
  FaultSpec,
  RemoteVerb,
  RemoteAction,
  RemoteHandle,
  RemoteKind,
  RemoteSettings,
  RemoteWiring,
  StartRemoteOptions,
  TicketView,
} from '../shared/index.ts';
