/**
 * The ServiceNow fake: a stateful Table API behind one msw handler set, served in-process or over
 * express. Composition root of the record book, authentication, the shared vendor pipeline and
 * persistence.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { RequestHandler } from 'msw';
import type { Clock } from '../../../harness/core/index.ts';
import {
  createAdminHandlers,
  createExpressBridge,
  createSeededRandom,
  createVendorKit,
  createFakeState,
  type FakeControls,
  HttpError,
  own,
  readJsonBody,
  type RateLimit,
} from '../../shared/index.ts';
import { createApiHandlers } from './api-handlers.ts';
import { createAuthenticator, type OAuthClient } from './auth.ts';
import { createRecordBook, type RecordBook } from './book.ts';
import {
  ATTACHMENT_TABLE,
  emptyState,
  GROUP_TABLE,
  JOURNAL_TABLE,
  USER_TABLE,
  type ServicenowState,
  type SnRecord,
} from './model.ts';
import { parseQuery, runQuery } from './query.ts';
import { buildGroups, buildIncidentFields, buildUsers, createSeededFaker } from './seed.ts';
import { TICKET_TABLES, type TicketTable } from './tables.ts';

export const DEFAULT_BASE_URL = 'http://servicenow.test';
export const DEFAULT_USERNAME = 'admin';
export const DEFAULT_PASSWORD = 'servicenow-dev-password';

export interface ServicenowOptions {
  clock: Clock;
  baseUrl?: string;
  username?: string;
  password?: string;
  /** OAuth client for `POST /oauth_token.do`; off when absent. */
  oauth?: OAuthClient;
  /** Faker seed (default 1). */
  seed?: number;
  /** Incidents to generate, or explicit incident records, when there is no persisted state. */
  tickets?: number | Record<string, unknown>[];
  rateLimit?: RateLimit;
  /** Requests the request journal keeps (default 50,000): the newest, trimmed in batches. */
  journalCapacity?: number;
  persistence?: { read(): Promise<ServicenowState | null>; write(s: ServicenowState): Promise<void> };
  /** The `/admin` API's token (X-Admin-Token); default a random one, read it from `adminToken`. */
  adminToken?: string;
}

export interface Servicenow extends FakeControls<ServicenowState> {
  readonly baseUrl: string;
  /** What `/admin` requests send as X-Admin-Token. */
  readonly adminToken: string;
  readonly username: string;
  readonly password: string;
  readonly oauth: OAuthClient | null;
  readonly handlers: RequestHandler[];
  app(): Express;
  /**
   * The records as stored (raw values), for tests and scenario steps. Writes go through the same
   * book as the API (stamping, journal, state machine), as the fake's own user unless `user` is given.
   */
  records: {
    /** A table's records (default incident), optionally filtered by an encoded query. */
    list(table?: string, query?: string): SnRecord[];
    get(table: string, sysId: string): SnRecord | undefined;
    create(table: string, fields: Record<string, unknown>, user?: string): SnRecord;
    update(table: string, sysId: string, fields: Record<string, unknown>, user?: string): SnRecord;
    /**
     * The table's closed state (incident 7, sc_task/sc_req_item/sn_si_incident 3) with close_code /
     * close_notes; `resolve: true` is the same as resolve().
     */
    close(
      table: string,
      sysId: string,
      close?: { code?: string; notes?: string; resolve?: boolean },
    ): SnRecord;
    /** The table's resolved state (incident 6; tables without one close) with close_code / close_notes. */
    resolve(table: string, sysId: string, close?: { code?: string; notes?: string }): SnRecord;
    /** Back to the table's working state (incident 2 In Progress), clearing resolved/closed stamps. */
    reopen(table: string, sysId: string): SnRecord;
    remove(table: string, sysId: string): void;
    /** An additional comment, or a work note with `workNote`. */
    comment(
      table: string,
      sysId: string,
      input: { body: string; author?: string; workNote?: boolean },
    ): SnRecord;
    /** Journal entries (comments and work notes) of a record, oldest first. */
    journal(table: string, sysId: string): SnRecord[];
    attach(
      table: string,
      sysId: string,
      file: { name: string; content: string | Uint8Array; contentType?: string },
    ): SnRecord;
    attachments(table: string, sysId: string): SnRecord[];
  };
}

