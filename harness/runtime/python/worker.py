"""mirrorlab's warm Python worker: runs XSOAR integration commands, one at a time, for the Node harness.

Started once per instance; does the heavy imports up front, caches compiled code (CommonServerPython,
ApiModules, the integration), and executes it afresh for every command into new module objects, as
XSOAR's docker loop re-runs the script per command. Protocol (python-runtime.md 5.2): JSON lines,
child -> Node on fd 3, Node -> child on fd 4.

With `--fork` (and where os.fork exists) the worker is a zygote: it executes CommonServerPython once
and forks a child per command, so each command starts from that clean, already-executed state
(mirrorlab_zygote.py, mirrorlab_warm.py). Without it, every command re-executes CommonServerPython here;
with `--pre-execute`, right after the previous command, for the next one (mirrorlab_warm.py).
"""
import builtins
import gc
import hashlib
import importlib.abc
import importlib.util
import io
import json
import logging
import marshal
import os
import select
import signal
import sys
import threading
import time
import traceback
import types
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_FD = 3
IN_FD = 4
FORK = '--fork' in sys.argv and hasattr(os, 'fork')
# Re-exec only: execute the next command's CommonServerPython right after a command (mirrorlab_warm).
PRE_EXECUTE = '--pre-execute' in sys.argv and not FORK
_write_lock = threading.RLock()


def _write(data):
    with _write_lock:
        view = memoryview(data)
        while view:
            written = os.write(OUT_FD, view)
            view = view[written:]


def _send_raw(message):
    _write((json.dumps(message, allow_nan=False) + '\n').encode('utf-8'))


class LineReader(object):
    """Lines from a pipe, with an optional wait: the zygote must notice its parent dying while idle.

    Unbuffered below this object, so a forked child can take over the pipe where the zygote stopped.
    """

    def __init__(self, fd):
        self._fd = fd
        self._buffer = bytearray()
        self._scanned = 0  # no newline before this offset: long lines are not rescanned per chunk

    def readline(self, timeout=None):
        """A line (ending in \\n), b'' at EOF, or None when `timeout` seconds passed without one."""
        while True:
            newline = self._buffer.find(b'\n', self._scanned)
            if newline >= 0:
                line = bytes(self._buffer[:newline + 1])
                del self._buffer[:newline + 1]
                self._scanned = 0
                return line
            self._scanned = len(self._buffer)
            if timeout is not None and not select.select([self._fd], [], [], timeout)[0]:
                return None
            chunk = os.read(self._fd, 1 << 16)
            if not chunk:
                line = bytes(self._buffer)
                self._buffer.clear()
                self._scanned = 0
                return line
            self._buffer += chunk

    def fileno(self):
        return self._fd

    def buffered(self):
        """A whole line is waiting in the buffer (select on the fd would not say so)."""
        return self._buffer.find(b'\n') >= 0

    def discard(self):
        """Forget buffered bytes: a forked child took them over."""
        self._buffer.clear()
        self._scanned = 0


IN = LineReader(IN_FD)


class Transport(object):
    """What a Demisto instance talks through. Calls are serialised, so threads are safe."""

    def __init__(self):
        self._lock = threading.RLock()
        self._next_id = 0
        self.active = True

    def send(self, message):
        # Serialising first makes a non-JSON value raise inside the integration, before any I/O.
        data = (json.dumps(message, allow_nan=False) + '\n').encode('utf-8')
        if self.active:
            _write(data)

    def call(self, method, args):
        with self._lock:
            self._next_id += 1
            call_id = self._next_id
            data = json.dumps({'type': 'call', 'id': call_id, 'method': method, 'args': args}, allow_nan=False)
            _write((data + '\n').encode('utf-8'))
            while True:
                line = IN.readline()
                if not line:
                    os._exit(3)  # Node went away: nothing left to answer us
                reply = json.loads(line)
                if reply.get('type') == 'reply' and reply.get('id') == call_id:
                    break
        if reply.get('ok'):
            return reply.get('result')
        raise ValueError(reply.get('error', 'server call %s failed' % method))


