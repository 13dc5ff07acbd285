/**
 * The model API's issue input (tests, seeding, scenario actions): plain values rather than the
 * REST shapes — text instead of ADF, names instead of `{name}` objects — turned into the same
 * patch the REST routes build, so both paths share the book's rules.
 */
import { toAdf } from './adf.ts';
import { fieldError } from './errors.ts';
import type { IssuePatch } from './fields-input.ts';
import { ISSUE_TYPES, PRIORITIES, type JiraState, type StatusName } from './model.ts';

export interface IssueInput {
  summary?: string;
  description?: string;
  /** Project key (default: the site's first project). */
  project?: string;
  issueType?: string;
  priority?: string;
  labels?: string[];
  /** Account id. */
  assignee?: string | null;
  duedate?: string | null;
  /** Starting status (create) — set through the workflow, as a user would. */
  status?: StatusName;
  resolution?: string;
  /** Custom field values by id (customfield_10010). */
  custom?: Record<string, unknown>;
}

const KNOWN = new Set([
  'summary',
  'description',
  'project',
  'issueType',
  'priority',
  'labels',
  'assignee',
  'duedate',
  'status',
  'resolution',
  'custom',
]);

export function fromIssueInput(input: IssueInput, state: JiraState): IssuePatch {
  const unknown = Object.keys(input).find((k) => !KNOWN.has(k));
  if (unknown)
    throw fieldError(unknown, `jira: unknown issue field "${unknown}"; use ${[...KNOWN].join(', ')}`);
  if (input.priority !== undefined && !(PRIORITIES as readonly string[]).includes(input.priority))
    throw fieldError('priority', `jira: priority must be one of ${PRIORITIES.join(', ')}`);
  if (input.issueType !== undefined && !(ISSUE_TYPES as readonly string[]).includes(input.issueType))
    throw fieldError('issuetype', `jira: issue type must be one of ${ISSUE_TYPES.join(', ')}`);
  if (input.project !== undefined && !state.projects.some((p) => p.key === input.project))
    throw fieldError(
      'project',
      `jira: no project "${input.project}"; projects: ${state.projects.map((p) => p.key).join(', ')}`,
    );
  if (input.assignee && !state.users.some((u) => u.accountId === input.assignee))
    throw fieldError('assignee', `jira: no user with account id "${input.assignee}"`);
  for (const id of Object.keys(input.custom ?? {}))
    if (!state.customFields.some((f) => f.id === id)) throw fieldError(id, `jira: no custom field "${id}"`);
  return {
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.description !== undefined ? { description: toAdf(input.description) } : {}),
    ...(input.issueType !== undefined ? { issueType: input.issueType } : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.labels !== undefined ? { labels: input.labels } : {}),
    ...(input.assignee !== undefined ? { assignee: input.assignee } : {}),
    ...(input.duedate !== undefined ? { duedate: input.duedate } : {}),
    ...(input.custom !== undefined ? { custom: input.custom } : {}),
  };
}
