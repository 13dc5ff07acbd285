/**
 * `defineFake`: the kit as one call. A vendor fake is a state model plus msw routes; this wires
 * them into the shared pipeline (journal → faults → auth → rate limit → route, errors in the
 * vendor's shape), the admin API (faults, seed, reset, snapshot/restore, journal, rate limit),
 * write-behind persistence (lowdb's adapter shape), faker seeding and the express bridge, all on
 * the clock the caller passes in. The helpdesk and ServiceNow predate it and compose the same
 * pieces by hand; new vendors (Zendesk, users' own) are written with it.
 */
import { randomBytes } from 'node:crypto';
import { Faker, base, en } from '@faker-js/faker';
import type { Express } from 'express';
import type { HttpHandler, RequestHandler } from 'msw';
import { createAdminHandlers } from './admin-handlers.ts';
import { createExpressBridge } from './express-bridge.ts';
import { createFakeState, type FakeControls } from './fake-state.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './json-body.ts';
import type { Json } from './json.ts';
import type { Persistence } from './persistence.ts';
import type { RateLimit, RateWindow } from './rate-limiter.ts';
import { createVendorKit, type Method, type RouteResolver } from './vendor-kit.ts';

/** What a fake's routes and seeding see. */
export interface FakeContext<S, O, I = unknown> {
  /** A journaled, fault-injectable, authenticated and rate-limited route under the base URL. */
  api(method: Method, path: string, resolve: RouteResolver): HttpHandler;
  /** A route without auth, faults or journal (e.g. an OAuth token endpoint's own checks). */
  open(method: Method, path: string, resolve: RouteResolver): HttpHandler;
  /** The current state (read-only by convention: write through `change`). */
  state(): S;
  /** Runs a change all-or-nothing (a throw restores the state) and persists it. */
  change<T>(fn: (state: S) => T): T;
  /** Adds one item through the definition's `insert`, all or nothing; returns its id. */
  insert(input: I): string;
  /** The shared clock's time (epoch ms): stamp records with it, never with Date.now(). */
  now(): number;
  /** A JSON body, or the vendor's 400 when it is not JSON; undefined when there is none. */
  readJson(request: Request): Promise<unknown>;
  /** The options the fake was created with (vendor extras included). */
  options: O & FakeOptions<unknown>;
  baseUrl: string;
}

export interface FakeDefinition<S, I = Record<string, unknown>, O = object> {
  /** Short name used in messages (`alertly: failed to seed …`). */
  name: string;
  /** Origin the msw handlers answer on in-process (e.g. http://alertly.test). */
  baseUrl: string;
  /** A fresh, empty state. It must be JSON: it is persisted and snapshotted as is. */
  empty(): S;
  /** Throws when a restored or persisted value is not a state (default: must be an object). */
  check?(value: unknown): asserts value is S;
  /** The vendor's error body for an HttpError (code, message). */
  errorBody(code: string, message: string): Json;
  /** The vendor's 400 for a malformed JSON body (default: HttpError 400 `invalid_json`). */
  invalidJson?(reason: string): HttpError;
  /**
   * Who a request is (the principal the rate limiter counts), or an HttpError 401 in the vendor's
   * words. Default: `Authorization: Bearer <apiKey>`.
   */
  authenticate?(request: Request, ctx: FakeContext<S, O, I>): string;
  /** The default API key for Bearer auth (overridable with the `apiKey` option). */
  apiKey?: string;
  /** The vendor's 429 (default: `rate_limited` with Retry-After). */
  rateLimited?(retryAfterSeconds: number, window: RateWindow): HttpError;
  /** Adds one item (seed or scenario input) to the state and returns its id; throws on bad input. */
  insert(state: S, input: I, ctx: FakeContext<S, O, I>): string;
  /** A realistic item input, deterministic under the seeded faker (for `items: N` and /admin/seed). */
  build?(faker: Faker, index: number, state: S): I;
  /** Runs once on a fresh state before items are inserted (users, groups, counters…). */
  prepare?(state: S, faker: Faker, ctx: FakeContext<S, O, I>): void;
  /** The vendor's API routes. */
  routes(ctx: FakeContext<S, O, I>): HttpHandler[];
}

export interface FakeOptions<I> {
  /** The clock records are stamped with: pass the harness so both sides share (virtual) time. */
  clock: { now(): number };
  baseUrl?: string;
  apiKey?: string;
  /** Faker seed for built items (default 1). */
  seed?: number;
  /** A number of faker-built items, or the items themselves, when nothing was persisted. */
  items?: number | I[];
  /** Requests per window per principal; off when absent. */
  rateLimit?: RateLimit | null;
  /** Requests the request journal keeps (default 50,000): the newest, trimmed in batches. */
  journalCapacity?: number;
  /** Where the state is kept (lowdb's adapter shape); memory only when absent. */
  persistence?: Persistence<unknown>;
  /** What `/admin` requests must send as X-Admin-Token (default: a random one, read `adminToken`). */
  adminToken?: string;
}

