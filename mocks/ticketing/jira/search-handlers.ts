/**
 * JQL search and the site's metadata routes Jira V3 calls: `GET search` (startAt paging, what
 * `run_query` uses when `startAt` is given) and `GET search/jql` (nextPageToken paging, the
 * default; bounded queries only, as on Jira Cloud), `field`, `myself` (its `timeZone` drives the
 * integration's date handling), `user`, `user/search`, `serverInfo`, `project/search`.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import type { RouteContext, VendorKit } from '../../shared/index.ts';
import { jiraError } from './errors.ts';
import { runJql } from './jql-eval.ts';
import { checkJqlValues, JqlError, parseJql } from './jql.ts';
import type { JiraState } from './model.ts';
import {
  fieldNames,
  knownJqlValues,
  renderIssue,
  renderMyself,
  renderUser,
  toJqlIssue,
  type Mount,
  type View,
} from './render.ts';

const MAX_RESULTS = 100;

function count(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw jiraError(400, `The value '${raw}' is invalid for the '${name}' parameter.`);
  return Math.min(n, max);
}

function search(view: View, ctx: RouteContext, now: number, bounded: boolean) {
  const text = ctx.url.searchParams.get('jql') ?? '';
  let found;
  try {
    const query = parseJql(text);
    checkJqlValues(query, knownJqlValues(view.state));
    if (bounded && query.where === null)
      throw new JqlError(
        'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
      );
    const views = view.state.issues.map((issue) => ({ ...toJqlIssue(view.state, issue), issue }));
    found = runJql(views, query, { zone: view.zone, now }).map((v) => v.issue);
  } catch (e) {
    if (e instanceof JqlError) throw jiraError(400, e.message);
    throw e;
  }
  const expand = new Set((ctx.url.searchParams.get('expand') ?? '').split(',').map((s) => s.trim()));
  const pick = fieldSelection(ctx.url, bounded ? [] : ['*navigable']);
  return {
    found,
    expand,
    render: (i: (typeof found)[number]) => {
      const issue = renderIssue(view, i, expand);
      return { ...issue, fields: pick(issue.fields) };
    },
  };
}

/**
 * The `fields` parameter: `*all` / `*navigable` (every field the fake has), names, `-name` to leave
 * one out. Without it the old search returns the navigable fields and the enhanced `search/jql`
 * returns none but the id — which is why Jira V3's `run_query` always sends `fields=*all`.
 */
