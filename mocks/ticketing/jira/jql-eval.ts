/**
 * Evaluating parsed JQL over issue views, pure: Jira's semantics where they matter to a fetch —
 * `!=` / NOT IN never match an empty field, keys order by project then number, dates compare as
 * instants with literals read in the user's zone, the default order is `created DESC`.
 */
import { readDate } from './jql-date.ts';
import {
  FIELDS,
  type JqlField,
  type JqlIssue,
  type JqlNode,
  type JqlOperator,
  type JqlQuery,
} from './jql.ts';

export interface JqlContext {
  /** The searching user's zone. */
  zone: string;
  /** For relative dates (`-5d`). */
  now: number;
}

function keyOrder(key: string): [string, number] {
  const m = /^(.*)-(\d+)$/.exec(key);
  return m ? [m[1]!.toUpperCase(), Number(m[2])] : [key.toUpperCase(), 0];
}

function compareKeys(a: string, b: string): number {
  const [pa, na] = keyOrder(a);
  const [pb, nb] = keyOrder(b);
  return pa < pb ? -1 : pa > pb ? 1 : na - nb;
}

function ordered(op: JqlOperator, d: number): boolean {
  switch (op) {
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    default:
      return false;
  }
}

function holds(issue: JqlIssue, c: Extract<JqlNode, { kind: 'clause' }>, ctx: JqlContext): boolean {
  const kind = FIELDS[c.field];
  const lower = (s: string) => s.trim().toLowerCase();
  const wanted = c.value.kind === 'list' ? c.value.items : c.value.kind === 'text' ? [c.value.text] : [];
  const isOp = c.operator === 'in' || c.operator === '=' || c.operator === 'is';
  const any = (test: (w: string) => boolean) => (isOp ? wanted.some(test) : !wanted.some(test));
  switch (kind) {
    case 'number':
      if (c.operator === 'in' || c.operator === 'not in') return any((w) => Number(w) === issue.id);
      return ordered(c.operator, issue.id - Number(wanted[0]));
    case 'key':
      if (c.operator === 'in' || c.operator === 'not in')
        return any((w) => lower(w) === issue.key.toLowerCase());
      return ordered(c.operator, compareKeys(issue.key, wanted[0]!));
    case 'name':
    case 'list': {
      const values = (kind === 'list' ? issue.labels : (issue.names[c.field] ?? [])).map(lower);
      if (c.value.kind === 'empty') return (values.length === 0) === (c.operator === 'is');
      // Jira: `!=` and NOT IN never match an issue whose field is empty.
      if (!isOp && values.length === 0) return false;
      return any((w) => values.includes(lower(w)));
    }
    case 'text': {
      const text = issue.texts[c.field] ?? '';
      if (c.value.kind === 'empty') return (text === '') === (c.operator === 'is');
      const words = lower(wanted[0] ?? '')
        .split(/\s+/)
        .filter(Boolean);
      const found = words.every((w) => text.toLowerCase().includes(w.replace(/\*$/, '')));
      return c.operator === '~' ? found : !found;
    }
    case 'date': {
      const at = issue.dates[c.field] ?? null;
      if (c.value.kind === 'empty') return (at === null) === (c.operator === 'is');
      if (at === null) return false;
      if (c.operator === 'in' || c.operator === 'not in')
        return any((w) => readDate(w, ctx.zone, ctx.now, c.field) === at);
      return ordered(c.operator, at - readDate(wanted[0]!, ctx.zone, ctx.now, c.field));
    }
  }
}

export function matchesJql(issue: JqlIssue, node: JqlNode | null, ctx: JqlContext): boolean {
  if (!node) return true;
  switch (node.kind) {
    case 'and':
      return node.nodes.every((n) => matchesJql(issue, n, ctx));
    case 'or':
      return node.nodes.some((n) => matchesJql(issue, n, ctx));
    case 'not':
      return !matchesJql(issue, node.node, ctx);
    case 'clause':
      return holds(issue, node, ctx);
  }
}

/** Issues that match, in the query's order; without ORDER BY, Jira's default: created descending. */
export function runJql<T extends JqlIssue>(issues: readonly T[], query: JqlQuery, ctx: JqlContext): T[] {
  const found = issues.filter((i) => matchesJql(i, query.where, ctx));
  const order = query.orderBy.length ? query.orderBy : [{ field: 'created' as JqlField, descending: true }];
  return found.sort((a, b) => {
    for (const { field, descending } of order) {
      const d = compareBy(a, b, field);
      if (d !== 0) return descending ? -d : d;
    }
    return a.id - b.id;
  });
}

function compareBy(a: JqlIssue, b: JqlIssue, field: JqlField): number {
  switch (FIELDS[field]) {
    case 'number':
      return a.id - b.id;
    case 'key':
      return compareKeys(a.key, b.key);
    case 'date':
      return (a.dates[field] ?? -Infinity) - (b.dates[field] ?? -Infinity) || 0;
    case 'list':
      return a.labels.join(',').localeCompare(b.labels.join(','));
    case 'text':
      return (a.texts[field] ?? '').localeCompare(b.texts[field] ?? '');
    case 'name': {
      const [ra, rb] = [a.ranks?.[field], b.ranks?.[field]];
      if (ra !== undefined && rb !== undefined) return ra - rb;
      return (a.names[field]?.[0] ?? '').localeCompare(b.names[field]?.[0] ?? '');
    }
  }
}
