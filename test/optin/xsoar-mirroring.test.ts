/**
 * Opt-in: XSOARmirroring, unmodified from a content checkout, through the whole engine against a
 * second fake XSOAR (mocks/xsoar) playing the remote tenant. Needs a content checkout:
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/xsoar-mirroring.test.ts
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Incident } from '../../harness/index.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createXsoarApp } from '../../mocks/xsoar/index.ts';

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT ?? '';
const xsoarMirroringYml = join(
  contentRoot,
  'Packs',
  'XSOARmirroring',
  'Integrations',
  'XSOARmirroring',
  'XSOARmirroring.yml',
);
const mirroringSkip = !contentRoot
  ? 'set MIRRORLAB_CONTENT_ROOT to a demisto/content checkout to run XSOAR Mirroring'
  : !existsSync(xsoarMirroringYml)
    ? `no XSOARmirroring.yml at ${xsoarMirroringYml}`
    : undefined;
if (mirroringSkip) console.warn(`XSOAR Mirroring (content) skipped: ${mirroringSkip}`);

describe.skipIf(mirroringSkip !== undefined)('XSOAR Mirroring against a second, remote fake XSOAR', () => {
  const REMOTE_KEY = 'remote-api-key';
  let remote: Harness;
  let local: Harness;
  let served: Listening;
  let open: Incident;
  let closed: Incident;

  beforeAll(async () => {
    remote = await createHarness({});
    open = await remote.incidents.create({ name: 'Remote phishing', severity: 2, type: 'Phishing' });
    closed = await remote.incidents.create({ name: 'Remote malware', severity: 3 });
    // The note comes a little later than the incident: XSOAR Mirroring reads entries from
    // occurred + 1 s when an incident is fresh, so a note in the same instant would be skipped.
    await remote.advance('30s');
    await remote.incidents.addEntry(closed.id, {
      contents: 'Contained on host 7',
      tags: ['comment'],
      note: true,
    });
    await remote.incidents.close(closed.id, { closeReason: 'Resolved', closeNotes: 'reimaged' });

    // The fake XSOAR REST API has no incident-field or incident-type catalogue, which
    // get-mapping-fields reads; serve a two-field catalogue in the real shapes beside it.
    const app = express();
    app.get('/incidentfields', (_req, res) => {
      res.json([
        {
          cliName: 'severity',
          name: 'Severity',
          type: 'number',
          group: 0,
          associatedToAll: true,
          system: true,
        },
        {
          cliName: 'phishsender',
          name: 'Phish Sender',
          type: 'shortText',
          group: 0,
          associatedTypes: ['Phishing'],
          system: false,
        },
      ]);
    });
    app.get('/incidenttype', (_req, res) => {
      res.json([{ name: 'Phishing' }]);
    });
    app.use(createXsoarApp({ harness: remote, apiKey: REMOTE_KEY }));
    served = await listen(app);

    local = await createHarness({
      python: { contentRoot, poolSize: 1 },
      instances: {
        xm_1: {
          integration: xsoarMirroringYml,
          params: { url: served.url, apikey: REMOTE_KEY },
          fetch: { enabled: false },
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await local?.close();
    await served?.close();
    await remote?.close();
  });

  it('reads the mirroring flags and param defaults from XSOARmirroring.yml', () => {
    const instance = local.world().instances.xm_1!;
    expect(instance.brand).toBe('XSOAR Mirroring');
    expect(instance.flags).toMatchObject({
      isfetch: true,
      ismappable: true,
      isremotesyncin: true,
      isremotesyncout: true,
    });
    expect(instance.params).toMatchObject({
      mirror_direction: 'Incoming And Outgoing',
      categories: 'notes,chats,attachments',
    });
  });

  it('returns get-mapping-fields as one scheme per remote incident type plus the default', async () => {
    const result = await local.runCommand('xm_1', 'get-mapping-fields');
    expect(result.outcome, result.error).toBe('ok');
    expect(JSON.parse(String(result.entries[0]?.Contents))).toEqual({
      Phishing: { severity: 'Severity - number', CustomFields: { phishsender: 'Phish Sender - shortText' } },
      'Default Mapping': { severity: 'Severity - number' },
    });
  });

  it('raises NotImplementedError for get-modified-remote-data and reports it as an exception', async () => {
    const result = await local.runCommand('xm_1', 'get-modified-remote-data', {
      lastUpdate: '2024-01-01T00:00:00Z',
    });
    expect(result.outcome).toBe('exception');
    expect(result.error).toMatch(/^NotImplementedError: Command not implemented/);
  });

  it('pulls a remotely closed incident with its note and a close entry through get-remote-data', async () => {
    const result = await local.runCommand('xm_1', 'get-remote-data', {
      id: closed.id,
      lastUpdate: '1700000000',
    });
    expect(result.outcome, result.error).toBe('ok');
    const [object, note, close] = result.entries;
    expect(JSON.parse(String(object?.Contents))).toMatchObject({
      id: closed.id,
      name: 'Remote malware',
      status: 2,
      dbotMirrorInstance: 'xm_1',
      in_mirror_error: '',
    });
    expect(note).toMatchObject({ Contents: 'Contained on host 7', Tags: ['comment'], Note: true });
    expect(close).toEqual({
      Type: 1,
      Contents: { dbotIncidentClose: true, closeReason: 'Resolved', closeNotes: 'reimaged' },
      ContentsFormat: 'json',
    });
  });

  it('falls back to polling get-remote-data in the mirror job and closes the local copy', async () => {
    const copy = await local.incidents.create({
      name: 'Local copy',
      dbotMirrorId: closed.id,
      dbotMirrorInstance: 'xm_1',
      dbotMirrorDirection: 'Both',
    });
    const report = await local.mirror();
    expect(report.instances.find((i) => i.instance === 'xm_1')).toMatchObject({
      modified: 'not-implemented',
      pulled: expect.arrayContaining([copy.id]),
    });
    expect(local.incidents.get(copy.id)).toMatchObject({
      name: 'Remote malware',
      status: 2,
      closeReason: 'Resolved',
      closeNotes: 'reimaged',
    });
    expect(local.incidents.entries(copy.id).map((e) => e.Contents)).toContain('Contained on host 7');
  });

  it('pushes a local change to the remote incident through update-remote-system', async () => {
    const copy = await local.incidents.create({
      name: 'Local copy of the phishing',
      dbotMirrorId: open.id,
      dbotMirrorInstance: 'xm_1',
      dbotMirrorDirection: 'Both',
    });
    await local.incidents.update(copy.id, { severity: 4, details: 'escalated locally' });
    const report = await local.mirror();
    expect(report.instances.find((i) => i.instance === 'xm_1')?.out).toContainEqual(
      expect.objectContaining({ incidentId: copy.id, ok: true }),
    );
    expect(remote.incidents.get(open.id)).toMatchObject({
      severity: 4,
      details: 'escalated locally',
      status: 1,
    });
  });

  // XSOARmirroring's search sends `filter.fromDate` and a `created:>="<date>"` query; the fake
  // XSOAR REST API rejects the first (400 unknown field) and does not evaluate the second.
  it.skip('fetches remote incidents (needs filter.fromDate and created:>= in the fake XSOAR search)', () => {});
});
