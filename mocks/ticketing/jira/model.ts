/**
 * The Jira fake's stored state (JSON-serialisable, as /admin/snapshot returns it) and the fixed
 * parts of the site: the simplified workflow, priorities, resolutions, issue types.
 */
import type { AdfDoc } from './adf.ts';

export interface JiraUser {
  accountId: string;
  emailAddress: string;
  displayName: string;
  /** IANA zone: REST timestamps and JQL dates are in it (Jira V3's `get_user_timezone` reads it from /myself). */
  timeZone: string;
  active: boolean;
  /** Basic auth secret (email + API token); only the site's users with a token can call the API. */
  apiToken?: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
}

export interface CustomField {
  id: string;
  name: string;
  /** The field schema's type (`string`, `number`, `array`, `option`, `date`…). */
  type: 'string' | 'number' | 'array' | 'date';
  description?: string;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface StoredIssue {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  summary: string;
  description: AdfDoc | null;
  environment: AdfDoc | null;
  status: StatusName;
  priority: string;
  labels: string[];
  components: string[];
  duedate: string | null;
  assignee: string | null;
  reporter: string;
  creator: string;
  created: number;
  updated: number;
  resolution: string | null;
  resolutiondate: number | null;
  custom: Record<string, unknown>;
  changelog: { id: string; author: string; created: number; items: ChangeItem[] }[];
}

export interface StoredComment {
  id: string;
  issueId: string;
  author: string;
  updateAuthor: string;
  body: AdfDoc;
  created: number;
  updated: number;
}

export interface StoredAttachment {
  id: string;
  issueId: string;
  filename: string;
  mimeType: string;
  size: number;
  author: string;
  created: number;
}

export interface JiraState {
  issues: StoredIssue[];
  comments: StoredComment[];
  attachments: StoredAttachment[];
  /** Attachment bytes, base64, by attachment id. */
  files: Record<string, string>;
  users: JiraUser[];
  projects: JiraProject[];
  customFields: CustomField[];
  /** Next ids: issue, comment, attachment, history, and per-project issue numbers. */
  counters: Record<string, number>;
}

export const emptyState = (): JiraState => ({
  issues: [],
  comments: [],
  attachments: [],
  files: {},
  users: [],
  projects: [],
  customFields: [],
  counters: {},
});

// ---- the simplified (team-managed) workflow: any status to any other, transitions named after
// their target status — which Jira V3's `update_remote_system_command` relies on: it applies the
// transition whose *name* equals the new status (`apply_issue_transition`).

export const STATUSES = {
  'To Do': { id: '10000', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  'In Progress': {
    id: '3',
    category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  },
  Done: { id: '10001', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
} as const;
export type StatusName = keyof typeof STATUSES;

export const TRANSITIONS: readonly { id: string; name: string; to: StatusName }[] = [
  { id: '11', name: 'To Do', to: 'To Do' },
  { id: '21', name: 'In Progress', to: 'In Progress' },
  { id: '31', name: 'Done', to: 'Done' },
];

export const RESOLUTIONS = ['Done', "Won't Do", 'Duplicate', 'Cannot Reproduce'] as const;
export const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'] as const;
export const ISSUE_TYPES = ['Task', 'Bug', 'Story', 'Epic'] as const;

export const idOf = (list: readonly string[], name: string) => String(list.indexOf(name) + 1);
