/**
 * The helpdesk fake: a stateful ticketing system behind one msw handler set, served in-process or
 * over express. Composition root of the model, the shared vendor pipeline and persistence.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { RequestHandler } from 'msw';
import type { Clock } from '../../../harness/core/index.ts';
import {
  createAdminHandlers,
  createExpressBridge,
  createVendorKit,
  createFakeState,
  type FakeControls,
  HttpError,
  type RateLimit,
} from '../../shared/index.ts';
import { createApiHandlers, readJson } from './api-handlers.ts';
import { buildTicket, createSeededFaker } from './build-ticket.ts';
import {
  emptyState,
  type Comment,
  type HelpdeskState,
  type Ticket,
  type TicketInput,
  type TicketPatch,
} from './model.ts';
import { listTickets, MAX_LIMIT, type TicketFilter } from './query.ts';
import { createTicketBook } from './ticket-book.ts';
import { checkState } from './state-check.ts';

export const DEFAULT_BASE_URL = 'http://helpdesk.test';
export const DEFAULT_API_KEY = 'helpdesk-dev-key';

export interface HelpdeskOptions {
  clock: Clock;
  apiKey?: string;
  /** The `/admin` API's token (X-Admin-Token); default a random one, read it from `adminToken`. */
  adminToken?: string;
  /** Origin the msw handlers answer on (default http://helpdesk.test). */
  baseUrl?: string;
  /** Faker seed for generated tickets (default 1). */
  seed?: number;
  /** How many tickets to generate, or explicit tickets, when there is no persisted state. */
  tickets?: number | TicketInput[];
  /** Requests per window per API key; off when absent. */
  rateLimit?: RateLimit;
  /** Requests the request journal keeps (default 50,000): the newest, trimmed in batches. */
  journalCapacity?: number;
  persistence?: { read(): Promise<HelpdeskState | null>; write(s: HelpdeskState): Promise<void> };
}

export type ListFilter = Omit<TicketFilter, 'limit' | 'cursor' | 'offset'>;

export interface Helpdesk extends FakeControls<HelpdeskState> {
  readonly apiKey: string;
  /** What `/admin` requests send as X-Admin-Token. */
  readonly adminToken: string;
  readonly baseUrl: string;
  readonly handlers: RequestHandler[];
  /** The same handlers over express (API + admin); one app per helpdesk. */
  app(): Express;
  tickets: {
    list(filter?: ListFilter): Ticket[];
    get(id: string): Ticket | undefined;
    create(input: TicketInput): Ticket;
    update(id: string, patch: TicketPatch): Ticket;
    close(id: string, reason?: string, notes?: string): Ticket;
    reopen(id: string): Ticket;
    remove(id: string): void;
    comment(id: string, input: { body: string; author?: string; internal?: boolean }): Comment;
    comments(id: string): Comment[];
  };
}

export async function createHelpdesk(options: HelpdeskOptions): Promise<Helpdesk> {
  const { clock } = options;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');

  const box = createFakeState<HelpdeskState>({
    empty: emptyState,
    check: checkState,
    persistence: options.persistence,
    clock,
    rateLimit: options.rateLimit ?? null,
    journalCapacity: options.journalCapacity,
  });
  const { journal, faults, rateLimiter } = box;
  const book = createTicketBook(box.get, clock, box.changed);
  const { atomically } = box;

  function seed(request: unknown): string[] {
    const r = (request ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      problems.push('the body must be a JSON object');
    else {
      for (const k of Object.keys(r))
        if (!['tickets', 'n', 'seed'].includes(k)) problems.push(`unknown field "${k}"`);
      if (r.tickets !== undefined && !Array.isArray(r.tickets)) problems.push('"tickets" must be an array');
      if (r.n !== undefined && !(Number.isInteger(r.n) && (r.n as number) >= 0 && (r.n as number) <= 100_000))
        problems.push('"n" must be an integer 0..100000');
      if (r.seed !== undefined && !Number.isInteger(r.seed)) problems.push('"seed" must be an integer');
    }
    if (problems.length)
      throw new HttpError(
        400,
        'invalid_request',
        `helpdesk: failed to seed tickets: ${problems.join('; ')}. Example: { "n": 20, "seed": 42 } or { "tickets": [{ "title": "Phishing mail" }] }.`,
      );
    return atomically(() => {
      const ids = ((r.tickets as TicketInput[] | undefined) ?? []).map(
        (t) => book.create(t, { allowSeedFields: true }).id,
      );
      const faker = createSeededFaker((r.seed as number | undefined) ?? 1);
      for (let i = 0; i < ((r.n as number | undefined) ?? 0); i++)
        ids.push(book.create(buildTicket(faker)).id);
      return ids;
    });
  }

  const loaded = await box.load();
  if (!loaded) {
    const t = options.tickets;
    seed(typeof t === 'number' ? { n: t, seed: options.seed ?? 1 } : { tickets: t ?? [] });
  }
  box.seal(loaded);

  const kit = createVendorKit({
    baseUrl,
    clock,
    journal,
    faults,
    rateLimiter,
    apiKey: () => apiKey,
    errorBody: (code, message) => ({ error: { code, message } }),
  });

  let app: Express | undefined;
  const helpdesk: Helpdesk = {
    apiKey,
    adminToken,
    baseUrl,
    handlers: [],
    app: () =>
      (app ??= createExpressBridge(helpdesk.handlers, { baseUrl, renderError: (e) => kit.error(e) })),
    tickets: {
      list(filter = {}) {
        const out: Ticket[] = [];
        let cursor: string | undefined;
        do {
          const page = listTickets(book.all(), {
            ...filter,
            limit: MAX_LIMIT,
            ...(cursor ? { cursor } : {}),
          });
          out.push(...page.data.map((t) => structuredClone(t)));
          cursor = page.next?.cursor;
        } while (cursor);
        return out;
      },
      get: (id) => book.get(id),
      create: (input) => book.create(input, { allowSeedFields: true }),
      update: (id, patch) => book.update(id, patch),
      close: (id, reason, notes) => book.close(id, reason, notes),
      reopen: (id) => book.reopen(id),
      remove: (id) => book.remove(id),
      comment: (id, input) => book.comment(id, input),
      comments: (id) => book.comments(id),
    },
    ...box.controls,
  };
  helpdesk.handlers.push(
    ...createApiHandlers(kit, book),
    ...createAdminHandlers(
      kit,
      () => helpdesk,
      seed,
      readJson,
      () => adminToken,
    ),
    kit.notFound(),
  );
  return helpdesk;
}
