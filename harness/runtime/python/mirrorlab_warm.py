"""What a zygote (worker.py --fork) executes once, before forking, and how a child adopts it.

XSOAR re-runs CommonServerPython (CSP) with every command. Its module-level code reads the
command's context: params (wrapped into SmartGetDict), is_debug (the logger, the requests debug
log), the clock (SAFE_SLEEP_START_TIME). So the zygote executes CSP (and CommonServerUserPython)
for one *standing context*, the part of a command's context that is the same for every command of
an instance (params, debug flag, server version, brand/instance, TZ, the files), and a child reuses
it only for a command with that same standing context; any other command re-executes CSP in its
child, as the re-exec worker does. While the zygote executes CSP, `demisto` notes every use of what
differs per command (command(), args(), the investigation, server calls): CSP code that uses them
at import time is executed per command too. Timestamps CSP takes at import (datetime values made
while it ran) are moved to the command's start in the child.

The integration itself always runs in the child: its module body reads demisto.params()/command()
and runs main(). Its third-party imports are done in the zygote (they would stay imported after the
first command of a re-exec worker too); modules from the content checkout or the integration's
directory are not, since the re-exec worker runs those afresh per command.
"""
import ast
import builtins
import datetime
import gc
import importlib
import importlib.util
import json
import os
import re
import sys
import warnings

PER_COMMAND_CONTEXT = frozenset(['ExecutedCommands', 'Inv', 'Incidents', 'ParentEntry', 'ExecutionContext',
                                 'runDuration', 'TimeoutDuration'])
PRE_EXECUTED = ('CommonServerPython', 'CommonServerUserPython')

w = None  # the worker module (worker.py runs as __main__)
_state = {'warm': None, 'tried': False}


def bind(worker):
    global w
    w = worker


def standing_key(init):
    """Everything of a command's context that CSP's import-time code may depend on. The last one is
    kept: a command's is asked for twice (does the pre-executed state fit it, then the next one's)."""
    last = _state.get('standing_key')
    if last is not None and last[0] is init:
        return last[1]
    key = _standing_key(init)
    _state['standing_key'] = (init, key)
    return key


def _standing_key(init):
    run = init.get('run') or {}
    context = {k: v for k, v in (init.get('context') or {}).items() if k not in PER_COMMAND_CONTEXT}
    return json.dumps([init.get('params'), bool(init.get('isDebug')), init.get('version'),
                       bool(init.get('integration', True)), context,
                       [run.get(k) for k in ('mode', 'path', 'csp', 'modules', 'sysPath', 'tz', 'codeVersion')]],
                      sort_keys=True, default=str)


def _imports(source, module):
    return re.search(r'^\s*(from\s+%s\s+import|import\s+%s\b)' % (module, module), source, re.M) is not None


def _pre_executed_names(run, source):
    """Which of CommonServerPython / CommonServerUserPython the code imports (a unified YAML: both)."""
    if run['mode'] == 'unified':
        return PRE_EXECUTED
    return tuple(name for name in PRE_EXECUTED if _imports(source, name))


class _PreTransport(object):
    """The zygote's `demisto` transport: no command runs, so output is kept for replay in each child
    (as CSP would print it in every command) and a server call marks CSP as per-command."""

    def __init__(self):
        self.output = []
        self.calls = []
        self.active = True

    def send(self, message):
        if self.active:  # not what a stray thread says after the pre-execution
            self.output.append((json.dumps(message, allow_nan=False) + '\n').encode('utf-8'))

    def call(self, method, args):
        self.calls.append(method)
        raise ValueError('mirrorlab: no command is running (CommonServerPython is being pre-executed)')


def _recording(name):
    def method(self, *args, **kwargs):
        self._per_command_uses.append(name)
        return getattr(w._mock.Demisto, name)(self, *args, **kwargs)
    method.__name__ = name
    return method


def _pre_demisto_class():
    """The `demisto` class CSP sees while pre-executed: it notes uses of per-command state. Made once."""
    if _state.get('pre_demisto') is None:
        namespace = {name: _recording(name) for name in (
            'command', 'args', 'getArg', 'incidents', 'incident', 'get_incidents', 'alerts', 'alert', 'get_alerts',
            'investigation', 'parentEntry', 'context', 'isFetch', 'fetchResults')}
        _state['pre_demisto'] = type('Demisto', (w._mock.Demisto,), namespace)
    return _state['pre_demisto']


