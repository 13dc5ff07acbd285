/** The TypeScript runner and the dispatching runner: loading, outcomes, writes, timeouts. */
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { CommandRunner, RunRequest, RunResult } from '../../harness/core/index.ts';
import { HarnessError } from '../../harness/core/index.ts';
import { createCommandRunner } from '../../harness/runtime/index.ts';
import {
  CommandResults,
  createTypeScriptRunner,
  defineIntegration,
  fileResult,
  returnError,
} from '../../harness/runtime/typescript/index.ts';
import { makeRequest } from '../fixtures/ts/request.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/ts/${name}`, import.meta.url));

const inProcess = defineIntegration({
  commands: {
    'test-module': () => 'ok',
    'desk-error': (demisto) => returnError(demisto, 'remote said no', undefined, { Desk: { ok: false } }),
    'desk-throw': () => {
      throw new Error('socket hang up');
    },
    'desk-slow': () => new Promise((resolve) => setTimeout(resolve, 5_000)),
    'desk-writes': (demisto) => {
      demisto.setLastRun({ cursor: 'c2' });
      demisto.setIntegrationContext({ token: 't' });
      demisto.debug('wrote state');
      return new CommandResults({ outputsPrefix: 'Desk.Cursor', outputs: 'c2' });
    },
    'desk-file': (demisto) => fileResult(demisto, 'notes.txt', 'note body'),
  },
});

const runner = createTypeScriptRunner();
runner.register('desk', inProcess);
afterAll(() => runner.close());

const run = (command: string, overrides: Partial<RunRequest> = {}): Promise<RunResult> =>
  runner.run(makeRequest({ command, ...overrides }));

