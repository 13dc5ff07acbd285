export { createAdminHandlers, type AdminTarget } from './admin-handlers.ts';
export { createFakeState, type FakeControls, type FakeState, type FakeStateOptions } from './fake-state.ts';
export { basicCredentials, bearerKey, bearerToken, sameSecret } from './auth.ts';
export { createAccessTokens, type AccessTokens, type IssuedTokens } from './access-tokens.ts';
export { createExpressBridge, type BridgeOptions } from './express-bridge.ts';
export {
  createFaultRegistry,
  validateFaultSpec,
  type ActiveFault,
  type FaultRegistry,
  type FaultSpec,
} from './faults.ts';
export { hostProblem } from './host-check.ts';
export { HttpError, isHttpError } from './http-error.ts';
export { readJsonBody } from './json-body.ts';
export { jsonReply, type JsonReply, type JsonReplyInit } from './reply.ts';
export { isMediaType } from './media-type.ts';
export { isPrototypeKey, own } from './own.ts';
export { JSON_LIMITS, jsonNestingDepth, parseLimitedJson } from './json-limits.ts';
export { createJournal, type Journal, type RequestRecord } from './journal.ts';
export type { Json } from './json.ts';
export { createWriteBehind, type Persistence, type WriteBehind } from './persistence.ts';
export {
  createRateLimiter,
  validateRateLimit,
  type RateDecision,
  type RateLimit,
  type RateLimiter,
  type RateWindow,
} from './rate-limiter.ts';
export { createSeededRandom, type Random } from './seeded-random.ts';
export { listen, type Listening } from './serve.ts';
export {
  createVendorKit,
  originOf,
  type Method,
  type RouteContext,
  type RouteResolver,
  type VendorKit,
  type VendorKitOptions,
} from './vendor-kit.ts';
export type {
  CreateTenant,
  TenantOptions,
  RemoteAction,
  RemoteHandle,
  RemoteSettings,
  RemoteWiring,
  StartRemote,
  StartRemoteOptions,
} from './remote.ts';
export type {
  TicketView,
  Tone,
  ViewAction,
  ViewField,
  ViewInput,
  ViewOption,
  ViewSort,
} from './ticket-view.ts';
export type { CommonRemoteSettings } from './remote.ts';
export {
  actionVerb,
  defineRemoteKind,
  isRemoteKindDescriptor,
  REMOTE_VERBS,
  STANDARD_ACTIONS,
  standardActions,
  startRemoteKind,
  type RemoteCliContext,
  type RemoteCliOption,
  type RemoteCliServer,
  type RemoteKind,
  type RemoteVerb,
  type RecordView,
} from './remote-kind.ts';
export {
  createSeededFaker,
  defineFake,
  type Fake,
  type FakeContext,
  type FakeDefinition,
  type FakeFactory,
  type FakeOptions,
} from './define-fake.ts';
export { serveFakeRemote, type FakeRemoteParts, type ServableFake } from './fake-remote.ts';
