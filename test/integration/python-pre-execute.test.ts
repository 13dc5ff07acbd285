import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../harness/core/index.ts';
import { createPythonRunner } from '../../harness/runtime/python/index.ts';
import { alternateByDefault, preExecuteByDefault } from '../../harness/runtime/python/runner.ts';
import { fixtureRequest, UNIFIED_PROBE, ZYGOTE_PROBE } from '../support/python-fixtures.ts';

const ahead = createPythonRunner({ poolSize: 4, fork: false, preExecute: true, alternate: false });
const plain = createPythonRunner({ poolSize: 2, fork: false, preExecute: false });
const pair = createPythonRunner({ poolSize: 2, fork: false }); // the default: a second worker joins
const scratch = mkdtempSync(join(tmpdir(), 'mirrorlab-preexec-test-'));
afterAll(async () => {
  await Promise.all([ahead.close(), plain.close(), pair.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

interface Probe {
  registry: number;
  params_class: string;
  start_time: number;
  debug_at_import: boolean;
  command_at_import: string | null;
  pid: number;
}

function prober(name: string, params: Record<string, unknown> = {}, runner = ahead) {
  const trace = join(scratch, `${name}.trace`);
  const make = (command: string, extra: Partial<RunRequest> = {}): RunRequest =>
    fixtureRequest(ZYGOTE_PROBE, command, {
      instance: name,
      params: { url: 'http://127.0.0.1:1', trace, ...params },
      ...extra,
    });
  const executions = () =>
    existsSync(trace) ? readFileSync(trace, 'utf8').trim().split('\n').map(Number) : [];
  return {
    make,
    executions,
    async probe(extra: Partial<RunRequest> = {}): Promise<Probe> {
      const result = await runner.run(make('probe', extra));
      expect(result.outcome, result.error).toBe('ok');
      return result.entries[0]?.Contents as unknown as Probe;
    },
    /** CommonServerPython was executed `count` times (the one for the next command comes after `done`). */
    async executed(count: number): Promise<void> {
      for (let i = 0; i < 200 && executions().length < count; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(executions().length).toBe(count);
    },
    /** How many times CommonServerPython was executed, once no pre-execution is under way (none for 150 ms). */
    async settled(): Promise<number> {
      let seen = executions().length;
      for (let quiet = 0; quiet < 6;) {
        await new Promise((r) => setTimeout(r, 25));
        const now = executions().length;
        quiet = now === seen ? quiet + 1 : 0;
        seen = now;
      }
      return seen;
    },
  };
}

/**
 * Commands back to back until a worker that is none of `known` runs one or executes
 * CommonServerPython for one (a joining worker does at its start): its pid, and the pids that ran
 * the commands. A command delayed past the back-to-back window only delays it.
 */
async function newWorker(probe: ReturnType<typeof prober>, known: number[]) {
  const ran: number[] = [];
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    ran.push((await probe.probe()).pid);
    const fresh = [...ran, ...probe.executions()].find((pid) => !known.includes(pid));
    if (fresh !== undefined) return { fresh, ran };
  }
  throw new Error(`no worker besides ${known.join(', ')} within 20 s of commands back to back`);
}

/** How often the pid changes from one command to the next. */
const turns = (pids: number[]) => pids.slice(1).filter((pid, i) => pid !== pids[i]).length;

describe('python re-exec worker with pre-execution', () => {
  it("executes each command's CommonServerPython once, after the previous command, in the same process", async () => {
    const probe = prober('fresh');
    const first = await probe.probe();
    await probe.executed(2); // the first command's, and the second's before it is asked for
    const second = await probe.probe();
    await probe.executed(3);
    for (const seen of [first, second]) {
      expect(seen.registry).toBe(0); // the previous command's CSP module state is not this one's
      expect(seen.params_class).toBe('SmartGetDict');
    }
    expect(new Set(probe.executions())).toEqual(new Set([first.pid]));
    expect(second.pid).toBe(first.pid);
  });

  it("moves CommonServerPython's import-time timestamps to the command's start", async () => {
    const probe = prober('timestamps');
    await probe.probe();
    await probe.executed(2);
    await new Promise((r) => setTimeout(r, 50));
    const before = Date.now();
    const seen = await probe.probe();
    expect(seen.start_time * 1000).toBeGreaterThanOrEqual(before - 1);
  });

  it('executes CommonServerPython on the command clock for a command with another standing context (debug mode)', async () => {
    const probe = prober('debug');
    const seen = [await probe.probe(), await probe.probe({ isDebug: true }), await probe.probe()];
    expect(seen.map((s) => s.debug_at_import)).toEqual([false, true, false]);
  });

  it('executes CommonServerPython per command when its import-time code reads the command', async () => {
    const probe = prober('reads-command', { csp_reads_command: true });
    const first = await probe.probe();
    const second = await probe.probe();
    expect([first.command_at_import, second.command_at_import]).toEqual(['probe', 'probe']);
  });

  it('ends commands as without it: exceptions, sys.exit, a unified YAML with the joined line numbers', async () => {
    const probe = prober('outcomes');
    const requests = [
      probe.make('raise'),
      probe.make('exit-three'),
      { ...probe.make('boom'), integration: UNIFIED_PROBE, instance: 'unified', params: { url: 'x' } },
    ];
    for (const request of requests) {
      const [first, second] = [await ahead.run(request), await ahead.run(request)];
      const reference = await plain.run(request);
      for (const result of [first, second]) {
        expect(result.outcome).toBe(reference.outcome);
        expect(result.entries).toEqual(reference.entries);
        expect(result.error).toBe(reference.error);
      }
    }
  });

  it('pairs: a second worker joins once commands keep coming back to back, and the two take turns', async () => {
    const probe = prober('pair', {}, pair);
    const first = (await probe.probe()).pid;
    const { fresh: second, ran } = await newWorker(probe, [first]);
    expect(ran.length).toBeGreaterThanOrEqual(9); // not before 8 commands in a row came back to back
    expect(ran.slice(0, 8)).toEqual(Array(8).fill(first));
    const seen = [];
    for (let i = 0; i < 12; i++) seen.push(await probe.probe());
    expect(new Set(seen.map((s) => s.pid))).toEqual(new Set([first, second]));
    // They take turns; a command delayed past the back-to-back window (a loaded machine) stays.
    expect(turns(seen.map((s) => s.pid))).toBeGreaterThanOrEqual(6);
    for (const s of seen) {
      expect(s.registry).toBe(0); // each command's CommonServerPython is its own
      expect(s.params_class).toBe('SmartGetDict');
    }
    await new Promise((r) => setTimeout(r, 20));
    expect((await probe.probe()).pid).toBe(seen.at(-1)!.pid); // a spaced command stays with the last one's worker
    expect(new Set(probe.executions())).toEqual(new Set([first, second]));
  });

  it('pairs: a worker that crashed is replaced, and the survivor and the new one take turns', async () => {
    const probe = prober('pair-crash', {}, pair);
    const first = (await probe.probe()).pid;
    const { fresh: second } = await newWorker(probe, [first]);
    const crashed = await pair.run(probe.make('crash'));
    expect(crashed.outcome).toBe('crash');
    const { fresh: third } = await newWorker(probe, [first, second]);
    const seen = [];
    for (let i = 0; i < 12; i++) seen.push(await probe.probe());
    const pids = new Set(seen.map((s) => s.pid));
    expect(pids.size).toBe(2);
    expect(pids.has(third)).toBe(true);
    expect([first, second].filter((pid) => pids.has(pid))).toHaveLength(1); // the one that did not crash
    for (const s of seen) expect(s.registry).toBe(0);
  });

  it('is on unless MIRRORLAB_PYTHON_PREEXEC turns it off; so is pairing, with MIRRORLAB_PYTHON_ALTERNATE', () => {
    expect(preExecuteByDefault({})).toBe(true);
    expect(preExecuteByDefault({ MIRRORLAB_PYTHON_PREEXEC: '1' })).toBe(true);
    expect(preExecuteByDefault({ MIRRORLAB_PYTHON_PREEXEC: 'no' })).toBe(false);
    expect(preExecuteByDefault({ MIRRORLAB_PYTHON_PREEXEC: '0' })).toBe(false);
    expect(alternateByDefault({})).toBe(true);
    expect(alternateByDefault({ MIRRORLAB_PYTHON_ALTERNATE: 'on' })).toBe(true);
    expect(alternateByDefault({ MIRRORLAB_PYTHON_ALTERNATE: 'off' })).toBe(false);
  });
});
