/**
 * The Table and Attachment APIs under `/api/now` (also `/api/now/v1`, `/api/now/v2`), and the
 * OAuth token endpoint, as msw handlers over the shared vendor pipeline.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import {
  HttpError,
  isMediaType,
  isPrototypeKey,
  readJsonBody,
  type RouteContext,
  type VendorKit,
} from '../../shared/index.ts';
import { notFound, type RecordBook } from './book.ts';
import { displayMode, fromDisplayValues, renderRecord } from './display.ts';
import { ATTACHMENT_TABLE, type SnRecord } from './model.ts';
import { parseQuery, runQuery, withEquals, type EncodedQuery } from './query.ts';
import type { Authenticator } from './auth.ts';

export const API_PREFIXES = ['/api/now', '/api/now/v1', '/api/now/v2'] as const;
const DEFAULT_LIMIT = 10_000;

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const invalid = (detail: string) => new HttpError(400, 'Exception while reading request', detail);
  const body = await readJsonBody(request, (reason, limit) =>
    invalid(
      limit === 'syntax' ? `The payload is not valid JSON: ${reason}` : `The payload is refused: ${reason}`,
    ),
  );
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('The payload must be a JSON object of field values');
  return body as Record<string, unknown>;
}

/**
 * The `:table` of a Table API path. Table names are lower-case identifiers (incident, u_custom,
 * x_scope_table); anything else, and the names of Object.prototype's members, is ServiceNow's
 * "Invalid table" 400 rather than a lookup that could reach the prototype.
 */
function tableName(ctx: RouteContext): string {
  const name = ctx.params.table ?? '';
  if (!/^[a-z][a-z0-9_]{0,79}$/.test(name) || isPrototypeKey(name))
    throw new HttpError(
      400,
      `Invalid table ${name}`,
      'servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
    );
  return name;
}

