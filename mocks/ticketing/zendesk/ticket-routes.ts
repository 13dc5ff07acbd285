/**
 * The ticket side of the Zendesk Support API v2 that Zendesk v2 calls: tickets (list, show,
 * create, update with a new comment, delete), ticket comments, search and search count, and the
 * cursor-based incremental ticket export get-modified-remote-data reads (which, as Zendesk's has
 * since October 2024, leaves out changes made in the minute before the request).
 */
import { HttpResponse, type HttpHandler } from 'msw';
import type { FakeContext, Json, Method, RouteContext, RouteResolver } from '../../shared/index.ts';
import { badRequest, recordInvalid } from './errors.ts';
import { zdTime, type ZendeskState, type ZdTicket } from './model.ts';
import { compareKeys, decodeCursor, encodeCursor, paginate } from './pagination.ts';
import { renderComment, renderTicket } from './render.ts';
import { matchesSearch, parseSearch, SORT_BY, sortTickets } from './search.ts';
import { createTicket, deleteTicket, findTicket, updateTicket, type WriteContext } from './tickets.ts';

export type ZendeskContext = FakeContext<ZendeskState, ZendeskExtras, Record<string, unknown>>;
export interface ZendeskExtras {
  email?: string;
  apiToken?: string;
  password?: string;
  oauthToken?: string;
}

/** Zendesk answers `…/tickets/1` and `…/tickets/1.json` alike. */
export function route(
  ctx: ZendeskContext,
  method: Method,
  path: string,
  resolve: RouteResolver,
): HttpHandler[] {
  return [ctx.api(method, `/api/v2${path}`, resolve), ctx.api(method, `/api/v2${path}.json`, resolve)];
}

export function writer(ctx: ZendeskContext, request: RouteContext): WriteContext {
  return {
    now: ctx.now(),
    authorId: Number(request.principal),
    client: request.request.headers.get('user-agent') ?? '',
  };
}

async function ticketBody(ctx: ZendeskContext, request: Request): Promise<Record<string, unknown>> {
  const body = (await ctx.readJson(request)) as { ticket?: unknown } | undefined;
  const ticket = body?.ticket;
  if (typeof ticket !== 'object' || ticket === null || Array.isArray(ticket))
    throw badRequest('InvalidTicket', 'the body must be { "ticket": { … } }');
  return ticket as Record<string, unknown>;
}

const CURSOR_SORTS: Record<string, (t: ZdTicket) => number | string> = {
  id: (t) => t.id,
  updated_at: (t) => t.updated_at,
  status: (t) => t.status,
};