def _pre_executable(run):
    """_pre_executed_names of the command's code, read and searched once per integration file
    version: a pre-execution follows every command, and an integration's source runs to 100 kB."""
    if run['mode'] == 'unified':
        return PRE_EXECUTED
    path = run['path']
    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    cached = _state.get('pre_executable')
    if cached is None or cached[0] != key:
        cached = (key, _pre_executed_names(run, w._read(path).decode('utf-8')))
        _state['pre_executable'] = cached
    return cached[1]


class WarmState(object):
    def __init__(self, init):
        self.key = standing_key(init)
        self.modules = ()  # file mode: the pre-executed modules, in sys.modules
        self.demisto = None
        self.globals = None  # unified mode: the module dict CSP ran in; the child runs the script in it
        self.script = None  # unified mode: the script's code, numbered after CSP's lines
        self.output = []
        self.stamps = []  # (namespace, name, offset from the pre-execution's start, tzinfo)
        self.usable = True
        self.why = ''

    def matches(self, init):
        if not self.usable:
            return False
        return (self.demisto is None and self.globals is None) or standing_key(init) == self.key

    def adopt(self, init, transport):
        """This command's `demisto`: the instance CSP bound at import, updated in place to the command."""
        fresh = w._mock.Demisto(init, transport)
        demisto = self.demisto
        if demisto is None:
            return fresh
        calling = demisto.callingContext
        current = fresh.callingContext
        # Same standing context (the key): params are equal; keep the object CSP may have wrapped.
        current['params'] = calling.get('params', current['params'])
        context = calling.get('context')
        if isinstance(context, dict):
            context.clear()
            context.update(current['context'])
            current['context'] = context
        calling.clear()
        calling.update(current)
        for name, value in vars(fresh).items():
            if name != 'callingContext':
                setattr(demisto, name, value)
        if self.globals is not None:
            self.globals['demisto'] = demisto
        now = datetime.datetime.now()
        for namespace, name, offset, tz in self.stamps:
            namespace[name] = (datetime.datetime.now(tz) if tz is not None else now) + offset
        return demisto

    def replay_output(self):
        for data in self.output:
            w._write(data)

    def script_code(self, run):
        return self.script  # the key holds the code version: this run's script is the one compiled


