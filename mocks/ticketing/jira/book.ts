/**
 * Writing issues the way Jira does: every change stamps `updated` from the shared clock and adds a
 * changelog history (only when something changed); a comment or an attachment also bumps the
 * issue's `updated` (so `updated > "…"` finds it, as Jira V3's `get_modified_issue_ids` expects);
 * a transition to Done sets the resolution and resolution date, leaving Done clears them (Jira V3's
 * `handle_incoming_resolved_issue` closes the incident on either `status.name == "Done"` or a
 * `resolutiondate`, so a stale one would close a reopened issue again).
 */
import type { AdfDoc } from './adf.ts';
import { issueNotFound, jiraError } from './errors.ts';
import type { IssuePatch } from './fields-input.ts';
import {
  RESOLUTIONS,
  TRANSITIONS,
  type ChangeItem,
  type JiraState,
  type StoredAttachment,
  type StoredComment,
  type StoredIssue,
} from './model.ts';

export interface IssueBook {
  find(idOrKey: string): StoredIssue;
  create(patch: IssuePatch, user: string): StoredIssue;
  update(idOrKey: string, patch: IssuePatch, user: string): StoredIssue;
  transition(idOrKey: string, transitionId: string, user: string, resolution?: string): StoredIssue;
  comment(idOrKey: string, body: AdfDoc, user: string): StoredComment;
  attach(
    idOrKey: string,
    file: { filename: string; mimeType: string; bytes: Uint8Array },
    user: string,
  ): StoredAttachment;
  remove(idOrKey: string): void;
  comments(issueId: string): StoredComment[];
  attachments(issueId: string): StoredAttachment[];
  file(attachmentId: string): { meta: StoredAttachment; bytes: Uint8Array } | undefined;
}

const SIMPLE_FIELDS = ['summary', 'priority', 'duedate', 'assignee', 'reporter', 'issueType'] as const;
const CHANGELOG_NAME: Record<string, string> = { issueType: 'issuetype' };

const shown = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

