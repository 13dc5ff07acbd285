/**
 * The one place outside harness/cli.ts that calls `.listen` (design.md §4): binds loopback by
 * default, and close() also ends keep-alive sockets so tests and Ctrl-C never hang.
 */
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  HPE_URI_TOO_LONG: [414, 'URI Too Long'],
};

/**
 * A request Node cannot parse (a 64 KB header, a malformed request line) gets an answer rather than
 * a reset: Node's default handler destroys the socket with the client's bytes unread, which the
 * kernel turns into an RST that the client sees instead of the 431. Ending the socket (FIN) lets
 * the client read the answer; a client that never closes is cut off after a few seconds.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request'];
  const body = JSON.stringify({
    error: { code: error.code ?? 'bad_request', message: `server: failed to read the request: ${reason}.` },
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.on('error', () => undefined);
  setTimeout(() => socket.destroy(), 5000).unref();
}

export interface Listening {
  /** `http://<host>:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(
  app: RequestListener,
  options: { host?: string; port?: number } = {},
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(app);
  server.on('clientError', answerClientError);
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `serve: failed to listen on ${host}:${options.port ?? 0}: ${error.code ?? error.message}. ${
            error.code === 'EADDRINUSE'
              ? 'Pick another --port or stop the process using it.'
              : 'Check the host and port.'
          }`,
        ),
      );
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
