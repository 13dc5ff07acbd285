/**
 * The Zendesk fake: the Support API v2 subset Zendesk v2 uses, built with the kit's defineFake.
 * - `createZendesk(options)` → `Zendesk`: `handlers` (msw), `app()` (express), `tickets` (list /
 *   get / create / update / comment / attach / remove / comments / attachments), and the kit's
 *   controls (faults, setRateLimit, journal, snapshot, restore, reset, flush, seed).
 * - `parseSearch` / `matchesSearch`: Zendesk's search syntax, pure.
 * - `zendeskKind`: its registry descriptor.
 */
export {
  createZendesk,
  DEFAULT_API_TOKEN,
  DEFAULT_BASE_URL,
  DEFAULT_EMAIL,
  type Zendesk,
  type ZendeskOptions,
} from './create-zendesk.ts';
export { matchesSearch, parseSearch, timeRange, type SearchQuery, type Term } from './search.ts';
export { STATUSES, PRIORITIES, TICKET_TYPES, zdTime, type ZendeskState, type ZdTicket } from './model.ts';
export { zendeskKind } from './kind.ts';