export function ticketRoutes(ctx: ZendeskContext): HttpHandler[] {
  const live = () => Object.values(ctx.state().tickets).filter((t) => t.status !== 'deleted');
  const show = (t: ZdTicket, origin: string): Json => renderTicket(ctx.state(), t, origin);
  const audit = (t: ZdTicket, author: number) => ({
    id: t.updated_at,
    ticket_id: t.id,
    author_id: author,
    created_at: zdTime(t.updated_at),
  });

  return [
    ...route(ctx, 'GET', '/tickets', ({ url, origin }) => {
      const sort = url.searchParams.get('sort') ?? url.searchParams.get('sort_by') ?? 'id';
      const desc = sort.startsWith('-') || url.searchParams.get('sort_order') === 'desc';
      const by = CURSOR_SORTS[sort.replace(/^-/, '')];
      if (!by)
        throw badRequest(
          'InvalidPaginationParameter',
          `sort must be one of id, updated_at, status (- for descending)`,
        );
      const key = (t: ZdTicket) => (desc ? [-Number(by(t)) || 0, -t.id] : [by(t), t.id]);
      const tickets = live().sort((a, b) => compareKeys(key(a), key(b)));
      return HttpResponse.json(paginate(url, origin, 'tickets', tickets, key, (t) => show(t, origin)));
    }),
    ...route(ctx, 'POST', '/tickets', async (r) => {
      const input = await ticketBody(ctx, r.request);
      const ticket = ctx.change((state) => createTicket(state, input, writer(ctx, r)));
      return HttpResponse.json(
        { ticket: show(ticket, r.origin), audit: audit(ticket, Number(r.principal)) },
        { status: 201, headers: { Location: `${r.origin}/api/v2/tickets/${ticket.id}.json` } },
      );
    }),
    ...route(ctx, 'GET', '/tickets/:id', ({ params, origin }) =>
      HttpResponse.json({ ticket: show(findTicket(ctx.state(), params.id ?? ''), origin) }),
    ),
    ...route(ctx, 'PUT', '/tickets/:id', async (r) => {
      findTicket(ctx.state(), r.params.id ?? '');
      const input = await ticketBody(ctx, r.request);
      const ticket = ctx.change((state) => updateTicket(state, r.params.id ?? '', input, writer(ctx, r)));
      return HttpResponse.json({ ticket: show(ticket, r.origin), audit: audit(ticket, Number(r.principal)) });
    }),
    ...route(ctx, 'DELETE', '/tickets/:id', ({ params }) => {
      ctx.change((state) => deleteTicket(state, params.id ?? '', ctx.now()));
      return new HttpResponse(null, { status: 204 });
    }),
    ...route(ctx, 'GET', '/tickets/:id/comments', ({ params, url, origin }) => {
      const ticket = findTicket(ctx.state(), params.id ?? '');
      const desc =
        url.searchParams.get('sort_order') === 'desc' || url.searchParams.get('sort') === '-created_at';
      const comments = [...(ctx.state().comments[ticket.id] ?? [])];
      if (desc) comments.reverse();
      const key = (c: { id: number; created_at: number }) =>
        desc ? [-c.created_at, -c.id] : [c.created_at, c.id];
      return HttpResponse.json(
        paginate(url, origin, 'comments', comments, key, (c) => renderComment(ctx.state(), c, origin)),
      );
    }),
    ...searchRoutes(ctx, live, show),
    ...route(ctx, 'GET', '/incremental/tickets/cursor', ({ url, origin }) => {
      const cursor = url.searchParams.get('cursor');
      const startTime = url.searchParams.get('start_time');
      const perPage = Number(url.searchParams.get('per_page') ?? 1000);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 1000)
        throw badRequest('InvalidValue', 'per_page must be an integer from 1 to 1000');
      const key = (t: ZdTicket) => [t.updated_at, t.id];
      // Since October 2024 the export leaves out whatever changed in the minute before the
      // request; the cursor stops before it, so the next request picks those changes up.
      const cutoff = ctx.now() - 60_000;
      const all = Object.values(ctx.state().tickets)
        .filter((t) => t.updated_at <= cutoff)
        .sort((a, b) => compareKeys(key(a), key(b)));
      let from: ZdTicket[];
      if (cursor) {
        const position = decodeCursor(cursor);
        from = all.filter((t) => compareKeys(key(t), position) > 0);
      } else if (startTime !== null && /^\d+$/.test(startTime)) {
        from = all.filter((t) => t.updated_at >= Number(startTime) * 1000);
      } else throw badRequest('InvalidValue', 'start_time (epoch seconds) or cursor is required');
      const page = from.slice(0, perPage);
      const last = page[page.length - 1];
      const afterCursor = last
        ? encodeCursor(key(last))
        : (cursor ?? encodeCursor([Number(startTime) * 1000 - 1, 0]));
      const first = page[0];
      const beforeCursor = first ? encodeCursor([first.updated_at, first.id - 1]) : null;
      const link = (c: string | null) =>
        c ? `${origin}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(c)}` : null;
      return HttpResponse.json({
        tickets: page.map((t) => show(t, origin)),
        after_url: link(afterCursor),
        after_cursor: afterCursor,
        before_url: link(beforeCursor),
        before_cursor: beforeCursor,
        end_of_stream: from.length <= perPage,
      });
    }),
  ];
}

/** search.json: at most 1000 results per query (10 pages of 100), as Zendesk's search limits. */
function searchRoutes(
  ctx: ZendeskContext,
  live: () => ZdTicket[],
  show: (t: ZdTicket, origin: string) => Json,
): HttpHandler[] {
  const run = (url: URL) => {
    const query = url.searchParams.get('query');
    if (!query) throw badRequest('InvalidSearch', 'Invalid search: the query parameter is required');
    const parsed = parseSearch(query);
    const sortBy = url.searchParams.get('sort_by') ?? undefined;
    if (sortBy !== undefined && !SORT_BY.includes(sortBy))
      throw badRequest('InvalidSearch', `Invalid search: sort_by is one of ${SORT_BY.join(', ')}`);
    const order = url.searchParams.get('sort_order') ?? parsed.sort ?? 'desc';
    if (order !== 'asc' && order !== 'desc')
      throw badRequest('InvalidSearch', 'Invalid search: sort_order is asc or desc');
    const state = ctx.state();
    const hits = live().filter((ticket) =>
      matchesSearch(parsed, {
        ticket,
        text: [ticket.subject, ...(state.comments[ticket.id] ?? []).map((c) => c.body)]
          .join('\n')
          .toLowerCase(),
        userEmail: (id) => (id === null ? undefined : state.users[id]?.email),
        groupName: (id) => (id === null ? undefined : state.groups[id]?.name),
        orgName: (id) => (id === null ? undefined : state.organizations[id]?.name),
      }),
    );
    return sortTickets(hits, sortBy ?? parsed.orderBy, order);
  };
  return [
    ...route(ctx, 'GET', '/search', ({ url, origin }) => {
      const hits = run(url);
      const perPage = Number(url.searchParams.get('per_page') ?? 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      if (Number.isInteger(perPage) && Number.isInteger(page) && page * perPage > 1000)
        throw recordInvalid(
          'search',
          'Invalid search: Requested response size was greater than Search Response Limits',
        );
      const body = paginate(
        url,
        origin,
        'results',
        hits,
        (t) => [t.id],
        (t) => ({
          ...(show(t, origin) as Record<string, Json>),
          result_type: 'ticket',
        }),
      );
      return HttpResponse.json({ ...body, facets: null });
    }),
    ...route(ctx, 'GET', '/search/count', ({ url }) => HttpResponse.json({ count: run(url).length })),
  ];
}
