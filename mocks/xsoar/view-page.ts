/**
 * One page of a record list in a view's sort order, for the dashboard's panes: with 10,000 records
 * the page asks for 100 at a time instead of all of them on every change. The order is the one the
 * page's own comparator gives (mocks/xsoar/public/view.js `comparatorFor`): by the sort's field as
 * id / text / time / option rank / number, descending when the sort says so, ties by id in natural
 * order, so a row never moves between pages while nothing changes.
 */
import { HarnessError } from '../../harness/core/index.ts';
import type { TicketView, ViewSort } from '../shared/index.ts';

export interface PageQuery {
  sort: ViewSort;
  page: number;
  size: number;
}

export interface RecordPage<R> {
  total: number;
  page: number;
  size: number;
  sort: string;
  data: R[];
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

type Rec = Record<string, unknown> & { id: string };

function comparatorFor(view: TicketView, sort: ViewSort): (a: Rec, b: Rec) => number {
  const options = view.fields.find((f) => f.key === sort.field)?.options ?? [];
  const rank = (r: Rec) => options.findIndex((o) => o.value === r[sort.field]);
  const text = (r: Rec) => {
    const v = r[sort.field];
    return v === null || v === undefined
      ? ''
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v as string);
  };
  const primary: (a: Rec, b: Rec) => number =
    sort.by === 'option'
      ? (a, b) => rank(a) - rank(b)
      : sort.by === 'time'
        ? (a, b) => Date.parse(text(a) || '0') - Date.parse(text(b) || '0')
        : sort.by === 'number'
          ? (a, b) => Number(a[sort.field] ?? 0) - Number(b[sort.field] ?? 0)
          : (a, b) => collator.compare(text(a), text(b));
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * primary(a, b) || collator.compare(a.id, b.id);
}

function whole(name: string, raw: unknown, min: number, max: number, fallback: number, hint: string): number {
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new HarnessError(
      'invalid-input',
      `dashboard: failed to read the list request: "${name}" must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, got "${String(raw)}". ${hint}`,
    );
  return value;
}

/** Reads `?sort=<key>&page=<from 0>&size=<1..1000>`; anything else is a 400 naming it. */
export function readPageQuery(view: TicketView, query: Record<string, unknown>): PageQuery {
  const hint = `Example: ?sort=${view.sorts[0]?.key ?? 'id'}&page=0&size=${DEFAULT_PAGE_SIZE}.`;
  const sortKey = query.sort;
  const sort =
    sortKey === undefined
      ? view.sorts[0]
      : view.sorts.find((s) => typeof sortKey === 'string' && s.key === sortKey);
  if (!sort)
    throw new HarnessError(
      'invalid-input',
      `dashboard: failed to read the list request: unknown sort "${String(sortKey)}"; the ${view.noun} list sorts by ${view.sorts.map((s) => s.key).join(', ')}. ${hint}`,
    );
  return {
    sort,
    page: whole('page', query.page, 0, Number.MAX_SAFE_INTEGER, 0, hint),
    size: whole('size', query.size, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, hint),
  };
}

export function toRecordPage<R extends { id: string }>(
  records: readonly R[],
  view: TicketView,
  { sort, page, size }: PageQuery,
): RecordPage<R> {
  const compare = comparatorFor(view, sort);
  const sorted = [...records].sort((a, b) => compare(a as unknown as Rec, b as unknown as Rec));
  return {
    total: sorted.length,
    page,
    size,
    sort: sort.key,
    data: sorted.slice(page * size, page * size + size),
  };
}
