/**
 * Stored records as the REST API shows them, in the requesting user's time zone. Keys follow what
 * Jira V3 reads (JiraV3.py: `JiraIssueFieldsParser`, `create_incident_from_issue`,
 * `get_remote_data_command`, `extract_comment_entry_from_raw_response`): `id`, `key`, `self`,
 * `fields.{summary,status.name,priority.name,project.name,created,updated,lastViewed,resolutiondate,
 * reporter.displayName/emailAddress,attachment[].{id,filename,created,size},…}`, `renderedFields`,
 * `names` (custom field id → name) and `transitions` when expanded. Description and comment bodies
 * are ADF in v3 and plain text in v2.
 */
import type { RouteContext } from '../../shared/index.ts';
import { fromAdf, toRenderedHtml, type AdfDoc } from './adf.ts';
import type { ApiVersion } from './fields-input.ts';
import type { JqlIssue } from './jql.ts';
import {
  idOf,
  ISSUE_TYPES,
  PRIORITIES,
  RESOLUTIONS,
  STATUSES,
  TRANSITIONS,
  type JiraState,
  type JiraUser,
  type StatusName,
  type StoredAttachment,
  type StoredComment,
  type StoredIssue,
} from './model.ts';
import { toJiraTime } from './zone-time.ts';

export interface View {
  /** `<origin><site prefix>/rest/api/<version>`. */
  api: string;
  version: ApiVersion;
  zone: string;
  state: JiraState;
}

/** Where one set of routes is mounted (`…/rest/api/3`) and how its answers are viewed. */
export interface Mount {
  api: string;
  view(ctx: RouteContext): View;
}

const body = (doc: AdfDoc | null, v: ApiVersion) => (doc === null ? null : v === '3' ? doc : fromAdf(doc));

export function renderUser(view: View, accountId: string | null) {
  if (accountId === null) return null;
  const u = view.state.users.find((x) => x.accountId === accountId);
  return {
    self: `${view.api}/user?accountId=${accountId}`,
    accountId,
    accountType: 'atlassian',
    emailAddress: u?.emailAddress ?? '',
    displayName: u?.displayName ?? accountId,
    active: u?.active ?? false,
    timeZone: u?.timeZone ?? 'UTC',
  };
}

export const renderMyself = (view: View, u: JiraUser) => ({
  ...renderUser(view, u.accountId),
  locale: 'en_US',
});

export function renderStatus(view: View, name: StatusName) {
  const s = STATUSES[name];
  return {
    self: `${view.api}/status/${s.id}`,
    id: s.id,
    name,
    statusCategory: { self: `${view.api}/statuscategory/${s.category.id}`, ...s.category },
  };
}

export function renderTransitions(view: View, issue: StoredIssue) {
  return TRANSITIONS.filter((t) => t.to !== issue.status).map((t) => ({
    id: t.id,
    name: t.name,
    to: renderStatus(view, t.to),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  }));
}

export function renderAttachment(view: View, a: StoredAttachment) {
  return {
    self: `${view.api}/attachment/${a.id}`,
    id: a.id,
    filename: a.filename,
    author: renderUser(view, a.author),
    created: toJiraTime(a.created, view.zone),
    size: a.size,
    mimeType: a.mimeType,
    content: `${view.api}/attachment/content/${a.id}`,
  };
}

export function renderComment(view: View, issueId: string, c: StoredComment, rendered: boolean) {
  return {
    self: `${view.api}/issue/${issueId}/comment/${c.id}`,
    id: c.id,
    author: renderUser(view, c.author),
    body: body(c.body, view.version),
    ...(rendered ? { renderedBody: toRenderedHtml(c.body) } : {}),
    updateAuthor: renderUser(view, c.updateAuthor),
    created: toJiraTime(c.created, view.zone),
    updated: toJiraTime(c.updated, view.zone),
    jsdPublic: true,
  };
}

const named = (view: View, kind: string, list: readonly string[], name: string | null) =>
  name === null ? null : { self: `${view.api}/${kind}/${idOf(list, name)}`, id: idOf(list, name), name };

export function fieldNames(state: JiraState): Record<string, string> {
  return {
    summary: 'Summary',
    status: 'Status',
    priority: 'Priority',
    project: 'Project',
    issuetype: 'Issue Type',
    description: 'Description',
    created: 'Created',
    updated: 'Updated',
    resolution: 'Resolution',
    resolutiondate: 'Resolved',
    labels: 'Labels',
    assignee: 'Assignee',
    reporter: 'Reporter',
    attachment: 'Attachment',
    comment: 'Comment',
    ...Object.fromEntries(state.customFields.map((f) => [f.id, f.name])),
  };
}

