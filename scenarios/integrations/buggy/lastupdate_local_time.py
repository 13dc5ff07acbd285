"""BUG (contract.md §F.12), Python: get-modified-remote-data turns lastUpdate into epoch seconds and
back with ``datetime.fromtimestamp`` -- container-LOCAL time, no offset -- and queries with that
naive string, which the helpdesk reads as UTC. Under TZ=Asia/Jerusalem the window starts two hours
late and every change since the last run is missed.
Source: demisto/content ServiceNowv2.py builds ``sys_created_on>{datetime.fromtimestamp(last_update)}``
(contract.md §F.12). Everything else is the reference helpdesk_py.py, loaded from its file.
"""
import importlib.util
import os
from datetime import datetime

import demistomock as demisto

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'helpdesk_py', 'helpdesk_py.py')
_spec = importlib.util.spec_from_file_location('helpdesk_py_reference', _PATH)
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)


def get_modified_remote_data(client, s, state):
    since = reference.parse_time(demisto.args()['lastUpdate'])
    if since is None:
        raise ValueError('Helpdesk: failed to read lastUpdate')
    # The bug: local wall time without its offset, sent as if it were UTC.
    local = datetime.fromtimestamp(since / 1000).strftime('%Y-%m-%dT%H:%M:%S')
    tickets = client.list_all('/tickets?updated_since={}&sort=updated_at&limit=500'.format(local))
    ids = list(dict.fromkeys(t['id'] for t in tickets))
    demisto.results({'Contents': ids, 'Type': 1, 'ContentsFormat': 'json'})


reference.COMMANDS['get-modified-remote-data'] = get_modified_remote_data

if __name__ in ('__main__', '__builtin__', 'builtins'):
    reference.main()
