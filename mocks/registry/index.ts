/**
 * The fake third parties by kind: what a scenario's `remotes:` and createHarness's `remotes`
 * option start. The composition roots (createHarness, the scenario runner, the CLI) reach the
 * vendors only through here.
 */
import type { RemoteHandle, RemoteSettings, StartRemote, StartRemoteOptions } from '../shared/index.ts';
import { startHelpdeskRemote } from '../ticketing/helpdesk/index.ts';
import { startServicenowRemote } from '../ticketing/servicenow/index.ts';

const STARTERS = {
  helpdesk: startHelpdeskRemote,
  servicenow: startServicenowRemote,
} satisfies Record<string, StartRemote>;

export type RemoteKind = keyof typeof STARTERS;
export const REMOTE_KINDS = Object.keys(STARTERS) as RemoteKind[];

export function isRemoteKind(kind: string): kind is RemoteKind {
  return Object.hasOwn(STARTERS, kind);
}

/** Starts one fake on its own port (127.0.0.1), stamping records with `options.clock`. */
export function startRemote(
  name: string,
  settings: RemoteSettings,
  options: StartRemoteOptions,
): Promise<RemoteHandle> {
  if (!isRemoteKind(settings.kind))
    throw new Error(
      `remote "${name}": unknown kind "${settings.kind}". Known kinds: ${REMOTE_KINDS.join(', ')}.`,
    );
  return STARTERS[settings.kind](name, settings, options);
}

export type {
  FaultSpec,
  RemoteAction,
  RemoteHandle,
  RemoteSettings,
  RemoteWiring,
  StartRemoteOptions,
} from '../shared/index.ts';
