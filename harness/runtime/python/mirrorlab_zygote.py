"""The zygote's loop (worker.py --fork): one forked child per command, reaped here, its end reported.

The zygote never runs a command itself, so nothing a command does (module globals, os.environ, cwd,
TZ, monkey-patches, threads, a crash) outlives it: the next child forks from the same clean state.
The zygote starts no thread (a fork copies only the calling thread, and a lock another thread held
would stay locked in the child); it watches its parent (Node) from this loop instead.

Node -> zygote on fd 4 while idle; while a child runs, the child owns fd 4 (server-call replies) and
the zygote only waits for it. Every protocol line of the command comes from the child; the zygote
adds one line per command, after the child is reaped:
{"type":"childExit","seq":n,"code":int|null,"signal":name|null[,"error":text]}. Node turns it into a
crash when no `done` came first.
"""
import json
import os
import select
import signal
import sys
import time
import traceback

PARENT_POLL_S = 0.2


def _exit_if_orphaned(parent):
    """Node died (even by SIGKILL): end the whole process group, a running child with it."""
    if os.getppid() == parent:
        return
    try:
        os.killpg(os.getpgrp(), signal.SIGKILL)
    finally:
        os._exit(4)


def _wait_child(pid, parent):
    """The child's wait status; checks on Node every PARENT_POLL_S meanwhile."""
    try:
        pidfd = os.pidfd_open(pid)  # Linux >= 5.3: readable when the child exits
    except (AttributeError, OSError):
        pidfd = None
    delay = 0.0005
    try:
        while True:
            if pidfd is not None:
                select.select([pidfd], [], [], PARENT_POLL_S)
            else:
                time.sleep(delay)  # no pidfd (macOS, old kernels): poll, backing off to 20 ms
                delay = min(delay * 2, 0.02)
            done, status = os.waitpid(pid, os.WNOHANG)
            if done == pid:
                return status
            _exit_if_orphaned(parent)
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _describe(status):
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return None, signal.Signals(number).name
        except ValueError:
            return None, str(number)
    return os.WEXITSTATUS(status), None


def _child(message, run_child):
    code = 70
    try:
        run_child(message)
        code = 0
    except BaseException:
        try:
            traceback.print_exc()
        except BaseException:
            pass
    finally:
        # No interpreter teardown (atexit, module finalisers): the parent's state is not ours to
        # clean up, and the command already reported `done`. Stray threads end here too.
        os._exit(code)


def serve(reader, send, parent, prepare, warm_up, run_child):
    """The zygote's main loop. `warm_up(init)` prepares the parent for commands like `init`;
    `run_child(init)` runs one command in the child and sends its `done`."""
    while True:
        line = reader.readline(PARENT_POLL_S)
        if line is None:
            _exit_if_orphaned(parent)
            continue
        if not line:
            return
        message = json.loads(line)
        kind = message.get('type')
        if kind == 'prepare':
            prepare(message)
            if message.get('init'):
                warm_up(message['init'])
        elif kind == 'init':
            warm_up(message)
            sys.stdout.flush()
            sys.stderr.flush()
            try:
                pid = os.fork()
            except OSError as e:
                send({'type': 'childExit', 'seq': message.get('seq'), 'code': None, 'signal': None,
                      'error': 'fork failed: %s' % e})
                continue
            if pid == 0:
                _child(message, run_child)
            code, sig = _describe(_wait_child(pid, parent))
            send({'type': 'childExit', 'seq': message.get('seq'), 'code': code, 'signal': sig})
        # Anything else (a reply to a call of a child that is gone) is not for the zygote.
