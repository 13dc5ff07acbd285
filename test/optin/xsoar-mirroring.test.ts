/**
 * Opt-in: XSOAR Mirroring, unmodified from a content checkout, between two fake tenants — the local
 * harness and a `kind: xsoar` remote (its own world, REST API and API key on the harness clock).
 * Needs a content checkout (or a partial copy with its layout):
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/xsoar-mirroring.test.ts
 *
 * Run against Packs/XSOARmirroring/Integrations/XSOARmirroring/XSOARmirroring.py at demisto/content
 * revision 01930c850c7549c55300dcaf3b2e3ac76758ed05 and XSOARmirroring.yml at
 * 06d2308d5de94dd0d4d7bb023d6b7bf0e7f44138, with Classifiers/classifier-XSOAR_Incoming_Mapper.json
 * (331b5a63) — the newest revisions readable when this was written.
 *
 * After the single-command checks, every scenario of scenarios/xsoar-mirroring/ (written for the
 * TypeScript reference, scenarios/integrations/xsoar-mirroring/) runs again with the content
 * integration in its place: the same conversation, the same expectations, both tenants asserted.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { defineScenarioTests } from '../../harness/scenario/vitest.ts';
import { announceRevisions, contentRevisions, revisionLabel } from '../support/content-revisions.ts';

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT ?? '';
const INTEGRATION = 'Packs/XSOARmirroring/Integrations/XSOARmirroring/XSOARmirroring.yml';
const xsoarMirroringYml = join(contentRoot, INTEGRATION);
const skipReason = !contentRoot
  ? 'set MIRRORLAB_CONTENT_ROOT to a demisto/content checkout to run XSOAR Mirroring'
  : !existsSync(xsoarMirroringYml)
    ? `no XSOARmirroring.yml at ${xsoarMirroringYml}`
    : undefined;
if (skipReason) console.warn(`XSOAR Mirroring (content) skipped: ${skipReason}`);
const revisions = skipReason
  ? []
  : contentRevisions(contentRoot, [
      INTEGRATION,
      INTEGRATION.replace(/\.yml$/, '.py'),
      'Packs/XSOARmirroring/Classifiers/classifier-XSOAR_Incoming_Mapper.json',
      'Packs/Base/Scripts/CommonServerPython/CommonServerPython.py',
    ]);

const reference = fileURLToPath(
  new URL('../../scenarios/integrations/xsoar-mirroring/xsoar-mirroring.ts', import.meta.url),
);

/**
 * The same checks for both: the content integration (opt-in) and the TypeScript reference (always,
 * so the reference is held to what the original answers here).
 */
