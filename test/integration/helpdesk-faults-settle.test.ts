/**
 * The settle invariant under transient failures (issue 12 item 7, contract.md §H.2): minutes of
 * virtual time over 200 tickets, with edits on both sides every minute while 30% of the
 * helpdesk's API requests answer 500 or drop the connection. With the server policy failedPull:
 * retry, once the faults stop and the systems settle, every remote comment is in the War Room
 * exactly once, every tagged local note on its ticket exactly once, and every field agrees. With the
 * default 'drop', the same workload loses remote comments — which is why the policy exists.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type FailedPull, type Harness } from '../../harness/index.ts';
import { createSeededRandom } from '../../mocks/shared/index.ts';
import { createHelpdesk, type Helpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import { expectSettled } from './settle.ts';

const START = Math.floor(Date.now() / 60_000) * 60_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

// In-process (msw) rather than over a socket: the same handlers, faults and journal, and the
// long workload stays within a few seconds. A reset fault is a fetch network error here.
const msw = setupServer();
msw.listen({ onUnhandledRequest: 'error' });
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  msw.resetHandlers();
});

async function setup(failedPull: FailedPull, tickets: number): Promise<{ h: Harness; desk: Helpdesk }> {
  let h: Harness | undefined;
  const desk = await createHelpdesk({
    clock: { now: () => h?.now() ?? START },
    tickets,
    seed: 7,
    baseUrl: `http://desk-${failedPull}.test`,
  });
  msw.use(...desk.handlers);
  h = await createHarness({
    start: START,
    server: { version: '6.10.0', policies: { failedPull } },
    instances: {
      desk: {
        integration: 'builtin:helpdesk',
        params: {
          url: desk.baseUrl,
          api_key: desk.apiKey,
          mirror_direction: 'Incoming And Outgoing',
          max_fetch: '500',
        },
      },
    },
  });
  open.push(h);
  return { h, desk };
}

/** Edits on both sides every virtual minute while the helpdesk fails 30% of the time. */
async function runWorkload(
  h: Harness,
  desk: Helpdesk,
  minutes: number,
): Promise<{ remoteComments: number; localNotes: number }> {
  const random = createSeededRandom(42); // a failing run repeats exactly
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const tickets = (await h.fetch('desk')).createdIncidentIds.length;
  expect(tickets).toBe(desk.tickets.list().length);
  const incidents = h.incidents.list();
  const ticketIds = desk.tickets.list().map((t) => t.id);
  desk.faults.add({ path: '/api/v1/*', status: 500, probability: 0.15, seed: 1 });
  desk.faults.add({ path: '/api/v1/*', reset: true, probability: 0.15 / 0.85, seed: 2 });
  let remoteComments = 0;
  let localNotes = 0;
  for (let minute = 0; minute < minutes; minute++) {
    for (let i = 0; i < 15; i++) {
      desk.tickets.comment(pick(ticketIds), { body: `remote note ${minute}.${i}`, author: 'agent' });
      remoteComments++;
    }
    for (let i = 0; i < 6; i++)
      desk.tickets.update(pick(ticketIds), { severity: pick(SEVERITIES), title: `renamed ${minute}.${i}` });
    for (let i = 0; i < 8; i++) {
      const tag = random() < 0.5 ? 'comment' : 'work_note';
      await h.incidents.addEntry(pick(incidents).id, {
        contents: `local note ${minute}.${i}`,
        tags: [tag],
        note: true,
      });
      localNotes++;
    }
    for (let i = 0; i < 3; i++)
      await h.incidents.update(pick(incidents).id, { details: `analysis ${minute}.${i}` });
    await h.advance('1m');
  }
  const faulted = desk.journal().filter((r) => r.status === 500 || r.status === 0).length;
  expect(faulted, 'the workload hit too few injected faults').toBeGreaterThan(10 * minutes);
  desk.faults.clear();
  return { remoteComments, localNotes };
}

describe('mirroring under 30% transient helpdesk failures', () => {
  it('settles with every edit on both sides exactly once under failedPull: retry', async () => {
    const { h, desk } = await setup('retry', 200);
    const { remoteComments, localNotes } = await runWorkload(h, desk, 5);
    const report = await expectSettled(h, desk, { cycles: 5 });
    expect(report).toEqual({ incidents: 200, remoteComments, outgoingComments: localNotes });
  }, 60_000);

  it('loses remote edits under the default failedPull: drop', async () => {
    const { h, desk } = await setup('drop', 100);
    await runWorkload(h, desk, 3);
    // Lost remote edits: a field or a comment that never reached its incident.
    await expect(expectSettled(h, desk, { cycles: 5 })).rejects.toThrow(
      /incident \d+ \/ ticket T-\d+: (field|War Room copies of remote comment)/,
    );
  }, 60_000);
});