export function renderIssue(view: View, issue: StoredIssue, expand: ReadonlySet<string>) {
  const { state, zone } = view;
  const project = state.projects.find((p) => p.key === issue.projectKey)!;
  const comments = state.comments.filter((c) => c.issueId === issue.id);
  const time = (ms: number | null) => (ms === null ? null : toJiraTime(ms, zone));
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${view.api}/issue/${issue.id}`,
    key: issue.key,
    fields: {
      summary: issue.summary,
      description: body(issue.description, view.version),
      environment: body(issue.environment, view.version),
      status: renderStatus(view, issue.status),
      priority: named(view, 'priority', PRIORITIES, issue.priority),
      issuetype: { ...named(view, 'issuetype', ISSUE_TYPES, issue.issueType), subtask: false },
      project: {
        self: `${view.api}/project/${project.id}`,
        id: project.id,
        key: project.key,
        name: project.name,
      },
      resolution: named(view, 'resolution', RESOLUTIONS, issue.resolution),
      resolutiondate: time(issue.resolutiondate),
      created: time(issue.created),
      updated: time(issue.updated),
      lastViewed: null,
      duedate: issue.duedate,
      labels: issue.labels,
      components: issue.components.map((name) => ({ name })),
      subtasks: [],
      assignee: renderUser(view, issue.assignee),
      reporter: renderUser(view, issue.reporter),
      creator: renderUser(view, issue.creator),
      attachment: state.attachments
        .filter((a) => a.issueId === issue.id)
        .map((a) => renderAttachment(view, a)),
      comment: {
        comments: comments.map((c) => renderComment(view, issue.id, c, false)),
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      },
      ...Object.fromEntries(state.customFields.map((f) => [f.id, issue.custom[f.id] ?? null])),
    },
    ...(expand.has('renderedFields')
      ? {
          renderedFields: {
            description: toRenderedHtml(issue.description),
            environment: toRenderedHtml(issue.environment),
            created: time(issue.created),
            updated: time(issue.updated),
          },
        }
      : {}),
    ...(expand.has('names') ? { names: fieldNames(state) } : {}),
    ...(expand.has('transitions') ? { transitions: renderTransitions(view, issue) } : {}),
    ...(expand.has('changelog')
      ? {
          changelog: {
            startAt: 0,
            maxResults: issue.changelog.length,
            total: issue.changelog.length,
            histories: issue.changelog.map((h) => ({
              id: h.id,
              author: renderUser(view, h.author),
              created: toJiraTime(h.created, zone),
              items: h.items,
            })),
          },
        }
      : {}),
  };
}

/** What JQL sees of an issue: names compare against every alias Jira accepts. */
export function toJqlIssue(state: JiraState, issue: StoredIssue): JqlIssue {
  const project = state.projects.find((p) => p.key === issue.projectKey);
  const person = (id: string | null) => {
    const u = state.users.find((x) => x.accountId === id);
    return id === null ? [] : [id, ...(u ? [u.displayName, u.emailAddress] : [])];
  };
  const status = STATUSES[issue.status];
  return {
    id: Number(issue.id),
    key: issue.key,
    names: {
      project: project ? [project.key, project.name, project.id] : [issue.projectKey],
      status: [issue.status, status.id],
      statuscategory: [status.category.name, status.category.key],
      priority: [issue.priority, idOf(PRIORITIES, issue.priority)],
      issuetype: [issue.issueType],
      type: [issue.issueType],
      resolution: issue.resolution === null ? [] : [issue.resolution],
      assignee: person(issue.assignee),
      reporter: person(issue.reporter),
    },
    texts: {
      summary: issue.summary,
      description: fromAdf(issue.description),
      text: `${issue.summary}\n${fromAdf(issue.description)}`,
    },
    dates: {
      created: issue.created,
      createddate: issue.created,
      updated: issue.updated,
      updateddate: issue.updated,
      resolved: issue.resolutiondate,
      resolutiondate: issue.resolutiondate,
      duedate: issue.duedate === null ? null : Date.parse(`${issue.duedate}T00:00:00Z`),
    },
    labels: issue.labels,
    ranks: {
      priority: PRIORITIES.length - PRIORITIES.indexOf(issue.priority as (typeof PRIORITIES)[number]),
      status: Object.keys(STATUSES).indexOf(issue.status),
    },
  };
}

/** The values JQL may name for the site's fixed fields (checkJqlValues). */
export function knownJqlValues(state: JiraState) {
  const statuses = Object.entries(STATUSES);
  return {
    project: state.projects.flatMap((p) => [p.key, p.name, p.id]),
    status: statuses.flatMap(([name, s]) => [name, s.id]),
    statuscategory: statuses.flatMap(([, s]) => [s.category.name, s.category.key]),
    priority: PRIORITIES.flatMap((p) => [p, idOf(PRIORITIES, p)]),
    issuetype: [...ISSUE_TYPES],
    type: [...ISSUE_TYPES],
    resolution: [...RESOLUTIONS],
  };
}
