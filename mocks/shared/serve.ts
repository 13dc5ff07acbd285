/**
 * The one place outside harness/cli.ts that calls `.listen` (design.md §4): binds loopback by
 * default, and close() also ends keep-alive sockets so tests and Ctrl-C never hang.
 */
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

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
