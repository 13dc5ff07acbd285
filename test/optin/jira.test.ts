/**
 * Opt-in: the unmodified Jira V3 integration (content pack Jira, JiraV3) from a content checkout,
 * with the real CommonServerPython and the pack's incoming and outgoing mappers, against the Jira
 * fake. Jira V3's Cloud client calls api.atlassian.com and auth.atlassian.com whatever its server
 * URL, so those hosts are redirected to the fake by the Python runtime (python.hosts). Here:
 * test-module (right and wrong token), OAuth 2.0 (authorization code, then Bearer calls),
 * get-mapping-fields and fetch's JQL; then every scenario in scenarios/jira/ (fetch and fields,
 * equal `updated` times, mirror in, mirror out, files both ways, close in, close out, a 429
 * mid-cycle, time zones, and the bugs found: bug-jira-fetch-by-updated-refetches.yaml,
 * bug-jira-modified-first-page-only.yaml).
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/jira.test.ts
 * Last run against demisto/content JiraV3.py 012df4870c632c9765005b35a04a41d8c150b0d5, JiraV3.yml
 * 01e882502327a7a01ad0f1386a4abf32210b2152, classifier-mapper-incoming-JiraV3.json
 * 36cc484cdafc038d182ea5ec3e5aaed62f752191, classifier-JiraV3_Outgoing_Mapper.json
 * 2ecb7791d6c3334924fd88f0648b6089e3b2a607.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { defineScenarioTests } from '../../harness/scenario/vitest.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createJira, type Jira } from '../../mocks/ticketing/jira/index.ts';
import { announceRevisions, contentSuite, revisionLabel } from '../support/content-revisions.ts';

const J = 'Packs/Jira';
const { contentRoot, skipReason, revisions } = contentSuite('Jira V3', [
  `${J}/Integrations/JiraV3/JiraV3.yml`,
  `${J}/Integrations/JiraV3/JiraV3.py`,
  `${J}/Classifiers/classifier-mapper-incoming-JiraV3.json`,
  `${J}/Classifiers/classifier-JiraV3_Outgoing_Mapper.json`,
  'Packs/Base/Scripts/CommonServerPython/CommonServerPython.py',
]);
const pack = join(contentRoot, J);
const yml = join(pack, 'Integrations', 'JiraV3', 'JiraV3.yml');

const GATEWAY = 'https://api.atlassian.com/ex/jira';

describe.skipIf(skipReason !== undefined)(
  `Jira V3 from the content checkout (${revisionLabel(revisions)})`,
  () => {
    let jira: Jira;
    let server: Listening;
    let harness: Harness;
    const oauth = { clientId: 'mirrorlab-app', clientSecret: 'app-secret' };

    beforeAll(async () => {
      announceRevisions('Jira V3 suite', revisions);
      jira = await createJira({ clock: { now: () => Date.now() }, tickets: 3, seed: 4, oauth });
      server = await listen(jira.app());
      const incoming = join(pack, 'Classifiers', 'classifier-mapper-incoming-JiraV3.json');
      harness = await createHarness({
        python: {
          contentRoot,
          hosts: { 'api.atlassian.com': server.url, 'auth.atlassian.com': server.url },
        },
        instances: {
          basic: {
            integration: yml,
            incidentType: 'JiraV3 Incident',
            mapper: { incoming },
            params: {
              server_url: GATEWAY,
              cloud_id: jira.cloudId,
              basic_credentials: { identifier: jira.email, password: jira.apiToken },
              isFetch: true,
              max_fetch: '2',
            },
          },
          wrong_token: {
            integration: yml,
            params: {
              server_url: GATEWAY,
              cloud_id: jira.cloudId,
              basic_credentials: { identifier: jira.email, password: 'not-the-token' },
            },
          },
          oauth: {
            integration: yml,
            params: {
              server_url: GATEWAY,
              cloud_id: jira.cloudId,
              credentials: { identifier: oauth.clientId, password: oauth.clientSecret },
              callback_url: 'https://xsoar.example/callback',
            },
          },
        },
      });
    }, 60_000);
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    const api = (path: string) => `/ex/jira/${jira.cloudId}/rest/api/3${path}`;

    it('passes test-module on the gateway URL, its requests redirected to the fake', async () => {
      jira.journal().length = 0;
      const result = await harness.runCommand('basic', 'test-module');
      expect(result.outcome).toBe('ok');
      expect(result.entries[0]?.Contents).toBe('ok');
      expect(jira.journal().map((r) => `${r.method} ${r.path} ${r.status}`)).toContain(
        `GET ${api('/myself')} 200`,
      );
    });

    it("fails test-module with a wrong API token, in Jira's words", async () => {
      const result = await harness.runCommand('wrong_token', 'test-module');
      expect(result.outcome).toBe('error-entry');
      expect(JSON.stringify(result.entries)).toContain('401');
    });

    it('completes OAuth 2.0 at auth.atlassian.com and then calls the API with the access token', async () => {
      const before = await harness.runCommand('oauth', 'jira-oauth-test');
      expect(JSON.stringify(before.entries)).toContain('No access token was configured');

      const complete = await harness.runCommand('oauth', 'jira-oauth-complete', { code: jira.authorize() });
      expect(complete.outcome).toBe('ok');
      expect(complete.entries[0]?.HumanReadable).toContain('Logged in successfully');
      // The fake's token endpoint is an open route (not journalled): the tokens it issued are in the
      // integration context, which only a redirected POST to auth.atlassian.com/oauth/token could fill.
      const context = harness.world().instances.oauth!.state.integrationContext.context as Record<
        string,
        unknown
      >;
      expect(context).toMatchObject({
        token: expect.stringMatching(/.{16}/),
        refresh_token: expect.stringMatching(/.{16}/),
      });

      const test = await harness.runCommand('oauth', 'jira-oauth-test');
      expect(test.outcome).toBe('ok');
      expect(test.entries[0]?.HumanReadable).toBe('Successful connection.');
      expect(jira.journal().at(-1)).toMatchObject({ method: 'GET', path: api('/myself'), status: 200 });
    });

    it('answers get-mapping-fields with the JiraV3 Incident scheme, custom fields included', async () => {
      const result = await harness.runCommand('basic', 'get-mapping-fields');
      expect(result.outcome).toBe('ok');
      const schemes = JSON.parse(String(result.entries[0]?.Contents)) as Record<
        string,
        Record<string, string>
      >;
      expect(Object.keys(schemes)).toEqual(['JiraV3 Incident']);
      expect(schemes['JiraV3 Incident']).toMatchObject({
        summary: 'The summary of the issue.',
        customfield_10040: expect.any(String),
      });
    });

    it('fetches by id two at a time with lastRun, each issue once, with the JQL Jira V3 builds', async () => {
      await harness.fetch('basic');
      await harness.fetch('basic');
      await harness.fetch('basic');
      const searches = jira.journal().filter((r) => r.path === api('/search/jql'));
      // The offset comes from the smallest id (ORDER BY created ASC), then `id >= <last>` with the
      // ids of the last fetch excluded.
      expect(searches.map((r) => r.query.jql)).toEqual([
        'status!=done ORDER BY created ASC',
        'status!=done AND id >= 10001 ORDER BY id ASC',
        'status!=done AND id >= 10002 AND ID NOT IN (10001, 10002) ORDER BY id ASC',
        'status!=done AND id >= 10003 AND ID NOT IN (10003) ORDER BY id ASC',
      ]);
      const open = jira.issues.list('status != Done').map((i) => i.id);
      const ids = Object.values(harness.world().incidents).map((i) => i.dbotMirrorId);
      expect(ids.sort()).toEqual(open.sort());
    });
  },
);

if (!skipReason) {
  defineScenarioTests('jira/*.yaml', {
    root: fileURLToPath(new URL('../../scenarios/', import.meta.url)),
    title: 'Jira V3 scenarios',
    contentRoot,
  });
}
