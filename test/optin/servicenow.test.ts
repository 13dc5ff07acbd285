/**
 * Opt-in: the unmodified ServiceNow v2 integration from a content checkout, with the ServiceNow
 * pack's classifier and mappers, against the ServiceNow fake — test-module and get-mapping-fields
 * here, then every scenario in scenarios/servicenow/ (fetch, fields both ways, comments and work
 * notes both ways, file entries, close out, close in, reopen, rate limit).
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/servicenow.test.ts
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createServicenow, type Servicenow } from '../../mocks/ticketing/servicenow/index.ts';
import { defineScenarioTests } from '../../harness/scenario/vitest.ts';

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT ?? '';
const pack = join(contentRoot, 'Packs', 'ServiceNow');
const yml = join(pack, 'Integrations', 'ServiceNowv2', 'ServiceNowv2.yml');
const needed = [
  yml,
  join(pack, 'Integrations', 'ServiceNowv2', 'ServiceNowv2.py'),
  join(contentRoot, 'Packs', 'ApiModules', 'Scripts', 'ServiceNowApiModule', 'ServiceNowApiModule.py'),
  join(pack, 'Classifiers', 'classifier-ServiceNow.json'),
  join(pack, 'Classifiers', 'classifier-mapper-incoming-ServiceNow.json'),
  join(pack, 'Classifiers', 'classifier-mapper-outgoing-ServiceNow.json'),
];
const missing = needed.filter((f) => !existsSync(f));
const skipReason = !contentRoot
  ? 'set MIRRORLAB_CONTENT_ROOT to a demisto/content checkout to run ServiceNow v2'
  : missing.length > 0
    ? `missing from the content checkout: ${missing.join(', ')}`
    : undefined;
if (skipReason) console.warn(`ServiceNow v2 suite skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('ServiceNow v2 from the content checkout', () => {
  let snow: Servicenow;
  let server: Listening;
  let harness: Harness;
  const clock = { now: () => Date.now() };

  beforeAll(async () => {
    snow = await createServicenow({ clock, tickets: 2, seed: 5 });
    server = await listen(snow.app());
    harness = await createHarness({
      python: { contentRoot },
      instances: {
        snow_1: {
          integration: yml,
          params: {
            url: server.url,
            credentials: { identifier: snow.username, password: snow.password },
            isFetch: true,
          },
          classifier: join(pack, 'Classifiers', 'classifier-ServiceNow.json'),
        },
        snow_bad: {
          integration: yml,
          params: { url: server.url, credentials: { identifier: snow.username, password: 'wrong' } },
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  it('passes test-module against the fake with basic auth', async () => {
    const result = await harness.runCommand('snow_1', 'test-module');
    expect(result.outcome).toBe('ok');
    expect(result.entries[0]?.Contents).toBe('ok');
    expect(
      snow
        .journal()
        .some((r) => r.path === '/api/now/table/incident' && r.query.sysparm_query === 'active=true'),
    ).toBe(true);
  });

  it("fails test-module with a wrong password, in ServiceNow's words", async () => {
    const result = await harness.runCommand('snow_bad', 'test-module');
    expect(result.outcome).not.toBe('ok');
    expect(JSON.stringify(result.entries)).toContain('User Not Authenticated');
  });

  it('answers get-mapping-fields with the incident scheme', async () => {
    const result = await harness.runCommand('snow_1', 'get-mapping-fields');
    expect(result.outcome).toBe('ok');
    const schemes = JSON.parse(String(result.entries[0]?.Contents)) as Record<string, Record<string, string>>;
    expect(Object.keys(schemes)).toEqual(['incident']);
    expect(schemes.incident).toHaveProperty('short_description');
  });
});

if (!skipReason) {
  defineScenarioTests('servicenow/*.yaml', {
    root: fileURLToPath(new URL('../../scenarios/', import.meta.url)),
    title: 'ServiceNow v2 scenarios',
    contentRoot,
  });
}
