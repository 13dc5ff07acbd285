"""Helpdesk (Python twin) -- mirrorlab's reference mirroring integration for the helpdesk fake.

Same params, commands and behaviour as scenarios/integrations/helpdesk/helpdesk.ts; the two are run
by one end-to-end suite. Written against plain ``demistomock`` entry dicts and ``requests`` with no
CommonServerPython, so it runs without a content checkout; the few CSP behaviours it needs
(return_error's prefix/raise rules, GetRemoteDataResponse's list) are spelled out inline.
"""
import base64
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone

import demistomock as demisto
import requests

MIRROR_DIRECTION = {'None': None, 'Incoming': 'In', 'Outgoing': 'Out', 'Incoming And Outgoing': 'Both'}
ECHO_MARKER = 'Mirrored from Cortex XSOAR'
MAPPING_SCHEME = 'Helpdesk Ticket'
SEVERITY_IN = {'low': 1, 'medium': 2, 'high': 3, 'critical': 4}
DONE = ('resolved', 'closed')
FILE_ENTRY_TYPES = (3, 7, 9, 10, 12)
PAGE_SIZE = 100
SENT_ENTRIES_KEPT = 500
TIMEOUT_S = 30
TICKET_FIELDS = {
    'title': 'Ticket title (XSOAR name)',
    'description': 'Ticket description (XSOAR details)',
    'severity': 'low, medium, high or critical (XSOAR severity 1-4)',
    'assignee': 'Assignee (XSOAR owner)',
    'tags': 'List of tags',
    'status': 'new, open, pending, resolved or closed',
    'close_reason': 'Close reason',
    'close_notes': 'Close notes',
}


class SettingsError(Exception):
    pass


class HelpdeskApiError(Exception):
    def __init__(self, message, status, code):
        super().__init__(message)
        self.status = status
        self.code = code


# ---------------------------------------------------------------------------------------------- time

ISO = re.compile(r'^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$', re.I)


