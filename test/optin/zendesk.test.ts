/**
 * Opt-in: the unmodified Zendesk v2 integration (content pack Zendesk, Zendeskv2) from a content
 * checkout, with the pack's incoming mapper, against the Zendesk fake — test-module (right and
 * wrong token), an authenticated command with a wrong token, get-mapping-fields and fetch's
 * lastRun here, then every scenario in scenarios/zendesk/ (fetch and fields, mirror in, mirror
 * out, files both ways, close both ways, rate limit, and the bugs found: bug-zd-*.yaml).
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/zendesk.test.ts
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { defineScenarioTests } from '../../harness/scenario/vitest.ts';
import { announceRevisions, contentSuite, revisionLabel } from '../support/content-revisions.ts';

const Z = 'Packs/Zendesk';
const { contentRoot, skipReason, revisions } = contentSuite('Zendesk v2', [
  `${Z}/Integrations/Zendeskv2/Zendeskv2.yml`,
  `${Z}/Integrations/Zendeskv2/Zendeskv2.py`,
  `${Z}/Classifiers/classifier-Zendesk_-_Incoming_Mapper.json`,
  'Packs/Base/Scripts/CommonServerPython/CommonServerPython.py',
]);
const pack = join(contentRoot, Z);
const yml = join(pack, 'Integrations', 'Zendeskv2', 'Zendeskv2.yml');

describe.skipIf(skipReason !== undefined)(
  `Zendesk v2 from the content checkout (${revisionLabel(revisions)})`,
  () => {
    let harness: Harness;

    beforeAll(async () => {
      announceRevisions('Zendesk v2 suite', revisions);
      harness = await createHarness({
        python: { contentRoot },
        remotes: { zd: { kind: 'zendesk', tickets: 3, seed: 7 } },
        instances: {
          zd_1: {
            integration: yml,
            remote: 'zd',
            params: {
              isFetch: true,
              mirror_direction: 'Incoming And Outgoing',
              first_fetch: '1 days',
              max_fetch: '2',
            },
          },
          zd_bad: {
            integration: yml,
            remote: { name: 'zd', keyParam: 'unused_credentials' },
            params: { credentials: { identifier: 'admin@mirrorlab.example/token', password: 'wrong-token' } },
          },
        },
      });
    }, 60_000);
    afterAll(async () => {
      await harness?.close();
    });

    /** The fake's request journal, through its admin API (the remote handle does not expose it). */
    const readJournal = async () =>
      (
        (await (
          await fetch(`${harness.remotes.zd!.url}/admin/journal`, {
            headers: { 'x-admin-token': harness.remotes.zd!.adminToken ?? '' },
          })
        ).json()) as {
          data: { path: string; status: number; query: Record<string, string> }[];
        }
      ).data.filter((r) => r.path.startsWith('/api/v2'));

    it('passes test-module', async () => {
      const result = await harness.runCommand('zd_1', 'test-module');
      expect(result.outcome).toBe('ok');
      expect(result.entries[0]?.Contents).toBe('ok');
    });

    it('passes test-module with a wrong token too, without sending a request (bug-zd-test-module-ignores-credentials)', async () => {
      const before = (await readJournal()).length;
      const result = await harness.runCommand('zd_bad', 'test-module');
      expect(result.outcome).toBe('ok');
      expect((await readJournal()).length).toBe(before);
    });

    it("fails a real call with a wrong token, in Zendesk's words", async () => {
      const result = await harness.runCommand('zd_bad', 'zendesk-ticket-list', { ticket_id: '1' });
      const text = JSON.stringify(result.entries);
      expect(text).toContain("Couldn't authenticate you");
      expect((await readJournal()).at(-1)).toMatchObject({ path: '/api/v2/tickets/1', status: 401 });
    });

    it('answers get-mapping-fields with the Zendesk Ticket scheme', async () => {
      const result = await harness.runCommand('zd_1', 'get-mapping-fields');
      expect(result.outcome).toBe('ok');
      const schemes = JSON.parse(String(result.entries[0]?.Contents)) as Record<
        string,
        Record<string, string>
      >;
      expect(Object.keys(schemes)).toEqual(['Zendesk Ticket']);
      expect(schemes['Zendesk Ticket']).toHaveProperty('priority');
    });

    it('fetches page by page with max_fetch, keeping lastRun, until every ticket is in once', async () => {
      await harness.fetch('zd_1');
      await harness.fetch('zd_1');
      await harness.fetch('zd_1');
      const searches = (await readJournal()).filter((r) => r.path === '/api/v2/search.json');
      expect(searches[0]?.query).toMatchObject({
        per_page: '2',
        page: '1',
        sort_by: 'created_at',
        sort_order: 'asc',
      });
      expect(searches[1]?.query).toMatchObject({ page: '2' });
      const ids = Object.values(harness.world().incidents)
        .map((i) => i.dbotMirrorId)
        .sort();
      expect(ids).toEqual(['1', '2', '3']);
    });
  },
);

if (!skipReason) {
  defineScenarioTests('zendesk/*.yaml', {
    root: fileURLToPath(new URL('../../scenarios/', import.meta.url)),
    title: 'Zendesk v2 scenarios',
    contentRoot,
  });
}
