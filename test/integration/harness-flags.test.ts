import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, defineIntegration, type HarnessOptions } from '../../harness/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirrorlab-flags-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('infers the flags of a .ts integration without a YAML from the commands it defines, and fetches only on request', async () => {
  const api = fileURLToPath(new URL('../../harness/index.ts', import.meta.url));
  const file = join(dir, 'no-manifest.ts');
  await writeFile(
    file,
    `import { defineIntegration } from ${JSON.stringify(api)};\n` +
      `export default defineIntegration({ commands: { 'fetch-incidents': (d) => d.incidents([{ name: 'x' }]), 'get-remote-data': () => ({ id: 1 }) } });\n`,
  );
  const h = await createHarness({ instances: { plain: { integration: file } } });
  expect(h.world().instances.plain?.flags).toEqual({
    isfetch: true,
    ismappable: false,
    isremotesyncin: true,
    isremotesyncout: false,
  });
  // Like XSOAR, no fetch job without isFetch / fetch.enabled (contract.md §B.2); a fetch on request still runs.
  expect(h.world().instances.plain?.fetch.enabled).toBe(false);
  await h.fetch('plain');
  expect(h.incidents.list().map((i) => i.name)).toEqual(['x']);
  await h.close();
});

it('turns fetching on with the isFetch param or fetch.enabled, and refuses settings that contradict', async () => {
  const fetcher = defineIntegration({ commands: { 'fetch-incidents': (d) => d.incidents([]) } });
  const notFetcher = defineIntegration({ commands: { 'test-module': () => 'ok' } });
  const h = await createHarness({
    instances: {
      by_param: { integration: fetcher, params: { isFetch: 'true', incidentFetchInterval: '2.6' } },
      by_option: { integration: fetcher, fetch: { enabled: true, interval: 0.5 } },
      off: { integration: fetcher },
    },
  });
  const fetch = (name: string) => h.world().instances[name]!.fetch;
  expect([fetch('by_param'), fetch('by_option'), fetch('off')]).toEqual([
    { enabled: true, intervalMinutes: 3 },
    { enabled: true, intervalMinutes: 1 },
    { enabled: false, intervalMinutes: 1 },
  ]);
  await h.close();
  const refused = (instances: NonNullable<HarnessOptions['instances']>) => createHarness({ instances });
  await expect(
    refused({ x: { integration: fetcher, params: { isFetch: false }, fetch: { enabled: true } } }),
  ).rejects.toThrow(
    'harness: failed to configure instance "x": fetch.enabled is true but the isFetch param is false. Set only one of them.',
  );
  await expect(refused({ x: { integration: fetcher, params: { isFetch: 'yes' } } })).rejects.toThrow(
    'harness: failed to configure instance "x": the isFetch param is "yes". Write isFetch: true or isFetch: false.',
  );
  await expect(refused({ x: { integration: notFetcher, fetch: { enabled: true } } })).rejects.toThrow(
    /failed to configure instance "x": fetching is on but the integration does not fetch incidents/,
  );
  await expect(
    refused({ x: { integration: fetcher, fetch: { enabled: true, interval: 0 } } }),
  ).rejects.toThrow(
    'harness: failed to configure instance "x": fetch.interval is 0. Give a positive number of minutes, e.g. interval: 5.',
  );
});
