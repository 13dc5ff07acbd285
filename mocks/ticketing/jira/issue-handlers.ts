/**
 * The issue routes of `/rest/api/{2,3}` Jira V3 calls (JiraV3.py `JiraBaseClient`): create, get
 * (with `expand`), edit, delete, comments, transitions, attachments and attachment content.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import { readJsonBody, type RouteContext, type VendorKit } from '../../shared/index.ts';
import { adfProblem, toAdf, type AdfDoc } from './adf.ts';
import type { IssueBook } from './book.ts';
import { fieldError, jiraError, NOT_ADF } from './errors.ts';
import { toIssuePatch, type ApiVersion } from './fields-input.ts';
import type { JiraState } from './model.ts';
import { renderAttachment, renderComment, renderIssue, renderTransitions, type Mount } from './render.ts';

export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const invalid = (reason: string) => jiraError(400, `Unexpected character in the request body: ${reason}`);
  const body = await readJsonBody(request, invalid);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw jiraError(400, 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

const expandOf = (url: URL) =>
  new Set(
    (url.searchParams.getAll('expand').join(',') || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

function commentBody(value: unknown, version: ApiVersion): AdfDoc {
  if (version === '2') {
    if (typeof value !== 'string' || value.trim() === '')
      throw fieldError('comment', 'Comment body can not be empty!');
    return toAdf(value);
  }
  if (adfProblem(value) !== null) throw fieldError('comment', NOT_ADF);
  return value as AdfDoc;
}

export function createIssueHandlers(
  kit: VendorKit,
  book: IssueBook,
  state: () => JiraState,
  atomically: <T>(fn: () => T) => T,
  { api, view }: Mount,
): HttpHandler[] {
  const version = (ctx: RouteContext): ApiVersion => view(ctx).version;
  return [
    kit.api('POST', `${api}/issue`, async (ctx) => {
      const body = await readBody(ctx.request);
      const issue = atomically(() =>
        book.create(toIssuePatch(body.fields, state(), version(ctx), 'create'), ctx.principal),
      );
      return HttpResponse.json(
        { id: issue.id, key: issue.key, self: `${view(ctx).api}/issue/${issue.id}` },
        { status: 201 },
      );
    }),
    kit.api('GET', `${api}/issue/:idOrKey`, (ctx) =>
      HttpResponse.json(renderIssue(view(ctx), book.find(ctx.params.idOrKey!), expandOf(ctx.url))),
    ),
    kit.api('PUT', `${api}/issue/:idOrKey`, async (ctx) => {
      const body = await readBody(ctx.request);
      if (body.update !== undefined && Object.keys(body.update as object).length > 0)
        throw jiraError(400, 'The fake supports edits through "fields" only, not "update" operations.');
      const issue = book.find(ctx.params.idOrKey!);
      atomically(() =>
        book.update(issue.id, toIssuePatch(body.fields ?? {}, state(), version(ctx), 'edit'), ctx.principal),
      );
      return new HttpResponse(null, { status: 204 });
    }),
    kit.api('DELETE', `${api}/issue/:idOrKey`, (ctx) => {
      book.remove(ctx.params.idOrKey!);
      return new HttpResponse(null, { status: 204 });
    }),
    kit.api('GET', `${api}/issue/:idOrKey/comment`, (ctx) => {
      const issue = book.find(ctx.params.idOrKey!);
      const all = book.comments(issue.id);
      const startAt = Math.max(0, Number(ctx.url.searchParams.get('startAt') ?? 0) || 0);
      const maxResults = Math.min(
        5000,
        Math.max(1, Number(ctx.url.searchParams.get('maxResults') ?? 5000) || 5000),
      );
      const rendered = expandOf(ctx.url).has('renderedBody');
      return HttpResponse.json({
        startAt,
        maxResults,
        total: all.length,
        comments: all
          .slice(startAt, startAt + maxResults)
          .map((c) => renderComment(view(ctx), issue.id, c, rendered)),
      });
    }),
    kit.api('POST', `${api}/issue/:idOrKey/comment`, async (ctx) => {
      const body = await readBody(ctx.request);
      const issue = book.find(ctx.params.idOrKey!);
      const comment = book.comment(issue.id, commentBody(body.body, version(ctx)), ctx.principal);
      return HttpResponse.json(
        renderComment(view(ctx), issue.id, comment, expandOf(ctx.url).has('renderedBody')),
        {
          status: 201,
        },
      );
    }),
    kit.api('GET', `${api}/issue/:idOrKey/transitions`, (ctx) =>
      HttpResponse.json({
        expand: 'transitions',
        transitions: renderTransitions(view(ctx), book.find(ctx.params.idOrKey!)),
      }),
    ),
    kit.api('POST', `${api}/issue/:idOrKey/transitions`, async (ctx) => {
      const body = await readBody(ctx.request);
      const id = (body.transition as { id?: unknown } | undefined)?.id;
      if (id === undefined)
        throw jiraError(400, "Can not perform transition: the body's transition.id is missing.");
      const fields = (body.fields ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(fields).find((f) => f !== 'resolution');
      if (unknown)
        throw fieldError(
          unknown,
          `Field '${unknown}' cannot be set. It is not on the appropriate screen, or unknown.`,
        );
      const resolution = (fields.resolution as { name?: unknown } | undefined)?.name;
      book.transition(
        ctx.params.idOrKey!,
        String(id),
        ctx.principal,
        typeof resolution === 'string' ? resolution : undefined,
      );
      return new HttpResponse(null, { status: 204 });
    }),
    kit.api('POST', `${api}/issue/:idOrKey/attachments`, async (ctx) => {
      // Jira refuses uploads without this header (JiraV3.py `upload_attachment` sends it).
      if (ctx.request.headers.get('x-atlassian-token') !== 'no-check')
        throw jiraError(403, 'XSRF check failed');
      const issue = book.find(ctx.params.idOrKey!);
      let form: FormData;
      try {
        form = await ctx.request.formData();
      } catch {
        throw jiraError(400, 'Send multipart/form-data with one or more "file" parts.');
      }
      const files = form.getAll('file').flatMap((f) => (typeof f === 'string' ? [] : [f]));
      if (files.length === 0) throw jiraError(400, 'Send multipart/form-data with one or more "file" parts.');
      const added = [];
      for (const file of files)
        added.push(
          book.attach(
            issue.id,
            {
              filename: file.name,
              mimeType: file.type || 'application/octet-stream',
              bytes: new Uint8Array(await file.arrayBuffer()),
            },
            ctx.principal,
          ),
        );
      return HttpResponse.json(added.map((a) => renderAttachment(view(ctx), a)));
    }),
    kit.api('GET', `${api}/attachment/content/:id`, (ctx) => {
      const file = book.file(ctx.params.id!);
      if (!file)
        throw jiraError(404, 'The attachment does not exist or you do not have permission to see it.');
      return new HttpResponse(file.bytes, { headers: { 'Content-Type': file.meta.mimeType } });
    }),
    kit.api('GET', `${api}/attachment/:id`, (ctx) => {
      const file = book.file(ctx.params.id!);
      if (!file)
        throw jiraError(404, 'The attachment does not exist or you do not have permission to see it.');
      return HttpResponse.json(renderAttachment(view(ctx), file.meta));
    }),
  ];
}
