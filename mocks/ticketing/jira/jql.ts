/**
 * JQL, pure: a parser to a small syntax tree and an evaluator over issue views. The subset is what
 * Jira V3 builds (Packs/Jira/Integrations/JiraV3/JiraV3.py): `create_fetch_incidents_query`
 * (`<fetch_query> AND id >= N AND ID NOT IN (…) ORDER BY id ASC`, `created >= "yyyy-MM-dd HH:mm"`,
 * `updated >= "…" … ORDER BY updated ASC`), `get_modified_issue_ids` (`updated > "…"`),
 * `get_smallest_id_offset_for_query` (`… ORDER BY created ASC`) and the default fetch query
 * `status!=done` — plus what users commonly put in the fetch query: `project = X`, `status in (…)`,
 * `labels`, `priority`, `assignee`, `summary ~ "…"`, `IS EMPTY`, NOT, parentheses, OR.
 *
 * Keywords, fields and status/priority/project values compare case-insensitively, as in Jira. Date
 * literals are read in the searching user's time zone (Jira's rule, which the integration's
 * `convert_timezone` handling exists for): `"yyyy/MM/dd HH:mm"`, `"yyyy-MM-dd HH:mm"`,
 * `"yyyy/MM/dd"`, `"yyyy-MM-dd"`, or relative `"-5d"`, `"-2h 30m"` (w d h m). Anything else — an
 * unknown field, operator, function such as `now()` — is a JqlError, which the API answers with
 * Jira's 400 `{"errorMessages":[…],"errors":{}}`, never silently dropped.
 */
import { fromZonedWallClock } from './zone-time.ts';

export class JqlError extends Error {}

export type JqlOperator =
  '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';
export type JqlValue = { kind: 'text'; text: string } | { kind: 'empty' } | { kind: 'list'; items: string[] };

export type JqlNode =
  | { kind: 'and' | 'or'; nodes: JqlNode[] }
  | { kind: 'not'; node: JqlNode }
  | { kind: 'clause'; field: JqlField; operator: JqlOperator; value: JqlValue };

export interface JqlQuery {
  where: JqlNode | null;
  orderBy: { field: JqlField; descending: boolean }[];
}

/** The fields the fake knows and how each compares. */
const FIELDS = {
  id: 'number',
  key: 'key',
  issuekey: 'key',
  project: 'name',
  status: 'name',
  statuscategory: 'name',
  priority: 'name',
  issuetype: 'name',
  type: 'name',
  resolution: 'name',
  assignee: 'name',
  reporter: 'name',
  labels: 'list',
  summary: 'text',
  description: 'text',
  text: 'text',
  created: 'date',
  createddate: 'date',
  updated: 'date',
  updateddate: 'date',
  resolved: 'date',
  resolutiondate: 'date',
  duedate: 'date',
} as const;
export type JqlField = keyof typeof FIELDS;

/** What an issue offers the evaluator: names compare to any of their aliases (key, name, id). */
export interface JqlIssue {
  id: number;
  key: string;
  names: Partial<Record<JqlField, string[]>>;
  texts: Partial<Record<JqlField, string>>;
  dates: Partial<Record<JqlField, number | null>>;
  labels: string[];
}

// ---- tokens

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string; at: number };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
        j++;
      }
      if (j >= jql.length)
        throw new JqlError(
          `Error in the JQL Query: The quoted string starting at character ${i + 1} has not been completed.`,
        );
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else if ('(),'.includes(c)) tokens.push({ kind: 'punct', text: c, at: i++ });
    else if (/[=!<>~]/.test(c)) {
      const op = /^(!=|>=|<=|!~|=|>|<|~)/.exec(jql.slice(i))?.[1];
      if (!op)
        throw new JqlError(
          `Error in the JQL Query: The character '${c}' is a reserved JQL character (at character ${i + 1}).`,
        );
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
    } else {
      const word = /^[^\s"'(),=!<>~]+/.exec(jql.slice(i))![0];
      tokens.push({ kind: 'word', text: word, at: i });
      i += word.length;
    }
  }
  return tokens;
}

// ---- parser