def _unified_parts(run):
    """A unified YAML's CSP + CommonServerUserPython, and its script numbered as in the joined module
    (CSP's traceback fixing maps '<string>' line numbers over the whole)."""
    parts = [p for p in (run.get('csp'), w._content_files(run)['CommonServerUserPython']) if p]
    stamp = tuple((os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in parts)
    version = run.get('codeVersion') or ''

    def prefix_source():
        return '\n'.join(w._read(p).decode('utf-8') for p in parts)
    prefix_text = prefix_source()
    prefix = w._compile_cached('unified-prefix:' + '|'.join(parts), stamp, lambda: prefix_text, '<string>')
    offset = prefix_text.count('\n') + 1 if parts else 0

    def script_tree():
        tree = ast.parse(run.get('script') or '', '<string>')
        ast.increment_lineno(tree, offset)
        return tree
    script = w._compile_cached('unified-script:' + version, stamp + (version, offset), script_tree, '<string>')
    return prefix, script


def _preimport(source, run, files):
    """The integration's third-party imports (not content modules, not files beside the integration)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    skip = set(files) | {'demistomock', '__future__'}
    local = tuple(os.path.join(d, '') for d in run.get('sysPath') or [])
    for name in sorted(names):
        top = name.split('.')[0]
        if top in skip or name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(top)
        except Exception:
            continue
        places = [spec.origin or ''] + list(spec.submodule_search_locations or []) if spec else []
        if spec is None or any(p.startswith(local) for p in places if p):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            try:
                importlib.import_module(name)
            except BaseException:
                pass  # the command's own import reports it, as in the re-exec worker


def _stamps(namespaces, started, ended, started_utc, ended_utc):
    found = []
    stamp_type = datetime.datetime
    for namespace in namespaces:
        for name, value in [(n, v) for n, v in namespace.items() if isinstance(v, stamp_type)]:
            if value.tzinfo is None and started <= value <= ended:
                found.append((namespace, name, value - started, None))
            elif value.tzinfo is not None and started_utc <= value <= ended_utc:
                found.append((namespace, name, value - started_utc.astimezone(value.tzinfo), value.tzinfo))
    return found


def _pre_execute(warm, init, run, files, imported):
    """Executes CommonServerPython (`imported`: the names the code imports) into `warm`."""
    transport = _PreTransport()
    blank = dict(init, command='', args={})
    demisto = _pre_demisto_class()(blank, transport)
    demisto._per_command_uses = []
    sys.modules['demistomock'] = demisto
    stdout, stderr = w.LineWriter(transport, 'stdout'), w.LineWriter(transport, 'stderr')
    saved_streams = (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = stdout, stderr
    builtins.print = w._make_print(demisto, stdout)
    present = [name for name in files if name in sys.modules]
    started, started_utc = datetime.datetime.now(), datetime.datetime.now(datetime.timezone.utc)
    try:
        if run['mode'] == 'unified':
            namespace = {'__name__': '__main__', '__builtins__': builtins, 'demisto': demisto}
            prefix, warm.script = _unified_parts(run)
            exec(prefix, namespace)
            warm.globals = namespace
            namespaces = [namespace]
        else:
            for name in imported:
                importlib.import_module(name)
            warm.modules = tuple(n for n in files if n in sys.modules and n not in present) + ('demistomock',)
            namespaces = [vars(sys.modules[n]) for n in warm.modules if n in files]
        for stream in (stdout, stderr):
            stream.flush()
    except BaseException as e:
        warm.usable, warm.why = False, 'pre-execution raised %s: %s' % (type(e).__name__, e)
        return
    finally:
        sys.stdout, sys.stderr = saved_streams
        builtins.print = w.ORIGINAL_PRINT
        transport.active = False
    ended, ended_utc = datetime.datetime.now(), datetime.datetime.now(datetime.timezone.utc)
    uses = list(demisto._per_command_uses)
    del demisto._per_command_uses
    if uses or transport.calls or type(demisto).__bases__ != (w._mock.Demisto,):
        warm.usable = False
        warm.why = 'CommonServerPython used per-command state at import: %s' % ', '.join(uses + transport.calls)
        return
    demisto.__class__ = w._mock.Demisto
    warm.demisto = demisto
    warm.output = transport.output
    warm.stamps = _stamps(namespaces, started, ended, started_utc, ended_utc)


def warm_up(init):
    """Once per zygote, for the standing context of the first command (or of the prepare message)."""
    if _state['tried']:
        return
    _state['tried'] = True
    run = init['run']
    warm = WarmState(init)
    _state['warm'] = warm
    files = w._content_files(run)
    try:
        source = run.get('script') or '' if run['mode'] == 'unified' else w._read(run['path']).decode('utf-8')
    except (OSError, UnicodeDecodeError):
        source = ''
    try:
        w._enter_run(run, files)
        _preimport(source, run, files)
        imported = _pre_executed_names(run, source)
        if imported:
            _pre_execute(warm, init, run, files, imported)
    except Exception as e:  # the children then run everything themselves, and report what fails
        warm.usable, warm.why = False, 'warm-up failed: %s: %s' % (type(e).__name__, e)
    finally:
        w.put_back_environ()
        os.chdir(w.BASE_CWD)
    # Objects alive now are the children's shared, read-only past: the collector of a child need not
    # walk them (which would also copy their pages).
    gc.collect()
    gc.freeze()


def pre_execute_next(init):
    """Re-exec worker, after a command: a fresh CommonServerPython for the next command with the
    same standing context, executed now (while Node reads the answer) instead of on its clock.

    Called once the finished command's modules are dropped and collected (worker.tidy_after), or
    at start. None when there is nothing to pre-execute (or it failed): the next command then runs
    from scratch.
    """
    run = init['run']
    files = w._content_files(run)
    try:
        imported = _pre_executable(run)
    except (OSError, UnicodeDecodeError):
        return None
    if not imported:
        return None
    warm = WarmState(init)
    try:
        w._enter_run(run, files)
        _pre_execute(warm, init, run, files, imported)
    except Exception:
        return None
    finally:
        w.put_back_environ()
        os.chdir(w.BASE_CWD)
    if not warm.usable or (warm.demisto is None and warm.globals is None):
        w._forget_modules(files, run.get('sysPath') or [])
        gc.collect()  # the next command finds nothing to drop, so it would not collect them
        return None
    # What the command would check at its start, done now: it then finds nothing to drop.
    w._forget_modules(files, run.get('sysPath') or [], keep=warm.modules)
    return warm


def run_child(init):
    """In the forked child: the command, on the pre-executed state when it fits, else from scratch."""
    warm = _state['warm']
    if warm is not None and warm.matches(init):
        w.run_command(init, warm)
    else:
        w.run_command(init)
