/**
 * The Python runtime's host redirection map (`python.hosts`, plus each remote's `hosts` pointing
 * at its URL once it listens), checked up front: a host is a bare DNS name, a target an http(s)
 * base URL. The runner reads the map at every command (harness/runtime/python/host_redirect.py).
 */
import { HarnessError } from './core/index.ts';

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function checkHost(host: string, where: string): string {
  if (!HOSTNAME.test(host))
    throw new HarnessError(
      'invalid-input',
      `harness: failed to read ${where}: "${host}" is not a host name. Give the bare name, such as api.atlassian.com (no scheme, port or path).`,
    );
  return host.toLowerCase();
}

/** A checked copy of `python.hosts`, lower-cased hosts → base URLs without a trailing slash. */
export function toHostMap(hosts: Record<string, string> | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [host, target] of Object.entries(hosts ?? {})) {
    let url: URL | undefined;
    try {
      url = new URL(target);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash)
      throw new HarnessError(
        'invalid-input',
        `harness: failed to read python.hosts: "${host}" maps to "${target}", which is not an http(s) base URL. Use one such as http://127.0.0.1:4400.`,
      );
    map[checkHost(host, 'python.hosts')] = target.replace(/\/+$/, '');
  }
  return map;
}

/** Points a remote's `hosts` at its URL. */
export function addRemoteHosts(
  map: Record<string, string>,
  remote: string,
  hosts: unknown,
  url: string,
): void {
  if (hosts === undefined) return;
  if (!Array.isArray(hosts))
    throw new HarnessError(
      'invalid-input',
      `harness: failed to start remote "${remote}": hosts must be a list of host names, such as ['api.atlassian.com'].`,
    );
  for (const host of hosts) map[checkHost(String(host), `remote "${remote}" hosts`)] = url;
}
