/** The `demisto` context of TypeScript integrations: the wrapper's normalisation and the state snapshot. */
import { describe, expect, it } from 'vitest';
import { ValueError, createDemistoContext, pyJsonDumps } from '../../harness/runtime/typescript/index.ts';
import { makeRequest } from '../fixtures/ts/request.ts';

describe('demisto.results', () => {
  it('normalises values exactly as the Python wrapper does', () => {
    const { demisto, recording } = createDemistoContext(makeRequest());
    demisto.results(true);
    demisto.results(1e20);
    demisto.results(0.1);
    demisto.results(new TextEncoder().encode('bytes'));
    demisto.results({ u: 'é☃😀', c: '\u0001"\\' });
    demisto.results(null);
    demisto.results({ Contents: { a: 1 }, ContentsFormat: 'json', Type: 1 });
    expect(recording.entries).toEqual([
      { Type: 1, Contents: 'True', ContentsFormat: 'text' },
      { Type: 1, Contents: '1e+20', ContentsFormat: 'text' },
      { Type: 1, Contents: '0.1', ContentsFormat: 'text' },
      { Type: 1, Contents: 'bytes', ContentsFormat: 'text' },
      {
        Type: 1,
        Contents: '{"u": "\\u00e9\\u2603\\ud83d\\ude00", "c": "\\u0001\\"\\\\"}',
        ContentsFormat: 'json',
      },
      { Type: 1, Contents: 'None', ContentsFormat: 'text' },
      { Contents: { a: 1 }, ContentsFormat: 'json', Type: 1 },
    ]);
  });

  it('sends incidents as one Type-1 entry holding the JSON string of the list', () => {
    const { demisto, recording } = createDemistoContext(makeRequest({ command: 'fetch-incidents' }));
    demisto.incidents([{ name: 'a', rawJSON: '{"x": 1}', severity: 2 }]);
    expect(recording.entries).toEqual([
      {
        Type: 1,
        Contents: '[{"name": "a", "rawJSON": "{\\"x\\": 1}", "severity": 2}]',
        ContentsFormat: 'json',
      },
    ]);
    expect(demisto.isFetch()).toBe(true);
  });

  it('formats floats with Python repr', () => {
    expect(pyJsonDumps([1.5e16, 123456789.123, 1e-4, 1.5e-7, 2 ** 53])).toBe(
      '[1.5e+16, 123456789.123, 0.0001, 1.5e-07, 9007199254740992]',
    );
  });
});

describe('state calls', () => {
  it('refuses a non-JSON lastRun with a TypeError and records nothing', () => {
    const { demisto, recording } = createDemistoContext(makeRequest());
    expect(() => demisto.setLastRun({ start: new Date(0) })).toThrow(
      new TypeError('Object of type Date is not JSON serializable'),
    );
    expect(() => demisto.setLastRun({ seen: new Set([1]) })).toThrow(
      'Object of type Set is not JSON serializable',
    );
    expect(() => demisto.setLastRun([1, undefined])).toThrow(
      'Object of type undefined is not JSON serializable',
    );
    expect(() => demisto.setLastRun({ n: Number.NaN })).toThrow(TypeError);
    expect(() => demisto.incidents([{ occurred: new Map() }])).toThrow(
      'Object of type Map is not JSON serializable',
    );
    expect(recording.writes).toEqual({});
    expect(recording.entries).toEqual([]);
  });

  it('reads the snapshot, reports writes and returns copies', () => {
    const request = makeRequest({
      state: {
        lastRun: { time: 't0' },
        lastMirrorRun: {},
        integrationContext: { context: { token: 'x' }, version: 3 },
      },
    });
    const { demisto, recording } = createDemistoContext(request);
    const last = demisto.getLastRun() as { time: string };
    last.time = 'mutated';
    expect(demisto.getLastRun()).toEqual({ time: 't0' });
    demisto.setLastRun({ time: 't1' });
    expect(demisto.getLastRun()).toEqual({ time: 't1' });
    demisto.setIntegrationContext({ token: 'y' });
    expect(recording.writes).toEqual({
      lastRun: { time: 't1' },
      integrationContext: { context: { token: 'y' }, version: 4 },
    });
    expect(request.state.lastRun).toEqual({ time: 't0' });
  });

  it('raises ValueError when a versioned context update comes from a stale version', () => {
    const { demisto, recording } = createDemistoContext(
      makeRequest({
        state: { lastRun: {}, lastMirrorRun: {}, integrationContext: { context: { a: 1 }, version: 5 } },
      }),
    );
    const { context, version } = demisto.getIntegrationContextVersioned();
    expect({ context, version }).toEqual({ context: { a: 1 }, version: 5 });
    demisto.setIntegrationContextVersioned({ a: 2 }, version);
    expect(() => demisto.setIntegrationContextVersioned({ a: 3 }, version)).toThrow(ValueError);
    expect(recording.writes.integrationContext).toEqual({ context: { a: 2 }, version: 6 });
    demisto.setIntegrationContextVersioned({ a: 4 }, -1);
    expect(demisto.getIntegrationContextVersioned()).toEqual({ context: { a: 4 }, version: 7 });
  });
});

describe('context facts', () => {
  it('answers instance, version, investigation and files from the request, without the debug-mode arg', () => {
    const { demisto, recording } = createDemistoContext(
      makeRequest({
        isDebug: true,
        args: { id: 'T-1', 'debug-mode': 'true' },
        files: { '12@7': { path: '/tmp/a.txt', name: 'a.txt' } },
      }),
    );
    expect(demisto.args()).toEqual({ id: 'T-1' });
    expect(demisto.integrationInstance()).toBe('desk_1');
    expect(demisto.demistoVersion()).toEqual({ version: '6.12.0', buildNumber: '12345', platform: 'xsoar' });
    expect(demisto.investigation()).toEqual({ id: 'inv-7' });
    expect(demisto.getFilePath('12@7')).toEqual({ id: '12@7', path: '/tmp/a.txt', name: 'a.txt' });
    expect(() => demisto.getFilePath('nope')).toThrow(ValueError);
    demisto.info('count', 3, { a: true });
    demisto.log('printed');
    expect(recording.logs).toEqual([
      { level: 'info', message: "count 3 {'a': True}" },
      { level: 'entryLog', message: 'printed' },
    ]);
  });

  it('refuses every call once the run is sealed', () => {
    const ctx = createDemistoContext(makeRequest());
    ctx.seal('timed out');
    expect(() => ctx.demisto.results('late')).toThrow('demisto: the command already ended (timed out)');
    expect(ctx.recording.entries).toEqual([]);
  });
});
