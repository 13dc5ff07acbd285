/**
 * The Python CommandRunner: a pool of warm workers keyed by instance + integration (LRU, bounded),
 * one per instance and a second taking turns with it once its commands keep coming back to back
 * (`alternate`), one command at a time per instance; a timed-out or crashed worker is dropped and
 * replaced by a fresh one.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HarnessError,
  type CommandRunner,
  type Json,
  type LogLine,
  type ProducedFile,
  type RunRequest,
  type RunResult,
} from '../../core/index.ts';
import { defaultCacheDir, prepareCacheDir } from './cache-dir.ts';
import { checkPythonDeps, missingDepsMessage, resolvePython } from './interpreter.ts';
import { locateIntegration, type LocatedIntegration } from './locate.ts';
import { classifyOutcome } from './outcome.ts';
import { createCallSession } from './server-calls.ts';
import { createWorkDirs } from './work-dirs.ts';
import { createPythonWorker, type PythonWorker } from './worker-process.ts';

export interface PythonRunnerOptions {
  /** Interpreter; default Debian's /usr/bin/python3 (the CLI fills this from --python / MIRRORLAB_PYTHON). */
  python?: string;
  /** A demisto/content checkout; default: found by walking up from the integration file. */
  contentRoot?: string;
  /** Max instances with live workers (one process each, two once a second joined, see `alternate`); the least recently used idle one is evicted. Default 4. */
  poolSize?: number;
  /** Compiled-code and pycache directory (must be the user's own, mode 0700). Default: <tmpdir>/mirrorlab-<uid>/python-cache. */
  cacheDir?: string;
  /**
   * A proxy the integrations' HTTP goes through (HTTP_PROXY / HTTPS_PROXY and lower-case twins),
   * e.g. to watch the traffic. Integrations must then run with their `proxy` param true:
   * CommonServerPython's handle_proxy / BaseClient(proxy=False) deletes these variables (contract.md
   * §F.11). They come back for the next command, as XSOAR's loop restores os.environ (§A.1).
   */
  proxy?: string;
  /**
   * Host redirection: hostname → base URL (`{ 'api.atlassian.com': 'http://127.0.0.1:4400' }`).
   * Requests the integrations send with `requests` to a mapped host go to the base URL instead
   * (host_redirect.py), so an integration with hard-coded vendor hosts runs unmodified against a
   * fake. Read at every command, so entries added after the runner starts (a remote's `hosts`,
   * once it listens) apply from the next command.
   */
  hosts?: Readonly<Record<string, string>>;
  /**
   * `true`: a zygote executes CommonServerPython once and forks a child per command; `false`: one
   * process re-executes it per command. Default false (the CLI: MIRRORLAB_PYTHON_FORK=1/true/yes/on):
   * on the project's machines (virtual, 2 cores) a fork's copy-on-write page faults cost more than
   * re-executing CSP (`npm run bench` prints both). Without os.fork (not POSIX) it re-executes.
   */
  fork?: boolean;
  /**
   * Re-exec workers: right after a command, execute CommonServerPython for the next one (same
   * standing context as the zygote's: params, debug flag, version, TZ, files), so a command does
   * not wait for it; another context executes it on the command's clock as before, and so does a
   * command already waiting when the last one is tidied (back to back). Its import-time side effects
   * then happen before the command is asked for, as with the zygote, and once more after the last
   * one. Default true (the CLI: MIRRORLAB_PYTHON_PREEXEC=0/false/no/off turns it off).
   */
  preExecute?: boolean;
  /**
   * Pre-executing workers: once commands keep coming back to back (a mirror cycle's pulls), a
   * second worker joins the instance and the two take turns, so the next command's
   * CommonServerPython runs on another CPU while a command runs instead of on the next command's
   * clock. Spaced commands stay with one worker, which pre-executes between them. Up to twice the
   * processes (and memory) per instance. Default true (the CLI: MIRRORLAB_PYTHON_ALTERNATE=0/false/
   * no/off turns it off); nothing without `preExecute`.
   */
  alternate?: boolean;
}

