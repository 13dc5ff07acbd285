/**
 * No process started by `mirrorlab run` outlives it: a child that escaped the worker's process
 * group with setsid, a hung command stopped by SIGTERM, and workers whose CLI was SIGKILLed.
 * Real CLI, real python3 workers, real signals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const INTEGRATIONS = {
  python: join(root, 'test', 'fixtures', 'python', 'escapes.py'),
  typescript: join(root, 'test', 'fixtures', 'typescript', 'hangs.ts'),
};
const started: number[] = [];
const dirs: string[] = [];

/** Alive and not a zombie waiting for a reaper. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting until ${what}`);
}

afterEach(async () => {
  // A failing test must not leave its processes behind either.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone, as it should be */
    }
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scenario(
  behaviour: 'setsid' | 'hang',
  integration = INTEGRATIONS.python,
): Promise<{ file: string; pidFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mirrorlab-procs-'));
  dirs.push(dir);
  const pidFile = join(dir, 'pid');
  const file = join(dir, `${behaviour}.yaml`);
  await writeFile(
    file,
    [
      `name: ${behaviour}`,
      'server: { commandTimeout: 10m }',
      'instances:',
      '  esc:',
      `    integration: ${JSON.stringify(integration)}`,
      `    params: { behaviour: ${behaviour}, pid_file: ${JSON.stringify(pidFile)} }`,
      // A .py without its YAML states its script flags (else loading refuses it).
      '    flags: { isfetch: true }',
      'steps:',
      '  - fetch: esc',
      '',
    ].join('\n'),
  );
  return { file, pidFile };
}

function runCli(file: string): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/cli.ts', 'run', file], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child.pid!);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stderr })),
  );
  return { child, exited };
}

/** `mirrorlab run` of a scenario whose command hangs, once the command runs; `worker` is its pid. */
async function startHungRun(integration = INTEGRATIONS.python) {
  const { file, pidFile } = await scenario('hang', integration);
  const run = runCli(file);
  await until('the command hangs', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
  const worker = Number(readFileSync(pidFile, 'utf8'));
  started.push(worker);
  return { ...run, worker };
}

describe('processes started by mirrorlab run', () => {
  it('ends the run and kills a child that escaped with setsid holding the pipes', async () => {
    const { file, pidFile } = await scenario('setsid');
    const { exited } = runCli(file);
    const { code } = await exited;
    const escaped = Number(readFileSync(pidFile, 'utf8'));
    started.push(escaped);
    expect(code).toBe(0);
    await until('the escaped child is gone', () => !isRunning(escaped));
  }, 60_000);

  it('stops a hung command on SIGTERM, kills its worker and reports what ran', async () => {
    const { child, exited, worker } = await startHungRun();
    child.kill('SIGTERM');
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toContain(
      'mirrorlab run: interrupted by a signal after 1 of 1 scenario; the rest did not run.',
    );
    await until('the worker is gone', () => !isRunning(worker));
  }, 60_000);

  it('exits after a grace period when an in-process command ignores SIGTERM', async () => {
    const { child, exited } = await startHungRun(INTEGRATIONS.typescript);
    child.kill('SIGTERM');
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toContain('mirrorlab run: did not stop within 3 s of the signal; exiting.');
  }, 60_000);

  it('lets the workers of a SIGKILLed run exit by themselves', async () => {
    const { child, exited, worker } = await startHungRun();
    child.kill('SIGKILL');
    await exited;
    await until('the orphaned worker is gone', () => !isRunning(worker));
  }, 60_000);
});
