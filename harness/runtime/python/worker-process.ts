/**
 * One warm python3 worker process (worker.py): spawns it detached (own process group, so a hung
 * command can be killed with everything it started), speaks the JSON-lines protocol on fds 3/4,
 * and runs one command at a time. With `fork`, the worker is a zygote that forks a child per command
 * (same group, same pipes): a child that dies without `done` is a crash of that command only, and
 * the worker stays for the next one; a timeout still kills the whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import type { Json, LogLine, WireEntry } from '../../core/index.ts';
import type { DoneMessage } from './outcome.ts';
import { pipeHolders, pipeInodes } from './pipe-holders.ts';
import type { CallAnswer } from './server-calls.ts';

export const WORKER_SCRIPT = fileURLToPath(new URL('./worker.py', import.meta.url));
/** A protocol line longer than this is treated as a crash (python-runtime.md §5.3). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL_BYTES = 4096;
const KILL_GRACE_MS = 5000;
const STARTUP_TIMEOUT_MS = 60_000;
const DISPOSE_WAIT_MS = 1000;
/** A child's stderr and the zygote's childExit line come on different pipes: let the stderr catch up. */
const CHILD_EXIT_SETTLE_MS = 5;

export type CommandEnd =
  { kind: 'done'; done: DoneMessage } | { kind: 'crash'; error: string } | { kind: 'timeout'; error: string };

export interface CommandCapture {
  end: CommandEnd;
  entries: WireEntry[];
  logs: LogLine[];
}

export interface WorkerSpawnOptions {
  python: string;
  env: Record<string, string>;
  cwd: string;
  codeCacheDir: string;
  /** Files to compile while idle, before the first command arrives. */
  prepare?: string[];
  /** Fork a child per command from a warm zygote (worker.py --fork); false: re-exec in one process. */
  fork?: boolean;
  /** Re-exec only: execute the next command's CommonServerPython right after a command. */
  preExecute?: boolean;
  /** An init like the first command's: the zygote pre-executes CommonServerPython for its context. */
  prepareInit?: Record<string, Json>;
}

export type WorkerMode = 'fork' | 'reexec';

interface Current {
  seq: number;
  entries: WireEntry[];
  logs: LogLine[];
  onCall(method: string, args: Json[]): CallAnswer;
  finish(end: CommandEnd): void;
}

export interface PythonWorker {
  readonly pid: number | undefined;
  readonly alive: boolean;
  /** What the worker runs as, once ready: a zygote (`fork`) or one process re-executing (`reexec`). */
  readonly mode: WorkerMode | undefined;
  /** Resolves when the worker finished its imports (a `ready` message). */
  readonly ready: Promise<void>;
  /** `ready` has resolved: a command sent now does not wait for the imports. */
  readonly started: boolean;
  run(
    init: Record<string, Json>,
    onCall: (method: string, args: Json[]) => CallAnswer,
    timeoutMs: number,
  ): Promise<CommandCapture>;
  /** Timeout/crash kill: SIGTERM to the process group, SIGKILL after a grace period. */
  kill(): void;
  /**
   * End of the run: SIGKILL the process group and anything still holding the worker's pipes, let go
   * of the pipes; resolves when the worker has exited (at most ~1 s).
   */
  dispose(): Promise<void>;
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function createPythonWorker(options: WorkerSpawnOptions): PythonWorker {
  const child: ChildProcess = spawn(
    options.python,
    [
      '-X',
      'utf8',
      '-u',
      WORKER_SCRIPT,
      '--code-cache',
      options.codeCacheDir,
      ...(options.fork ? ['--fork'] : []),
      ...(options.preExecute ? ['--pre-execute'] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
      cwd: options.cwd,
      env: options.env,
    },
  );
  const fromChild = child.stdio[3] as Readable;
  const toChild = child.stdio[4] as Writable;
  // Read now, while the worker surely holds them: who else holds them later escaped the group.
  const pipes = child.pid === undefined ? new Set<string>() : pipeInodes(child.pid, [1, 2, 3, 4]);
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => r()));
  void exit.then(() => (exited = true));
  let alive = true;
  let current: Current | undefined;
  let stderrTail = '';
  /** The running command's stderr only (a zygote outlives its children's crashes). */
  let commandStderr = '';
  let mode: WorkerMode | undefined;
  let seq = 0;
  let pending = '';
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  let isReady = false;
  void ready.then(() => (isReady = true));

