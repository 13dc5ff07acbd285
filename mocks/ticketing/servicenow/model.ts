/**
 * The ServiceNow fake's data: tables of records whose values are strings, as the Table API stores
 * and returns them (times `YYYY-MM-DD HH:MM:SS` UTC, booleans "true"/"false", references as the
 * referenced sys_id). Journal entries and attachment metadata are tables too, as on the platform.
 */
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

/** Ticket tables with numbers (the ones ServiceNowv2 mirrors). */
export const NUMBER_PREFIX: Readonly<Record<string, string>> = {
  incident: 'INC',
  sc_task: 'SCTASK',
  sc_req_item: 'RITM',
  sn_si_incident: 'SIR',
  problem: 'PRB',
  change_request: 'CHG',
};

/** Fields holding a sys_id of another table. */
export const REFERENCE_FIELDS: Readonly<Record<string, string>> = {
  assigned_to: USER_TABLE,
  caller_id: USER_TABLE,
  opened_by: USER_TABLE,
  closed_by: USER_TABLE,
  resolved_by: USER_TABLE,
  assignment_group: GROUP_TABLE,
};

/** Write-only journal fields: writing them adds a sys_journal_field entry; reading gives "". */
export const JOURNAL_FIELDS = ['comments', 'work_notes'] as const;

/** Incident choice labels (the display values of choice fields). */
export const CHOICES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  state: {
    '1': 'New',
    '2': 'In Progress',
    '3': 'On Hold',
    '6': 'Resolved',
    '7': 'Closed',
    '8': 'Canceled',
  },
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
};

export const RESOLVED_STATE = '6';
export const CLOSED_STATE = '7';
export const IN_PROGRESS_STATE = '2';

export function emptyState(): ServicenowState {
  return { tables: {}, files: {}, counters: {} };
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, ServiceNow's stored time format. */
export function snTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
