/**
 * The ServiceNow fake: the Table API subset ServiceNow v2 uses (incident, sc_task, sc_req_item,
 * sn_si_incident and any other table, generically), sys_journal_field, the Attachment API, basic
 * auth and OAuth, 429s, faults and the shared admin API.
 *
 * - `createServicenow(options)` → `Servicenow`: `baseUrl`, `username`, `password`, `oauth`,
 *   `handlers` (msw, for setupServer), `app()` (express, for `listen`), `records` (list / get /
 *   create / update / close / resolve / reopen / remove / comment / journal / attach / attachments),
 *   and the shared controls (`faults`, `setRateLimit`, `journal()`, `snapshot()`, `restore()`,
 *   `reset()`, `flush()`).
 * - `parseQuery` / `runQuery` / `matches` / `withEquals`: encoded queries, pure.
 * - `renderRecord` / `displayMode` / `journalText` / `fromDisplayValues`: display values, pure
 *   over a record book.
 * - `TICKET_TABLES`, `CHOICES`, `snTime`: table state machines, choice labels, the stored time format.
 */
export {
  createServicenow,
  DEFAULT_BASE_URL,
  DEFAULT_PASSWORD,
  DEFAULT_USERNAME,
  type Servicenow,
  type ServicenowOptions,
} from './create-servicenow.ts';
export { API_PREFIXES } from './api-handlers.ts';
export {
  parseQuery,
  runQuery,
  matches,
  withEquals,
  type Condition,
  type EncodedQuery,
  type Operator,
} from './query.ts';
export {
  renderRecord,
  displayMode,
  journalText,
  fromDisplayValues,
  type DisplayMode,
  type RenderOptions,
} from './display.ts';
export { createRecordBook, notFound, type RecordBook } from './book.ts';
export { CHOICES, emptyState, snTime, type ServicenowState, type SnRecord } from './model.ts';
export { TICKET_TABLES, incidentPriority, type TicketTable } from './tables.ts';
export type { OAuthClient } from './auth.ts';
export { servicenowKind } from './kind.ts';
export type { ActiveFault, FaultSpec, RateLimit, RequestRecord } from '../../shared/index.ts';
