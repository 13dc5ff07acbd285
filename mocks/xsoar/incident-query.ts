/**
 * The subset of XSOAR's incident query language the fake evaluates, pure: `field:value` and
 * `field:"quoted value"` terms, `-field:value` (not), range terms `field:>=value` / `>` / `<` /
 * `<=` (times compare as instants, anything else as numbers or text), bare words (matched against
 * the name), all ANDed — `and` / `AND` between terms is optional, as on the server.
 *
 * XSOAR Mirroring builds exactly these (Packs/XSOARmirroring/Integrations/XSOARmirroring/
 * XSOARmirroring.py: `fetch_incidents` appends `created:>="<last_fetch>"`, `main` appends
 * `-sourceBrand:"XSOAR Mirroring"` when disable_from_same_integration is set). Anything else the
 * real language has (`or`, parentheses, wildcards, relative times such as `created:>="3 days ago"`)
 * is a 400 naming the part, never silently ignored: a dropped term would turn "new incidents
 * since T" into "all incidents".
 */
import { HarnessError } from '../../harness/core/index.ts';

export type Comparison = ':' | '>' | '>=' | '<' | '<=';

export interface QueryTerm {
  /** Absent for a bare word (matched against the name). */
  field?: string;
  comparison: Comparison;
  value: string;
  negated: boolean;
}

const TERM = /^(-)?(?:([A-Za-z][A-Za-z0-9_.]*):(>=|<=|>|<)?)?(?:"([^"]*)"|([^\s"()]+))/;

const invalid = (query: string, part: string, why: string) =>
  new HarnessError(
    'invalid-input',
    `xsoar api: failed to parse the query "${query}": ${why} at "${part}". The fake supports field:value, field:"value", -field:value, field:>=value (also >, <, <=), bare words and AND.`,
  );

export function parseIncidentQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let rest = query.trim();
  while (rest !== '') {
    const word = /^(\S+)/.exec(rest)?.[1] ?? rest;
    if (/^(or|not|\|\||&&)$/i.test(word)) throw invalid(query, word, `"${word}" is not supported`);
    if (word.startsWith('(') || word.startsWith(')'))
      throw invalid(query, word, 'parentheses are not supported');
    const m = TERM.exec(rest);
    if (!m) throw invalid(query, word, 'unreadable term');
    const value = m[4] ?? m[5] ?? '';
    const isAnd = !m[1] && !m[2] && m[5] !== undefined && /^and$/i.test(value);
    if (!isAnd) {
      if (m[4] === undefined && /[*?]/.test(value)) throw invalid(query, m[0], 'wildcards are not supported');
      if (!m[2] && m[1]) throw invalid(query, m[0], 'a "-" needs a field, as in -sourceBrand:"X"');
      terms.push({
        ...(m[2] ? { field: m[2] } : {}),
        comparison: (m[3] as Comparison | undefined) ?? ':',
        value,
        negated: m[1] === '-',
      });
    }
    rest = rest.slice(m[0].length);
    if (rest !== '' && !/^\s/.test(rest)) throw invalid(query, m[0] + rest.slice(0, 10), 'unreadable term');
    rest = rest.trimStart();
  }
  return terms;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An instant from an ISO time as XSOAR clients send it. Python's `%Y-%m-%dT%H:%M:%S.%fZ` has six
 * fraction digits; milliseconds are what the server keeps, so the rest is dropped.
 */
export function toInstant(text: string): number | undefined {
  if (!ISO_TIME.test(text)) return undefined;
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Checks a range term's value once, so a bad time is a 400 rather than "no incidents". */
export function checkRangeValues(query: string, terms: readonly QueryTerm[]): void {
  for (const t of terms) {
    if (t.comparison === ':' || toInstant(t.value) !== undefined || /^-?\d+(\.\d+)?$/.test(t.value)) continue;
    throw invalid(
      query,
      `${t.field ?? ''}:${t.comparison}${t.value}`,
      'a range compares with an ISO time (2024-05-01T10:00:00Z) or a number',
    );
  }
}

/** Compares an incident's value with a range bound: instants when both are times, else numbers/text. */
export function compareForRange(actual: unknown, bound: string): number | undefined {
  if (actual === null || actual === undefined || actual === '') return undefined;
  const a = String(actual);
  const [x, y] = [toInstant(a), toInstant(bound)];
  if (x !== undefined && y !== undefined) return x - y;
  if (typeof actual === 'number' && /^-?\d+(\.\d+)?$/.test(bound)) return actual - Number(bound);
  return a < bound ? -1 : a > bound ? 1 : 0;
}

export function rangeHolds(comparison: Comparison, d: number): boolean {
  switch (comparison) {
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case ':':
      return d === 0;
  }
}
