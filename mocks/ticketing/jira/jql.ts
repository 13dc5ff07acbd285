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
import { readDate } from './jql-date.ts';
import { JqlError } from './jql-error.ts';

export { JqlError };

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
export const FIELDS = {
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
  /**
   * Sort ranks where Jira orders by scheme position rather than by name: priority (Highest is the
   * greatest, so `ORDER BY priority DESC` lists it first) and status (workflow order).
   */
  ranks?: Partial<Record<JqlField, number>>;
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

export { readDate } from './jql-date.ts';

/**
 * Jira refuses a query naming a value its site does not have (`project = NOPE`, `status = Closed`
 * on a workflow without it): "The value 'NOPE' does not exist for the field 'project'." — rather
 * than answering no issues. `known` lists the values each checked field may take (any case).
 */
export function checkJqlValues(query: JqlQuery, known: Partial<Record<JqlField, readonly string[]>>): void {
  const walk = (node: JqlNode | null): void => {
    if (!node) return;
    if (node.kind === 'not') walk(node.node);
    else if (node.kind === 'clause') checkClauseValue(node, known);
    else node.nodes.forEach(walk);
  };
  walk(query.where);
}

function checkClauseValue(
  c: Extract<JqlNode, { kind: 'clause' }>,
  known: Partial<Record<JqlField, readonly string[]>>,
): void {
  const allowed = known[c.field];
  if (!allowed || c.value.kind === 'empty') return;
  const lower = new Set(allowed.map((a) => a.toLowerCase()));
  for (const v of c.value.kind === 'list' ? c.value.items : [c.value.text])
    if (!lower.has(v.trim().toLowerCase()))
      throw new JqlError(`The value '${v}' does not exist for the field '${c.field}'.`);
}
