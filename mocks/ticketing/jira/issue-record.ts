/**
 * An issue as a person reads it, which is what a scenario's `tickets` / `ticket` expectations and
 * the dashboard's pane see (the kind's `items()` / `item()` / `comments()`): flat fields named as
 * the model API's input takes them (so a dashboard edit is the same object back), ADF as plain
 * text, times as ISO strings in UTC, people by account id with their display name beside. The REST
 * API's own shapes (nested `fields`, ADF, the user's zone) stay the routes' business (render.ts).
 */
import { fromAdf } from './adf.ts';
import type { JiraUser, StoredAttachment, StoredComment, StoredIssue } from './model.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const nameOf = (users: readonly JiraUser[], accountId: string | null) =>
  accountId === null ? null : (users.find((u) => u.accountId === accountId)?.displayName ?? accountId);

export function toIssueRecord(issue: StoredIssue, users: readonly JiraUser[]) {
  return {
    id: issue.id,
    key: issue.key,
    project: issue.projectKey,
    issueType: issue.issueType,
    summary: issue.summary,
    description: fromAdf(issue.description),
    status: issue.status,
    priority: issue.priority,
    labels: [...issue.labels],
    assignee: issue.assignee,
    assigneeName: nameOf(users, issue.assignee),
    reporter: issue.reporter,
    duedate: issue.duedate,
    resolution: issue.resolution,
    created: iso(issue.created),
    updated: iso(issue.updated),
    resolutiondate: iso(issue.resolutiondate),
    custom: { ...issue.custom },
  };
}
export type IssueRecord = ReturnType<typeof toIssueRecord>;

export function toCommentRecord(comment: StoredComment, users: readonly JiraUser[]) {
  return {
    id: comment.id,
    body: fromAdf(comment.body),
    author: comment.author,
    authorName: nameOf(users, comment.author),
    created: iso(comment.created),
    updated: iso(comment.updated),
  };
}

export const toAttachmentRecord = (a: StoredAttachment) => ({ ...a, created: iso(a.created) });