describe('TypeScript runner outcomes', () => {
  it('reports ok for test-module returning "ok"', async () => {
    const result = await run('test-module');
    expect(result.outcome).toBe('ok');
    expect(result.entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports an error entry when test-module returns anything but "ok"', async () => {
    const result = await run('test-module', { integration: fixture('echo-desk.ts') });
    expect(result.outcome).toBe('error-entry');
    expect(result.error).toBe('missing url');
  });

  it('reports an error entry for returnError and swallows its exit', async () => {
    const result = await run('desk-error');
    expect(result.outcome).toBe('error-entry');
    expect(result.entries).toEqual([
      { Type: 4, ContentsFormat: 'text', Contents: 'remote said no', EntryContext: { Desk: { ok: false } } },
    ]);
    expect(result.error).toBe('remote said no');
  });

  it('reports an exception with message and stack when the handler throws', async () => {
    const result = await run('desk-throw');
    expect(result.outcome).toBe('exception');
    expect(result.error).toMatch(/^Error: socket hang up\n\s+at /);
  });

  it('reports an unknown command as a NotImplementedError exception', async () => {
    const result = await run('get-modified-remote-data');
    expect(result.outcome).toBe('exception');
    expect(result.error).toMatch(/^NotImplementedError: Command get-modified-remote-data is not implemented/);
  });

  it('reports a timeout when the handler does not settle in time', async () => {
    const result = await run('desk-slow', { timeoutMs: 50 });
    expect(result.outcome).toBe('timeout');
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it('reports writes and logs without touching the request state', async () => {
    const request = makeRequest({ command: 'desk-writes', integration: 'desk' });
    const result = await runner.run(request);
    expect(result.outcome).toBe('ok');
    expect(result.writes).toEqual({
      lastRun: { cursor: 'c2' },
      integrationContext: { context: { token: 't' }, version: 1 },
    });
    expect(result.logs).toEqual([{ level: 'debug', message: 'wrote state' }]);
    expect(result.entries[0]).toMatchObject({
      ContentsFormat: 'text',
      Contents: 'c2',
      EntryContext: { 'Desk.Cursor': 'c2' },
    });
    expect(request.state.lastRun).toEqual({});
  });

  it('reports files written with fileResult', async () => {
    const result = await run('desk-file', { investigationId: 'inv-3' });
    expect(result.files).toHaveLength(1);
    expect(result.files[0]?.name).toBe('notes.txt');
    expect(existsSync(result.files[0]?.path ?? '')).toBe(true);
    expect(result.entries[0]).toMatchObject({ Type: 3, File: 'notes.txt', FileID: result.files[0]?.fileId });
  });
});

describe('TypeScript runner loading', () => {
  it('loads a .ts file by path and runs fetch-incidents over the lastRun snapshot', async () => {
    const result = await run('fetch-incidents', {
      integration: fixture('echo-desk.ts'),
      state: { lastRun: { n: 4 }, lastMirrorRun: {}, integrationContext: { context: {}, version: 0 } },
    });
    expect(result.outcome).toBe('ok');
    expect(result.writes.lastRun).toEqual({ n: 5 });
    expect(result.entries).toEqual([
      { Type: 1, Contents: '[{"name": "ticket 5", "rawJSON": "{\\"n\\":5}"}]', ContentsFormat: 'json' },
    ]);
  });

  it('loads the module beside a YAML whose script.type is typescript', async () => {
    const result = await run('test-module', {
      integration: fixture('echo-desk.yml'),
      params: { url: 'http://desk' },
    });
    expect(result.outcome).toBe('ok');
    const remote = await run('get-remote-data', {
      integration: fixture('echo-desk.yml'),
      args: { id: 'T-9', lastUpdate: 'x' },
    });
    expect(remote.entries).toEqual([{ Type: 1, Contents: '{"id": "T-9"}', ContentsFormat: 'json' }]);
  });

  it('throws a clear error for missing files, non-integrations and Python YAMLs', async () => {
    await expect(run('test-module', { integration: fixture('missing.ts') })).rejects.toThrow(/no such file/);
    await expect(run('test-module', { integration: fixture('no-export.ts') })).rejects.toThrow(
      /exports no integration/,
    );
    await expect(run('test-module', { integration: fixture('python-desk.yml') })).rejects.toBeInstanceOf(
      HarnessError,
    );
  });

  it('reports a module that throws while loading as an exception', async () => {
    const result = await run('test-module', { integration: fixture('throws-on-import.ts') });
    expect(result.outcome).toBe('exception');
    expect(result.error).toContain('cannot reach the vendor SDK');
  });
});

describe('createCommandRunner', () => {
  const seen: string[] = [];
  // A second runner in the Python slot records what the dispatcher routes to it.
  const pythonSlot: CommandRunner = {
    async run(request) {
      seen.push(request.integration);
      return { outcome: 'ok', entries: [], logs: [], durationMs: 0, writes: {}, files: [] };
    },
  };
  const dispatcher = createCommandRunner({ python: pythonSlot });
  dispatcher.register('desk', inProcess);
  afterAll(() => dispatcher.close());

  it('routes registered values, .ts paths and TypeScript YAMLs to the TypeScript runner', async () => {
    expect(await dispatcher.runtimeOf('desk')).toBe('typescript');
    expect(await dispatcher.runtimeOf(fixture('echo-desk.ts'))).toBe('typescript');
    expect(await dispatcher.runtimeOf(fixture('echo-desk.yml'))).toBe('typescript');
    const result = await dispatcher.run(
      makeRequest({ integration: fixture('echo-desk.yml'), params: { url: 'u' } }),
    );
    expect(result.outcome).toBe('ok');
    expect(seen).toEqual([]);
  });

  it('routes .py paths and Python YAMLs to the Python runner', async () => {
    await dispatcher.run(makeRequest({ integration: '/content/Desk/Desk.py' }));
    await dispatcher.run(makeRequest({ integration: fixture('python-desk.yml') }));
    expect(seen).toEqual(['/content/Desk/Desk.py', fixture('python-desk.yml')]);
  });

  it('refuses unsupported script types and unknown extensions', async () => {
    await expect(
      dispatcher.run(makeRequest({ integration: fixture('powershell-desk.yml') })),
    ).rejects.toThrow(/script.type "powershell" is not supported/);
    await expect(dispatcher.run(makeRequest({ integration: 'desk.rb' }))).rejects.toThrow(
      /unknown integration kind/,
    );
  });
});