export { alternateByDefault, forkByDefault, preExecuteByDefault, pythonWorkerMode } from './worker-mode.ts';

export type PythonRunner = CommandRunner & { close(): Promise<void> };

interface PoolEntry {
  /** The instance's worker, and a second one once commands kept coming back to back (`alternate`). */
  workers: PythonWorker[];
  /** Which of `workers` ran the last command. */
  last: number;
  /** When the last command ended (performance.now()). */
  lastEnded: number;
  /** Commands in a row that came back to back. */
  streak: number;
  lastUsed: number;
  busy: boolean;
  /** Commands for one worker run strictly one after another. */
  queue: Promise<unknown>;
}

const FILE_ENTRY_TYPES = new Set([3, 9]);
/** Longer than Node's turnaround between two commands sent back to back (0.2–0.5 ms here). */
const PRE_EXECUTE_GRACE_MS = 1;
/**
 * A command comes back to back when the instance's last one ended less than this ago: a lone worker
 * has not executed CommonServerPython for it yet (it waits PRE_EXECUTE_GRACE_MS for the command, then
 * takes about a millisecond).
 */
const BACK_TO_BACK_MS = 3;
/** A second worker joins after this many commands in a row came back to back: a short run does not pay for its start (~0.4 s of CPU). */
const PAIR_AFTER = 8;
const FAKE_SERVER_URL = 'https://mirrorlab.local';

