import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createPythonRunner } from '../../harness/runtime/python/index.ts';
import { fixtureRequest, freshCommandProbe } from '../support/python-fixtures.ts';

const runner = createPythonRunner({ poolSize: 3 });
afterAll(() => runner.close());

const request = fixtureRequest;

describe('python runner: protocol messages', () => {
  it('answers blocking calls and records logs, entries and writes of one command', async () => {
    const result = await runner.run(request('protocol_tour.py', 'tour', { args: { who: 'me' } }));
    expect(result.outcome).toBe('ok');
    const contents = result.entries[0]?.Contents as Record<string, unknown>;
    expect(contents).toMatchObject({
      version: { version: '6.12.0', platform: 'xsoar' },
      server: 'https://mirrorlab.local',
      context: { context: { n: 1 }, version: 3 },
      params: { url: 'http://127.0.0.1:1' },
      args: { who: 'me' },
      instance: 'inst-protocol_tour.py',
      investigation: { id: '77' },
      calling: [{ moduleBrand: 'Fixture', name: 'tour' }],
      license: 'mirrorlab-license',
      class: 'Demisto',
    });
    expect(result.logs).toEqual([
      { level: 'debug', message: 'debug formatted' },
      { level: 'info', message: 'info 42' },
      { level: 'error', message: 'error plain' },
      { level: 'entryLog', message: 'a war room log' },
      { level: 'entryLog', message: 'printed 1' },
    ]);
    expect(result.writes).toEqual({
      integrationContext: { context: { seen: true }, version: 4 },
      lastMirrorRun: { mirrored: null },
    });
  });

  it('normalises demisto.results values as the real Demisto class does', async () => {
    const result = await runner.run(request('protocol_tour.py', 'normalise'));
    expect(result.entries).toEqual([
      { Type: 1, Contents: '{"a": 1}', ContentsFormat: 'json' },
      { Type: 1, Contents: 'text', ContentsFormat: 'text' },
      { Type: 1, Contents: '{"b": 2}', ContentsFormat: 'json' },
      { Type: 1, Contents: 'bytes', ContentsFormat: 'text' },
      { Type: 1, Contents: 'None', ContentsFormat: 'text' },
      { Type: 1, Contents: '7', ContentsFormat: 'text' },
      { Type: 4, Contents: 'kept', ContentsFormat: 'text' },
    ]);
  });

  it('turns demisto.incidents(list) into a Type 1 entry holding json.dumps of the list, and returns setLastRun as a write', async () => {
    const result = await runner.run(
      request('protocol_tour.py', 'fetch-incidents', {
        state: {
          lastRun: { count: 4 },
          lastMirrorRun: null,
          integrationContext: { context: {}, version: 0 },
        },
      }),
    );
    expect(result.entries).toEqual([
      { Type: 1, Contents: '[{"name": "incident 5", "rawJSON": "{}"}]', ContentsFormat: 'json' },
    ]);
    expect(result.writes).toEqual({ lastRun: { count: 5 } });
  });

  it('answers an unsupported server command with a ValueError naming it', async () => {
    const result = await runner.run(request('protocol_tour.py', 'execute-command'));
    expect(result.entries[0]?.Contents).toMatch(
      /^ValueError: executeCommand: unsupported server command "getIncidents"/,
    );
  });

  it('serves getFilePath from the request files and fails for unknown ids', async () => {
    const files = { '12@77': { path: '/tmp/evidence.bin', name: 'evidence.bin' } };
    const found = await runner.run(
      request('protocol_tour.py', 'get-file', { args: { entry_id: '12@77' }, files }),
    );
    expect(found.entries[0]?.Contents).toBe(
      '{"id": "12@77", "path": "/tmp/evidence.bin", "name": "evidence.bin"}',
    );
    const missing = await runner.run(
      request('protocol_tour.py', 'get-file', { args: { entry_id: 'nope' }, files }),
    );
    expect(missing.outcome).toBe('exception');
    expect(missing.error).toContain('no file with entry id nope');
  });
});

