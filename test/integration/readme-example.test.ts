/** The README's programmatic API example, verbatim but for the import path: it must keep working. */
import { expect, it } from 'vitest';
import {
  createHarness,
  defineIntegration,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  GetModifiedRemoteDataResponse,
} from '../../harness/index.ts';

const tickets = new Map([['T-1', { title: 'Phishing mail', updated: 0 }]]);

const desk = defineIntegration({
  commands: {
    'test-module': () => 'ok',
    'fetch-incidents': (demisto) => {
      demisto.incidents(
        [...tickets].map(([id, t]) => ({
          name: t.title,
          rawJSON: JSON.stringify(t),
          dbotMirrorId: id,
          dbotMirrorDirection: 'Both',
          dbotMirrorInstance: demisto.integrationInstance(),
        })),
      );
    },
    'get-modified-remote-data': () => new GetModifiedRemoteDataResponse([...tickets.keys()]),
    'get-remote-data': (demisto) => {
      const { remoteIncidentId } = new GetRemoteDataArgs(demisto.args());
      return new GetRemoteDataResponse(
        { id: remoteIncidentId, name: tickets.get(remoteIncidentId)!.title },
        [],
      );
    },
  },
});

it('mirrors a remote rename into the incident', async () => {
  const h = await createHarness({
    server: { version: '6.12.0', config: { 'sync.mirror.job.delay': 1 } },
    instances: { desk_1: { integration: desk, fetch: { enabled: false } } },
  });
  await h.fetch('desk_1'); // run fetch-incidents now
  tickets.get('T-1')!.title = 'Phishing mail (confirmed)';
  await h.advance('1m'); // virtual time: the mirror job falls due and runs
  expect(h.incidents.get('1')?.name).toBe('Phishing mail (confirmed)');
  expect(h.journal().map((r) => r.command)).toEqual([
    'fetch-incidents',
    'get-modified-remote-data',
    'get-remote-data',
  ]);
  await h.close();
});