def _exit_with_parent(parent):
    """The harness died (even by SIGKILL): we were re-parented, so end this worker's process group.

    Nothing else would: the worker runs detached in its own group, and a hung command never reads
    the protocol pipe whose EOF would tell.
    """
    while os.getppid() == parent:
        time.sleep(0.2)
    try:
        os.killpg(os.getpgrp(), signal.SIGKILL)
    finally:
        os._exit(4)


# The re-exec worker's young-object collections: Python's default (700 allocations) runs a few in
# every execution of CommonServerPython; a command that allocates far more is still collected. The
# previous command's garbage is collected before each command (run_command).
COMMAND_GC_THRESHOLD = 20000

PARENT = os.getppid()
if not FORK:
    # A zygote watches from its own loop instead: a process that forks must not have threads.
    threading.Thread(target=_exit_with_parent, args=(PARENT,), name='mirrorlab-parent-watch', daemon=True).start()


# -- heavy imports, once per process ------------------------------------------------------------
PRELOAD = ['requests', 'urllib3', 'dateparser', 'pytz', 'tzlocal', 'dateutil.parser', 'distutils.version',
           'jwt', 'cryptography', 'ssl', 'email.utils', 'uuid', 'xml.etree.ElementTree', 'gzip', 'csv']
preloaded = []
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    for name in PRELOAD:
        try:
            __import__(name)
            preloaded.append(name)
        except Exception:
            pass
try:
    import dateparser  # noqa: E402  dateparser loads its language data lazily; pay that once here
    dateparser.parse('2024-01-01T00:00:00Z')
except Exception:
    pass

sys.path.insert(0, HERE)
import demistomock as _mock  # noqa: E402  our module; per command an *instance* replaces it
import host_redirect  # noqa: E402  patches requests' adapter once; the mapping is set per command


# -- compiled code cache ----------------------------------------------------------------------
# Passed as argv (not env) so nothing of ours shows in the integration's os.environ.
CACHE_DIR = sys.argv[sys.argv.index('--code-cache') + 1] if '--code-cache' in sys.argv else ''
_code = {}  # key -> (stamp, code object)


def _disk_cache_path(key, stamp):
    if not CACHE_DIR:
        return None
    digest = hashlib.sha1(('%s|%s|%s' % (key, stamp, sys.version)).encode('utf-8')).hexdigest()
    return os.path.join(CACHE_DIR, digest + '.code')


def _compile_cached(key, stamp, source_fn, filename):
    hit = _code.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    disk = _disk_cache_path(key, stamp)
    code = None
    if disk and os.path.exists(disk):
        try:
            with open(disk, 'rb') as f:
                code = marshal.load(f)
        except Exception:
            code = None
    if code is None:
        code = compile(source_fn(), filename, 'exec', dont_inherit=True)
        if disk:
            try:
                tmp = '%s.%d.tmp' % (disk, os.getpid())
                with open(tmp, 'wb') as f:
                    marshal.dump(code, f)
                os.replace(tmp, disk)
            except OSError:
                pass
    _code[key] = (stamp, code)
    return code


def _read(path):
    with open(path, 'rb') as f:
        return f.read()


def compile_file(path):
    st = os.stat(path)
    return _compile_cached(path, (st.st_mtime_ns, st.st_size), lambda: _read(path), path)


