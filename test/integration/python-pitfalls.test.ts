/**
 * Pitfalls of contract.md §F that live in the Python runtime rather than in a mirroring exchange,
 * so no scenario can show them: reply line discipline (F.9), CommonServerPython without distutils
 * (F.10), proxy variables wiped by `proxy: false` (F.11) and fileResult file naming (F.23). Each runs
 * a fixture in a real python3 worker.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../harness/core/index.ts';
import { createPythonRunner, DEFAULT_PYTHON } from '../../harness/runtime/python/index.ts';
import { makeRequest } from '../fixtures/ts/request.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'python');
const PROXY = 'http://127.0.0.1:3128';
const runner = createPythonRunner({ poolSize: 2 });
const proxied = createPythonRunner({ poolSize: 1, proxy: PROXY });
const scratch = mkdtempSync(join(tmpdir(), 'mirrorlab-pitfalls-'));
afterAll(async () => {
  await runner.close();
  await proxied.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A command of a fixture: makeRequest's neutral defaults, in a real python3 worker. */
const request = (integration: string, extra: Partial<RunRequest> = {}): RunRequest =>
  makeRequest({
    instance: `inst-${integration}`,
    integration: join(fixtures, integration),
    command: 'run',
    investigationId: '42',
    timeoutMs: 10_000,
    state: { lastRun: {}, lastMirrorRun: {}, integrationContext: { context: {}, version: 1 } },
    ...extra,
  });

describe('F.9 reply line discipline (WIRE-NEW; XSUP-24343)', () => {
  it('answers every blocking call with one JSON line, whatever the value holds and from every thread', async () => {
    const result = await runner.run(request('reply_discipline.py'));
    expect(result.outcome).toBe('ok');
    expect(result.entries[0]?.Contents).toEqual({
      mirror_run: true,
      context: true,
      threads: [0, 1, 2, 3, 4, 5, 6, 7],
    });
    expect(result.writes.lastMirrorRun).toEqual({
      cursor: 'line one\nline two \u2028 "quoted" \\ back \u00e9\u4e2d',
    });
    expect(result.logs).toContainEqual({ level: 'info', message: 'a log line\nwith a second line' });
  });
});

describe('F.10 CommonServerPython needs distutils (Python 3.12 removed it)', () => {
  it('refuses an interpreter without distutils with one line naming the way out', async () => {
    // A python3 whose `distutils` fails to import, as on 3.12+ without setuptools.
    const shadow = join(scratch, 'shadow', 'distutils');
    mkdirSync(shadow, { recursive: true });
    writeFileSync(
      join(shadow, '__init__.py'),
      "raise ModuleNotFoundError(\"No module named 'distutils'\", name='distutils')\n",
    );
    const python = join(scratch, 'python3.12-like');
    // SETUPTOOLS_USE_DISTUTILS=stdlib turns off setuptools' own distutils shim (Debian ships it).
    writeFileSync(
      python,
      `#!/bin/sh\nSETUPTOOLS_USE_DISTUTILS=stdlib PYTHONPATH=${join(scratch, 'shadow')} exec ${DEFAULT_PYTHON} "$@"\n`,
    );
    chmodSync(python, 0o755);
    const noDistutils = createPythonRunner({ python, poolSize: 1 });
    try {
      await expect(noDistutils.run(request('reply_discipline.py'))).rejects.toMatchObject({
        code: 'runtime-missing',
        message: expect.stringMatching(
          /missing module distutils\. .*apt-get install -y python3-distutils\. CommonServerPython imports distutils\.version, which Python 3\.12 removed: use a Python ≤ 3\.11 \(--python\), or install setuptools/,
        ),
      });
    } finally {
      await noDistutils.close();
    }
  });
});

describe('F.11 proxy variables wiped by proxy: false (CSP handle_proxy)', () => {
  it('hands a configured proxy to every command; proxy false wipes it for that command only', async () => {
    const all = { HTTP_PROXY: PROXY, HTTPS_PROXY: PROXY, http_proxy: PROXY, https_proxy: PROXY };
    const none = { HTTP_PROXY: null, HTTPS_PROXY: null, http_proxy: null, https_proxy: null };
    const wiped = await proxied.run(request('proxy_env.py', { params: { proxy: false } }));
    expect(wiped.entries[0]?.Contents).toEqual({ before: all, after: none });
    // The loop restores os.environ after each script (contract.md §A.1 item 4): the next command has it again.
    const kept = await proxied.run(request('proxy_env.py', { params: { proxy: true } }));
    expect(kept.entries[0]?.Contents).toEqual({ before: all, after: all });
  });

  it('gives integrations no proxy unless one is configured', async () => {
    const result = await runner.run(request('proxy_env.py', { params: { proxy: true } }));
    expect(result.entries[0]?.Contents).toMatchObject({ before: { HTTP_PROXY: null, https_proxy: null } });
  });
});

describe('F.23 fileResult naming (<Inv.id>_<FileID> in the working directory)', () => {
  it('keeps the bytes of a file written where fileResult writes it', async () => {
    const result = await runner.run(request('file_result.py'));
    expect(result.files).toEqual([
      expect.objectContaining({ name: 'report.txt', path: expect.stringMatching(/\/42_[^/]+$/) }),
    ]);
  });

  it('says which file it looked for when a file entry has no bytes', async () => {
    const result = await runner.run(request('file_result_elsewhere.py'));
    expect(result.outcome).toBe('ok');
    expect(result.files).toEqual([]);
    expect(result.logs).toContainEqual({
      level: 'error',
      message: expect.stringMatching(
        /^file entry lost\.txt: no file 42_[^ ]+ in the working directory \(fileResult writes <Inv\.id>_<FileID> there, contract\.md §F\.23\)/,
      ),
    });
  });
});
