/**
 * Serves msw request handlers over express, so one handler set answers in-process (setupServer)
 * and on a real port (Python integrations, demos). Written here rather than taking
 * @mswjs/http-middleware, which pins msw 2.x ranges and drops connection resets.
 */
import express, {
  type Express,
  type NextFunction,
  type Request as ExpressRequest,
  type Response as ExpressResponse,
} from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { createFastPath } from './fast-path.ts';
import { hostProblem } from './host-check.ts';
import { HttpError } from './http-error.ts';

export interface BridgeOptions {
  /** Origin the handlers were declared under; requests are rewritten to it before matching. */
  baseUrl: string;
  /** Largest accepted request body (express `limit` syntax), default 25mb. */
  bodyLimit?: string;
  /** Renders an error in the vendor's own shape (VendorKit.error); default `{ error: { code, message } }`. */
  renderError?: (error: HttpError) => Response;
  /**
   * Answer bodiless GET/DELETE requests on vendor-kit routes straight from node:http (fast-path.ts);
   * default true. False sends every request through msw, the reference the fast path must equal.
   */
  fastPath?: boolean;
}

export function createExpressBridge(handlers: readonly RequestHandler[], options: BridgeOptions): Express {
  const base = new URL(options.baseUrl);
  // msw tries every handler in turn; matching only the request's method's handlers halves the cost
  // of a request (the handler set is fixed for the life of the app, so the split is cached).
  const byMethod = new Map<string, RequestHandler[]>();
  const handlersFor = (method: string): RequestHandler[] => {
    let list = byMethod.get(method);
    if (!list) {
      list = handlers.filter((h) => {
        const m = (h as { info?: { method?: unknown } }).info?.method;
        if (m === undefined) return true;
        return m instanceof RegExp ? m.test(method) : String(m).toUpperCase() === method;
      });
      byMethod.set(method, list);
    }
    return list;
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    const problem = hostProblem(req);
    if (!problem) return next();
    void send(
      res,
      new HttpError(403, 'forbidden_host', `mock server: failed to accept the request: ${problem}.`),
    ).catch(next);
  });
  // Raw bytes: the handlers parse bodies themselves, so malformed JSON reaches them intact.
  app.use(express.raw({ type: () => true, limit: options.bodyLimit ?? '25mb' }));
  app.use((req, res, next) => {
    void bridge(req, res).catch(next);
  });
  app.use(
    (
      err: Error & { status?: number; type?: string },
      _req: ExpressRequest,
      res: ExpressResponse,
      next: NextFunction,
    ) => {
      if (err instanceof URIError) {
        // msw decodes the path to match routes; a malformed %-escape is the client's 400.
        void send(
          res,
          new HttpError(
            400,
            'invalid_request',
            'mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
          ),
        ).catch(next);
        return;
      }
      const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
      res.status(status).json({
        error: {
          code: err.type ?? 'bridge_error',
          message: `mock server: failed to handle request: ${err.message}`,
        },
      });
    },
  );

  async function send(res: ExpressResponse, error: HttpError): Promise<void> {
    if (!options.renderError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
      return;
    }
    await write(res, options.renderError(error));
  }

  async function write(res: ServerResponse, response: Response): Promise<void> {
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding') res.setHeader(name, value);
    });
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  async function bridge(req: ExpressRequest, res: ExpressResponse): Promise<void> {
    const request = toFetchRequest(req, base, req.protocol, req.body);
    const response = await getResponse(handlersFor(req.method), request);
    if (!response) {
      const shown = `${req.protocol}://${req.headers.host ?? ''}${req.originalUrl}`;
      res
        .status(404)
        .json({ error: { code: 'mock_not_found', message: `Mock not found: ${req.method} ${shown}` } });
      return;
    }
    if (response.type === 'error') {
      // msw's network error: the closest thing over TCP is a reset connection.
      req.socket.destroy();
      return;
    }
    await write(res, response);
  }

  // Express calls app.handle for every request (listen(app) and app.use(app) alike): the fast path
  // answers the requests it can and hands every other one to express unchanged.
  const fast =
    options.fastPath === false
      ? () => false
      : createFastPath({
          base,
          handlersFor,
          toFetchRequest: (req, protocol) => toFetchRequest(req, base, protocol, undefined),
          write,
          fail: (res, error) => failed(res, error),
        });
  type Handle = (req: IncomingMessage, res: ServerResponse, next?: unknown) => void;
  const withHandle = app as unknown as { handle: Handle };
  const handle = withHandle.handle.bind(app);
  withHandle.handle = (req, res, next) => {
    if (!fast(req, res)) handle(req, res, next);
  };

  /** The error middleware's answer for a fast-path request (plain node:http, no express methods). */
  function failed(res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const err = error as Error & { status?: number; type?: string };
    const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
    const body = JSON.stringify({
      error: {
        code: err.type ?? 'bridge_error',
        message: `mock server: failed to handle request: ${err.message}`,
      },
    });
    // What express's res.json sends.
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  }

  return app;
}

function toFetchRequest(
  req: IncomingMessage & { originalUrl?: string },
  base: URL,
  protocol: string,
  body: unknown,
): Request {
  const url = new URL(req.originalUrl ?? req.url ?? '/', base.origin);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  if (req.headers.host) headers.set('x-forwarded-host', req.headers.host);
  headers.set('x-forwarded-proto', protocol);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && Buffer.isBuffer(body) && body.length > 0;
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: new Uint8Array(body) } : {}),
  });
}