describe('python runner: outcomes', () => {
  it('reports an uncaught exception with its traceback', async () => {
    const result = await runner.run(request('outcomes.py', 'raise'));
    expect(result.outcome).toBe('exception');
    expect(result.error).toMatch(/^RuntimeError: boom from the integration\nTraceback/);
    expect(result.error).toContain('outcomes.py", line');
    expect(result.error).not.toContain('worker.py');
  });

  it('classifies a Type 4 entry followed by sys.exit(0) as error-entry', async () => {
    const result = await runner.run(request('outcomes.py', 'return-error'));
    expect(result).toMatchObject({ outcome: 'error-entry', error: 'Failed to do the thing' });
  });

  it('swallows sys.exit(0) and keeps the entries sent before it', async () => {
    const result = await runner.run(request('outcomes.py', 'exit-zero'));
    expect(result.outcome).toBe('ok');
    expect(result.entries).toEqual([{ Type: 1, Contents: 'before exit', ContentsFormat: 'text' }]);
  });

  it('treats sys.exit with a string or a nonzero code as an exception', async () => {
    expect(await runner.run(request('outcomes.py', 'exit-string'))).toMatchObject({
      outcome: 'exception',
      error: 'SystemExit: Restarting container',
    });
    expect(await runner.run(request('outcomes.py', 'exit-two'))).toMatchObject({
      outcome: 'exception',
      error: 'SystemExit: 2',
    });
  });

  it('needs a text entry "ok" for test-module to pass', async () => {
    expect(
      (await runner.run(request('outcomes.py', 'test-module', { params: { answer: 'ok' } }))).outcome,
    ).toBe('ok');
    const failed = await runner.run(
      request('outcomes.py', 'test-module', { params: { answer: 'Authorization Error: bad key' } }),
    );
    expect(failed).toMatchObject({ outcome: 'error-entry', error: 'Authorization Error: bad key' });
  });

  it('raises TypeError inside the integration for a non-JSON lastRun and writes nothing', async () => {
    const result = await runner.run(request('outcomes.py', 'datetime-last-run'));
    expect(result.outcome).toBe('exception');
    expect(result.error).toMatch(/^TypeError: Object of type datetime is not JSON serializable/);
    expect(result.writes).toEqual({});
    const nan = await runner.run(request('outcomes.py', 'nan-last-run'));
    expect(nan.error).toMatch(/^ValueError: Out of range float values are not JSON compliant/);
  });

  it('raises ValueError on a stale integration context version', async () => {
    const result = await runner.run(request('outcomes.py', 'context-conflict'));
    expect(result.entries[0]?.Contents).toBe(
      'conflict: integration context version conflict: given version 3, current version 4',
    );
    expect(result.writes.integrationContext).toEqual({ context: { first: true }, version: 4 });
  });

  it('kills a hanging command after its timeout and serves the next command from a fresh worker', async () => {
    const started = performance.now();
    const hung = await runner.run(request('outcomes.py', 'hang', { timeoutMs: 400 }));
    expect(hung.outcome).toBe('timeout');
    expect(hung.error).toContain('timed out after 400 ms');
    expect(hung.logs).toContainEqual({ level: 'info', message: 'about to hang' });
    expect(performance.now() - started).toBeLessThan(8000);
    expect((await runner.run(request('outcomes.py', 'exit-zero'))).outcome).toBe('ok');
  });

  it('reports a process that dies without finishing as a crash with the stderr tail', async () => {
    const result = await runner.run(request('outcomes.py', 'crash'));
    expect(result.outcome).toBe('crash');
    expect(result.error).toContain('exit code 7');
    expect(result.error).toContain('fatal: the integration aborted');
  });

  it('reports garbage on the protocol pipe as a crash naming the bad line', async () => {
    const result = await runner.run(request('outcomes.py', 'garbage'));
    expect(result.outcome).toBe('crash');
    expect(result.error).toContain('not JSON: "this is not json"');
  });
});

describe('python runner: warm workers', () => {
  it('starts every command with fresh globals, environment, cwd and the requested TZ', async () => {
    const first = await runner.run(request('isolation.py', 'check', { tz: 'Asia/Tokyo' }));
    const second = await runner.run(request('isolation.py', 'check', { tz: 'Asia/Tokyo' }));
    for (const result of [first, second]) {
      expect(result.entries[0]?.Contents).toEqual(freshCommandProbe('JST'));
    }
  });

  it("keeps a finished command's stray thread out of the next command's working directory", async () => {
    expect((await runner.run(request('late_writer.py', 'leave'))).outcome).toBe('ok');
    await new Promise((r) => setTimeout(r, 150)); // the thread has written (or tried to) by now
    const look = await runner.run(request('late_writer.py', 'look'));
    expect(look.entries[0]?.Contents).toEqual([]);
  });

  it("drops a module a finished command's stray thread imported before the next command runs", async () => {
    expect((await runner.run(request('late_importer.py', 'leave'))).outcome).toBe('ok');
    await new Promise((r) => setTimeout(r, 150)); // the thread has imported by now
    const look = await runner.run(request('late_importer.py', 'look'));
    expect(look.entries[0]?.Contents).toEqual([]);
  });

  it('returns files written by fileResult from the per-command directory', async () => {
    const result = await runner.run(request('file_result.py', 'report'));
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(file?.name).toBe('report.txt');
    expect(file?.path.endsWith(`77_${file.fileId}`)).toBe(true);
    expect(existsSync(file!.path) && readFileSync(file!.path, 'utf8')).toBe('report body');
  });

  it('runs a unified YAML with demisto as a free name and __name__ == "__main__"', async () => {
    const result = await runner.run(request('unified/Unified.yml', 'greet', { params: { greeting: 'hi' } }));
    expect(result.entries).toEqual([{ Type: 1, Contents: 'hi from __main__', ContentsFormat: 'text' }]);
  });
});