function fieldSelection(url: URL, fallback: string[]) {
  const asked = url.searchParams
    .getAll('fields')
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
  const spec = asked.length ? asked : fallback;
  const all = spec.includes('*all') || spec.includes('*navigable');
  const wanted = new Set(spec.filter((f) => !f.startsWith('-') && !f.startsWith('*')));
  const dropped = new Set(spec.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  return (fields: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(fields).filter(([k]) => (all || wanted.has(k)) && !dropped.has(k)));
}

function fieldList(state: JiraState) {
  const system = Object.entries(fieldNames(state))
    .filter(([id]) => !id.startsWith('customfield_'))
    .map(([id, name]) => ({
      id,
      key: id,
      name,
      custom: false,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [id],
      schema: { type: id === 'labels' ? 'array' : 'string', system: id },
    }));
  const custom = state.customFields.map((f) => {
    const n = f.id.replace('customfield_', '');
    return {
      id: f.id,
      key: f.id,
      name: f.name,
      description: f.description ?? '',
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${n}]`, f.name],
      schema: {
        type: f.type,
        custom: `com.atlassian.jira.plugin.system.customfieldtypes:${f.type === 'number' ? 'float' : 'textfield'}`,
        customId: Number(n),
      },
    };
  });
  return [...system, ...custom];
}

export function createSearchHandlers(
  kit: VendorKit,
  clock: { now(): number },
  { api, view }: Mount,
): HttpHandler[] {
  return [
    kit.api('GET', `${api}/search`, (ctx) => {
      const v = view(ctx);
      const { found, expand, render } = search(v, ctx, clock.now(), false);
      const startAt = count(ctx.url, 'startAt', 0, Number.MAX_SAFE_INTEGER);
      const maxResults = count(ctx.url, 'maxResults', 50, MAX_RESULTS);
      return HttpResponse.json({
        expand: 'names,schema',
        startAt,
        maxResults,
        total: found.length,
        issues: found.slice(startAt, startAt + maxResults).map(render),
        ...(expand.has('names') ? { names: fieldNames(v.state) } : {}),
      });
    }),
    kit.api('GET', `${api}/search/jql`, (ctx) => {
      const v = view(ctx);
      const { found, expand, render } = search(v, ctx, clock.now(), true);
      const token = ctx.url.searchParams.get('nextPageToken');
      const offset =
        token === null
          ? 0
          : Number(
              Buffer.from(token, 'base64url')
                .toString('utf8')
                .replace(/^offset:/, ''),
            );
      if (!Number.isInteger(offset) || offset < 0)
        throw jiraError(400, 'The nextPageToken is invalid or expired.');
      const maxResults = count(ctx.url, 'maxResults', 50, MAX_RESULTS);
      const end = offset + maxResults;
      return HttpResponse.json({
        issues: found.slice(offset, end).map(render),
        ...(end < found.length ? { nextPageToken: Buffer.from(`offset:${end}`).toString('base64url') } : {}),
        isLast: end >= found.length,
        ...(expand.has('names') ? { names: fieldNames(v.state) } : {}),
      });
    }),
    kit.api('GET', `${api}/field`, (ctx) => HttpResponse.json(fieldList(view(ctx).state))),
    kit.api('GET', `${api}/myself`, (ctx) => {
      const v = view(ctx);
      return HttpResponse.json(
        renderMyself(
          v,
          v.state.users.find((u) => u.accountId === ctx.principal)!,
        ),
      );
    }),
    kit.api('GET', `${api}/user`, (ctx) => {
      const v = view(ctx);
      const id = ctx.url.searchParams.get('accountId');
      if (!id || !v.state.users.some((u) => u.accountId === id))
        throw jiraError(404, `The user with account ID '${id ?? ''}' does not exist`);
      return HttpResponse.json(renderUser(v, id));
    }),
    kit.api('GET', `${api}/user/search`, (ctx) => {
      const v = view(ctx);
      const q = (
        ctx.url.searchParams.get('query') ??
        ctx.url.searchParams.get('username') ??
        ''
      ).toLowerCase();
      const max = count(ctx.url, 'maxResults', 50, 1000);
      const hits = v.state.users.filter(
        (u) =>
          q !== '' &&
          (u.emailAddress.toLowerCase().startsWith(q) ||
            u.displayName
              .toLowerCase()
              .split(/\s+/)
              .some((w) => w.startsWith(q)) ||
            u.displayName.toLowerCase().startsWith(q) ||
            u.accountId === q),
      );
      return HttpResponse.json(hits.slice(0, max).map((u) => renderUser(v, u.accountId)));
    }),
    kit.api('GET', `${api}/serverInfo`, (ctx) =>
      HttpResponse.json({ baseUrl: ctx.origin, version: '1001.0.0-SNAPSHOT', deploymentType: 'Cloud' }),
    ),
    kit.api('GET', `${api}/project/search`, (ctx) => {
      const v = view(ctx);
      const q = (ctx.url.searchParams.get('query') ?? '').toLowerCase();
      const values = v.state.projects
        .filter((p) => p.key.toLowerCase().includes(q) || p.name.toLowerCase().includes(q))
        .map((p) => ({ self: `${v.api}/project/${p.id}`, id: p.id, key: p.key, name: p.name }));
      return HttpResponse.json({ startAt: 0, maxResults: 50, total: values.length, isLast: true, values });
    }),
  ];
}