export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toLowerCase() === w;
  const unexpected = (expected: string): JqlError => {
    const t = peek();
    return new JqlError(
      t
        ? `Error in the JQL Query: Expecting ${expected} but got '${t.text}'. (line 1, character ${t.at + 1})`
        : `Error in the JQL Query: Expecting ${expected} but reached the end of the query.`,
    );
  };

  function field(): JqlField {
    const t = peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'string')) throw unexpected('a field name');
    const name = t.text.toLowerCase();
    if (!(name in FIELDS)) {
      if (/^[a-z]+\(/.test(jql.slice(t.at)))
        throw new JqlError(`Error in the JQL Query: The function '${t.text}' is not supported by this fake.`);
      throw new JqlError(`Field '${t.text}' does not exist or you do not have permission to view it.`);
    }
    pos++;
    return name as JqlField;
  }

  function operator(): JqlOperator {
    const t = peek();
    if (t?.kind === 'op') {
      pos++;
      return t.text as JqlOperator;
    }
    if (isWord(t, 'in')) return (pos++, 'in');
    if (isWord(t, 'is')) {
      pos++;
      if (isWord(peek(), 'not')) return (pos++, 'is not');
      return 'is';
    }
    if (isWord(t, 'not') && isWord(tokens[pos + 1], 'in')) return ((pos += 2), 'not in');
    throw unexpected('an operator (=, !=, >, >=, <, <=, ~, !~, IN, NOT IN, IS, IS NOT)');
  }

  function scalar(): string {
    const t = peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'string')) throw unexpected('a value');
    if (t.kind === 'word' && tokens[pos + 1]?.text === '(')
      throw new JqlError(`Error in the JQL Query: The function '${t.text}' is not supported by this fake.`);
    pos++;
    return t.text;
  }

  function value(op: JqlOperator): JqlValue {
    const t = peek();
    if ((isWord(t, 'empty') || isWord(t, 'null')) && t?.kind === 'word') return (pos++, { kind: 'empty' });
    if (op === 'is' || op === 'is not') throw unexpected('EMPTY or NULL');
    if (op === 'in' || op === 'not in') {
      if (peek()?.text !== '(') throw unexpected("'('");
      pos++;
      const items = [scalar()];
      while (peek()?.text === ',') {
        pos++;
        items.push(scalar());
      }
      if (peek()?.text !== ')') throw unexpected("')'");
      pos++;
      return { kind: 'list', items };
    }
    return { kind: 'text', text: scalar() };
  }

  function primary(): JqlNode {
    if (isWord(peek(), 'not') && !isWord(tokens[pos + 1], 'in')) {
      pos++;
      return { kind: 'not', node: primary() };
    }
    if (peek()?.text === '(' && peek()?.kind === 'punct') {
      pos++;
      const inner = or();
      if (peek()?.text !== ')') throw unexpected("')'");
      pos++;
      return inner;
    }
    const f = field();
    const op = operator();
    const clause: JqlNode = { kind: 'clause', field: f, operator: op, value: value(op) };
    checkClause(clause);
    return clause;
  }

  function and(): JqlNode {
    const nodes = [primary()];
    while (isWord(peek(), 'and') || peek()?.text === '&&') {
      pos++;
      nodes.push(primary());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
  }

  function or(): JqlNode {
    const nodes = [and()];
    while (isWord(peek(), 'or') || peek()?.text === '||') {
      pos++;
      nodes.push(and());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'or', nodes };
  }

  const query: JqlQuery = { where: null, orderBy: [] };
  if (peek() && !isWord(peek(), 'order')) query.where = or();
  if (isWord(peek(), 'order')) {
    pos++;
    if (!isWord(peek(), 'by')) throw unexpected("'BY'");
    pos++;
    do {
      if (peek()?.text === ',') pos++;
      const f = field();
      let descending = false;
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc'))
        descending = tokens[pos++]!.text.toLowerCase() === 'desc';
      query.orderBy.push({ field: f, descending });
    } while (peek()?.text === ',');
  }
  if (peek())
    throw unexpected(query.orderBy.length ? "',' or the end of the query" : "'AND', 'OR' or 'ORDER BY'");
  return query;
}

/** Operators each kind of field takes, as Jira refuses the rest. */
const OPERATORS_BY_KIND: Record<(typeof FIELDS)[JqlField], readonly JqlOperator[]> = {
  number: ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in'],
  key: ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in'],
  name: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  list: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  text: ['~', '!~', 'is', 'is not'],
  date: ['=', '!=', '>', '>=', '<', '<=', 'is', 'is not', 'in', 'not in'],
};

function checkClause(c: Extract<JqlNode, { kind: 'clause' }>): void {
  const kind = FIELDS[c.field];
  if (!OPERATORS_BY_KIND[kind].includes(c.operator))
    throw new JqlError(
      `The operator '${c.operator.toUpperCase()}' is not supported by the '${c.field}' field.`,
    );
  if (kind === 'number' && c.value.kind !== 'empty')
    for (const v of c.value.kind === 'list' ? c.value.items : [c.value.text])
      if (!/^\d+$/.test(v.trim())) throw new JqlError(`The value '${v}' for field '${c.field}' is invalid.`);
  if (kind === 'date' && c.value.kind !== 'empty')
    for (const v of c.value.kind === 'list' ? c.value.items : [c.value.text]) readDate(v, 'UTC', 0, c.field);
}

// ---- dates

const ABSOLUTE = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const RELATIVE_PART = /([+-]?\d+)\s*([wdhm])/g;
const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** A JQL date literal as an instant; `zone` reads wall-clock literals, `now` relative ones. */
export function readDate(text: string, zone: string, now: number, field = 'date'): number {
  const t = text.trim();
  const abs = ABSOLUTE.exec(t);
  if (abs) {
    const [year, month, day, hour = '0', minute = '0'] = abs.slice(1).map((x) => x ?? '0');
    const wall = { year: +year!, month: +month!, day: +day!, hour: +hour, minute: +minute };
    if (
      wall.month < 1 ||
      wall.month > 12 ||
      wall.day < 1 ||
      wall.day > 31 ||
      wall.hour > 23 ||
      wall.minute > 59
    )
      throw badDate(text, field);
    return fromZonedWallClock(wall, zone);
  }
  if (/^[+-]?\d+\s*[wdhm](\s*[+-]?\d+\s*[wdhm])*$/.test(t)) {
    let offset = 0;
    const sign = t.startsWith('-') ? -1 : 1;
    for (const m of t.matchAll(RELATIVE_PART))
      offset += Math.abs(Number(m[1])) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
    return now + sign * offset;
  }
  throw badDate(text, field);
}

const badDate = (text: string, field: string) =>
  new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );

// ---- evaluation

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
    case 'name':
      return (a.names[field]?.[0] ?? '').localeCompare(b.names[field]?.[0] ?? '');
  }
}