function attachmentType(given: string | null | undefined): string {
  if (!given) return 'application/octet-stream';
  if (!isMediaType(given))
    throw new HttpError(
      400,
      'Failed to create the attachment',
      `servicenow: failed to store the attachment: content type ${JSON.stringify(given)} is not a valid media type. Send e.g. text/plain.`,
    );
  return given;
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new HttpError(400, 'Invalid parameter', `${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

const isTrue = (url: URL, name: string) => (url.searchParams.get(name) ?? '').toLowerCase() === 'true';

/**
 * `sysparm_query`, and the Table API's other filter form: any query parameter that is not a
 * `sysparm_` one is a `field=value` condition (`?number=INC0010001`, as ServiceNowv2 sends when it
 * gets a ticket by number or by custom fields).
 */
function tableQuery(url: URL): EncodedQuery {
  const pairs = [...url.searchParams].filter(([name]) => !name.startsWith('sysparm_'));
  return withEquals(parseQuery(url.searchParams.get('sysparm_query')), pairs);
}

export function createApiHandlers(kit: VendorKit, book: RecordBook, auth: Authenticator): HttpHandler[] {
  const render = (ctx: RouteContext, prefix: string, record: SnRecord) => {
    const fields = ctx.url.searchParams.get('sysparm_fields');
    return renderRecord(record, book, {
      mode: displayMode(ctx.url.searchParams.get('sysparm_display_value')),
      fields: fields
        ? fields
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : undefined,
      excludeReferenceLink: isTrue(ctx.url, 'sysparm_exclude_reference_link'),
      apiBase: `${ctx.origin}${prefix}`,
    });
  };
  /** The body's field values, turned from display values when the client says it sends those. */
  const input = async (ctx: RouteContext, table: string) => {
    const body = await readBody(ctx.request);
    return isTrue(ctx.url, 'sysparm_input_display_value') ? fromDisplayValues(table, body, book) : body;
  };
  const attachmentMeta = (ctx: RouteContext, meta: Record<string, string>) => ({
    ...meta,
    download_link: `${ctx.origin}/api/now/attachment/${meta.sys_id}/file`,
  });

  const handlers: HttpHandler[] = [];
  for (const p of API_PREFIXES) {
    handlers.push(
      kit.api('GET', `${p}/table/:table`, (ctx) => {
        const { url } = ctx;
        const found = runQuery(book.list(tableName(ctx)), tableQuery(url));
        const offset = intParam(url, 'sysparm_offset', 0);
        const limit = intParam(url, 'sysparm_limit', DEFAULT_LIMIT);
        const page = found.slice(offset, offset + limit).map((r) => render(ctx, p, r));
        return HttpResponse.json({ result: page }, { headers: { 'X-Total-Count': String(found.length) } });
      }),
      kit.api('GET', `${p}/table/:table/:sysId`, (ctx) => {
        const record = book.get(tableName(ctx), ctx.params.sysId!);
        if (!record) throw notFound();
        return HttpResponse.json({ result: render(ctx, p, record) });
      }),
      kit.api('POST', `${p}/table/:table`, async (ctx) => {
        const table = tableName(ctx);
        const record = book.create(table, await input(ctx, table), ctx.principal);
        return HttpResponse.json({ result: render(ctx, p, record) }, { status: 201 });
      }),
      ...(['PATCH', 'PUT'] as const).map((method) =>
        kit.api(method, `${p}/table/:table/:sysId`, async (ctx) => {
          const table = tableName(ctx);
          const record = book.update(table, ctx.params.sysId!, await input(ctx, table), ctx.principal);
          return HttpResponse.json({ result: render(ctx, p, record) });
        }),
      ),
      kit.api('DELETE', `${p}/table/:table/:sysId`, (ctx) => {
        book.remove(tableName(ctx), ctx.params.sysId!);
        return new HttpResponse(null, { status: 204 });
      }),
      kit.api('GET', `${p}/attachment`, (ctx) => {
        const found = runQuery(book.list(ATTACHMENT_TABLE), tableQuery(ctx.url));
        const offset = intParam(ctx.url, 'sysparm_offset', 0);
        const limit = intParam(ctx.url, 'sysparm_limit', DEFAULT_LIMIT);
        return HttpResponse.json(
          { result: found.slice(offset, offset + limit).map((m) => attachmentMeta(ctx, m)) },
          { headers: { 'X-Total-Count': String(found.length) } },
        );
      }),
      kit.api('GET', `${p}/attachment/:id`, (ctx) => {
        const file = book.file(ctx.params.id!);
        if (!file) throw notFound();
        return HttpResponse.json({ result: attachmentMeta(ctx, file.meta) });
      }),
      kit.api('GET', `${p}/attachment/:id/file`, (ctx) => {
        const file = book.file(ctx.params.id!);
        if (!file) throw notFound();
        // A content_type set through the Table API is not checked there: never send a broken header.
        const type = file.meta.content_type ?? '';
        return new HttpResponse(file.bytes, {
          headers: { 'Content-Type': isMediaType(type) ? type : 'application/octet-stream' },
        });
      }),
      kit.api('POST', `${p}/attachment/upload`, async (ctx) => {
        // multipart/form-data: table_name, table_sys_id and a `file` part (what requests' files= sends).
        let form: FormData;
        try {
          form = await ctx.request.formData();
        } catch {
          throw new HttpError(
            400,
            'Failed to create the attachment',
            'Send multipart/form-data with table_name, table_sys_id and a file part',
          );
        }
        const file = form.get('file') ?? form.get('uploadFile');
        const table = String(form.get('table_name') ?? '');
        const sysId = String(form.get('table_sys_id') ?? '');
        if (!(file instanceof Blob) || !table || !sysId)
          throw new HttpError(
            400,
            'Failed to create the attachment',
            'table_name, table_sys_id and a file part are required',
          );
        const name = String(form.get('file_name') ?? (file instanceof File ? file.name : 'file'));
        const meta = book.attach(
          table,
          sysId,
          {
            name,
            contentType: attachmentType(file.type),
            bytes: new Uint8Array(await file.arrayBuffer()),
          },
          ctx.principal,
        );
        return HttpResponse.json({ result: attachmentMeta(ctx, meta) }, { status: 201 });
      }),
      kit.api('POST', `${p}/attachment/file`, async (ctx) => {
        const q = ctx.url.searchParams;
        const [table, sysId, name] = [q.get('table_name'), q.get('table_sys_id'), q.get('file_name')];
        if (!table || !sysId || !name)
          throw new HttpError(
            400,
            'Failed to create the attachment',
            'table_name, table_sys_id and file_name are required query parameters',
          );
        const meta = book.attach(
          table,
          sysId,
          {
            name,
            contentType: attachmentType(ctx.request.headers.get('content-type')),
            bytes: new Uint8Array(await ctx.request.arrayBuffer()),
          },
          ctx.principal,
        );
        return HttpResponse.json({ result: attachmentMeta(ctx, meta) }, { status: 201 });
      }),
      kit.api('DELETE', `${p}/attachment/:id`, (ctx) => {
        book.removeAttachment(ctx.params.id!);
        return new HttpResponse(null, { status: 204 });
      }),
    );
  }
  handlers.push(
    kit.open('POST', '/oauth_token.do', async ({ request }) => {
      const answer = auth.token(new URLSearchParams(await request.text()));
      return HttpResponse.json(answer.body as never, { status: answer.status });
    }),
  );
  return handlers;
}
