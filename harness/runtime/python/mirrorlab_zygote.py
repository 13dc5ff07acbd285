"""The zygote's loop (worker.py --fork): one forked child per command, reaped here, its end reported.

The zygote never runs a command itself, so nothing a command does (module globals, os.environ, cwd,
TZ, monkey-patches, threads, a crash) outlives it: the next child forks from the same clean state.
The zygote starts no thread (a fork copies only the calling thread, and a lock another thread held
would stay locked in the child); it watches its parent (Node) from this loop instead.

One process at a time *owns* fd 4 (Node -> Python): the child that reads the next `init` and, while
its command runs, the replies to its server calls. To keep the fork off a command's path, the next
child is forked while the current one runs and waits on its own `go` pipe; when the owner reports
`D` (its `done` is sent) the zygote hands fd 4 over with one byte. Children report on a `notes` pipe:
`S <seq>` (took an init), `D` (done sent). A child that ends without `D` after `S` crashed: the
zygote reaps it and sends {"type":"childExit","seq":n,"code":int|null,"signal":name|null} on fd 3,
which Node turns into a crash of that command (a `done` always comes first otherwise).
"""
import json
import os
import select
import signal
import sys
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


def _describe(status):
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return None, signal.Signals(number).name
        except ValueError:
            return None, str(number)
    return os.WEXITSTATUS(status), None


class Child(object):
    def __init__(self, pid, notes, go):
        self.pid = pid
        self.notes = notes  # read end: S <seq> / D from the child
        self.go = go  # write end: one byte hands fd 4 over (None: owner from birth)
        self.buffer = b''
        self.seq = None
        self.released = False
        try:
            self.pidfd = os.pidfd_open(pid)  # Linux >= 5.3: readable once the child has exited
        except (AttributeError, OSError):
            self.pidfd = None

    def fds(self):
        return [fd for fd in (self.notes, self.pidfd) if fd is not None]

    def close(self):
        for fd in (self.notes, self.go, self.pidfd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.notes = self.go = self.pidfd = None


def _child_main(reader, notes, go, init, run_child, inherited):
    code = 70
    try:
        for fd in inherited:  # other children's pipes: theirs and the zygote's business
            try:
                os.close(fd)
            except OSError:
                pass
        if go is not None and not os.read(go, 1):
            os._exit(0)  # the zygote is gone before handing fd 4 over
        while init is None:
            line = reader.readline()
            if not line:
                os._exit(0)  # Node is gone
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict) and message.get('type') == 'init':
                init = message
            # anything else (a reply meant for a child that crashed) is stale
        os.write(notes, ('S %s\n' % json.dumps(init.get('seq'))).encode('ascii'))
        run_child(init)
        os.write(notes, b'D\n')
        code = 0
    except BaseException:
        try:
            traceback.print_exc()
        except BaseException:
            pass
    finally:
        # No interpreter teardown (atexit, finalisers): the zygote's state is not ours to clean up,
        # and the command already sent `done`. Stray threads of the command end here too.
        os._exit(code)


class Zygote(object):
    def __init__(self, reader, send, parent, run_child):
        self.reader = reader
        self.send = send
        self.parent = parent
        self.run_child = run_child
        self.children = []
        self.owner = None  # the child owning fd 4; None: the zygote reads it
        self.spare = None  # forked, waiting for `go`

    def fork(self, owner, init=None):
        """A child; `owner`: it takes fd 4 now (with `init` when the zygote already read it)."""
        notes_r, notes_w = os.pipe()
        go_r, go_w = (None, None) if owner else os.pipe()
        inherited = [fd for c in self.children for fd in (c.notes, c.go, c.pidfd) if fd is not None]
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            for fd in (notes_r, notes_w, go_r, go_w):
                if fd is not None:
                    os.close(fd)
            raise
        if pid == 0:
            os.close(notes_r)
            if go_w is not None:
                os.close(go_w)
            _child_main(self.reader, notes_w, go_r, init, self.run_child, inherited)
        os.close(notes_w)
        if go_r is not None:
            os.close(go_r)
        child = Child(pid, notes_r, go_w)
        self.children.append(child)
        if owner:
            self.reader.discard()  # bytes already read from fd 4 are the child's now
            self.owner = child
        else:
            self.spare = child
        return child

    def hand_over(self):
        """The owner is done with fd 4: the spare takes it (or a new child, or the zygote itself)."""
        self.owner = None
        spare, self.spare = self.spare, None
        if spare is not None:
            try:
                os.write(spare.go, b'g')
                self.owner = spare
                return
            except OSError:
                pass  # it died waiting; reaped below
        try:
            self.fork(owner=True)
        except OSError:
            pass  # fork failed: the zygote reads fd 4 and reports the next init as failed

    def on_notes(self, child):
        try:
            data = os.read(child.notes, 4096)
        except OSError:
            data = b''
        if not data:
            os.close(child.notes)
            child.notes = None
            return
        child.buffer += data
        while b'\n' in child.buffer:
            line, child.buffer = child.buffer.split(b'\n', 1)
            if line.startswith(b'S '):
                child.seq = json.loads(line[2:])
                if self.spare is None:
                    try:
                        self.fork(owner=False)  # while this command runs, not after it
                    except OSError:
                        pass
            elif line == b'D':
                child.released = True
                if child is self.owner:
                    self.hand_over()

    def reap(self, child, status):
        self.children.remove(child)
        child.close()
        if not child.released and child.seq is not None:
            code, sig = _describe(status)
            self.send({'type': 'childExit', 'seq': child.seq, 'code': code, 'signal': sig})
        if child is self.spare:
            self.spare = None
        if child is self.owner:
            self.hand_over()

    def reap_exited(self):
        for child in list(self.children):
            try:
                pid, status = os.waitpid(child.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = child.pid, 0
            if pid == child.pid:
                self.reap(child, status)

    def read_fd4(self, prepare, warm_up):
        """The zygote owns fd 4 (start, or after a failed fork): read one message."""
        line = self.reader.readline(0)
        if line is None:
            return True
        if not line:
            return False
        message = json.loads(line)
        kind = message.get('type')
        if kind == 'prepare':
            prepare(message)
            if message.get('init'):
                warm_up(message['init'])
            self.fork(owner=True)
        elif kind == 'init':
            warm_up(message)
            try:
                self.fork(owner=True, init=message)
            except OSError as e:
                self.send({'type': 'childExit', 'seq': message.get('seq'), 'code': None, 'signal': None,
                           'error': 'fork failed: %s' % e})
        return True

    def serve(self, prepare, warm_up):
        while True:
            watched = [fd for c in self.children for fd in c.fds()]
            if self.owner is None:
                if not self.read_fd4(prepare, warm_up):
                    return
                if self.owner is None:
                    watched.append(self.reader.fileno())
            if self.owner is None and self.reader.buffered():
                continue
            ready = select.select(watched, [], [], PARENT_POLL_S)[0] if watched else []
            for child in list(self.children):
                if child.notes is not None and child.notes in ready:
                    self.on_notes(child)
            if not ready or any(c.pidfd in ready or c.notes is None for c in self.children):
                self.reap_exited()
            if not ready:
                _exit_if_orphaned(self.parent)


def serve(reader, send, parent, prepare, warm_up, run_child):
    """The zygote's main loop. `warm_up(init)` prepares it for commands like `init` (once);
    `run_child(init)` runs one command in a child and sends its `done`."""
    Zygote(reader, send, parent, run_child).serve(prepare, warm_up)
