/**
 * One HTTP exchange for the helpdesk client, on node:http / node:https with keep-alive agents
 * shared by every command of the process (as `fetch`'s global dispatcher is). Not `fetch`: a pull
 * makes two small GETs, and on Node 20 fetch plus `AbortSignal.timeout` costs about three times a
 * plain request per GET (issue 16's 1 ms pull). Idle sockets are unref'd by the agent and dropped
 * a second before the server's announced keep-alive timeout, so neither side is held open.
 */
// The module objects, not named imports: request interceptors (msw's setupServer) patch
// `http.request` on the module, which an import binding taken at load time would not see.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

export interface Exchange {
  status: number;
  /** A response header by lower-case name; several values are joined with ", ". */
  header(name: string): string | undefined;
  text: string;
}

/** Why a request got no answer: the socket error's code (ECONNREFUSED, …) or its message. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

function exchangeOf(response: IncomingMessage, text: string): Exchange {
  const headers = response.headers;
  return {
    status: response.statusCode ?? 0,
    header: (name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    text,
  };
}

export function exchange(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new TransportError(`invalid URL ${JSON.stringify(url)}`));
      return;
    }
    const agent = Object.hasOwn(agents, target.protocol)
      ? agents[target.protocol as keyof typeof agents]
      : undefined;
    if (!agent) {
      reject(new TransportError(`unsupported protocol ${target.protocol} (use http or https)`));
      return;
    }
    const send = target.protocol === 'https:' ? https.request : http.request;
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const req = send(target, { method, headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(exchangeOf(response, text)));
      response.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(e.code ?? e.message)));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(e.code ?? e.message)));
    req.end(body);
  });
}