export interface Fake<S> extends FakeControls<S> {
  readonly name: string;
  readonly baseUrl: string;
  /** The Bearer key, when the fake uses the default auth. */
  readonly apiKey: string;
  /** The `/admin` API's token (X-Admin-Token). */
  readonly adminToken: string;
  /** API, admin and a final loud 404, for `setupServer(...fake.handlers)`. */
  readonly handlers: RequestHandler[];
  /** The same handlers over express, for `listen(fake.app())`; one app per fake. */
  app(): Express;
  state(): S;
  change<T>(fn: (state: S) => T): T;
  /** Adds explicit and/or faker-built items, all or nothing; returns their ids. */
  seed(request: { items?: unknown[]; n?: number; seed?: number }): string[];
}

export interface FakeFactory<S, I, O> {
  readonly name: string;
  create(options: FakeOptions<I> & O): Promise<Fake<S>>;
}

/** A faker that repeats: same seed, same items. */
export function createSeededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function defineFake<S, I = Record<string, unknown>, O = object>(
  definition: FakeDefinition<S, I, O>,
): FakeFactory<S, I, O> {
  const check =
    definition.check ??
    ((value: unknown): asserts value is S => {
      if (!isObject(value))
        throw new HttpError(400, 'invalid_state', `${definition.name}: a state is a JSON object`);
    });
  return {
    name: definition.name,
    async create(options) {
      const { clock } = options;
      const baseUrl = (options.baseUrl ?? definition.baseUrl).replace(/\/+$/, '');
      const apiKey = options.apiKey ?? definition.apiKey ?? `${definition.name}-dev-key`;
      const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
      const box = createFakeState<S>({
        empty: definition.empty,
        check,
        persistence: options.persistence as Persistence<S> | undefined,
        clock,
        rateLimit: options.rateLimit ?? null,
        journalCapacity: options.journalCapacity,
      });
      const { journal, faults, rateLimiter } = box;
      const invalidJson =
        definition.invalidJson ??
        ((reason: string) => new HttpError(400, 'invalid_json', `request body is not JSON: ${reason}`));
      const readJson = (request: Request) => readJsonBody(request, invalidJson);
      const change = <T>(fn: (state: S) => T): T => {
        const out = box.atomically(() => fn(box.get()));
        box.changed();
        return out;
      };

      // The context exists before the kit: authenticate and routes both close over it.
      let kit: ReturnType<typeof createVendorKit> | undefined;
      const ctx: FakeContext<S, O, I> = {
        api: (method, path, resolve) => kit!.api(method, path, resolve),
        open: (method, path, resolve) => kit!.open(method, path, resolve),
        state: box.get,
        change,
        insert: (input) => change((state) => definition.insert(state, input, ctx)),
        now: () => clock.now(),
        readJson,
        options: options as O & FakeOptions<unknown>,
        baseUrl,
      };
      kit = createVendorKit({
        baseUrl,
        clock,
        journal,
        faults,
        rateLimiter,
        apiKey: () => apiKey,
        ...(definition.authenticate
          ? { authenticate: (request: Request) => definition.authenticate!(request, ctx) }
          : {}),
        ...(definition.rateLimited ? { rateLimited: definition.rateLimited } : {}),
        errorBody: definition.errorBody,
      });

      function seed(request: unknown): string[] {
        const problems: string[] = [];
        const r = isObject(request) ? request : {};
        if (!isObject(request)) problems.push('the body must be a JSON object');
        for (const k of Object.keys(r))
          if (!['items', 'n', 'seed'].includes(k)) problems.push(`unknown field "${k}"`);
        if (r.items !== undefined && !Array.isArray(r.items)) problems.push('"items" must be an array');
        const n = r.n ?? 0;
        if (!(Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 100_000))
          problems.push('"n" must be an integer 0..100000');
        if (r.seed !== undefined && !Number.isInteger(r.seed)) problems.push('"seed" must be an integer');
        if ((n as number) > 0 && !definition.build)
          problems.push('this fake has no faker builder: give "items"');
        if (problems.length)
          throw new HttpError(
            400,
            'invalid_request',
            `${definition.name}: failed to seed: ${problems.join('; ')}. Example: { "n": 20, "seed": 42 } or { "items": [ … ] }.`,
          );
        const faker = createSeededFaker((r.seed as number | undefined) ?? options.seed ?? 1);
        return change((state) => {
          const ids = ((r.items as I[] | undefined) ?? []).map((item) => definition.insert(state, item, ctx));
          for (let i = 0; i < (n as number); i++)
            ids.push(definition.insert(state, definition.build!(faker, i, state), ctx));
          return ids;
        });
      }

      const loaded = await box.load();
      if (!loaded) {
        const faker = createSeededFaker(options.seed ?? 1);
        if (definition.prepare) change((state) => definition.prepare!(state, faker, ctx));
        const items = options.items;
        seed(typeof items === 'number' ? { n: items, seed: options.seed ?? 1 } : { items: items ?? [] });
      }
      box.seal(loaded);

      let app: Express | undefined;
      const fake: Fake<S> = {
        name: definition.name,
        baseUrl,
        apiKey,
        adminToken,
        handlers: [],
        app: () => (app ??= createExpressBridge(fake.handlers, { baseUrl })),
        state: box.get,
        change,
        seed: (request) => seed(request),
        ...box.controls,
      };
      fake.handlers.push(
        ...definition.routes(ctx),
        ...createAdminHandlers(
          kit,
          () => fake,
          seed,
          readJson,
          () => adminToken,
        ),
        kit.notFound(),
      );
      return fake;
    },
  };
}
