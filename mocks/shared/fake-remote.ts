/**
 * A fake served as a harness remote: listens on 127.0.0.1, restores a saved snapshot, and gives
 * faults, rate limit, snapshot/restore and close the same behaviour for every vendor. A vendor's
 * descriptor only says how its records are addressed and changed (`act`, `items`, …).
 */
import type { Express } from 'express';
import type { FakeControls } from './fake-state.ts';
import type { Json } from './json.ts';
import { listen } from './serve.ts';
import type { RemoteAction, RemoteHandle, RemoteWiring, StartRemoteOptions } from './remote.ts';

/** What serving needs from a fake: its express app and the shared controls. */
export interface ServableFake<S> extends FakeControls<S> {
  app(): Express;
  /** What its `/admin` API takes as X-Admin-Token (fakes with an admin API). */
  readonly adminToken?: string;
}

export interface FakeRemoteParts {
  /** The instance params that point an integration at this fake (its URL and credentials). */
  instanceParams(url: string, wiring: RemoteWiring): Record<string, Json>;
  /** One `remote:` step action (already checked against the kind's schema); rateLimit is handled here. */
  act(action: RemoteAction): void;
  items(): unknown[];
  item(id: string): unknown;
  comments?(id: string): unknown[];
  attachments?(id: string): unknown[];
}

export async function serveFakeRemote<S>(
  fake: ServableFake<S>,
  identity: { name: string; kind: string },
  options: StartRemoteOptions,
  parts: FakeRemoteParts,
): Promise<RemoteHandle> {
  if (options.saved !== undefined) fake.restore(options.saved as S);
  const server = await listen(fake.app(), {
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    name: identity.name,
    kind: identity.kind,
    url: server.url,
    ...(fake.adminToken !== undefined ? { adminToken: fake.adminToken } : {}),
    instanceParams: (wiring) => parts.instanceParams(server.url, wiring),
    act(action) {
      if (action.rateLimit !== undefined) fake.setRateLimit(action.rateLimit);
      else parts.act(action);
    },
    addFault: (fault) => fake.faults.add(fault),
    clearFaults: () => fake.faults.clear(),
    items: () => parts.items(),
    item: (id) => parts.item(id),
    comments: (id) => parts.comments?.(id) ?? [],
    attachments: (id) => parts.attachments?.(id) ?? [],
    snapshot: () => fake.snapshot() as Json,
    restore: (state) => fake.restore(state as S),
    async close() {
      await server.close();
      await fake.flush();
    },
  };
}
