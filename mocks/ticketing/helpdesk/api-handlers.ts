/** The helpdesk REST API (`/api/v1`), as msw handlers over the shared vendor pipeline. */
import { HttpResponse, type HttpHandler } from 'msw';
import { HttpError, isMediaType, jsonReply, readJsonBody, type VendorKit } from '../../shared/index.ts';
import { listTickets, type TicketFilter } from './query.ts';
import type { TicketBook } from './ticket-book.ts';
import { parseTime } from './validate.ts';

export const API_PREFIX = '/api/v1';

/** The JSON body, or undefined when there is none; malformed JSON is a 400 before anything changes. */
export const readJson = (request: Request): Promise<unknown> =>
  readJsonBody(
    request,
    (reason) =>
      new HttpError(
        400,
        'invalid_json',
        `helpdesk: failed to parse request body: ${reason}. Send a JSON object with Content-Type: application/json.`,
      ),
  );

async function requireJson(request: Request, action: string): Promise<unknown> {
  const body = await readJson(request);
  if (body === undefined)
    throw new HttpError(
      400,
      'invalid_request',
      `helpdesk: failed to ${action}: the request has no body. Send a JSON object.`,
    );
  return body;
}

export function createApiHandlers(kit: VendorKit, book: TicketBook): HttpHandler[] {
  const p = API_PREFIX;
  return [
    kit.api('GET', `${p}/tickets`, ({ url, origin }) => {
      const query = Object.fromEntries(url.searchParams) as TicketFilter;
      const page = listTickets(book.all(), query);
      let next: string | null = null;
      if (page.next) {
        const params = new URLSearchParams(url.searchParams);
        params.delete('cursor');
        params.delete('offset');
        for (const [k, v] of Object.entries(page.next)) params.set(k, v);
        next = `${origin}${p}/tickets?${params.toString()}`;
      }
      return jsonReply({ data: page.data, next, total: page.total });
    }),
    kit.api('POST', `${p}/tickets`, async ({ request }) =>
      jsonReply(
        book.create((await requireJson(request, 'create ticket')) as never, { allowSeedFields: false }),
        { status: 201 },
      ),
    ),
    kit.api('GET', `${p}/tickets/:id`, ({ params }) => jsonReply(book.read(params.id!))),
    kit.api('PATCH', `${p}/tickets/:id`, async ({ request, params }) => {
      book.require(params.id!);
      return jsonReply(book.update(params.id!, (await requireJson(request, 'update ticket')) as never));
    }),
    kit.api('DELETE', `${p}/tickets/:id`, ({ params }) => {
      book.remove(params.id!);
      return new HttpResponse(null, { status: 204 });
    }),
    kit.api('POST', `${p}/tickets/:id/close`, async ({ request, params }) => {
      book.require(params.id!);
      const body = ((await readJson(request)) ?? {}) as { reason?: string; notes?: string };
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new HttpError(
          400,
          'invalid_request',
          'helpdesk: failed to close ticket: the body must be a JSON object. Example: { "reason": "resolved", "notes": "false positive" }.',
        );
      const extra = Object.keys(body).filter((k) => k !== 'reason' && k !== 'notes');
      if (extra.length)
        throw new HttpError(
          400,
          'invalid_request',
          `helpdesk: failed to close ticket: unknown field "${extra[0]}". Send only reason and notes.`,
        );
      return jsonReply(book.close(params.id!, body.reason, body.notes));
    }),
    kit.api('POST', `${p}/tickets/:id/reopen`, ({ params }) => jsonReply(book.reopen(params.id!))),
    kit.api('GET', `${p}/tickets/:id/comments`, ({ params, url }) => {
      const sinceText = url.searchParams.get('created_since');
      const since = sinceText === null ? undefined : parseTime(sinceText);
      if (sinceText !== null && since === undefined)
        throw new HttpError(
          400,
          'invalid_query',
          `helpdesk: failed to list comments: created_since is not an ISO-8601 time (got ${JSON.stringify(sinceText)}). Example: 2026-01-01T10:00:00.000Z.`,
        );
      const data = book
        .comments(params.id!)
        .filter((c) => since === undefined || Date.parse(c.created_at) >= since);
      return jsonReply({ data, next: null, total: data.length });
    }),
    kit.api('POST', `${p}/tickets/:id/comments`, async ({ request, params }) => {
      book.require(params.id!);
      return jsonReply(book.comment(params.id!, (await requireJson(request, 'add comment')) as never), {
        status: 201,
      });
    }),
    kit.api('GET', `${p}/tickets/:id/attachments`, ({ params }) => {
      const data = book.attachments(params.id!);
      return jsonReply({ data, next: null, total: data.length });
    }),
    kit.api('POST', `${p}/tickets/:id/attachments`, async ({ request, params }) => {
      book.require(params.id!);
      return jsonReply(book.attach(params.id!, (await requireJson(request, 'upload attachment')) as never), {
        status: 201,
      });
    }),
    kit.api('GET', `${p}/tickets/:id/attachments/:aid/content`, ({ params }) => {
      const a = book.attachment(params.id!, params.aid!);
      const bytes = Buffer.from(a.content_base64, 'base64');
      return new HttpResponse(new Uint8Array(bytes), {
        headers: {
          // A state restored through /admin may hold anything: never send a broken header.
          'Content-Type': isMediaType(a.content_type) ? a.content_type : 'application/octet-stream',
          'Content-Disposition': `attachment; filename="${a.name.replace(/["\\\r\n]/g, '_')}"`,
        },
      });
    }),
  ];
}