  async function startedWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      ready.then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
    ]);
    clearTimeout(timer);
    return inTime;
  }

  function killGroup(): void {
    if (!alive) return;
    alive = false;
    const pid = child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* exited on SIGTERM */
      }
      killPipeHolders();
    }, KILL_GRACE_MS).unref();
  }

  function killPipeHolders(): void {
    for (const holder of pipeHolders(pipes)) {
      try {
        process.kill(holder, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
  }

  async function dispose(): Promise<void> {
    alive = false;
    const pid = child.pid;
    if (pid !== undefined && !exited) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    killPipeHolders();
    // Whatever still holds a pipe (another user's process, a race) must not keep this process alive.
    for (const stream of child.stdio) stream?.destroy();
    child.unref();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exit, new Promise<void>((r) => (timer = setTimeout(r, DISPOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }

  function crash(error: string): void {
    killGroup();
    const c = current;
    current = undefined;
    c?.finish({ kind: 'crash', error });
  }

  function send(message: unknown): void {
    if (alive) toChild.write(`${JSON.stringify(message)}\n`);
  }

  function onMessage(message: Record<string, unknown>): void {
    const c = current;
    switch (message.type) {
      case 'ready':
        mode = message.mode === 'fork' ? 'fork' : 'reexec';
        resolveReady();
        return;
      case 'childExit':
        if (c && c.seq === message.seq) childExited(c, message);
        return;
      case 'call': {
        const answer = c
          ? c.onCall(String(message.method), Array.isArray(message.args) ? (message.args as Json[]) : [])
          : ({ ok: false, error: 'no command is running' } as const);
        send({ type: 'reply', id: message.id, ...answer });
        return;
      }
      case 'results':
        if (c && Array.isArray(message.entries)) c.entries.push(...(message.entries as WireEntry[]));
        return;
      case 'incidents':
        if (c && message.entry) c.entries.push(message.entry as WireEntry);
        return;
      case 'log':
        c?.logs.push({ level: message.level as LogLine['level'], message: String(message.message) });
        return;
      case 'entryLog':
        c?.logs.push({ level: 'entryLog', message: String(message.message) });
        return;
      case 'done':
        current = undefined;
        c?.finish({ kind: 'done', done: message as unknown as DoneMessage });
        return;
      default:
        // credentials / indicators / moduleHealth: nothing in RunResult carries them yet.
        return;
    }
  }

  function childExited(c: Current, message: Record<string, unknown>): void {
    const how =
      typeof message.error === 'string'
        ? message.error
        : typeof message.signal === 'string'
          ? `signal ${message.signal}`
          : `exit code ${String(message.code)}`;
    setTimeout(() => {
      if (current !== c) return;
      current = undefined;
      const tail = commandStderr.trim();
      c.finish({
        kind: 'crash',
        error: `python: worker exited (${how}) before finishing the command.${tail ? ` stderr: ${tail}` : ''}`,
      });
    }, CHILD_EXIT_SETTLE_MS);
  }

  function onLine(line: string): void {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      crash(
        `python: failed to read a protocol message: not JSON: ${JSON.stringify(truncate(line))}. Something wrote to fd 3, the harness's protocol pipe.`,
      );
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      crash(`python: failed to read a protocol message: not an object: ${JSON.stringify(truncate(line))}.`);
      return;
    }
    onMessage(message as Record<string, unknown>);
  }

  fromChild.setEncoding('utf8');
  fromChild.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1 && alive) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      onLine(line);
      newline = pending.indexOf('\n');
    }
    if (pending.length > MAX_LINE_BYTES)
      crash(`python: failed to read a protocol message: a line exceeds ${MAX_LINE_BYTES} bytes.`);
  });
  fromChild.on('error', () => undefined);
  toChild.on('error', () => undefined);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    commandStderr = (commandStderr + chunk).slice(-STDERR_TAIL_BYTES);
    for (const line of chunk.split('\n'))
      if (line.trim()) current?.logs.push({ level: 'stderr', message: line });
  });
  child.stdout?.on('data', () => undefined); // print() goes through the protocol; keep the pipe drained
  child.on('error', (e) =>
    crash(`python: failed to start ${options.python}: ${e.message}. Check the interpreter path.`),
  );
  child.on('exit', (code, signal) => {
    alive = false;
    resolveReady();
    if (!current) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const tail = stderrTail.trim();
    crash(`python: worker exited (${how}) before finishing the command.${tail ? ` stderr: ${tail}` : ''}`);
  });
  if (options.prepare?.length || options.prepareInit)
    send({
      type: 'prepare',
      files: options.prepare ?? [],
      ...(options.prepareInit ? { init: options.prepareInit } : {}),
    });

  return {
    get pid() {
      return child.pid;
    },
    get alive() {
      return alive;
    },
    get mode() {
      return mode;
    },
    get started() {
      return isReady;
    },
    ready,
    async run(init, onCall, timeoutMs) {
      if (current) throw new Error('python worker: a command is already running');
      // The command's clock starts once the interpreter has done its imports, as on a warm server.
      const startedInTime = isReady || (await startedWithin(STARTUP_TIMEOUT_MS));
      if (!startedInTime) killGroup();
      return new Promise<CommandCapture>((resolve) => {
        const capture: Omit<CommandCapture, 'end'> = { entries: [], logs: [] };
        let finished = false;
        const finishWith = (end: CommandEnd) => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          resolve({ end, ...capture });
        };
        const state: Current = { seq: ++seq, ...capture, onCall, finish: finishWith };
        const timer = setTimeout(() => {
          if (current !== state) return;
          current = undefined;
          killGroup();
          finishWith({
            kind: 'timeout',
            error: `python: command ${String(init.command)} timed out after ${timeoutMs} ms; the worker was killed.`,
          });
        }, timeoutMs);
        if (!alive) {
          const why = startedInTime ? 'is not running' : `did not start within ${STARTUP_TIMEOUT_MS} ms`;
          finishWith({
            kind: 'crash',
            error: `python: worker ${why}.${stderrTail ? ` stderr: ${stderrTail.trim()}` : ''}`,
          });
          return;
        }
        current = state;
        commandStderr = '';
        send({ ...init, seq: state.seq });
      });
    },
    kill: killGroup,
    dispose,
  };
}
