/**
 * The ticket tables ServiceNowv2 works with (incident, sc_task, sc_req_item, sn_si_incident, and
 * problem / change_request for its generic commands): their number prefix, their state machine and
 * the columns a new record has. The platform answers every column of a table, empty ones as "",
 * so a record the fake creates carries them all — an integration that reads `close_code` or
 * `sla_due` of a fresh ticket sees "" as it would on a real instance, not a missing key.
 */
import type { SnRecord } from './model.ts';

export interface TicketTable {
  /** Number prefix: INC0010001, SCTASK0010001, … */
  prefix: string;
  /** State of a new record. */
  newState: string;
  /** State `reopen` goes back to. */
  reopenState: string;
  /** State `close` sets (the table's "Closed" / "Closed Complete"). */
  closeState: string;
  /** State `resolve` sets; tables without a resolved state close instead. */
  resolveState: string;
  /** States that stamp resolved_at / resolved_by. */
  resolvedStates: readonly string[];
  /** States that stamp closed_at / closed_by. */
  closedStates: readonly string[];
  /** States in which the record is no longer active (active = "false"). */
  inactiveStates: readonly string[];
  /** Display values of `state`. */
  states: Readonly<Record<string, string>>;
  /** Columns beyond the ones every task has, with their defaults. */
  columns: Readonly<Record<string, string>>;
}

/** Columns every task-based table has (the `task` parent table), with the platform's defaults. */
const TASK_COLUMNS: Readonly<Record<string, string>> = Object.fromEntries([
  ...[
    'activity_due',
    'additional_assignee_list',
    'approval_history',
    'approval_set',
    'assigned_to',
    'assignment_group',
    'business_duration',
    'business_service',
    'calendar_duration',
    'close_notes',
    'closed_at',
    'closed_by',
    'cmdb_ci',
    'comments',
    'comments_and_work_notes',
    'company',
    'contact_type',
    'correlation_display',
    'correlation_id',
    'delivery_plan',
    'delivery_task',
    'description',
    'due_date',
    'expected_start',
    'follow_up',
    'group_list',
    'location',
    'order',
    'parent',
    'short_description',
    'sla_due',
    'sys_tags',
    'time_worked',
    'user_input',
    'watch_list',
    'work_end',
    'work_notes',
    'work_notes_list',
    'work_start',
  ].map((c) => [c, '']),
  ['active', 'true'],
  ['approval', 'not requested'],
  ['escalation', '0'],
  ['impact', '3'],
  ['knowledge', 'false'],
  ['made_sla', 'true'],
  ['priority', '4'],
  ['reassignment_count', '0'],
  ['sys_domain', 'global'],
  ['sys_domain_path', '/'],
  ['upon_approval', 'proceed'],
  ['upon_reject', 'cancel'],
  ['urgency', '3'],
]);

const CATALOG_STATES = {
  '-5': 'Pending',
  '1': 'Open',
  '2': 'Work in Progress',
  '3': 'Closed Complete',
  '4': 'Closed Incomplete',
  '7': 'Closed Skipped',
};

const catalogTable = (prefix: string, columns: Record<string, string> = {}): TicketTable => ({
  prefix,
  newState: '1',
  reopenState: '2',
  closeState: '3',
  resolveState: '3',
  resolvedStates: [],
  closedStates: ['3', '4', '7'],
  inactiveStates: ['3', '4', '7'],
  states: CATALOG_STATES,
  columns,
});

export const TICKET_TABLES: Readonly<Record<string, TicketTable>> = {
  incident: {
    prefix: 'INC',
    newState: '1',
    reopenState: '2',
    closeState: '7',
    resolveState: '6',
    resolvedStates: ['6', '7'],
    closedStates: ['7'],
    inactiveStates: ['7', '8'],
    states: {
      '1': 'New',
      '2': 'In Progress',
      '3': 'On Hold',
      '6': 'Resolved',
      '7': 'Closed',
      '8': 'Canceled',
    },
    columns: {
      business_impact: '',
      business_stc: '',
      calendar_stc: '',
      caller_id: '',
      category: 'inquiry',
      caused_by: '',
      child_incidents: '0',
      close_code: '',
      hold_reason: '',
      incident_state: '1',
      notify: '1',
      opened_by: '',
      parent_incident: '',
      priority: '5',
      problem_id: '',
      reopen_count: '0',
      reopened_by: '',
      reopened_time: '',
      resolved_at: '',
      resolved_by: '',
      rfc: '',
      severity: '3',
      subcategory: '',
    },
  },
  sc_task: catalogTable('SCTASK', { request: '', request_item: '', sc_catalog: '' }),
  sc_req_item: catalogTable('RITM', {
    cat_item: '',
    quantity: '1',
    request: '',
    stage: 'request_approved',
  }),
  sn_si_incident: {
    prefix: 'SIR',
    newState: '10',
    reopenState: '16',
    closeState: '3',
    resolveState: '3',
    resolvedStates: [],
    closedStates: ['3'],
    inactiveStates: ['3', '7'],
    states: {
      '10': 'Draft',
      '16': 'Analysis',
      '18': 'Contain',
      '19': 'Eradicate',
      '20': 'Recover',
      '100': 'Review',
      '3': 'Closed',
      '7': 'Cancelled',
    },
    columns: {
      affected_user: '',
      attack_vector: '',
      business_criticality: '',
      category: '',
      change_request: '',
      close_code: '',
      incident: '',
      opened_by: '',
      parent_security_incident: '',
      resolved_at: '',
      resolved_by: '',
      risk_score: '',
      severity: '3',
      subcategory: '',
      substate: '',
    },
  },
  problem: {
    prefix: 'PRB',
    newState: '1',
    reopenState: '1',
    closeState: '4',
    resolveState: '4',
    resolvedStates: ['4'],
    closedStates: ['4'],
    inactiveStates: ['4'],
    states: { '1': 'Open', '2': 'Known Error', '3': 'Pending Change', '4': 'Closed/Resolved' },
    columns: { known_error: 'false', opened_by: '', problem_state: '1', resolved_at: '', resolved_by: '' },
  },
  change_request: {
    prefix: 'CHG',
    newState: '-5',
    reopenState: '-5',
    closeState: '3',
    resolveState: '3',
    resolvedStates: [],
    closedStates: ['3', '4'],
    inactiveStates: ['3', '4'],
    states: {
      '-5': 'New',
      '-4': 'Assess',
      '-3': 'Authorize',
      '-2': 'Scheduled',
      '-1': 'Implement',
      '0': 'Review',
      '3': 'Closed',
      '4': 'Canceled',
    },
    columns: { close_code: '', opened_by: '', risk: '3', type: 'normal' },
  },
};

/** Every column of a new ticket of this table, with its default. */
export function ticketDefaults(table: TicketTable): SnRecord {
  return { ...TASK_COLUMNS, ...table.columns, state: table.newState };
}

/**
 * The incident priority lookup (Impact × Urgency): 1/1 → 1 Critical … 3/3 → 5 Planning, as the
 * platform's default priority data lookup computes it.
 */
export function incidentPriority(impact: string, urgency: string): string | undefined {
  const i = Number(impact);
  const u = Number(urgency);
  if (![1, 2, 3].includes(i) || ![1, 2, 3].includes(u)) return undefined;
  return String(i + u - 1);
}