export function createPythonRunner(options: PythonRunnerOptions = {}): PythonRunner {
  const poolSize = Math.max(1, options.poolSize ?? 4);
  const fork = options.fork ?? false;
  const preExecute = !fork && (options.preExecute ?? true);
  const alternate = preExecute && (options.alternate ?? true);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  let cacheReady = false;
  const pool = new Map<string, PoolEntry>();
  const located = new Map<string, { stamp: number; value: Promise<LocatedIntegration> }>();
  const workDirs = createWorkDirs();
  /** Killed or evicted workers: disposed at close too, with anything still holding their pipes. */
  const retired = new Set<PythonWorker>();
  let python: string | undefined;
  let useCounter = 0;
  let closed = false;

  async function interpreter(): Promise<string> {
    python ??= resolvePython(options.python);
    const deps = await checkPythonDeps(python);
    if (!deps.ok)
      throw new HarnessError('runtime-missing', missingDepsMessage(python, deps.missing, deps.packages));
    return python;
  }

  function locate(integration: string): Promise<LocatedIntegration> {
    const stamp = statSync(integration, { throwIfNoEntry: false })?.mtimeMs ?? -1;
    const hit = located.get(integration);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = locateIntegration(integration, options.contentRoot);
    located.set(integration, { stamp, value });
    value.catch(() => located.delete(integration));
    return value;
  }

  const proxyEnv: Record<string, string> = options.proxy
    ? {
        HTTP_PROXY: options.proxy,
        HTTPS_PROXY: options.proxy,
        http_proxy: options.proxy,
        https_proxy: options.proxy,
      }
    : {};

  function scrubbedEnv(tz: string): Record<string, string> {
    return {
      ...proxyEnv,
      PATH: '/usr/local/bin:/usr/bin:/bin',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TZ: tz,
      PYTHONUNBUFFERED: '1',
      PYTHONIOENCODING: 'utf-8',
      PYTHONPYCACHEPREFIX: join(cacheDir, 'pycache'),
    };
  }

  function evictIfFull(): void {
    while (pool.size >= poolSize) {
      const idle = [...pool.entries()]
        .filter(([, e]) => !e.busy)
        .sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (!idle) return; // every worker is busy: run over the limit rather than kill a running command
      retire(idle[1].workers);
      pool.delete(idle[0]);
    }
  }

  function retire(workers: PythonWorker[]): void {
    for (const worker of workers) {
      worker.kill();
      retired.add(worker);
    }
  }

  function acquire(key: string, exe: string, where: LocatedIntegration, request: RunRequest): PoolEntry {
    const existing = pool.get(key);
    if (existing) return existing;
    evictIfFull();
    const entry: PoolEntry = {
      workers: [spawnWorker(exe, where, request)],
      last: 0,
      lastEnded: -Infinity,
      streak: 0,
      lastUsed: ++useCounter,
      busy: false,
      queue: Promise.resolve(),
    };
    pool.set(key, entry);
    return entry;
  }

  /**
   * Which worker runs the command, and how long it then waits for a command of its own before it
   * pre-executes. A spaced command goes to the worker of the last one, which has executed
   * CommonServerPython for it meanwhile. Back to back, once a second worker joined and started,
   * the two take turns: the one whose turn it is executed CommonServerPython while the other ran
   * the last command, and pre-executes at once after its own, as the next goes to the other. A dead
   * worker (timed out, crashed) is replaced by a fresh one first: the command waits for the start
   * of the one it needs, the other takes turns again once started.
   */
  function workerFor(
    entry: PoolEntry,
    exe: string,
    where: LocatedIntegration,
    request: RunRequest,
  ): { slot: number; worker: PythonWorker; graceMs: number } {
    const backToBack = performance.now() - entry.lastEnded < BACK_TO_BACK_MS;
    entry.streak = backToBack ? entry.streak + 1 : 0;
    if (alternate && entry.workers.length === 1 && entry.streak >= PAIR_AFTER)
      entry.workers.push(spawnWorker(exe, where, request));
    entry.workers.forEach((worker, i) => {
      if (worker.alive) return;
      retired.add(worker);
      entry.workers[i] = spawnWorker(exe, where, request);
    });
    const other = entry.workers[1 - entry.last];
    const slot = backToBack && other?.started ? 1 - entry.last : entry.last;
    return { slot, worker: entry.workers[slot]!, graceMs: slot === entry.last ? PRE_EXECUTE_GRACE_MS : 0 };
  }

  function spawnWorker(exe: string, where: LocatedIntegration, request: RunRequest): PythonWorker {
    if (!cacheReady) {
      prepareCacheDir(cacheDir);
      cacheReady = true;
    }
    mkdirSync(join(cacheDir, 'code'), { recursive: true });
    return createPythonWorker({
      python: exe,
      env: scrubbedEnv('UTC'),
      cwd: tmpdir(),
      codeCacheDir: join(cacheDir, 'code'),
      prepare:
        where.mode === 'file' ? [...Object.values(where.modules), where.path] : Object.values(where.modules),
      fork,
      preExecute,
      // The first command's standing context: a zygote executes CommonServerPython for it, a
      // pre-executing worker too, so even the first command finds it done.
      ...(fork || preExecute ? { prepareInit: initMessage(request, where, tmpdir()) } : {}),
    });
  }

  function initMessage(
    request: RunRequest,
    where: LocatedIntegration,
    cwd: string,
    preExecuteGraceMs = PRE_EXECUTE_GRACE_MS,
  ): Record<string, Json> {
    const context: Record<string, Json> = {
      IntegrationBrand: request.brand,
      IntegrationInstance: request.instance,
      Inv: { id: request.investigationId },
      Incidents: [],
      ParentEntry: null,
      ExecutionContext: {},
      ExecutedCommands: [{ moduleBrand: request.brand, name: request.command }],
      ScriptName: '',
      IsDebug: request.isDebug,
      DockerImage: where.manifest?.dockerImage ?? '',
      runDuration: Math.max(1, Math.ceil(request.timeoutMs / 60_000)),
      TimeoutDuration: request.timeoutMs * 1_000_000,
    };
    const run: Record<string, Json> = {
      mode: where.mode,
      path: where.path,
      csp: where.csp ?? null,
      modules: where.modules,
      sysPath: where.sysPath,
      cwd,
      tz: request.tz,
      hosts: { ...(options.hosts ?? {}) },
      preExecuteGraceMs,
    };
    if (where.mode === 'unified') {
      run.script = where.script ?? '';
      run.codeVersion = where.codeVersion ?? '';
    }
    return {
      type: 'init',
      protocol: 1,
      integration: true,
      command: request.command,
      args: request.args,
      params: request.params,
      context,
      version: { ...request.version },
      isDebug: request.isDebug,
      run,
    };
  }

  /**
   * The bytes of file entries: fileResult writes `<Inv.id>_<FileID>` in the working directory
   * (contract.md §A.4, §F.23). A file entry whose file is not there keeps no bytes; the log says so.
   */
  function producedFiles(
    request: RunRequest,
    entries: RunResult['entries'],
    cwd: string,
    logs: LogLine[],
  ): ProducedFile[] {
    const files: ProducedFile[] = [];
    for (const entry of entries) {
      if (!FILE_ENTRY_TYPES.has(entry.Type) || typeof entry.FileID !== 'string') continue;
      const name = `${request.investigationId}_${entry.FileID}`;
      const path = join(cwd, name);
      if (existsSync(path))
        files.push({ fileId: entry.FileID, name: String(entry.File ?? entry.FileID), path });
      else
        logs.push({
          level: 'error',
          message: `file entry ${String(entry.File ?? entry.FileID)}: no file ${name} in the working directory (fileResult writes <Inv.id>_<FileID> there, contract.md §F.23); the entry keeps no bytes`,
        });
    }
    return files;
  }

  async function runOn(
    entry: PoolEntry,
    { slot, worker, graceMs }: ReturnType<typeof workerFor>,
    request: RunRequest,
    where: LocatedIntegration,
  ): Promise<RunResult> {
    const started = performance.now();
    const cwd = workDirs.take();
    const session = createCallSession(request, {
      server: FAKE_SERVER_URL,
      investigation: `${FAKE_SERVER_URL}/#/Details/${request.investigationId}`,
      warRoom: `${FAKE_SERVER_URL}/#/WarRoom/${request.investigationId}`,
      workPlan: `${FAKE_SERVER_URL}/#/WorkPlan/${request.investigationId}`,
      evidenceBoard: `${FAKE_SERVER_URL}/#/EvidenceBoard/${request.investigationId}`,
      relatedIncidents: `${FAKE_SERVER_URL}/#/Cluster/${request.investigationId}`,
    });
    entry.busy = true;
    entry.lastUsed = ++useCounter;
    let capture;
    try {
      capture = await worker.run(
        initMessage(request, where, cwd, graceMs),
        session.answer,
        request.timeoutMs,
      );
    } finally {
      entry.busy = false;
      entry.last = slot;
    }
    const classified =
      capture.end.kind === 'done'
        ? classifyOutcome(request.command, capture.entries, capture.end.done, request.integration)
        : { outcome: capture.end.kind, error: capture.end.error };
    const logs = [...capture.logs];
    const files = producedFiles(request, capture.entries, cwd, logs);
    if (files.length > 0) workDirs.keep(cwd);
    else workDirs.release(cwd);
    const result: RunResult = {
      outcome: classified.outcome,
      entries: capture.entries,
      logs,
      durationMs: performance.now() - started,
      writes: session.writes,
      files,
    };
    if (classified.error !== undefined) result.error = classified.error;
    entry.lastEnded = performance.now();
    return result;
  }

  return {
    async run(request) {
      if (closed)
        throw new HarnessError(
          'invalid-input',
          'python: failed to run a command: the runner is closed. Create a new runner.',
        );
      const exe = await interpreter();
      const where = await locate(request.integration);
      const key = `${request.instance}\u0000${where.path}`;
      const entry = acquire(key, exe, where, request);
      const result = entry.queue.then(() =>
        // A zygote outlives a crashed child; a timeout or a re-exec worker's crash leaves it dead,
        // and the next command takes a fresh one.
        runOn(entry, workerFor(entry, exe, where, request), request, where),
      );
      entry.queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      closed = true;
      const workers = [...pool.values()].flatMap((e) => e.workers);
      pool.clear();
      await Promise.all([...workers, ...retired].map((w) => w.dispose()));
      retired.clear();
      // After the workers: nothing writes into a directory any more.
      await workDirs.close();
    },
  };
}
