/**
 * Zendesk's two paging styles. Cursor paging (`page[size]`, `page[after]`, `page[before]`) answers
 * `{ <items>, meta: { has_more, after_cursor, before_cursor }, links: { next, prev } }` and is
 * keyset-stable: a cursor names the last record seen, not a position. Offset paging (`page`,
 * `per_page`) answers `{ <items>, next_page, previous_page, count }`. Both at most 100 per page.
 */
import type { Json } from '../../shared/index.ts';
import { badRequest } from './errors.ts';

export const MAX_PAGE = 100;

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key)) return key as (string | number)[];
  } catch {
    // falls through to the 400
  }
  throw badRequest('InvalidPaginationParameter', `invalid cursor "${cursor}"`);
}

export function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function sizeOf(raw: string | null, name: string, max = MAX_PAGE, fallback = MAX_PAGE): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw badRequest('InvalidPaginationParameter', `${name} must be an integer from 1 to ${max}`);
  return n;
}

/** Uses cursor paging when the request asks for it (any `page[…]` parameter), else offset paging. */
export function paginate<T>(
  url: URL,
  origin: string,
  name: string,
  /** Sorted already, in the order the client asked for. */
  items: T[],
  key: (item: T) => (string | number)[],
  render: (item: T) => Json,
): Record<string, Json> {
  const q = url.searchParams;
  const self = (params: Record<string, string>) => {
    const next = new URL(url.pathname, origin);
    for (const [k, v] of q) if (!k.startsWith('page')) next.searchParams.set(k, v);
    for (const [k, v] of Object.entries(params)) next.searchParams.set(k, v);
    return next.href;
  };
  if ([...q.keys()].some((k) => k.startsWith('page['))) {
    const size = sizeOf(q.get('page[size]'), 'page[size]');
    const after = q.get('page[after]');
    const before = q.get('page[before]');
    let start = 0;
    let end = items.length;
    if (after) {
      const k = decodeCursor(after);
      start = items.findIndex((i) => compareKeys(key(i), k) > 0);
      if (start < 0) start = items.length;
    }
    if (before) {
      const k = decodeCursor(before);
      const idx = items.findIndex((i) => compareKeys(key(i), k) >= 0);
      end = idx < 0 ? items.length : idx;
      start = Math.max(start, end - size);
    }
    const page = items.slice(start, Math.min(end, start + size));
    const hasMore = start + page.length < end;
    const afterCursor = page.length ? encodeCursor(key(page[page.length - 1]!)) : null;
    const beforeCursor = page.length ? encodeCursor(key(page[0]!)) : null;
    return {
      [name]: page.map(render),
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next:
          hasMore && afterCursor ? self({ 'page[size]': String(size), 'page[after]': afterCursor }) : null,
        prev:
          start > 0 && beforeCursor
            ? self({ 'page[size]': String(size), 'page[before]': beforeCursor })
            : null,
      },
    };
  }
  const perPage = sizeOf(q.get('per_page'), 'per_page');
  const pageNo = sizeOf(q.get('page'), 'page', Number.MAX_SAFE_INTEGER, 1);
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  return {
    [name]: page.map(render),
    next_page:
      pageNo * perPage < items.length ? self({ page: String(pageNo + 1), per_page: String(perPage) }) : null,
    previous_page: pageNo > 1 ? self({ page: String(pageNo - 1), per_page: String(perPage) }) : null,
    count: items.length,
  };
}
