/**
 * Opt-in: the unmodified ServiceNow v2 integration from a content checkout, with the ServiceNow
 * pack's classifier and mappers, against the ServiceNow fake — test-module and get-mapping-fields
 * here, then every scenario in scenarios/servicenow/ (fetch, fields both ways, comments and work
 * notes both ways, file entries, close out, close in, reopen, rate limit).
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/servicenow.test.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createServicenow, type Servicenow } from '../../mocks/ticketing/servicenow/index.ts';
import { defineScenarioTests } from '../../harness/scenario/vitest.ts';
import {
  announceRevisions,
  contentRevisions,
  contentSuite,
  revisionLabel,
} from '../support/content-revisions.ts';
import { describeMapperTypeMismatch, findMapperTypeMismatch } from '../support/mapper-types.ts';

const S = 'Packs/ServiceNow';
const { contentRoot, skipReason, revisions } = contentSuite('ServiceNow v2', [
  `${S}/Integrations/ServiceNowv2/ServiceNowv2.yml`,
  `${S}/Integrations/ServiceNowv2/ServiceNowv2.py`,
  'Packs/ApiModules/Scripts/ServiceNowApiModule/ServiceNowApiModule.py',
  `${S}/Classifiers/classifier-ServiceNow.json`,
  `${S}/Classifiers/classifier-mapper-incoming-ServiceNow.json`,
  `${S}/Classifiers/classifier-mapper-outgoing-ServiceNow.json`,
]);
const pack = join(contentRoot, S);
const yml = join(pack, 'Integrations', 'ServiceNowv2', 'ServiceNowv2.yml');

/**
 * The scenarios expect the incoming mapper's field rules to apply, so they assume a revision whose
 * rules are keyed by the type classifier-ServiceNow.json produces: "ServiceNow Ticket"
 * (classifier-mapper-incoming-ServiceNow.json of commit 0ad0879b, blob 86c7ff5d). Commit 03cf0c0f
 * keyed them by "ServiceNowTicket", a type no classifier of the pack produces; XSOAR then applies
 * only the catch-all severity rule, and every scenario would fail with a diff of unmapped fields.
 * That is checked first and reported in one message instead.
 */
const ASSUMED_MAPPER =
  'the incoming mapper keyed by "ServiceNow Ticket" (commit 0ad0879b, blob 86c7ff5d9b5f61f9cd6324122e78a12278024b20)';
const classifierFile = join(pack, 'Classifiers', 'classifier-ServiceNow.json');
const incomingFile = join(pack, 'Classifiers', 'classifier-mapper-incoming-ServiceNow.json');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const mapperMismatch = skipReason
  ? undefined
  : findMapperTypeMismatch(readJson(classifierFile), readJson(incomingFile));
const fileLabel = (file: string) =>
  revisionLabel(contentRevisions(contentRoot, [relative(contentRoot, file)]));

describe.skipIf(skipReason !== undefined)(
  `ServiceNow v2 from the content checkout (${revisionLabel(revisions)})`,
  () => {
    let snow: Servicenow;
    let server: Listening;
    let harness: Harness;
    const clock = { now: () => Date.now() };

    beforeAll(async () => {
      announceRevisions('ServiceNow v2 suite', revisions);
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

    it('uses an incoming mapper keyed by an incident type the classifier produces', () => {
      if (mapperMismatch)
        throw new Error(
          describeMapperTypeMismatch(
            mapperMismatch,
            { mapper: fileLabel(incomingFile), classifier: fileLabel(classifierFile) },
            ASSUMED_MAPPER,
          ),
        );
      expect(findMapperTypeMismatch(readJson(classifierFile), readJson(incomingFile))).toBeUndefined();
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
      const schemes = JSON.parse(String(result.entries[0]?.Contents)) as Record<
        string,
        Record<string, string>
      >;
      expect(Object.keys(schemes)).toEqual(['incident']);
      expect(schemes.incident).toHaveProperty('short_description');
    });
  },
);

// With a mismatched mapper the scenarios would only repeat the mismatch as field diffs.
if (!skipReason && !mapperMismatch) {
  defineScenarioTests('servicenow/*.yaml', {
    root: fileURLToPath(new URL('../../scenarios/', import.meta.url)),
    title: 'ServiceNow v2 scenarios',
    contentRoot,
  });
}
