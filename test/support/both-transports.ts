/**
 * Two copies of one fake for the "same answers in-process and over express" tests: one served by
 * msw's setupServer on a fake origin, one by express on a real port of 127.0.0.1. Registers its own
 * beforeAll/afterAll; read the fakes and the two base URLs once the suite has started.
 */
import { setupServer } from 'msw/node';
import type { RequestHandler } from 'msw';
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { listen, type Listening } from '../../mocks/shared/index.ts';

interface Servable {
  handlers: RequestHandler[];
  app(): RequestListener;
}

export interface BothTransports<F> {
  /** The fake answering in-process at `mswUrl`. */
  viaMsw: F;
  /** The fake answering over HTTP at `httpUrl`. */
  viaExpress: F;
  mswUrl: string;
  httpUrl: string;
}

/** `create(baseUrl?)` builds one fake; the msw copy gets `mswUrl` as its origin. */
export function useBothTransports<F extends Servable>(
  mswUrl: string,
  create: (baseUrl?: string) => Promise<F>,
): BothTransports<F> {
  const msw = setupServer();
  let server: Listening | undefined;
  const both = { mswUrl } as BothTransports<F>;
  beforeAll(async () => {
    both.viaMsw = await create(mswUrl);
    both.viaExpress = await create();
    msw.use(...both.viaMsw.handlers);
    msw.listen({ onUnhandledRequest: 'bypass' });
    server = await listen(both.viaExpress.app());
    both.httpUrl = server.url;
  });
  afterAll(async () => {
    msw.close();
    await server?.close();
  });
  return both;
}
