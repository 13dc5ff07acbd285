/**
 * The ServiceNow fake's data: tables of records whose values are strings, as the Table API stores
 * and returns them (times `YYYY-MM-DD HH:MM:SS` UTC, booleans "true"/"false", references as the
 * referenced sys_id). Journal entries and attachment metadata are tables too, as on the platform.
 */
import { TICKET_TABLES } from './tables.ts';
import { own } from '../../shared/index.ts';

export type SnRecord = Record<string, string>;

export interface ServicenowState {
  /** table name → records in creation order. */
  tables: Record<string, SnRecord[]>;
  /** attachment sys_id → base64 content. */
  files: Record<string, string>;
  /** Next number per prefix (INC, TASK, RITM, SIR). */
  counters: Record<string, number>;
}

export const JOURNAL_TABLE = 'sys_journal_field';
export const ATTACHMENT_TABLE = 'sys_attachment';
export const USER_TABLE = 'sys_user';
export const GROUP_TABLE = 'sys_user_group';

/** Fields holding a sys_id of another table (rendered as `{link, value}`). */
export const REFERENCE_FIELDS: Readonly<Record<string, string>> = {
  assigned_to: USER_TABLE,
  caller_id: USER_TABLE,
  opened_by: USER_TABLE,
  closed_by: USER_TABLE,
  resolved_by: USER_TABLE,
  reopened_by: USER_TABLE,
  affected_user: USER_TABLE,
  assignment_group: GROUP_TABLE,
  // The platform stores the global domain as a sys_user_group reference whose value is "global".
  sys_domain: GROUP_TABLE,
  parent_incident: 'incident',
  problem_id: 'problem',
  rfc: 'change_request',
  cmdb_ci: 'cmdb_ci',
  business_service: 'cmdb_ci_service',
  company: 'core_company',
  location: 'cmn_location',
};

/** Write-only journal fields: writing them adds a sys_journal_field entry; reading gives "". */
export const JOURNAL_FIELDS = ['comments', 'work_notes'] as const;

/** How the activity stream labels each journal field in its display value. */
export const JOURNAL_LABELS: Readonly<Record<string, string>> = {
  comments: 'Additional comments',
  work_notes: 'Work notes',
};

/** Choice labels of the choice fields other than `state` (whose labels depend on the table). */
export const CHOICES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  state: TICKET_TABLES.incident!.states,
  incident_state: TICKET_TABLES.incident!.states,
  impact: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
  urgency: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
  severity: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
  priority: {
    '1': '1 - Critical',
    '2': '2 - High',
    '3': '3 - Moderate',
    '4': '4 - Low',
    '5': '5 - Planning',
  },
  notify: { '1': 'Do Not Notify', '2': 'Send Email', '3': 'Telephone' },
  escalation: { '0': 'Normal', '1': 'Moderate', '2': 'High', '3': 'Overdue' },
};

/** The display value of a choice field of a table's record (the raw value when it has no label). */
export function choiceLabel(table: string, field: string, value: string): string {
  if (field === 'state' || (field === 'incident_state' && table === 'incident'))
    return own(own(TICKET_TABLES, table)?.states ?? {}, value) ?? own(CHOICES.state ?? {}, value) ?? value;
  return own(own(CHOICES, field) ?? {}, value) ?? value;
}

/** The raw value of a choice label (for `sysparm_input_display_value=true`), if it is one. */
export function choiceValue(table: string, field: string, label: string): string | undefined {
  const labels =
    field === 'state' ? (own(TICKET_TABLES, table)?.states ?? CHOICES.state) : own(CHOICES, field);
  if (!labels) return undefined;
  const wanted = label.trim().toLowerCase();
  return Object.entries(labels).find(([, l]) => l.toLowerCase() === wanted)?.[0];
}

export function emptyState(): ServicenowState {
  return { tables: {}, files: {}, counters: {} };
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, ServiceNow's stored time format. */
export function snTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