function checkState(value: unknown): asserts value is ServicenowState {
  const s = value as ServicenowState;
  if (typeof s !== 'object' || s === null || typeof s.tables !== 'object' || typeof s.files !== 'object')
    throw new HttpError(
      400,
      'Invalid state',
      'servicenow: a state is { tables, files, counters } as /admin/snapshot returns it',
    );
}

export async function createServicenow(options: ServicenowOptions): Promise<Servicenow> {
  const { clock } = options;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const username = options.username ?? DEFAULT_USERNAME;
  const password = options.password ?? DEFAULT_PASSWORD;
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const random = createSeededRandom(options.seed ?? 1);
  const randomHex = () => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');

  const box = createFakeState<ServicenowState>({
    empty: emptyState,
    check: checkState,
    persistence: options.persistence,
    clock,
    rateLimit: options.rateLimit ?? null,
    journalCapacity: options.journalCapacity,
  });
  const { journal, faults, rateLimiter } = box;
  const book: RecordBook = createRecordBook(box.get, clock, randomHex, box.changed);
  const auth = createAuthenticator({
    users: () => {
      const users: Record<string, string> = { [username]: password };
      return users;
    },
    oauth: () => options.oauth ?? null,
    clock,
    randomHex,
  });

  const { atomically } = box;

  function seed(request: unknown): string[] {
    const r = (request ?? {}) as Record<string, unknown>;
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      throw new HttpError(
        400,
        'Invalid seed',
        'servicenow: the body must be a JSON object such as { "n": 20, "seed": 42 }',
      );
    const unknown = Object.keys(r).filter((k) => !['tickets', 'n', 'seed'].includes(k));
    if (
      unknown.length ||
      (r.tickets !== undefined && !Array.isArray(r.tickets)) ||
      (r.n !== undefined && !Number.isInteger(r.n))
    )
      throw new HttpError(
        400,
        'Invalid seed',
        `servicenow: failed to seed incidents: ${unknown.length ? `unknown field "${unknown[0]}"` : '"tickets" must be a list and "n" an integer'}. Example: { "n": 20, "seed": 42 } or { "tickets": [{ "short_description": "VPN down" }] }.`,
      );
    return atomically(() => {
      const faker = createSeededFaker((r.seed as number | undefined) ?? options.seed ?? 1);
      if (book.list(USER_TABLE).length === 0) {
        book.create(
          USER_TABLE,
          { user_name: username, name: 'System Administrator', email: `${username}@example.com` },
          'system',
        );
        for (const u of buildUsers(faker, 5)) book.create(USER_TABLE, u, 'system');
        for (const g of buildGroups(faker)) book.create(GROUP_TABLE, g, 'system');
      }
      const ids = ((r.tickets as Record<string, unknown>[] | undefined) ?? []).map(
        (t) => book.create('incident', t, String(t.sys_created_by ?? username)).sys_id!,
      );
      for (let i = 0; i < ((r.n as number | undefined) ?? 0); i++)
        ids.push(
          book.create(
            'incident',
            buildIncidentFields(faker, clock.now(), book.list(USER_TABLE), book.list(GROUP_TABLE)),
            username,
          ).sys_id!,
        );
      return ids;
    });
  }

  const loaded = await box.load();
  if (!loaded) {
    const t = options.tickets;
    seed(typeof t === 'number' ? { n: t } : { tickets: t ?? [] });
  }
  box.seal(loaded);

  const kit = createVendorKit({
    baseUrl,
    clock,
    journal,
    faults,
    rateLimiter,
    apiKey: () => '',
    authenticate: (request) => auth.authenticate(request),
    // ServiceNow's rate-limit headers: X-RateLimit-Limit, X-RateLimit-Reset (Unix seconds) and the
    // rule's sys_id on every answer a rule covers; Retry-After on the 429. It sends no "Remaining".
    rateLimitHeaders: (window) => rateLimitHeaders(window.limit, window.resetAtMs),
    rateLimited: (retryAfter, window) =>
      new HttpError(429, 'Too Many Requests', `Rate limit exceeded: retry after ${retryAfter} seconds`, {
        'Retry-After': String(retryAfter),
        ...rateLimitHeaders(window.limit, window.resetAtMs),
      }),
    // HttpError's code is ServiceNow's `message`, its message the `detail`.
    errorBody: (message, detail) => ({ error: { message, detail }, status: 'failure' }),
  });

  const ticketTable = (table: string): TicketTable => {
    const config = own(TICKET_TABLES, table);
    if (!config)
      throw new HttpError(
        400,
        'Invalid table',
        `servicenow: "${table}" has no state machine; close, resolve and reopen work on ${Object.keys(TICKET_TABLES).join(', ')}`,
      );
    return config;
  };
  const closeWith = (table: string, sysId: string, state: string, close: { code?: string; notes?: string }) =>
    book.update(
      table,
      sysId,
      {
        state,
        close_code: close.code ?? 'Solved (Permanently)',
        close_notes: close.notes ?? 'Closed in ServiceNow',
      },
      username,
    );

  const records: Servicenow['records'] = {
    list: (table = 'incident', query) =>
      query === undefined ? book.list(table) : runQuery(book.list(table), parseQuery(query)),
    get: (table, sysId) => book.get(table, sysId),
    create: (table, fields, user = username) => book.create(table, fields, user),
    update: (table, sysId, fields, user = username) => book.update(table, sysId, fields, user),
    close: (table, sysId, close = {}) => {
      const config = ticketTable(table);
      return closeWith(table, sysId, close.resolve ? config.resolveState : config.closeState, close);
    },
    resolve: (table, sysId, close = {}) => closeWith(table, sysId, ticketTable(table).resolveState, close),
    reopen: (table, sysId) => book.update(table, sysId, { state: ticketTable(table).reopenState }, username),
    remove: (table, sysId) => book.remove(table, sysId),
    comment: (table, sysId, input) =>
      book.update(
        table,
        sysId,
        { [input.workNote ? 'work_notes' : 'comments']: input.body },
        input.author ?? username,
      ),
    journal: (table, sysId) =>
      book.list(JOURNAL_TABLE).filter((j) => j.element_id === sysId && j.name === table),
    attach: (table, sysId, file) =>
      book.attach(
        table,
        sysId,
        {
          name: file.name,
          contentType: file.contentType ?? 'text/plain',
          bytes: typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content,
        },
        username,
      ),
    attachments: (table, sysId) =>
      book.list(ATTACHMENT_TABLE).filter((a) => a.table_name === table && a.table_sys_id === sysId),
  };

  let app: Express | undefined;
  const servicenow: Servicenow = {
    baseUrl,
    adminToken,
    username,
    password,
    oauth: options.oauth ?? null,
    handlers: [],
    app: () =>
      (app ??= createExpressBridge(servicenow.handlers, { baseUrl, renderError: (e) => kit.error(e) })),
    records,
    ...box.controls,
  };
  servicenow.handlers.push(
    ...createApiHandlers(kit, book, auth),
    ...createAdminHandlers(
      kit,
      () => servicenow,
      seed,
      readAdminJson,
      () => adminToken,
    ),
    kit.notFound(),
  );
  return servicenow;
}

/** A fixed sys_id for the fake's one rate-limit rule (the platform names the rule that fired). */
const RATE_LIMIT_RULE = '5f0c8a2e1b9d4c7e8a3f6b2d9c1e4a70';

const rateLimitHeaders = (limit: number, resetAtMs: number): Record<string, string> => ({
  'X-RateLimit-Limit': String(limit),
  'X-RateLimit-Reset': String(Math.ceil(resetAtMs / 1000)),
  'X-RateLimit-Rule': RATE_LIMIT_RULE,
});

const readAdminJson = (request: Request) =>
  readJsonBody(
    request,
    (reason) =>
      new HttpError(
        400,
        'Invalid JSON',
        `servicenow: failed to parse request body: ${reason}. Send a JSON object.`,
      ),
  );
