import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../harness/core/index.ts';
import { createPythonRunner } from '../../harness/runtime/python/index.ts';
import { forkByDefault } from '../../harness/runtime/python/runner.ts';
import {
  fixtureRequest,
  freshCommandProbe,
  UNIFIED_PROBE,
  ZYGOTE_PROBE,
} from '../support/python-fixtures.ts';

const zygote = createPythonRunner({ poolSize: 4, fork: true });
const reexec = createPythonRunner({ poolSize: 2, fork: false, preExecute: false });
const scratch = mkdtempSync(join(tmpdir(), 'mirrorlab-zygote-test-'));
afterAll(async () => {
  await Promise.all([zygote.close(), reexec.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

const request = fixtureRequest;

interface Probe {
  registry: number;
  library_patched: boolean;
  params_class: string;
  start_time: number;
  debug_at_import: boolean;
  command_at_import: string | null;
  pid: number;
  parent: number;
  threads: number;
}

/** One probe instance per test: its own zygote, and its own trace of CommonServerPython executions. */
function prober(name: string, params: Record<string, unknown> = {}) {
  const trace = join(scratch, `${name}.trace`);
  const make = (command: string, extra: Partial<RunRequest> = {}) =>
    request(ZYGOTE_PROBE, command, { instance: name, params: { trace, ...params }, ...extra });
  return {
    run: (command: string, extra: Partial<RunRequest> = {}) => zygote.run(make(command, extra)),
    async probe(extra: Partial<RunRequest> = {}): Promise<Probe> {
      const result = await zygote.run(make('probe', extra));
      expect(result.outcome, result.error).toBe('ok');
      return result.entries[0]?.Contents as unknown as Probe;
    },
    /** Pids of the processes that executed CommonServerPython, in order. */
    executions: () => readFileSync(trace, 'utf8').trim().split('\n').map(Number),
  };
}

describe('python zygote: the isolation of re-exec workers holds', () => {
  it('starts every command with fresh globals, environment, cwd and the requested TZ', async () => {
    const first = await zygote.run(request('isolation.py', 'check', { tz: 'Asia/Tokyo' }));
    const second = await zygote.run(request('isolation.py', 'check', { tz: 'Asia/Tokyo' }));
    for (const result of [first, second]) {
      expect(result.entries[0]?.Contents).toEqual(freshCommandProbe('JST'));
    }
  });

  it('answers blocking calls and returns fileResult files and unified YAML results', async () => {
    const tour = await zygote.run(request('protocol_tour.py', 'tour', { args: { who: 'me' } }));
    expect(tour.outcome).toBe('ok');
    expect(tour.writes).toEqual({
      integrationContext: { context: { seen: true }, version: 4 },
      lastMirrorRun: { mirrored: null },
    });
    const file = await zygote.run(request('file_result.py', 'report'));
    expect(readFileSync(file.files[0]!.path, 'utf8')).toBe('report body');
    const unified = await zygote.run(request('unified/Unified.yml', 'greet', { params: { greeting: 'hi' } }));
    expect(unified.entries).toEqual([{ Type: 1, Contents: 'hi from __main__', ContentsFormat: 'text' }]);
  });

  it('ends commands with the same outcomes as re-exec workers', async () => {
    for (const command of ['raise', 'return-error', 'exit-zero', 'exit-string', 'exit-two', 'test-module']) {
      const [forked, reexecuted] = await Promise.all([
        zygote.run(request('outcomes.py', command)),
        reexec.run(request('outcomes.py', command)),
      ]);
      expect({ command, outcome: forked.outcome, entries: forked.entries }).toEqual({
        command,
        outcome: reexecuted.outcome,
        entries: reexecuted.entries,
      });
      expect(forked.error).toEqual(reexecuted.error);
    }
  });

  it('kills a hanging command after its timeout and serves the next command from a fresh worker', async () => {
    const hung = await zygote.run(request('outcomes.py', 'hang', { timeoutMs: 400 }));
    expect(hung.outcome).toBe('timeout');
    expect(hung.logs).toContainEqual({ level: 'info', message: 'about to hang' });
    expect((await zygote.run(request('outcomes.py', 'exit-zero'))).outcome).toBe('ok');
  });

  it('reports garbage on the protocol pipe as a crash naming the bad line', async () => {
    const result = await zygote.run(request('outcomes.py', 'garbage'));
    expect(result.outcome).toBe('crash');
    expect(result.error).toContain('not JSON: "this is not json"');
  });
});

describe('python zygote: module state', () => {
  it('executes CommonServerPython once, in the parent; a module-level mutation in one command is invisible to the next', async () => {
    const probe = prober('mutation');
    const first = await probe.probe();
    const second = await probe.probe();
    for (const seen of [first, second]) {
      expect(seen).toMatchObject({
        registry: 0, // CSP module state appended to by the previous command
        library_patched: false, // json.mirrorlab_leak set by the previous command
        threads: 1, // the previous command's non-daemon thread
        params_class: 'SmartGetDict', // CSP's import-time wrapping, kept for the command
        debug_at_import: false,
      });
    }
    expect(first.pid).not.toBe(second.pid);
    expect(first.parent).toBe(second.parent);
    expect(probe.executions()).toEqual([first.parent]);
  });

  it("moves CommonServerPython's import-time timestamps to the command's start", async () => {
    const probe = prober('timestamps');
    await probe.probe();
    const before = Date.now();
    const seen = await probe.probe();
    expect(seen.start_time * 1000).toBeGreaterThanOrEqual(before - 1);
  });

  it('re-executes CommonServerPython in the child of a command with another standing context (debug mode)', async () => {
    const probe = prober('debug');
    const plain = await probe.probe();
    const debug = await probe.probe({ isDebug: true });
    const again = await probe.probe();
    expect([plain.debug_at_import, debug.debug_at_import, again.debug_at_import]).toEqual([
      false,
      true,
      false,
    ]);
    expect(probe.executions()).toEqual([plain.parent, debug.pid]);
  });

  it('runs a unified YAML on the pre-executed CommonServerPython with the line numbers of the joined module', async () => {
    const make = () => request(UNIFIED_PROBE, 'boom', { instance: 'unified', params: { url: 'x' } });
    const forked = [await zygote.run(make()), await zygote.run(make())];
    const reexecuted = await reexec.run(make());
    for (const result of forked) {
      expect(result.entries).toEqual([{ Type: 1, Contents: 'SmartGetDict 0', ContentsFormat: 'text' }]);
      expect(result.outcome).toBe('exception');
      expect(result.error).toBe(reexecuted.error);
    }
    expect(reexecuted.error).toMatch(/File "<string>", line \d+, in main/);
  });

  it('runs CommonServerPython per command when its import-time code reads the command', async () => {
    const probe = prober('reads-command', { csp_reads_command: true });
    const first = await probe.probe();
    const second = await probe.probe();
    expect([first.command_at_import, second.command_at_import]).toEqual(['probe', 'probe']);
    expect(probe.executions().slice(1)).toEqual([first.pid, second.pid]);
  });
});

describe('python zygote: crashes', () => {
  it('a crash in a child does not kill the parent', async () => {
    const probe = prober('crash');
    const before = await probe.probe();
    const crashed = await probe.run('crash');
    expect(crashed.outcome).toBe('crash');
    expect(crashed.error).toContain('exit code 7');
    expect(crashed.error).toContain('fatal: the probe aborted');
    const segfault = await probe.run('segfault');
    expect(segfault.outcome).toBe('crash');
    expect(segfault.error).toContain('signal SIGSEGV');
    const after = await probe.probe();
    expect(after.parent).toBe(before.parent);
    expect(probe.executions()).toEqual([before.parent]);
  });

  it('reports sys.exit and exceptions of a child as re-exec workers do, and keeps the parent', async () => {
    const probe = prober('exits');
    const before = await probe.probe();
    const exit = await probe.run('exit-three');
    expect(exit.outcome).toBe('exception');
    expect(exit.error).toBe('SystemExit: 3');
    const raised = await probe.run('raise');
    expect(raised.outcome).toBe('exception');
    expect(raised.error).toContain('RuntimeError: boom from the probe');
    expect((await probe.probe()).parent).toBe(before.parent);
  });
});

describe('python zygote: the setting', () => {
  it('is off unless MIRRORLAB_PYTHON_FORK turns it on', () => {
    expect(forkByDefault({})).toBe(false);
    expect(forkByDefault({ MIRRORLAB_PYTHON_FORK: '1' })).toBe(true);
    expect(forkByDefault({ MIRRORLAB_PYTHON_FORK: 'on' })).toBe(true);
    expect(forkByDefault({ MIRRORLAB_PYTHON_FORK: '0' })).toBe(false);
  });

  it('re-executes CommonServerPython per command in one process when off', async () => {
    const trace = join(scratch, 'reexec.trace');
    const make = () => request(ZYGOTE_PROBE, 'probe', { instance: 'reexec', params: { trace } });
    const first = (await reexec.run(make())).entries[0]?.Contents as unknown as Probe;
    const second = (await reexec.run(make())).entries[0]?.Contents as unknown as Probe;
    expect(first.pid).toBe(second.pid);
    expect(second.registry).toBe(0);
    expect(readFileSync(trace, 'utf8').trim().split('\n').map(Number)).toEqual([first.pid, second.pid]);
  });
});