describe.each([
  {
    title: `XSOAR Mirroring (content ${revisionLabel(revisions)})`,
    integration: xsoarMirroringYml,
    brand: 'XSOAR Mirroring',
    skip: skipReason,
  },
  {
    title: 'the TypeScript XSOAR Mirroring',
    integration: reference,
    brand: 'XSOAR Mirroring (mirrorlab reference)',
    skip: undefined,
  },
])('$title against a second fake tenant', ({ integration, brand, skip }) => {
  let harness: Harness;

  beforeAll(async () => {
    if (skip !== undefined) return;
    if (integration === xsoarMirroringYml) announceRevisions('XSOAR Mirroring suite', revisions);
    harness = await createHarness({
      python: { contentRoot, poolSize: 1 },
      remotes: {
        hq: {
          kind: 'xsoar',
          apiKey: 'hq-api-key',
          tickets: [
            {
              name: 'Phishing at HQ',
              severity: 2,
              type: 'Phishing',
              CustomFields: { phishsender: 'ceo@evil.example' },
            },
            { name: 'Malware on laptop 7', severity: 3 },
          ],
        },
      },
      instances: {
        xm_1: {
          integration,
          remote: 'hq',
          params: { mirror_tag: 'to_hq', tags: 'from_hq' },
        },
        // The tenant's URL, its key under a param the integration does not read, and another key.
        xm_wrong_key: {
          integration,
          remote: { name: 'hq', keyParam: 'unused_key' },
          params: { credentials_api_key: { identifier: '', password: 'not-the-key' } },
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it.skipIf(skip !== undefined)(
    'reads the mirroring flags and param defaults from its YAML, and is wired to the tenant',
    () => {
      const instance = harness.world().instances.xm_1!;
      expect(instance.brand).toBe(brand);
      expect(instance.flags).toEqual({
        isfetch: true,
        ismappable: true,
        isremotesyncin: true,
        isremotesyncout: true,
      });
      expect(instance.params).toMatchObject({
        url: harness.remotes.hq!.url,
        credentials_api_key: { identifier: '', password: 'hq-api-key' },
        mirror_direction: 'Incoming And Outgoing',
        categories: 'notes,chats,attachments',
        disable_from_same_integration: true,
      });
      expect(instance.mapping.incoming).toBeDefined();
    },
  );

  it.skipIf(skip !== undefined)(
    'passes test-module with the tenant key, and fails with another one (401 from the tenant)',
    async () => {
      const ok = await harness.runCommand('xm_1', 'test-module');
      expect([ok.outcome, ok.entries[0]?.Contents]).toEqual(['ok', 'ok']);
      const wrong = await harness.runCommand('xm_wrong_key', 'test-module');
      expect(wrong.outcome).toBe('error-entry');
      expect(String(wrong.entries[0]?.Contents)).toMatch(
        /Failed to execute test-module command[\s\S]*\[401\]/,
      );
    },
  );

  it.skipIf(skip !== undefined)(
    'answers get-mapping-fields from the tenant’s field and type catalogue',
    async () => {
      const result = await harness.runCommand('xm_1', 'get-mapping-fields');
      expect(result.outcome, result.error).toBe('ok');
      const schemes = JSON.parse(String(result.entries[0]?.Contents)) as Record<
        string,
        Record<string, unknown>
      >;
      expect(Object.keys(schemes).sort()).toEqual(['Default Mapping', 'Phishing', 'Unclassified']);
      expect(schemes.Phishing).toMatchObject({
        severity: 'Severity - number',
        CustomFields: { phishsender: 'phishsender - shortText' },
      });
      expect(schemes['Default Mapping']).not.toHaveProperty('CustomFields');
    },
  );

  it.skipIf(skip !== undefined)(
    'raises NotImplementedError for get-modified-remote-data, so the server polls',
    async () => {
      const result = await harness.runCommand('xm_1', 'get-modified-remote-data', {
        lastUpdate: '2026-01-01T00:00:00Z',
      });
      expect(result.outcome).toBe('exception');
      expect(result.error).toMatch(/^NotImplementedError: Command not implemented/);
    },
  );

  it.skipIf(skip !== undefined)(
    'fetches both remote incidents once, with fromDate and the created / -sourceBrand query',
    async () => {
      await harness.fetch('xm_1');
      await harness.fetch('xm_1');
      const fetched = harness.incidents.list().filter((i) => i.dbotMirrorInstance === 'xm_1');
      expect(fetched.map((i) => [i.name, i.dbotMirrorId, i.dbotMirrorDirection]).sort()).toEqual([
        ['Malware on laptop 7', '2', 'Both'],
        ['Phishing at HQ', '1', 'Both'],
      ]);
      const lastRun = harness.world().instances.xm_1!.state.lastRun as {
        last_fetch: string;
        last_fetched_incidents: string[];
      };
      expect(lastRun.last_fetch).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(lastRun.last_fetched_incidents.sort()).toEqual(['1', '2']);
    },
  );

  it.skipIf(skip !== undefined)(
    'runs a full cycle: field and note in, field and note out, close out, without errors',
    async () => {
      const hq = harness.remotes.hq!;
      const local = (remoteId: string) => harness.incidents.list().find((i) => i.dbotMirrorId === remoteId)!;
      await harness.advance('2m');
      await hq.act({ update: '1', fields: { severity: 4 } });
      await hq.act({ comment: '1', body: 'Blocked at the gateway', tags: ['from_hq'] });
      await harness.advance('1m');
      expect(local('1').severity).toBe(4);
      expect(harness.incidents.entries(local('1').id).map((e) => e.Contents)).toContain(
        'Blocked at the gateway',
      );

      await harness.incidents.update(local('2').id, { details: 'Reimaged by the SOC' });
      await harness.incidents.addEntry(local('2').id, {
        contents: 'Ticket raised with IT',
        tags: ['to_hq'],
        note: true,
      });
      await harness.incidents.close(local('2').id, { closeReason: 'Resolved', closeNotes: 'clean' });
      await harness.advance('2m');
      expect(hq.item('2')).toMatchObject({
        details: 'Reimaged by the SOC',
        status: 2,
        closeReason: 'Resolved',
        closeNotes: 'clean',
      });
      expect(hq.comments('2')).toEqual([
        expect.objectContaining({ contents: 'Ticket raised with IT', note: true }),
      ]);
      const failed = harness
        .journal()
        .filter(
          (r) => r.outcome !== 'ok' && r.command !== 'get-modified-remote-data' && r.instance === 'xm_1',
        );
      expect(failed.map((r) => `${r.command}: ${r.error ?? ''}`)).toEqual([]);
    },
  );
});

/**
 * The scenarios of scenarios/xsoar-mirroring/ with the content integration in place of the
 * TypeScript reference: copied to a temporary folder with only the `integration:` line changed.
 */
function contentCopies(): string {
  const source = fileURLToPath(new URL('../../scenarios/xsoar-mirroring/', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'mirrorlab-xm-content-'));
  for (const name of readdirSync(source).filter((n) => n.endsWith('.yaml'))) {
    const text = readFileSync(join(source, name), 'utf8');
    const swapped = text.replaceAll(
      'integration: ../integrations/xsoar-mirroring/xsoar-mirroring.ts',
      `integration: content:${INTEGRATION}`,
    );
    if (swapped === text)
      throw new Error(`${name} does not run the reference XSOAR Mirroring; nothing to swap`);
    writeFileSync(join(dir, name), swapped);
  }
  return dir;
}

if (!skipReason) {
  defineScenarioTests('*.yaml', {
    root: contentCopies(),
    title: 'scenarios/xsoar-mirroring with the content XSOARmirroring.py',
    contentRoot,
  });
}