export function createIssueBook(
  state: () => JiraState,
  clock: { now(): number },
  changed: () => void,
): IssueBook {
  const next = (counter: string, start: number) => {
    const counters = state().counters;
    const n = (counters[counter] ?? start) + 1;
    counters[counter] = n;
    return n;
  };

  function find(idOrKey: string): StoredIssue {
    const wanted = idOrKey.toUpperCase();
    const issue = state().issues.find((i) => i.id === idOrKey || i.key === wanted);
    if (!issue) throw issueNotFound();
    return issue;
  }

  function record(issue: StoredIssue, user: string, items: ChangeItem[]): void {
    if (items.length === 0) return;
    const now = clock.now();
    issue.changelog.push({ id: String(next('history', 10_000)), author: user, created: now, items });
    issue.updated = now;
    changed();
  }

  function apply(issue: StoredIssue, patch: IssuePatch): ChangeItem[] {
    const items: ChangeItem[] = [];
    const item = (field: string, from: unknown, to: unknown, fieldtype: 'jira' | 'custom' = 'jira') =>
      items.push({ field, fieldtype, from: null, fromString: shown(from), to: null, toString: shown(to) });
    for (const f of SIMPLE_FIELDS) {
      const value = patch[f];
      if (value === undefined || value === issue[f]) continue;
      item(CHANGELOG_NAME[f] ?? f, issue[f], value);
      (issue as unknown as Record<string, unknown>)[f] = value;
    }
    for (const f of ['description', 'environment', 'labels', 'components'] as const) {
      const value = patch[f];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(issue[f])) continue;
      item(
        f,
        f === 'labels' ? issue.labels.join(' ') || null : null,
        f === 'labels' ? patch.labels!.join(' ') : null,
      );
      (issue as unknown as Record<string, unknown>)[f] = value;
    }
    for (const [id, value] of Object.entries(patch.custom ?? {})) {
      if (JSON.stringify(issue.custom[id] ?? null) === JSON.stringify(value)) continue;
      item(id, issue.custom[id] ?? null, value, 'custom');
      issue.custom[id] = value;
    }
    return items;
  }

  return {
    find,
    create(patch, user) {
      const now = clock.now();
      const project = patch.projectKey!;
      const issue: StoredIssue = {
        id: String(next('issue', 10_000)),
        key: `${project}-${next(`project:${project}`, 0)}`,
        projectKey: project,
        issueType: patch.issueType ?? 'Task',
        summary: patch.summary ?? '',
        description: null,
        environment: null,
        status: 'To Do',
        priority: 'Medium',
        labels: [],
        components: [],
        duedate: null,
        assignee: null,
        reporter: user,
        creator: user,
        created: now,
        updated: now,
        resolution: null,
        resolutiondate: null,
        custom: {},
        changelog: [],
      };
      apply(issue, patch);
      state().issues.push(issue);
      changed();
      return issue;
    },
    update(idOrKey, patch, user) {
      const issue = find(idOrKey);
      record(issue, user, apply(issue, patch));
      return issue;
    },
    transition(idOrKey, transitionId, user, resolution) {
      const issue = find(idOrKey);
      const transition = TRANSITIONS.find((t) => t.id === transitionId && t.to !== issue.status);
      if (!transition) throw jiraError(400, `Transition id '${transitionId}' is not valid for this issue.`);
      if (resolution !== undefined && !(RESOLUTIONS as readonly string[]).includes(resolution))
        throw jiraError(
          400,
          `The resolution '${resolution}' does not exist. Use one of: ${RESOLUTIONS.join(', ')}.`,
        );
      const items: ChangeItem[] = [
        {
          field: 'status',
          fieldtype: 'jira',
          from: null,
          fromString: issue.status,
          to: null,
          toString: transition.to,
        },
      ];
      const nextResolution = transition.to === 'Done' ? (resolution ?? 'Done') : null;
      if (nextResolution !== issue.resolution)
        items.push({
          field: 'resolution',
          fieldtype: 'jira',
          from: null,
          fromString: issue.resolution,
          to: null,
          toString: nextResolution,
        });
      issue.status = transition.to;
      issue.resolution = nextResolution;
      issue.resolutiondate = nextResolution === null ? null : clock.now();
      record(issue, user, items);
      return issue;
    },
    comment(idOrKey, body, user) {
      const issue = find(idOrKey);
      const now = clock.now();
      const comment: StoredComment = {
        id: String(next('comment', 10_000)),
        issueId: issue.id,
        author: user,
        updateAuthor: user,
        body,
        created: now,
        updated: now,
      };
      state().comments.push(comment);
      issue.updated = now;
      changed();
      return comment;
    },
    attach(idOrKey, file, user) {
      const issue = find(idOrKey);
      const meta: StoredAttachment = {
        id: String(next('attachment', 10_000)),
        issueId: issue.id,
        filename: file.filename,
        mimeType: file.mimeType,
        size: file.bytes.length,
        author: user,
        created: clock.now(),
      };
      state().attachments.push(meta);
      state().files[meta.id] = Buffer.from(file.bytes).toString('base64');
      record(issue, user, [
        {
          field: 'Attachment',
          fieldtype: 'jira',
          from: null,
          fromString: null,
          to: meta.id,
          toString: meta.filename,
        },
      ]);
      return meta;
    },
    remove(idOrKey) {
      const issue = find(idOrKey);
      const s = state();
      s.issues = s.issues.filter((i) => i !== issue);
      s.comments = s.comments.filter((c) => c.issueId !== issue.id);
      for (const a of s.attachments.filter((x) => x.issueId === issue.id)) delete s.files[a.id];
      s.attachments = s.attachments.filter((a) => a.issueId !== issue.id);
      changed();
    },
    comments: (issueId) => state().comments.filter((c) => c.issueId === issueId),
    attachments: (issueId) => state().attachments.filter((a) => a.issueId === issueId),
    file(attachmentId) {
      const meta = state().attachments.find((a) => a.id === attachmentId);
      const content = state().files[attachmentId];
      if (!meta || content === undefined) return undefined;
      return { meta, bytes: new Uint8Array(Buffer.from(content, 'base64')) };
    },
  };
}
