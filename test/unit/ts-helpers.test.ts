/**
 * The CSP-equivalent helpers emit the wire entries the Python classes emit. Expected JSON below was
 * produced by running the Nov-2024 CommonServerPython with /usr/bin/python3 (stdlib only) and a
 * capturing demistomock that converts like the server's Demisto wrapper.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import {
  CommandResults,
  DemistoException,
  GetMappingFieldsResponse,
  GetModifiedRemoteDataArgs,
  GetModifiedRemoteDataResponse,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  KeyError,
  NotImplementedError,
  SchemeTypeMapping,
  SystemExit,
  UpdateRemoteSystemArgs,
  argToBoolean,
  argToList,
  createDemistoContext,
  fileResult,
  getLastMirrorRun,
  returnError,
  returnResults,
  setLastMirrorRun,
  tableToMarkdown,
} from '../../harness/runtime/typescript/index.ts';
import type { RunRequest } from '../../harness/core/index.ts';
import { makeRequest } from '../fixtures/ts/request.ts';

function run(
  fn: (d: ReturnType<typeof createDemistoContext>['demisto']) => void,
  request: Partial<RunRequest> = {},
) {
  const ctx = createDemistoContext(makeRequest(request));
  let thrown: unknown;
  try {
    fn(ctx.demisto);
  } catch (e) {
    thrown = e;
  }
  return { ...ctx.recording, thrown };
}

describe('GetRemoteDataResponse', () => {
  it('turns an empty mirrored object into the text entry "None" and loses the entries', () => {
    const { entries } = run((d) =>
      returnResults(d, new GetRemoteDataResponse({}, [{ Type: 1, Contents: 'c', ContentsFormat: 'text' }])),
    );
    expect(entries).toEqual([{ Type: 1, Contents: 'None', ContentsFormat: 'text' }]);
  });

  it('sends the mirrored object as a Python JSON string followed by the entries unchanged', () => {
    const mirrored = { id: 'T-1', title: 'Café', n: 1.5, z: 1e-5, b: true, x: null, l: [1, 2] };
    const note = { Type: 1, Contents: 'c', ContentsFormat: 'text', Note: true };
    const { entries } = run((d) => returnResults(d, new GetRemoteDataResponse(mirrored, [note])));
    expect(entries).toEqual([
      {
        Type: 1,
        Contents:
          '{"id": "T-1", "title": "Caf\\u00e9", "n": 1.5, "z": 1e-05, "b": true, "x": null, "l": [1, 2]}',
        ContentsFormat: 'json',
      },
      note,
    ]);
  });

  it('fails like Python when entries is not a list', () => {
    expect(() => new GetRemoteDataResponse({ a: 1 }, null).extractForLocal()).toThrow(
      'can only concatenate list (not "NoneType") to list',
    );
  });
});

describe('args parsers', () => {
  it('raises KeyError for a missing get-remote-data argument', () => {
    expect(() => new GetRemoteDataArgs({ id: 'x' })).toThrow(KeyError);
    expect(() => new GetRemoteDataArgs({ id: 'x' })).toThrow("'lastUpdate'");
    expect(new GetRemoteDataArgs({ id: 'x', lastUpdate: '2026-01-01T00:00:00Z' })).toMatchObject({
      remoteIncidentId: 'x',
      lastUpdate: '2026-01-01T00:00:00Z',
    });
    expect(() => new GetModifiedRemoteDataArgs({})).toThrow("'lastUpdate'");
  });

  it('reads update-remote-system args with get semantics', () => {
    const parsed = new UpdateRemoteSystemArgs({
      remoteId: 'T-1',
      status: 2,
      incidentChanged: true,
      data: { a: 'b' },
    });
    expect(parsed).toMatchObject({
      remoteIncidentId: 'T-1',
      incStatus: 2,
      incidentChanged: true,
      data: { a: 'b' },
    });
    expect(parsed.delta).toBeUndefined();
    expect(parsed.entries).toBeUndefined();
  });
});

describe('GetModifiedRemoteDataResponse', () => {
  it('sends Contents as a real list and logs the ids like CSP', () => {
    const { entries, logs } = run((d) => returnResults(d, new GetModifiedRemoteDataResponse(['a', 'b'])));
    expect(entries).toEqual([{ Contents: ['a', 'b'], Type: 1, ContentsFormat: 'json' }]);
    expect(logs).toEqual([{ level: 'info', message: "Modified incidents: ['a', 'b']" }]);
  });
});

describe('get-mapping-fields classes', () => {
  it('merges schemes into one JSON-string entry, nested descriptions kept', () => {
    const ticket = new SchemeTypeMapping('Ticket');
    ticket.addField('status', 'the status');
    ticket.addField('CustomFields', { x: 'y' });
    const { entries } = run((d) =>
      returnResults(d, new GetMappingFieldsResponse([ticket, new SchemeTypeMapping('Other')])),
    );
    expect(entries).toEqual([
      {
        Type: 1,
        Contents: '{"Ticket": {"status": "the status", "CustomFields": {"x": "y"}}, "Other": {}}',
        ContentsFormat: 'json',
      },
    ]);
  });

  it('raises TypeError for a single scheme instead of a list, as the documented example does', () => {
    const { entries, thrown } = run((d) =>
      returnResults(d, new GetMappingFieldsResponse(new SchemeTypeMapping('T', { a: '' }))),
    );
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toBe("'SchemeTypeMapping' object is not iterable");
    expect(entries).toEqual([]);
  });
});

describe('returnResults', () => {
  it('sends other objects of a list first and its dicts and strings together last', () => {
    const { entries } = run((d) =>
      returnResults(d, ['a', { k: 1 }, new CommandResults({ readableOutput: 'hi' }), 3]),
    );
    expect(entries).toEqual([
      {
        Type: 1,
        ContentsFormat: 'json',
        Contents: null,
        HumanReadable: 'hi',
        EntryContext: {},
        IndicatorTimeline: [],
        IgnoreAutoExtract: false,
        Note: false,
        Relationships: [],
      },
      { Type: 1, Contents: '3', ContentsFormat: 'text' },
      { Type: 1, Contents: 'a', ContentsFormat: 'text' },
      { Type: 1, Contents: '{"k": 1}', ContentsFormat: 'json' },
    ]);
  });

  it('sends None as the text "None" and a string as a text entry', () => {
    expect(run((d) => returnResults(d, undefined)).entries).toEqual([
      { Type: 1, Contents: 'None', ContentsFormat: 'text' },
    ]);
    expect(run((d) => returnResults(d, 'ok')).entries).toEqual([
      { Type: 1, Contents: 'ok', ContentsFormat: 'text' },
    ]);
  });
});

describe('CommandResults', () => {
  it('builds the key-field context path and the default markdown table', () => {
    const outputs = [
      { id: 'T-1', tags: ['a', 'b'], nested: { k: 'v|w' }, n: 2, f: true },
      { id: 'T-2', msg: 'l1\nl2' },
    ];
    const { entries } = run((d) =>
      returnResults(
        d,
        new CommandResults({ outputsPrefix: 'T.Ticket', outputsKeyField: 'id', outputs, tags: ['t1'] }),
      ),
    );
    expect(entries).toEqual([
      {
        Type: 1,
        ContentsFormat: 'json',
        Contents: outputs,
        HumanReadable:
          '### Results\n|f|id|n|nested|tags|\n|---|---|---|---|---|\n| true | T-1 | 2 | k: v\\|w | a,<br>b |\n|  | T-2 |  |  |  |\n',
        EntryContext: { 'T.Ticket(val.id && val.id == obj.id)': outputs },
        IndicatorTimeline: [],
        IgnoreAutoExtract: false,
        Note: false,
        Relationships: [],
        Tags: ['t1'],
      },
    ]);
  });

  it('uses text format for scalar raw responses and a note flag when asked', () => {
    expect(new CommandResults({ outputsPrefix: 'X', outputs: 5 }).toContext()).toMatchObject({
      ContentsFormat: 'text',
      Contents: 5,
      HumanReadable: 5,
      EntryContext: { X: 5 },
    });
    expect(
      new CommandResults({ outputs: { A: { b: 1 } }, rawResponse: 'raw', markAsNote: true }).toContext(),
    ).toMatchObject({
      ContentsFormat: 'text',
      Contents: 'raw',
      HumanReadable: '### Results\n|A|\n|---|\n|  |\n',
      EntryContext: { A: { b: 1 } },
      Note: true,
    });
  });

  it('refuses outputs without a prefix unless they are a dict', () => {
    expect(() => new CommandResults({ outputs: [1] })).toThrow('outputs_prefix is missing');
  });

  it('formats tables of simple values and list cells like tableToMarkdown', () => {
    expect(tableToMarkdown('T', { only: [1, 2] })).toBe('### T\n|only|\n|---|\n| 1 |\n| 2 |\n');
    expect(tableToMarkdown('T', [{ a: [{ x: 1 }, "it's"], b: null }])).toBe(
      "### T\n|a|b|\n|---|---|\n| {'x': 1},<br>it's |  |\n",
    );
  });
});

describe('returnError', () => {
  it('prefixes get-modified-remote-data errors with "skip update. error: " and stops the handler', () => {
    const { entries, logs, thrown } = run((d) => returnError(d, 'boom'), {
      command: 'get-modified-remote-data',
    });
    expect(thrown).toBeInstanceOf(SystemExit);
    expect(entries).toEqual([
      { Type: 4, ContentsFormat: 'text', Contents: 'skip update. error: boom', EntryContext: null },
    ]);
    expect(logs).toEqual([{ level: 'info', message: 'Full Integration Log:\nboom' }]);
  });

  it('keeps the message bare for a NotImplementedError so the server falls back to polling', () => {
    const { entries } = run((d) => returnError(d, 'nope', new NotImplementedError('nope')), {
      command: 'get-modified-remote-data',
    });
    expect(entries).toEqual([{ Type: 4, ContentsFormat: 'text', Contents: 'nope', EntryContext: null }]);
  });

  it('throws Error(message) for fetch-type commands instead of writing an entry', () => {
    const { entries, thrown } = run((d) => returnError(d, 'fetch broke'), { command: 'fetch-incidents' });
    expect(entries).toEqual([]);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(SystemExit);
    expect((thrown as Error).message).toBe('fetch broke');
  });

  it('masks secret params in the message and carries outputs as EntryContext', () => {
    const params = { api_key: 'S3 c/r', credentials: { identifier: 'u', password: 'p"w' }, url: 'http://x' };
    const { entries } = run(
      (d) =>
        returnError(d, 'bad key S3 c/r and S3+c%2Fr and p"w and p\\"w and dTpwInc= and UzMgYy9y', undefined, {
          a: 1,
        }),
      { command: 'desk-get', params },
    );
    const masked = Array(6).fill('<XX_REPLACED>');
    expect(entries).toEqual([
      {
        Type: 4,
        ContentsFormat: 'text',
        Contents: `bad key ${masked.slice(0, 5).join(' and ')} and ${masked[5]}`,
        EntryContext: { a: 1 },
      },
    ]);
  });

  it('truncates messages over 50,000 characters around a marker, keeping both halves', () => {
    const { entries } = run((d) => returnError(d, 'a'.repeat(30_000) + 'b'.repeat(30_000)), { command: 'x' });
    const contents = entries[0]?.Contents as string;
    expect(contents).toBe(`${'a'.repeat(25_000)}...This error body was truncated...${'b'.repeat(25_000)}`);
  });
});

describe('mirror-run helpers', () => {
  it('refuse servers below 6.6.0 with DemistoException', () => {
    const old = { version: { version: '6.5.0', buildNumber: '1', platform: 'xsoar' as const } };
    expect(run((d) => setLastMirrorRun(d, { a: 1 }), old).thrown).toBeInstanceOf(DemistoException);
    expect(run((d) => getLastMirrorRun(d), old).thrown).toBeInstanceOf(DemistoException);
  });

  it('compare versions numerically, so 6.10.0 is above 6.6.0', () => {
    const { writes, thrown } = run((d) => setLastMirrorRun(d, { cursor: 'c1' }), {
      version: { version: '6.10.0', buildNumber: '1', platform: 'xsoar' },
    });
    expect(thrown).toBeUndefined();
    expect(writes).toEqual({ lastMirrorRun: { cursor: 'c1' } });
  });

  it('return {} when the server holds nothing', () => {
    let got: unknown;
    run((d) => (got = getLastMirrorRun(d)), {
      state: { lastRun: {}, lastMirrorRun: null, integrationContext: { context: {}, version: 0 } },
    });
    expect(got).toEqual({});
  });

  it('reject a non-JSON value with the TypeError of json.dumps', () => {
    const { thrown, writes } = run((d) => setLastMirrorRun(d, { d: new Date(0) }));
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toBe('Object of type Date is not JSON serializable');
    expect(writes).toEqual({});
  });
});

describe('argument helpers', () => {
  it('parse booleans like argToBoolean', () => {
    expect([argToBoolean('Yes'), argToBoolean('false'), argToBoolean(true)]).toEqual([true, false, true]);
    expect(() => argToBoolean('maybe')).toThrow('Argument does not contain a valid boolean-like value');
    expect(() => argToBoolean(1)).toThrow('Argument is neither a string nor a boolean');
  });

  it('parse lists like argToList', () => {
    expect(argToList('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(argToList('[1,"x"]')).toEqual([1, 'x']);
    expect(argToList('[bad')).toEqual(['[bad']);
    expect(argToList(0)).toEqual([]);
    expect(argToList(5)).toEqual([5]);
    expect(argToList('1|2', '|', Number)).toEqual([1, 2]);
  });
});

describe('fileResult', () => {
  it('writes the bytes as <Inv.id>_<uuid> and reports the file', () => {
    const ctx = createDemistoContext(makeRequest({ investigationId: 'inv-9' }));
    const entry = fileResult(ctx.demisto, '../report.txt', 'hello');
    expect(entry).toEqual({
      Contents: '',
      ContentsFormat: 'text',
      Type: 3,
      File: 'report.txt',
      FileID: entry.FileID,
    });
    const [file] = ctx.recording.files;
    expect(file?.path.endsWith(`inv-9_${entry.FileID}`)).toBe(true);
    expect(file && existsSync(file.path) && readFileSync(file.path, 'utf8')).toBe('hello');
  });
});
