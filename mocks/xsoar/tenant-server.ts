/**
 * A `kind: xsoar` tenant served on 127.0.0.1 — its REST API behind faults and the rate limiter —
 * as the RemoteHandle scenarios and createHarness drive.
 */
import express from 'express';
import type { Harness } from '../../harness/index.ts';
import { listen, type Json, type RemoteHandle } from '../shared/index.ts';
import type { CatalogDeclarations } from './catalog-routes.ts';
import { createXsoarApp } from './create-xsoar-app.ts';
import { createTenantGuard } from './tenant-guard.ts';
import { actOnTenant } from './tenant-actions.ts';
import { toApiEntry } from './to-api-entry.ts';

/** Serves a tenant on 127.0.0.1 behind faults and the rate limiter, as a RemoteHandle. */
export async function serveTenant(
  tenant: Harness,
  identity: { name: string; apiKey: string; catalog?: CatalogDeclarations },
  options: { clock: { now(): number }; host?: string; port?: number },
  rateLimit: Parameters<typeof createTenantGuard>[1],
): Promise<RemoteHandle> {
  const guarded = createTenantGuard(options.clock, rateLimit);
  const app = express();
  app.disable('x-powered-by');
  app.use(guarded.guard);
  app.use(
    createXsoarApp({
      harness: tenant,
      apiKey: identity.apiKey,
      ...(identity.catalog ? { catalog: identity.catalog } : {}),
    }),
  );
  const server = await listen(app, {
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  const entries = (incidentId: string) => tenant.incidents.entries(incidentId).map(toApiEntry);
  return {
    name: identity.name,
    kind: 'xsoar',
    url: server.url,
    instanceParams: (wiring) => ({
      [wiring.urlParam ?? 'url']: server.url,
      // XSOAR Mirroring reads credentials_api_key.password (or the hidden apikey); an identifier
      // would make it append /xsoar to the URL (an XSOAR 8 tenant), so it stays empty.
      [wiring.keyParam ?? 'credentials_api_key']:
        wiring.keyParam === undefined ? { identifier: '', password: identity.apiKey } : identity.apiKey,
    }),
    act: (action) => {
      if (action.rateLimit !== undefined) guarded.limiter.set(action.rateLimit);
      else return actOnTenant(tenant, action);
    },
    addFault: (fault) => {
      guarded.faults.add(fault);
    },
    clearFaults: () => guarded.faults.clear(),
    items: () => tenant.incidents.list(),
    item: (key) => tenant.incidents.get(key),
    comments: (key) => (tenant.incidents.get(key) ? entries(key) : []),
    attachments: (key) => (tenant.incidents.get(key) ? entries(key).filter((e) => e.file !== undefined) : []),
    snapshot: () => ({ world: tenant.world(), journal: tenant.journal() }) as unknown as Json,
    restore() {
      throw new Error(
        'xsoar remote: failed to restore: a tenant starts from saved state (a scenario’s `from:`, createHarness’s savedRemotes); it cannot swap its world while running.',
      );
    },
    async close() {
      await server.close();
      await tenant.close();
    },
  };
}
