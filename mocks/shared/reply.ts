/**
 * A JSON answer as plain data: what `HttpResponse.json(body, init)` answers, without building a
 * WHATWG Response. In-process (msw) it becomes exactly that Response; over express the bridge
 * writes it straight to the socket, which is most of the cost of a fake's request (issue 16).
 */
import { HttpResponse } from 'msw';

export interface JsonReplyInit {
  status?: number;
  headers?: Record<string, string>;
}

export interface JsonReply {
  readonly kind: 'json-reply';
  readonly status: number;
  /**
   * Extra headers, made on first need (most answers have none); Content-Type defaults to
   * application/json as HttpResponse.json's does.
   */
  headers: Headers | undefined;
  /** The body, serialised when the reply was made: later changes to the state do not leak in. */
  readonly text: string;
}

/** `HttpResponse.json(body, init)` as data. The body is serialised now. */
export function jsonReply(body: unknown, init: JsonReplyInit = {}): JsonReply {
  return {
    kind: 'json-reply',
    status: init.status || 200,
    headers: init.headers ? new Headers(init.headers) : undefined,
    text: JSON.stringify(body),
  };
}

export function isJsonReply(value: unknown): value is JsonReply {
  return (value as { kind?: unknown } | null)?.kind === 'json-reply' && !(value instanceof Response);
}

// msw marks a Content-Type it chose itself (HttpResponse.json without one) with this symbol.
const kDefaultContentType = Symbol.for('kDefaultContentType');

/** The Response HttpResponse.json would have made for the same body and init. */
export function toResponse(reply: JsonReply): Response {
  const headers = new Headers(reply.headers);
  const explicitType = headers.has('Content-Type');
  if (!explicitType) headers.set('Content-Type', 'application/json');
  if (!headers.has('Content-Length')) headers.set('Content-Length', String(Buffer.byteLength(reply.text)));
  const response = new HttpResponse(reply.text, { status: reply.status, headers });
  if (!explicitType) Object.defineProperty(response, kDefaultContentType, { value: true, enumerable: false });
  return response;
}

const PLAIN_JSON: [string, string][] = [['content-type', 'application/json']];

/** Headers as the express bridge writes a Response's: lower-case, sorted, without Content-Length. */
export function replyHeaderList(reply: JsonReply): readonly [string, string][] {
  if (!reply.headers) return PLAIN_JSON;
  const headers = new Headers(reply.headers);
  if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const list: [string, string][] = [];
  headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding') list.push([name, value]);
  });
  return list;
}
