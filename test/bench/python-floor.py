"""The floor of a warm Python command: a warm interpreter re-running compiled code, nothing else.

Usage: python3 python-floor.py FILE N. Compiles FILE once, then executes it N times into fresh module
globals (with mirrorlab's demistomock bound, no Node, no pipes) and prints the times in ms as JSON.
For CommonServerPython this is what the re-exec worker pays per command at the very least.
"""
import builtins
import json
import os
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'harness', 'runtime', 'python'))
import demistomock  # noqa: E402


class NullTransport(object):
    def send(self, message):
        pass

    def call(self, method, args):
        return None


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    sys.path.insert(0, os.path.dirname(path))
    sys.modules['demistomock'] = demistomock.Demisto({'params': {'url': 'http://127.0.0.1:9'}}, NullTransport())
    with open(path, 'rb') as f:
        code = compile(f.read(), path, 'exec', dont_inherit=True)
    times = []
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        for _ in range(count + 1):
            started = time.perf_counter()
            exec(code, {'__name__': 'floor', '__builtins__': builtins})
            times.append((time.perf_counter() - started) * 1000)
    print(json.dumps(times[1:]))  # the first run imports what the code imports


if __name__ == '__main__':
    main()