def compile_unified(csp_path, csup_path, script, version):
    """A unified YAML's code: CSP + CommonServerUserPython + script.script as one '<string>' module."""
    parts = [p for p in (csp_path, csup_path) if p]
    stamp = tuple((os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in parts) + (version,)

    def source():
        return '\n'.join([_read(p).decode('utf-8') for p in parts] + [script])
    return _compile_cached('unified:' + version, stamp, source, '<string>')


class ContentModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports CommonServerPython / CommonServerUserPython / ApiModules from cached code objects."""

    def __init__(self):
        self.files = {}

    def find_spec(self, name, path=None, target=None):
        file = self.files.get(name)
        if file is None:
            return None
        return importlib.util.spec_from_file_location(name, file, loader=self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(compile_file(module.__spec__.origin), module.__dict__)


content_modules = ContentModules()
sys.meta_path.insert(0, content_modules)


# -- one command ------------------------------------------------------------------------------
class LineWriter(io.TextIOBase):
    """sys.stdout / sys.stderr during a command: each line becomes a protocol log message."""

    def __init__(self, transport, kind):
        self._transport = transport
        self._kind = kind
        self._buffer = ''

    def writable(self):
        return True

    def write(self, text):
        self._buffer += str(text)
        while '\n' in self._buffer:
            line, self._buffer = self._buffer.split('\n', 1)
            self._emit(line)
        return len(text)

    def flush(self):
        if self._buffer:
            line, self._buffer = self._buffer, ''
            self._emit(line)

    def _emit(self, line):
        if self._kind == 'stdout':
            self._transport.send({'type': 'entryLog', 'message': line})
        else:
            self._transport.send({'type': 'log', 'level': 'stderr', 'message': line})


BASE_ENV = dict(os.environ)
BASE_CWD = os.getcwd()
BASE_SYS_PATH = list(sys.path)
ORIGINAL_PRINT = builtins.print
# CommonServerPython's WarningsHandler swaps this at import and keeps the one it replaced: left in
# place, each command's handler would keep the previous command's whole CSP namespace alive.
ORIGINAL_SHOWWARNING = warnings.showwarning
ORIGINAL_MAIN = sys.modules['__main__']
_previous = {'args': None, 'names': set(), 'dirs': (), 'kept': {}}


def _make_print(demisto, stdout):
    def integration_print(*args, sep=' ', end='\n', file=None, flush=False):
        if file is not None and file is not stdout and file is not sys.__stdout__:
            return ORIGINAL_PRINT(*args, sep=sep, end=end, file=file, flush=flush)
        demisto.log((sep if sep is not None else ' ').join(str(a) for a in args))
    return integration_print


def _forget_modules(names, dirs, keep=()):
    """Drop the content modules (and anything loaded from content dirs) of the previous and this command.

    Libraries (requests, dateparser, ...) stay imported, as in XSOAR's long-lived docker loop; only
    the code the loop would re-exec is re-run, so module-level state cannot leak between commands.
    A module kept by the previous scan (same object, same dirs) is not looked at again: reading
    __file__ of every loaded module costs most of a millisecond per command. `keep`: modules
    executed for this command already (pre-executed CommonServerPython).

    Returns whether it dropped a module. It does not when called again with the same arguments and
    nothing was imported since (a command after tidy_after): that costs one comparison in C.
    """
    args = (tuple(names), tuple(dirs), tuple(keep))
    if args == _previous['args'] and _previous['kept'] == sys.modules:
        return False
    names = set(names) | _previous['names'] | {'demistomock', 'CommonServerPython', 'CommonServerUserPython'}
    dirs = tuple(sorted(os.path.join(d, '') for d in set(dirs) | set(_previous['dirs'])))
    dropped = [name for name in names.difference(keep) if name in sys.modules]
    known = _previous['kept'] if dirs == _previous['dirs'] else {}
    for name in dropped:
        del sys.modules[name]
    if any(name in known for name in dropped):  # kept last time (pre-executed): not a change
        known = dict(known)
        for name in dropped:
            known.pop(name, None)
    if dirs:
        for name in _changed_modules(known):
            if name not in keep and (getattr(sys.modules[name], '__file__', None) or '').startswith(dirs):
                del sys.modules[name]
                dropped.append(name)
    _previous.update(args=args, names=names, dirs=dirs, kept=dict(sys.modules))
    return bool(dropped)


def _changed_modules(known):
    """Names in sys.modules that are new, or bound to another object, since the snapshot `known`.

    Both the equality check (nothing changed: the common case, after tidy_after) and the set
    difference of the items run in C; a module compares by identity. An unhashable object someone
    put in sys.modules falls back to the loop in Python.
    """
    if known == sys.modules:
        return ()
    try:
        return [name for name, _ in sys.modules.items() - known.items()]
    except TypeError:
        return [name for name, module in list(sys.modules.items()) if known.get(name) is not module]


def _content_files(run):
    files = dict(run.get('modules') or {})
    files.setdefault('CommonServerUserPython', os.path.join(HERE, 'CommonServerUserPython.py'))
    return files


def put_back_environ():
    """The worker's own environment again: every variable put back, even one a command unset with
    os.unsetenv (os.environ would not know), and what it added goes."""
    for name in os.environ.keys() - BASE_ENV.keys():
        del os.environ[name]
    os.environ.update(BASE_ENV)  # a putenv per variable, equal or not


def _set_environ(wanted):
    """os.environ becomes `wanted`, changing only what differs: each change is a putenv/unsetenv,
    and the previous command's end put the whole environment back already."""
    current = dict(os.environ)
    if current == wanted:
        return
    for name in current.keys() - wanted.keys():
        del os.environ[name]
    for name, value in wanted.items():
        if current.get(name) != value:
            os.environ[name] = value


def _enter_run(run, files):
    """What a command sees of the process: its content modules, environment, TZ and sys.path."""
    content_modules.files = files
    _set_environ(dict(BASE_ENV, TZ=run.get('tz') or 'UTC'))
    time.tzset()
    host_redirect.set_hosts(run.get('hosts'))
    sys.path[:] = [HERE] + list(run.get('sysPath') or []) + BASE_SYS_PATH[1:]


def run_command(init, warm=None):
    """One command. `warm` (a zygote's child only): CommonServerPython already executed for this context."""
    run = init['run']
    transport = Transport()
    files = _content_files(run)
    if warm is not None and not FORK:
        # Pre-executed after the last command (mirrorlab_warm.pre_execute_next): keep those modules.
        _forget_modules(files, run.get('sysPath') or [], keep=warm.modules)
    elif warm is None and _forget_modules(files, run.get('sysPath') or []) and not FORK:
        # Free the previous command's modules (cycles) before this one runs: their finalisers (CSP's
        # WarningsHandler puts back the handler it replaced) must not fire in the middle of it.
        # Nothing dropped: tidy_after dropped and collected them already.
        gc.collect()
    _enter_run(run, files)
    os.chdir(run['cwd'])
    demisto = warm.adopt(init, transport) if warm is not None else _mock.Demisto(init, transport)
    sys.modules['demistomock'] = demisto
    stdout, stderr = LineWriter(transport, 'stdout'), LineWriter(transport, 'stderr')
    saved_streams = (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = stdout, stderr
    builtins.print = _make_print(demisto, stdout)
    root_handlers = list(logging.root.handlers)
    done = {'type': 'done', 'status': 'ok', 'exitCode': 0}
    try:
        if warm is not None:
            warm.replay_output()
        if run['mode'] == 'unified' and warm is not None and warm.globals is not None:
            exec(warm.script_code(run), warm.globals)
        elif run['mode'] == 'unified':
            code = compile_unified(run.get('csp'), files['CommonServerUserPython'], run['script'], run['codeVersion'])
            # The real template defines the global `demisto`; unify removed the import lines.
            exec(code, {'__name__': '__main__', '__builtins__': builtins, 'demisto': demisto})
        else:
            path = run['path']
            module = types.ModuleType('__main__')
            module.__file__ = path
            module.__builtins__ = builtins
            sys.modules['__main__'] = module
            exec(compile_file(path), module.__dict__)
    except SystemExit as e:
        code = e.code
        done['status'] = 'exit'
        if code is None or isinstance(code, bool) or isinstance(code, int):
            done['exitCode'] = int(code or 0)
        else:
            done['exitCode'] = 1
            done['message'] = str(code)
    except BaseException as e:
        # Drop this frame (run_command) so the traceback starts in the integration.
        lines = traceback.format_exception(type(e), e, e.__traceback__.tb_next)
        done.update(status='exception', exceptionType=type(e).__name__, message=str(e), traceback=''.join(lines))
    finally:
        for stream in (stdout, stderr):
            try:
                stream.flush()
            except Exception:
                pass
        transport.active = False  # stray threads of this command must not talk into the next one
        try:
            # Answer first: putting the process back is not on the command's clock. The next
            # command is read only after this.
            _send_raw(done)
        finally:
            sys.stdout, sys.stderr = saved_streams
            builtins.print = ORIGINAL_PRINT
            warnings.showwarning = ORIGINAL_SHOWWARNING
            sys.modules['__main__'] = ORIGINAL_MAIN
            logging.root.handlers[:] = root_handlers
            os.chdir(BASE_CWD)
            put_back_environ()


def tidy_after(init):
    """Answered: drop the command's modules and collect them now, while Node reads the answer.

    run_command does both again before the next command, so a command never starts on another's
    leftovers (a stray thread may import meanwhile); after this they find next to nothing to do.
    """
    run = init['run']
    _forget_modules(_content_files(run), run.get('sysPath') or [])
    gc.collect()


def _next_waiting(run):
    """The next command is here, or comes within the command's `preExecuteGraceMs`: Node sets it to
    its turnaround when this worker may get the next command sent back to back (which would only
    wait for a pre-execution), and to 0 when another worker takes it."""
    grace = max(0.0, float(run.get('preExecuteGraceMs') or 0)) / 1000
    return IN.buffered() or bool(select.select([IN_FD], [], [], grace)[0])


def _prepare(message):
    """Idle time after spawn: compile what the first command will need."""
    for path in message.get('files') or []:
        try:
            compile_file(path)
        except Exception:
            pass


def main():
    _send_raw({'type': 'ready', 'pid': os.getpid(), 'python': sys.version.split()[0], 'preloaded': preloaded,
               'mode': 'fork' if FORK else 'reexec'})
    if FORK:
        import mirrorlab_warm
        import mirrorlab_zygote
        mirrorlab_warm.bind(sys.modules[__name__])
        mirrorlab_zygote.serve(IN, _send_raw, PARENT, _prepare, mirrorlab_warm.warm_up,
                               mirrorlab_warm.run_child)
        return
    # The imports above are every command's shared past: collections need not walk them again, only
    # what commands leave behind.
    gc.collect()
    gc.freeze()
    gc.set_threshold(COMMAND_GC_THRESHOLD, 10, 10)
    if PRE_EXECUTE:
        import mirrorlab_warm
        mirrorlab_warm.bind(sys.modules[__name__])
    warm = None
    while True:
        line = IN.readline()
        if not line:
            return
        message = json.loads(line)
        kind = message.get('type')
        if kind == 'prepare':
            _prepare(message)
            if PRE_EXECUTE and message.get('init'):
                # The first command's standing context: its CommonServerPython is executed now too.
                warm = mirrorlab_warm.pre_execute_next(message['init'])
        elif kind == 'init':
            # Nothing here keeps a pre-executed CommonServerPython alive past its command (or, unused,
            # into the command): its modules are dropped and collected with the command's.
            adopted, warm = (warm if warm is not None and warm.matches(message) else None), None
            run_command(message, adopted)
            adopted = None
            tidy_after(message)
            # Answered: execute CommonServerPython for the next command now, not on its clock;
            # unless the next command came meanwhile (sent back to back), which would only wait.
            ahead = PRE_EXECUTE and not _next_waiting(message['run'])
            warm = mirrorlab_warm.pre_execute_next(message) if ahead else None


if __name__ == '__main__':
    main()