def parse_time(value):
    """Epoch ms of an ISO-8601 time (any offset, `Z`, or naive = UTC) or of epoch seconds; None otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value * 1000)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.match(r'^\d+(\.\d+)?$', text):
        return int(float(text) * 1000)
    m = ISO.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, zone = m.groups()
    try:
        micro = int(((frac or '0') + '000000')[:6])
        dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), micro, tzinfo=timezone.utc)
    except ValueError:
        return None
    ms = (dt - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(milliseconds=1)
    if zone and zone.upper() != 'Z':
        sign = -1 if zone.startswith('-') else 1
        digits = zone[1:].replace(':', '')
        ms -= sign * (int(digits[:2]) * 60 + int(digits[2:])) * 60000
    return ms


def to_iso(ms):
    dt = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(milliseconds=ms)
    return dt.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (dt.microsecond // 1000)


UNIT_MS = {'minute': 60000, 'hour': 3600000, 'day': 86400000, 'week': 604800000}


def first_fetch_start(first_fetch, now_ms):
    m = re.match(r'^(\d+)\s*(minute|hour|day|week)s?(\s+ago)?$', first_fetch.strip(), re.I)
    if m:
        return now_ms - int(m.group(1)) * UNIT_MS[m.group(2).lower()]
    return parse_time(first_fetch)


def now_ms():
    return int(datetime.now(timezone.utc).timestamp() * 1000)


# ------------------------------------------------------------------------------------------ settings

def _text(params, name, fallback):
    value = params.get(name)
    if value is None or value == '':
        return fallback
    if not isinstance(value, str):
        raise SettingsError('Helpdesk: failed to read param {}: expected text, got {}.'.format(name, json.dumps(value)))
    return value.strip()


def _flag(params, name):
    value = params.get(name)
    if value is None or value == '':
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ('true', 'yes'):
        return True
    if isinstance(value, str) and value.lower() in ('false', 'no'):
        return False
    raise SettingsError('Helpdesk: failed to read param {}: {} is not a boolean. Use true or false.'.format(name, json.dumps(value)))


def read_settings(params):
    url = _text(params, 'url', '')
    if not re.match(r'^https?://\S+$', url, re.I):
        raise SettingsError('Helpdesk: failed to read param url: {} is not an http(s) URL. Example: http://127.0.0.1:8081.'.format(json.dumps(url)))
    key = params.get('api_key')
    api_key = str(key.get('password') or '') if isinstance(key, dict) else _text(params, 'api_key', '')
    if not api_key:
        raise SettingsError('Helpdesk: failed to read param api_key: it is empty. Set the API key of the helpdesk.')
    max_text = _text(params, 'max_fetch', '50')
    if not re.match(r'^\d+$', max_text) or not 1 <= int(max_text) <= 1000:
        raise SettingsError('Helpdesk: failed to read param max_fetch: {} is not an integer from 1 to 1000.'.format(json.dumps(max_text)))
    direction = _text(params, 'mirror_direction', 'None')
    if direction not in MIRROR_DIRECTION:
        raise SettingsError('Helpdesk: failed to read param mirror_direction: {} is not one of {}.'.format(
            json.dumps(direction), ', '.join(MIRROR_DIRECTION)))
    base = re.sub(r'/api/v1$', '', url.rstrip('/')) + '/api/v1'
    s = {
        'api_base': base, 'api_key': api_key, 'first_fetch': _text(params, 'first_fetch', '3 days'),
        'max_fetch': int(max_text), 'mirror_direction': MIRROR_DIRECTION[direction],
        'close_incident': _flag(params, 'close_incident'), 'close_out': _flag(params, 'close_out'),
        'comment_tag': _text(params, 'comment_tag', 'comment'), 'work_notes_tag': _text(params, 'work_notes_tag', 'work_note'),
        'file_tag': _text(params, 'file_tag', 'file'),
        'comment_tag_from_helpdesk': _text(params, 'comment_tag_from_helpdesk', 'CommentFromHelpdesk'),
    }
    # Like ServiceNow v2: the same tag both ways would mirror every comment straight back out.
    if s['comment_tag_from_helpdesk'] in (s['comment_tag'], s['work_notes_tag']):
        raise SettingsError(
            'Helpdesk: failed to read param comment_tag_from_helpdesk: "{}" is also the comment or work note tag. '
            'Use a different tag, or every mirrored comment would be sent back out.'.format(s['comment_tag_from_helpdesk']))
    return s


# ---------------------------------------------------------------------------------------------- client

class Client(object):
    def __init__(self, api_base, api_key):
        self.api_base = api_base
        self.session = requests.Session()
        self.session.headers.update({'Authorization': 'Bearer ' + api_key, 'Accept': 'application/json'})

    def request(self, method, path_or_url, body=None):
        url = path_or_url if re.match(r'^https?://', path_or_url, re.I) else self.api_base + path_or_url
        path = requests.utils.urlparse(url).path
        try:
            res = self.session.request(method, url, json=body, timeout=TIMEOUT_S)
        except requests.RequestException as e:
            raise HelpdeskApiError('Helpdesk: failed to reach {} {}: {}. Check the url param and that the helpdesk is up.'.format(
                method, url, type(e).__name__), 0, 'connection_error')
        if res.status_code == 429:
            raise HelpdeskApiError('API rate limit exceeded by the helpdesk (retry after {} s) on {} {}'.format(
                res.headers.get('Retry-After', '?'), method, path), 429, 'rate_limited')
        if not res.ok:
            code, message = 'http_error', res.text[:500]
            try:
                err = res.json().get('error') or {}
                code, message = err.get('code') or code, err.get('message') or message
            except ValueError:
                pass  # not the vendor shape (a proxy page, say): keep the raw text
            raise HelpdeskApiError('Helpdesk API error {} ({}) on {} {}: {}'.format(res.status_code, code, method, path, message),
                                   res.status_code, code)
        return res.json() if res.text else None

    def list_all(self, path):
        out, next_url = [], path
        while next_url:
            page = self.request('GET', next_url)
            out.extend(page['data'])
            next_url = page.get('next')
        return out

    def ticket_path(self, ticket_id, rest=''):
        return '/tickets/' + requests.utils.quote(ticket_id, safe='') + rest


# --------------------------------------------------------------------------------------------- mapping

def is_done(ticket):
    return ticket['status'] in DONE


def to_ticket_severity(value):
    try:
        n = float(value)
    except (TypeError, ValueError):
        return None
    if n <= 0:
        return None
    return 'low' if n <= 1 else 'medium' if n <= 2 else 'high' if n <= 3 else 'critical'


def to_incident(ticket, s):
    incident = {
        'name': ticket['title'], 'occurred': ticket['created_at'], 'rawJSON': json.dumps(ticket),
        'severity': SEVERITY_IN.get(ticket['severity'], 0), 'details': ticket['description'], 'dbotMirrorId': ticket['id'],
    }
    if s['mirror_direction']:
        incident.update({'dbotMirrorDirection': s['mirror_direction'], 'dbotMirrorInstance': demisto.integrationInstance(),
                         'dbotMirrorTags': [s['comment_tag'], s['work_notes_tag'], s['file_tag']]})
    return incident


def to_mirrored_object(ticket):
    # Always carries `id`, so it is never empty (an empty one drops the entries, contract.md F.1).
    return {
        'id': ticket['id'], 'name': ticket['title'], 'details': ticket['description'],
        'severity': SEVERITY_IN.get(ticket['severity'], 0), 'owner': ticket['assignee'] or '',
        'CustomFields': {'helpdeskstatus': ticket['status'], 'helpdeskassignee': ticket['assignee'] or '',
                         'helpdesktags': list(ticket['tags'])},
    }


def to_note_entry(comment, tag):
    who = comment['author'] + (' (internal)' if comment['internal'] else '')
    return {'Type': 1, 'Contents': '**{}** ({}, helpdesk comment {}):\n\n{}'.format(who, comment['created_at'], comment['id'], comment['body']),
            'ContentsFormat': 'markdown', 'Tags': [tag], 'Note': True}


def to_close_entry(ticket):
    return {'Type': 1, 'ContentsFormat': 'json', 'Contents': {
        'dbotIncidentClose': True,
        'closeReason': ticket.get('close_reason') or ('Resolved' if ticket['status'] == 'resolved' else 'Closed'),
        'closeNotes': ticket.get('close_notes') or 'Ticket {} was {} in the helpdesk.'.format(ticket['id'], ticket['status']),
    }}


def to_comment_body(entry):
    user = entry.get('user') or 'dbot'
    contents = entry.get('contents')
    if not isinstance(contents, str):
        contents = json.dumps(contents if contents is not None else '')
    return '({}): {}\n\n{}'.format(user, contents, ECHO_MARKER)


def _non_empty_text(value):
    return value if isinstance(value, str) and value.strip() else None


def _tag_list(value):
    if isinstance(value, list):
        return [str(v) for v in value] or None
    text = _non_empty_text(value)
    return [t.strip() for t in text.split(',') if t.strip()] if text else None


def to_ticket_patch(delta, ticket):
    """Ticket fields to PATCH: empty values are never sent (they would wipe remote data, F.6), nor unchanged ones."""
    custom = delta.get('CustomFields') if isinstance(delta.get('CustomFields'), dict) else {}

    def pick(*keys):
        for k in keys:
            if k in delta:
                return delta[k]
            if k in custom:
                return custom[k]
        return None

    wanted = {
        'title': _non_empty_text(pick('name', 'title')),
        'description': _non_empty_text(pick('details', 'description')),
        'severity': to_ticket_severity(pick('severity')),
        'assignee': _non_empty_text(pick('owner', 'assignee', 'helpdeskassignee')),
        'tags': _tag_list(pick('helpdesktags', 'tags')),
    }
    return {k: v for k, v in wanted.items() if v is not None and ticket.get(k) != v}


# ------------------------------------------------------------------------------------------ sync state

class SyncState(object):
    """Per-ticket memory in the integration context; the same JSON shape as the TypeScript twin (sync-state.ts)."""

    def __init__(self):
        context = demisto.getIntegrationContext() or {}
        self.tickets = json.loads(json.dumps(context.get('tickets') or {}))
        self.changed = False

    def get(self, ticket_id):
        return self.tickets.get(ticket_id) or {}

    def update(self, ticket_id, **patch):
        current = self.tickets.get(ticket_id) or {}
        merged = dict(current, **patch)
        if merged != current:
            self.tickets[ticket_id] = merged
            self.changed = True

    def mark_sent(self, ticket_id, entry_id):
        sent = list(self.get(ticket_id).get('sent_entries') or []) + [entry_id]
        self.update(ticket_id, sent_entries=sent[-SENT_ENTRIES_KEPT:])

    def save(self):
        if self.changed:
            context = demisto.getIntegrationContext() or {}
            context['tickets'] = self.tickets
            demisto.setIntegrationContext(context)
            self.changed = False


# ------------------------------------------------------------------------------------------- commands

def test_module(client, s, state):
    try:
        client.request('GET', '/tickets?limit=1')
    except HelpdeskApiError as e:
        if e.status == 401:
            return 'Authorization Error: make sure the API key is correctly set.'
        raise
    return 'ok'


def fetch_incidents(client, s, state):
    last_run = demisto.getLastRun() or {}
    if last_run.get('last_fetch') is not None:
        start_ms = parse_time(last_run['last_fetch'])
    else:
        start_ms = first_fetch_start(s['first_fetch'], now_ms())
    if start_ms is None:
        raise ValueError('Helpdesk: failed to read the fetch window start {}. Use "3 days" or an ISO-8601 time in first_fetch.'.format(
            json.dumps(last_run.get('last_fetch') or s['first_fetch'])))
    start = to_iso(start_ms)
    seen = set(last_run.get('seen_ids') or [])
    tickets = []
    # created_since is inclusive; ids seen at the window's first timestamp are dropped (see the TS twin).
    next_url = '/tickets?created_since={}&sort=created_at&limit={}'.format(requests.utils.quote(start, safe=''), min(s['max_fetch'], PAGE_SIZE))
    while next_url and len(tickets) < s['max_fetch']:
        page = client.request('GET', next_url)
        for ticket in page['data']:
            if ticket['id'] in seen:
                continue
            tickets.append(ticket)
            if len(tickets) >= s['max_fetch']:
                break
        next_url = page.get('next')
    last_fetch = tickets[-1]['created_at'] if tickets else start
    seen_ids = [t['id'] for t in tickets if t['created_at'] == last_fetch]
    if parse_time(last_fetch) == start_ms:
        seen_ids += [i for i in sorted(seen) if i not in seen_ids]
    # ServiceNow v2's order: lastRun first, then the incidents.
    demisto.setLastRun({'last_fetch': last_fetch, 'seen_ids': seen_ids})
    demisto.incidents([to_incident(t, s) for t in tickets])


def get_modified_remote_data(client, s, state):
    last_update = demisto.args()['lastUpdate']
    since = parse_time(last_update)
    if since is None:
        raise ValueError('Helpdesk: failed to read lastUpdate {}: not an ISO-8601 time or epoch seconds.'.format(json.dumps(last_update)))
    try:
        tickets = client.list_all('/tickets?updated_since={}&sort=updated_at&limit=500'.format(requests.utils.quote(to_iso(since), safe='')))
    except HelpdeskApiError as e:
        if e.status == 501:  # no modified-since search: the server polls every incident instead
            raise NotImplementedError('Helpdesk: modified-since search is not available ({})'.format(e))
        raise
    ids = list(dict.fromkeys(t['id'] for t in tickets))
    demisto.info('Modified incidents: {}'.format(ids))
    demisto.results({'Contents': ids, 'Type': 1, 'ContentsFormat': 'json'})


def new_comments(client, state, ticket_id):
    known = state.get(ticket_id)
    query = '?created_since=' + requests.utils.quote(known['comments_at'], safe='') if known.get('comments_at') else ''
    comments = client.list_all(client.ticket_path(ticket_id, '/comments' + query))
    at_mark = set(known.get('comment_ids') or [])
    fresh = [c for c in comments if not (c['created_at'] == known.get('comments_at') and c['id'] in at_mark)]
    if not fresh:
        return fresh, {}
    newest = max((c['created_at'] for c in fresh), key=parse_time)
    return fresh, {'comments_at': newest, 'comment_ids': [c['id'] for c in comments if c['created_at'] == newest]}


def get_remote_data(client, s, state):
    args = demisto.args()
    ticket_id, last_update = str(args['id']), args['lastUpdate']
    if parse_time(last_update) is None:
        raise ValueError('Helpdesk: failed to read lastUpdate {}: not an ISO-8601 time or epoch seconds.'.format(json.dumps(last_update)))
    try:
        ticket = client.request('GET', client.ticket_path(ticket_id))
    except HelpdeskApiError as e:
        if e.status != 404:
            raise
        return ticket_gone(s, state, ticket_id)
    known = dict(state.get(ticket_id))
    entries = []
    if not is_done(ticket) and known.get('remote_done'):
        state.update(ticket_id, remote_done=False)
        if s['close_incident'] and known.get('local_closed'):
            entries.append({'Type': 1, 'Contents': {'dbotIncidentReopen': True}, 'ContentsFormat': 'json'})
            state.update(ticket_id, local_closed=False)
    fresh, mark = new_comments(client, state, ticket_id)
    entries += [to_note_entry(c, s['comment_tag_from_helpdesk']) for c in fresh if ECHO_MARKER not in c['body']]
    state.update(ticket_id, **mark)
    if is_done(ticket) and not known.get('remote_done'):
        state.update(ticket_id, remote_done=True)
        if s['close_incident'] and not state.get(ticket_id).get('local_closed'):
            entries.append(to_close_entry(ticket))
            state.update(ticket_id, local_closed=True)
    # GetRemoteDataResponse.extract_for_local(): [mirrored object] + entries.
    demisto.results([to_mirrored_object(ticket)] + entries)


def ticket_gone(s, state, ticket_id):
    if s['close_incident'] and not state.get(ticket_id).get('local_closed'):
        state.update(ticket_id, gone=True, local_closed=True)
        demisto.results([{'id': ticket_id}, {'Type': 1, 'ContentsFormat': 'json', 'Contents': {
            'dbotIncidentClose': True, 'closeReason': 'Deleted', 'closeNotes': 'Ticket {} was deleted from the helpdesk.'.format(ticket_id)}}])
        return
    state.update(ticket_id, gone=True)
    demisto.results('Ticket {} was not found.'.format(ticket_id))


def _entry_tags(entry):
    tags = entry.get('tags')
    if isinstance(tags, list):
        return [str(t) for t in tags]
    return [t.strip() for t in tags.split(',')] if isinstance(tags, str) and tags else []


def update_remote_system(client, s, state):
    args = demisto.args()
    data = args.get('data') or {}
    delta = args.get('delta')
    status = args.get('status')
    ticket_id = str(args.get('remoteId') or '')
    if not ticket_id:
        # A new incident without a remote twin (XSOAR Mirroring does the same): create it, return its id.
        body = {'title': data.get('name') or 'Incident from Cortex XSOAR'}
        if _non_empty_text(data.get('details')):
            body['description'] = data['details']
        if to_ticket_severity(data.get('severity')):
            body['severity'] = to_ticket_severity(data.get('severity'))
        if _non_empty_text(data.get('owner')):
            body['assignee'] = data['owner']
        ticket = client.request('POST', '/tickets', body)
        ticket_id = ticket['id']
        demisto.debug('Helpdesk: created ticket {} for incident {}'.format(ticket_id, data.get('id', '')))
    else:
        if state.get(ticket_id).get('gone'):
            return ticket_id  # deleted remotely: nothing left to update (and no 404 every cycle)
        try:
            ticket = client.request('GET', client.ticket_path(ticket_id))
        except HelpdeskApiError as e:
            if e.status != 404:
                raise
            state.update(ticket_id, gone=True)
            demisto.debug('Helpdesk: ticket {} no longer exists; nothing to update'.format(ticket_id))
            return ticket_id

    if args.get('incidentChanged') and isinstance(delta, dict):
        patch = to_ticket_patch(delta, ticket)
        if patch:
            ticket = client.request('PATCH', client.ticket_path(ticket_id), patch)

    known = dict(state.get(ticket_id))
    delta = delta if isinstance(delta, dict) else {}
    # Close and reopen go out only when the incident's known state flips: the server also sends
    # status 2 after mirror-in closed the incident from the remote (contract.md F.16), and acting on
    # that echo would re-close a ticket the remote has just reopened. The state is recorded after the
    # remote call, so a close that failed (429) is tried again on the retry.
    if status == 2 and not known.get('local_closed'):
        if s['close_out'] and not is_done(ticket):
            reason = str(data.get('closeReason') or delta.get('closeReason') or '') or 'Closed in Cortex XSOAR'
            notes = str(data.get('closeNotes') or delta.get('closeNotes') or '')
            ticket = client.request('POST', client.ticket_path(ticket_id, '/close'), {'reason': reason, 'notes': notes})
            state.update(ticket_id, remote_done=True)
        state.update(ticket_id, local_closed=True)
    elif status is not None and status != 2 and known.get('local_closed'):
        # Reopened locally: reopen the ticket only if mirroring had closed it with the incident.
        if s['close_out'] and is_done(ticket):
            ticket = client.request('POST', client.ticket_path(ticket_id, '/reopen'))
            state.update(ticket_id, remote_done=False)
        state.update(ticket_id, local_closed=False)

    for entry in args.get('entries') or []:
        entry_id = str(entry.get('id') or '')
        tags = _entry_tags(entry)
        if s['comment_tag_from_helpdesk'] in tags or (entry_id and entry_id in (state.get(ticket_id).get('sent_entries') or [])):
            continue
        if entry.get('type') in FILE_ENTRY_TYPES and s['file_tag'] in tags:
            file = demisto.getFilePath(entry_id)
            stem, ext = os.path.splitext(file['name'])
            with open(file['path'], 'rb') as f:
                content = base64.b64encode(f.read()).decode('ascii')
            client.request('POST', client.ticket_path(ticket_id, '/attachments'), {
                'name': '{}_mirrored_from_xsoar{}'.format(stem, ext), 'content_type': 'application/octet-stream', 'content_base64': content})
        elif s['work_notes_tag'] in tags:
            client.request('POST', client.ticket_path(ticket_id, '/comments'), {'body': to_comment_body(entry), 'internal': True, 'author': 'Cortex XSOAR'})
        elif s['comment_tag'] in tags:
            client.request('POST', client.ticket_path(ticket_id, '/comments'), {'body': to_comment_body(entry), 'internal': False, 'author': 'Cortex XSOAR'})
        else:
            continue
        if entry_id:
            state.mark_sent(ticket_id, entry_id)
    return ticket_id


def get_mapping_fields(client, s, state):
    demisto.results({'Type': 1, 'Contents': json.dumps({MAPPING_SCHEME: dict(TICKET_FIELDS)}), 'ContentsFormat': 'json'})


# ---------------------------------------------------------------------------------------------- main

def return_error(message, error=None):
    """CSP's return_error, inline: prefix for get-modified-remote-data, raise for fetch, else a Type-4 entry and exit."""
    command = demisto.command()
    demisto.info('Full Integration Log:\n' + message)
    if command == 'get-modified-remote-data' and not isinstance(error, NotImplementedError):
        message = 'skip update. error: ' + message
    if command in ('fetch-incidents', 'fetch-credentials', 'long-running-execution', 'fetch-indicators'):
        raise Exception(message)
    demisto.results({'Type': 4, 'ContentsFormat': 'text', 'Contents': message, 'EntryContext': None})
    sys.exit(0)


COMMANDS = {
    'test-module': test_module,
    'fetch-incidents': fetch_incidents,
    'get-modified-remote-data': get_modified_remote_data,
    'get-remote-data': get_remote_data,
    'update-remote-system': update_remote_system,
    'get-mapping-fields': get_mapping_fields,
}


def main():
    command = demisto.command()
    handler = COMMANDS.get(command)
    if handler is None:
        raise NotImplementedError('Command {} is not implemented'.format(command))
    state = None
    try:
        s = read_settings(demisto.params())
        state = SyncState()
        result = handler(Client(s['api_base'], s['api_key']), s, state)
        state.save()
        if isinstance(result, str):
            demisto.results(result)
    except NotImplementedError:
        raise  # uncaught, as XSOAR Mirroring does: the server falls back to polling every incident
    except Exception as e:
        if state is not None:
            state.save()  # keep what was done before the failure (comments posted, marks moved)
        return_error('Failed to execute {} command.\nError:\n{}'.format(command, e), e)


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
