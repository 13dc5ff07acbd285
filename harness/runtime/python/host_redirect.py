"""Host redirection for integrations that call fixed vendor hosts (python.hosts, a remote's `hosts`).

Some integrations build URLs on hosts they do not take from their params (Jira V3's Cloud client
posts tokens to https://auth.atlassian.com, its test-module insists on https://api.atlassian.com).
To run them unmodified against a local fake, every request `requests` sends to a mapped host is
rewritten at the transport adapter, the layer every Session goes through, to the mapped base URL:
scheme, host and port replaced, the base URL's path put in front of the request's path, the query
kept. Other hosts are left alone. The mapping is set per command from the init message.
"""
from urllib.parse import urlsplit, urlunsplit

_hosts = {}


def set_hosts(hosts):
    """Replaces the mapping: hostname (any case) -> base URL such as http://127.0.0.1:4400."""
    _hosts.clear()
    for host, base in (hosts or {}).items():
        _hosts[str(host).lower()] = urlsplit(str(base))


def redirected(url):
    """The URL a request to `url` is sent to: itself unless its host is mapped."""
    if not _hosts:
        return url
    parts = urlsplit(url)
    target = _hosts.get((parts.hostname or '').lower())
    if target is None:
        return url
    path = target.path.rstrip('/') + (parts.path or '/')
    return urlunsplit((target.scheme, target.netloc, path, parts.query, parts.fragment))


def _install():
    try:
        from requests.adapters import HTTPAdapter
    except Exception:  # no requests: nothing to redirect
        return
    original = HTTPAdapter.send
    if getattr(original, '_mirrorlab_redirect', False):
        return

    def send(self, request, *args, **kwargs):
        if _hosts:
            request.url = redirected(request.url)
        return original(self, request, *args, **kwargs)

    send._mirrorlab_redirect = True
    HTTPAdapter.send = send


_install()
