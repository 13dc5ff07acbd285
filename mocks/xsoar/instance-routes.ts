/**
 * Integration instances. `POST /settings/integration/search` with `{}` is how CommonServerPython
 * itself lists them (`demisto.internalHttpRequest('POST', '/settings/integration/search')`, reading
 * `configurations`); the answer carries `instances` too, as the real one does. Fetch history has no
 * public REST path: `GET /settings/integration/{instance}/fetch-history` is mirrorlab's.
 */
import { Router } from 'express';
import { HarnessError } from '../../harness/core/index.ts';
import type { Harness, Instance } from '../../harness/index.ts';
import { maskParams } from './secrets.ts';
import { createCatalogRoutes, type CatalogDeclarations } from './catalog-routes.ts';

export function toApiInstance(instance: Instance) {
  return {
    id: instance.name,
    name: instance.name,
    brand: instance.brand,
    enabled: instance.enabled ? 'true' : 'false',
    isFetch: instance.fetch.enabled,
    incidentFetchInterval: instance.fetch.intervalMinutes,
    incidentType: instance.incidentType,
    mappable: instance.flags.ismappable,
    remoteSyncableIn: instance.flags.isremotesyncin,
    remoteSyncableOut: instance.flags.isremotesyncout,
    integration: instance.integration,
    commands: instance.commands,
    params: maskParams(instance.params),
  };
}

export function createInstanceRoutes(current: () => Harness, catalog?: CatalogDeclarations): Router {
  const router = Router();
  router.use(createCatalogRoutes(current, catalog));
  router.post('/settings/integration/search', (_req, res) => {
    const instances = Object.values(current().world().instances);
    const brands = [...new Set(instances.map((i) => i.brand))];
    res.json({
      instances: instances.map(toApiInstance),
      configurations: brands.map((brand) => ({ id: brand, name: brand, display: brand })),
    });
  });
  router.get('/settings/integration/:instance/fetch-history', (req, res) => {
    const world = current().world();
    if (!world.instances[req.params.instance]) {
      throw new HarnessError(
        'not-found',
        `xsoar api: failed to find instance "${req.params.instance}": no such instance. List them with POST /settings/integration/search.`,
      );
    }
    res.json(world.fetchHistory[req.params.instance] ?? []);
  });
  router.get('/about', (_req, res) => {
    const { version } = current().world().server;
    res.json({ demistoVersion: version.version, buildNum: version.buildNumber, platform: version.platform });
  });
  return router;
}
