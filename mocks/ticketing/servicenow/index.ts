export {
  createServicenow,
  DEFAULT_BASE_URL,
  DEFAULT_PASSWORD,
  DEFAULT_USERNAME,
  type Servicenow,
  type ServicenowOptions,
} from './create-servicenow.ts';
export { API_PREFIXES } from './api-handlers.ts';
export { parseQuery, runQuery, matches, type Condition, type EncodedQuery, type Operator } from './query.ts';
export { renderRecord, displayMode, type DisplayMode } from './display.ts';
export { CHOICES, snTime, type ServicenowState, type SnRecord } from './model.ts';
export type { OAuthClient } from './auth.ts';
export type { ActiveFault, FaultSpec, RateLimit, RequestRecord } from '../../shared/index.ts';
