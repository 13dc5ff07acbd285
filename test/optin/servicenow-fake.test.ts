/**
 * Opt-in: the unmodified ServiceNow v2 integration run the way a user runs one command —
 * `mirrorlab exec <yml> <command> --content-root … --param …` in its own process — against the
 * ServiceNow fake on a real port: test-module, fetch-incidents, and get-remote-data reading notes
 * through display values (the activity text of comments / work_notes).
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/servicenow-fake.test.ts
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createServicenow, type Servicenow } from '../../mocks/ticketing/servicenow/index.ts';
import { announceRevisions, contentSuite, revisionLabel } from '../support/content-revisions.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const SN = 'Packs/ServiceNow/Integrations/ServiceNowv2';
const { contentRoot, skipReason, revisions } = contentSuite('ServiceNow v2 exec', [
  `${SN}/ServiceNowv2.yml`,
  `${SN}/ServiceNowv2.py`,
  'Packs/ApiModules/Scripts/ServiceNowApiModule/ServiceNowApiModule.py',
]);
const yml = join(contentRoot, SN, 'ServiceNowv2.yml');

interface ExecResult {
  outcome: string;
  entries: { Type: number; Contents: unknown; Tags?: string[] }[];
  writes: Record<string, unknown>;
  error: unknown;
}

describe.skipIf(skipReason !== undefined)(
  `ServiceNow v2 through mirrorlab exec against the fake (${revisionLabel(revisions)})`,
  () => {
    let snow: Servicenow;
    let server: Listening;
    // The integration runs in another process on real time, so the fake does too.
    const clock = { now: () => Date.now() };

    /** `mirrorlab exec` in its own process (async: the fake answers from this one meanwhile). */
    async function exec(command: string, extra: string[] = []): Promise<ExecResult> {
      const args = [
        'harness/cli.ts',
        'exec',
        yml,
        command,
        '--content-root',
        contentRoot,
        '--param',
        `url=${server.url}`,
        '--param',
        `credentials.identifier=${snow.username}`,
        '--param',
        `credentials.password=${snow.password}`,
        ...extra,
      ];
      const run = await promisify(execFile)(tsx, args, { cwd: root, timeout: 120_000 }).catch(
        (e: { stdout?: string; stderr?: string }) => e,
      );
      try {
        return JSON.parse(run.stdout ?? '') as ExecResult;
      } catch {
        throw new Error(
          `mirrorlab exec ${command} printed no JSON:\n${run.stdout ?? ''}\n${run.stderr ?? ''}`,
        );
      }
    }

    beforeAll(async () => {
      announceRevisions('ServiceNow v2 exec suite', revisions);
      snow = await createServicenow({ clock, tickets: 3, seed: 9 });
      server = await listen(snow.app());
    });
    afterAll(async () => {
      await server?.close();
    });

    it('passes test-module with basic auth', async () => {
      const result = await exec('test-module', ['--param', 'isFetch=true']);
      expect(result.outcome).toBe('ok');
      expect(result.entries[0]?.Contents).toBe('ok');
      expect(snow.journal().some((r) => r.query.sysparm_query === 'active=true')).toBe(true);
    }, 120_000);

    it('fetches the open incidents with their references resolved and the last run set', async () => {
      const result = await exec('fetch-incidents', [
        '--param',
        'isFetch=true',
        '--param',
        'fetch_time=2 days',
      ]);
      expect(result.outcome).toBe('ok');
      const incidents = JSON.parse(String(result.entries[0]?.Contents)) as {
        name: string;
        occurred: string;
        rawJSON: string;
      }[];
      const numbers = snow.records.list('incident').map((r) => `ServiceNow Incident ${r.number}`);
      expect(incidents.map((i) => i.name).sort()).toEqual(numbers.sort());
      const raw = JSON.parse(incidents[0]!.rawJSON) as Record<string, unknown>;
      // parse_dict_ticket_fields looked the caller up in sys_user and kept its email.
      expect(raw.caller_id).toMatch(/@example\.com$/);
      expect(incidents[0]!.occurred).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(result.writes).toHaveProperty('lastRun');
    }, 120_000);

    it('pulls comments and work notes through display values (use_display_value)', async () => {
      const ticket = snow.records.list('incident')[0]!;
      snow.records.comment('incident', ticket.sys_id!, { body: 'User confirms the fix' });
      snow.records.comment('incident', ticket.sys_id!, { body: 'Patched the gateway', workNote: true });
      const result = await exec('get-remote-data', [
        '--param',
        'isFetch=true',
        '--param',
        'use_display_value=true',
        '--param',
        'display_date_format=yyyy-MM-dd',
        '--arg',
        `id=${ticket.sys_id}`,
        '--arg',
        'lastUpdate=2000-01-01T00:00:00Z',
      ]);
      expect(result.outcome).toBe('ok');
      const pulled = JSON.stringify(result.entries);
      expect(pulled).toContain('User confirms the fix');
      expect(pulled).toContain('Patched the gateway');
      expect(pulled).toContain('CommentFromServiceNow');
      expect(pulled).toContain('WorkNoteFromServiceNow');
      // Notes came from the ticket's display values, not from sys_journal_field.
      expect(snow.journal().some((r) => r.path.endsWith('/sys_journal_field'))).toBe(false);
    }, 120_000);
  },
);
