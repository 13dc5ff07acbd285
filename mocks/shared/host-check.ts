/**
 * DNS rebinding guard for every server (fake XSOAR, helpdesk, ServiceNow): a page on evil.example
 * whose name is re-pointed at 127.0.0.1 reaches a loopback server with `Host: evil.example:4100`.
 * Only the server's own names are accepted: localhost, 127.0.0.1, [::1] or the address it is bound
 * to, with the port it listens on.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `[::1]` for IPv6, and the IPv4 form of an IPv4-mapped address. */
function hostForm(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4) return v4[1]!;
  return address.includes(':') ? `[${address.toLowerCase()}]` : address;
}

/** Undefined when the Host header names this server; otherwise why not. */
export function hostProblem(req: IncomingMessage): string | undefined {
  const header = req.headers.host;
  if (!header) return 'the request has no Host header';
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(header);
  if (!match) return `Host "${header}" is not a host name`;
  const name = match[1]!.toLowerCase();
  const port = Number(match[2] ?? 80);
  const local = req.socket.localAddress ? hostForm(req.socket.localAddress) : undefined;
  if (!LOOPBACK_NAMES.has(name) && name !== local)
    return `Host "${header}" is not this server (use localhost, 127.0.0.1, [::1]${local && !LOOPBACK_NAMES.has(local) ? ` or ${local}` : ''})`;
  if (port !== req.socket.localPort)
    return `Host "${header}" names port ${port}, not ${req.socket.localPort}`;
  return undefined;
}
