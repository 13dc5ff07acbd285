"""mirrorlab's `demisto` object: the XSOAR integration API, speaking JSON lines to the Node harness.

Written for mirrorlab (not derived from demisto/content). Integrations run unmodified: the worker puts
a `Demisto` *instance* into `sys.modules['demistomock']`, so `import demistomock as demisto` in an
integration or in CommonServerPython binds the instance, as the real server's template does.

Everything that needs the server goes through the private `__do` (CommonServerPython's
`support_multithreading` wraps `demisto._Demisto__do`). Shapes follow contract.md A.1/A.2.
"""
import json
import uuid


def _dumps(obj):
    # No default=: a datetime (or any non-JSON value) raises TypeError inside the integration, as the
    # real server's json.dumps does; allow_nan=False because NaN is not JSON and Node would reject it.
    return json.dumps(obj, allow_nan=False)


def _format_log(msg, args):
    if args:
        try:
            return str(msg) % args
        except (TypeError, ValueError):
            return ' '.join([str(msg)] + [str(a) for a in args])
    return str(msg)


class Demisto(object):
    """One command's `demisto`. `transport` has send(message) and call(method, args) -> result."""

    def __init__(self, init, transport):
        self._transport = transport
        self.callingContext = {
            'command': init.get('command', ''),
            'args': dict(init.get('args') or {}),
            'params': dict(init.get('params') or {}),
            'integration': bool(init.get('integration', True)),
            'native': False,
            'context': dict(init.get('context') or {}),
        }
        self.is_debug = bool(init.get('isDebug', False))
        if self.is_debug:
            self.callingContext['args'].pop('debug-mode', None)

    # -- transport ---------------------------------------------------------------------------
    def __do(self, cmd):
        """Blocking server call: cmd = {'method': name, 'args': [...]}. An error reply raises ValueError."""
        return self._transport.call(cmd['method'], cmd.get('args', []))

    def _call(self, method, *args):
        return self.__do({'method': method, 'args': list(args)})

    def _send(self, message):
        self._transport.send(message)

    # -- calling context (local) -------------------------------------------------------------
    def params(self):
        return self.callingContext.get('params') or {}

    def args(self):
        return self.callingContext.get('args') or {}

    def command(self):
        return self.callingContext.get('command', '')

    def getParam(self, p):
        return self.params().get(p)

    def getArg(self, a):
        return self.args().get(a)

    def _context(self):
        return self.callingContext.get('context') or {}

    def investigation(self):
        return self._context().get('Inv') or {}

    def incidents(self, incidents=None):
        if incidents is None:
            return self._context().get('Incidents') or []
        contents = json.dumps(incidents)
        entry = {'Type': 1, 'Contents': contents, 'ContentsFormat': 'json'}
        self._send({'type': 'incidents', 'incidents': incidents, 'entry': entry})

    fetchResults = incidents

    def incident(self):
        incidents = self.incidents()
        return incidents[0] if incidents else {}

    def get_incidents(self):
        return self.incidents()

    alerts = incidents
    alert = incident
    get_alerts = get_incidents

    def parentEntry(self):
        return self._context().get('ParentEntry')

    def context(self):
        return self._context().get('ExecutionContext') or {}

    def integrationInstance(self):
        return self._context().get('IntegrationInstance', '')

    def isFetch(self):
        return self.command() == 'fetch-incidents'

    def isTimeSensitive(self):
        return False

    def uniqueFile(self):
        return str(uuid.uuid4())

    def enable_multithreading(self):
        pass

    def initialize(self):
        pass

    def get(self, obj, field, defaultParam=None):
        parts = field.split('.')
        value = obj
        for part in parts:
            if isinstance(value, dict) and part in value:
                value = value[part]
            else:
                return defaultParam
        return value

    def gets(self, obj, field):
        return str(self.get(obj, field))

    # -- output (one-way) --------------------------------------------------------------------
    def convert(self, results):
        if isinstance(results, dict):
            if 'Contents' in results and 'ContentsFormat' in results:
                return results
            return {'Type': 1, 'Contents': json.dumps(results), 'ContentsFormat': 'json'}
        if isinstance(results, list):
            return [self.convert(r) for r in results]
        if isinstance(results, bytes):
            return {'Type': 1, 'Contents': results.decode('utf-8'), 'ContentsFormat': 'text'}
        return {'Type': 1, 'Contents': str(results), 'ContentsFormat': 'text'}

    def results(self, results):
        converted = self.convert(results)
        entries = converted if isinstance(converted, list) else [converted]
        self._send({'type': 'results', 'entries': entries})

    def credentials(self, credentials):
        entry = {'Type': 1, 'Contents': json.dumps(credentials), 'ContentsFormat': 'json'}
        self._send({'type': 'results', 'entries': [entry]})

    def log(self, msg):
        self._send({'type': 'entryLog', 'message': str(msg)})

    def debug(self, msg, *args):
        self._send({'type': 'log', 'level': 'debug', 'message': _format_log(msg, args)})

    def info(self, msg, *args):
        self._send({'type': 'log', 'level': 'info', 'message': _format_log(msg, args)})

    def error(self, msg, *args):
        self._send({'type': 'log', 'level': 'error', 'message': _format_log(msg, args)})

    def exception(self, ex):
        self.error(str(ex))

    def heartbeat(self, message=''):
        self._send({'type': 'log', 'level': 'debug', 'message': 'heartbeat: %s' % message})

    def updateModuleHealth(self, data, is_error=False):
        self._send({'type': 'moduleHealth', 'data': data, 'isError': bool(is_error)})

    def createIndicators(self, indicators_batch, noUpdate=False):
        self._send({'type': 'indicators', 'indicators': indicators_batch, 'noUpdate': bool(noUpdate)})

    # -- server state (blocking) -------------------------------------------------------------
    def getLastRun(self):
        return self._call('getLastRun')

    def setLastRun(self, obj):
        return self._call('setLastRun', obj)

    def getLastMirrorRun(self):
        return self._call('getLastMirrorRun')

    def setLastMirrorRun(self, obj):
        return self._call('setLastMirrorRun', obj)

    def getAssetsLastRun(self):
        return self._call('getAssetsLastRun')

    def setAssetsLastRun(self, obj):
        return self._call('setAssetsLastRun', obj)

    def getIntegrationContext(self):
        return self._call('getIntegrationContext')

    def setIntegrationContext(self, context):
        return self._call('setIntegrationContext', context)

    def getIntegrationContextVersioned(self, refresh=False):
        return self._call('getIntegrationContextVersioned', bool(refresh))

    def setIntegrationContextVersioned(self, context, version=-1, sync=False):
        return self._call('setIntegrationContextVersioned', context, version, bool(sync))

    # -- server services (blocking) ----------------------------------------------------------
    def executeCommand(self, command, args=None):
        return self._call('executeCommand', command, args or {})

    def execute(self, module, command, args=None):
        return self._call('execute', module, command, args or {})

    def getFilePath(self, id):
        return self._call('getFilePath', id)

    def demistoUrls(self):
        return self._call('demistoUrls')

    def demistoVersion(self):
        return self._call('demistoVersion')

    def getLicenseID(self):
        return self._call('getLicenseID')

    def getLicenseCustomField(self, key):
        return self._call('getLicenseCustomField', key)

    def getAutoFocusApiKey(self):
        return self._call('getLicenseCustomField', 'autofocus')

    def getIndexHash(self):
        return self._call('getIndexHash')

    def internalHttpRequest(self, method, uri, body=None):
        return self._call('internalHttpRequest', method, uri, body)

    def searchIndicators(self, fromDate='', query='', size=100, page=0, toDate='', value='',
                         searchAfter=None, populateFields=None, **kwargs):
        return self._call('searchIndicators', {
            'fromDate': fromDate, 'query': query, 'size': size, 'page': page, 'toDate': toDate,
            'value': value, 'searchAfter': searchAfter, 'populateFields': populateFields})

    def searchRelationships(self, args):
        return self._call('searchRelationships', args)

    def mapObject(self, obj, mapper, mapper_type=''):
        return self._call('mapObject', obj, mapper, mapper_type)

    def createIncidents(self, incidents, lastRun=None, userID=None):
        return self._call('createIncidents', incidents, lastRun, userID)

    def findUser(self, username=None, email=None):
        return self._call('findUser', username, email)

    def addEntry(self, id, entry, username=None, email=None, footer=None):
        return self._call('addEntry', id, entry, username, email, footer)

    def mirrorInvestigation(self, id, mirrorType, autoClose=False):
        return self._call('mirrorInvestigation', id, mirrorType, autoClose)

    def directMessage(self, message, username=None, email=None, anyoneCanOpenIncidents=None):
        return self._call('directMessage', message, username, email, anyoneCanOpenIncidents)

    def handleEntitlementForUser(self, incidentID, guid, email, content, taskID=''):
        return self._call('handleEntitlementForUser', incidentID, guid, email, content, taskID)

    def getModules(self):
        return self._call('getModules')

    def getAllSupportedCommands(self):
        return self._call('getAllSupportedCommands')

    def dt(self, obj=None, trnsfrm=None):
        return self._call('dt', obj, trnsfrm)

    def setContext(self, contextPath, value):
        return self._call('setContext', contextPath, value)

    def _apiCall(self, name=None, params=None, data=None, headers=None, method=None, path=None,
                 timeout=None, response_data_type=None):
        return self._call('_apiCall', {'name': name, 'params': params, 'data': data, 'headers': headers,
                                       'method': method, 'path': path, 'timeout': timeout,
                                       'responseDataType': response_data_type})
