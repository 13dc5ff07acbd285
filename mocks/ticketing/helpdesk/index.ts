export {
  createHelpdesk,
  DEFAULT_API_KEY,
  DEFAULT_BASE_URL,
  type Helpdesk,
  type HelpdeskOptions,
  type ListFilter,
} from './create-helpdesk.ts';
export { buildTicket, createSeededFaker } from './build-ticket.ts';
export { API_PREFIX } from './api-handlers.ts';
export { SEVERITIES, STATUSES } from './model.ts';
export { HELPDESK_TICKET_VIEW } from './ticket-view.ts';
export type {
  Attachment,
  AttachmentInput,
  Comment,
  CommentInput,
  HelpdeskState,
  Ticket,
  TicketInput,
  TicketPatch,
  TicketSeverity,
  TicketStatus,
} from './model.ts';
export type { TicketFilter } from './query.ts';
export { helpdeskKind } from './kind.ts';
export type { ActiveFault, FaultSpec, RateLimit, RequestRecord } from '../../shared/index.ts';
