/**
 * The model API of the Jira fake (tests, seeding, scenario `remote:` actions): the same book as
 * the REST routes — stamping, changelog, workflow — with plain inputs, acting as the API user
 * unless an author is given. Statuses change through the workflow's transitions.
 */
import { toAdf } from './adf.ts';
import type { IssueBook } from './book.ts';
import { jiraError } from './errors.ts';
import { fromIssueInput, type IssueInput } from './issue-input.ts';
import { runJql } from './jql-eval.ts';
import { checkJqlValues, parseJql, JqlError } from './jql.ts';
import {
  TRANSITIONS,
  type JiraState,
  type JiraUser,
  type StatusName,
  type StoredAttachment,
  type StoredComment,
  type StoredIssue,
} from './model.ts';
import { knownJqlValues, toJqlIssue } from './render.ts';

export interface IssueModel {
  create(input: IssueInput, author?: string): StoredIssue;
  update(idOrKey: string, input: IssueInput, author?: string): StoredIssue;
  comment(idOrKey: string, body: string, author?: string): StoredComment;
  /** Moves the issue to a status (Done sets the resolution, default "Done"). */
  transition(idOrKey: string, status: StatusName, resolution?: string, author?: string): StoredIssue;
  attach(
    idOrKey: string,
    file: { filename: string; content: string | Uint8Array; mimeType?: string },
  ): StoredAttachment;
  remove(idOrKey: string): void;
  /** Issues, optionally filtered by JQL (in UTC), in the query's order (default: creation order). */
  list(jql?: string): StoredIssue[];
  get(idOrKey: string): StoredIssue | undefined;
  comments(idOrKey: string): StoredComment[];
  attachments(idOrKey: string): StoredAttachment[];
  /** The site's users (account ids, display names, zones). */
  users(): JiraUser[];
}

export function createIssueModel(
  state: () => JiraState,
  book: IssueBook,
  atomically: <T>(fn: () => T) => T,
  apiUser: string,
  clock: { now(): number } = { now: () => 0 },
): IssueModel {
  function transition(idOrKey: string, status: StatusName, resolution?: string, author = apiUser) {
    const to = TRANSITIONS.find((t) => t.to === status);
    if (!to)
      throw jiraError(
        400,
        `jira: no status "${status}"; statuses: ${TRANSITIONS.map((t) => t.to).join(', ')}`,
      );
    const issue = book.find(idOrKey);
    if (issue.status === status) return issue;
    return book.transition(issue.id, to.id, author, resolution);
  }

  return {
    create: (input, author = apiUser) =>
      atomically(() => {
        const patch = fromIssueInput(input, state());
        const issue = book.create(
          {
            issueType: 'Task',
            summary: 'Untitled issue',
            ...patch,
            projectKey: input.project ?? state().projects[0]!.key,
          },
          author,
        );
        if (input.status && input.status !== 'To Do')
          transition(issue.id, input.status, input.resolution, author);
        return issue;
      }),
    update: (idOrKey, input, author = apiUser) =>
      atomically(() => {
        const { status, resolution, project, ...rest } = input;
        if (project !== undefined) throw jiraError(400, 'jira: an issue cannot change project here');
        const issue = book.update(idOrKey, fromIssueInput(rest, state()), author);
        return status ? transition(issue.id, status, resolution, author) : issue;
      }),
    comment: (idOrKey, body, author = apiUser) => book.comment(idOrKey, toAdf(body), author),
    transition: (idOrKey, status, resolution, author) =>
      atomically(() => transition(idOrKey, status, resolution, author)),
    attach: (idOrKey, file) =>
      book.attach(
        idOrKey,
        {
          filename: file.filename,
          mimeType: file.mimeType ?? 'text/plain',
          bytes: typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content,
        },
        apiUser,
      ),
    remove: (idOrKey) => book.remove(idOrKey),
    list(jql) {
      const all = state().issues;
      if (jql === undefined) return [...all];
      try {
        const views = all.map((issue) => ({ ...toJqlIssue(state(), issue), issue }));
        const query = parseJql(jql);
        checkJqlValues(query, knownJqlValues(state()));
        const ordered = query.orderBy.length
          ? query
          : { ...query, orderBy: [{ field: 'id' as const, descending: false }] };
        return runJql(views, ordered, { zone: 'UTC', now: clock.now() }).map((v) => v.issue);
      } catch (e) {
        if (e instanceof JqlError) throw jiraError(400, e.message);
        throw e;
      }
    },
    get(idOrKey) {
      try {
        return book.find(idOrKey);
      } catch {
        return undefined;
      }
    },
    comments: (idOrKey) => book.comments(book.find(idOrKey).id),
    attachments: (idOrKey) => book.attachments(book.find(idOrKey).id),
    users: () => state().users,
  };
}
