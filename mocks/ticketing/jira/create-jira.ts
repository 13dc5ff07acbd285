/**
 * The Jira Cloud fake: the REST API v3 (and v2) subset Jira V3 uses, behind one msw handler set
 * served in-process or over express. Routes answer at the site root (`https://<site>.atlassian.net
 * /rest/api/3/…`) and under the API gateway path the integration builds from its Cloud ID
 * (`urljoin(server_url, cloud_id)` in JiraV3.py `JiraCloudClient.__init__`:
 * `…/ex/jira/<cloudId>/rest/api/3/…`); the OAuth token endpoint is `POST /oauth/token`.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { RequestHandler } from 'msw';
import { http, HttpResponse } from 'msw';
import type { Clock } from '../../../harness/core/index.ts';
import {
  createAdminHandlers,
  createExpressBridge,
  createFakeState,
  createSeededRandom,
  createVendorKit,
  type FakeControls,
  HttpError,
  readJsonBody,
  type RateLimit,
  type RouteContext,
} from '../../shared/index.ts';
import { createJiraAuth, type OAuthApp } from './auth.ts';
import { createIssueBook } from './book.ts';
import { errorBody, jiraError } from './errors.ts';
import type { ApiVersion } from './fields-input.ts';
import { createIssueHandlers } from './issue-handlers.ts';
import type { IssueInput } from './issue-input.ts';
import { createIssueModel, type IssueModel } from './issue-model.ts';
import { emptyState, type CustomField, type JiraProject, type JiraState } from './model.ts';
import type { View } from './render.ts';
import { createSearchHandlers } from './search-handlers.ts';
import { buildIssue, buildUsers, createSeededFaker } from './seed.ts';
import { isTimeZone } from './zone-time.ts';

export const DEFAULT_BASE_URL = 'http://jira.test';
export const DEFAULT_EMAIL = 'soc-bot@example.com';
export const DEFAULT_API_TOKEN = 'jira-dev-api-token';
export const DEFAULT_CLOUD_ID = '2f1e7c3a-9b4d-4e8f-a6c2-5d0b8e1f3a79';
export const DEFAULT_ACCOUNT_ID = '5b10ac8d82e05b22cc7d4ef5';
const AUTH_SERVER = 'https://auth.atlassian.com';

const DEFAULT_PROJECTS: JiraProject[] = [{ id: '10000', key: 'SOC', name: 'Security Operations' }];
const DEFAULT_CUSTOM_FIELDS: CustomField[] = [
  { id: 'customfield_10040', name: 'XSOAR Incident ID', type: 'string' },
  { id: 'customfield_10041', name: 'Risk Score', type: 'number' },
];

export interface JiraOptions {
  clock: Clock;
  baseUrl?: string;
  cloudId?: string;
  /** The API user's email and API token (basic auth). */
  email?: string;
  apiToken?: string;
  /** The API user's zone (`/myself` timeZone): REST times and JQL dates are in it. Default UTC. */
  timeZone?: string;
  /** OAuth 2.0 (3LO) app for `POST /oauth/token`; off when absent. */
  oauth?: OAuthApp;
  /** Personal access token of the API user (Bearer), if any. */
  pat?: string;
  projects?: JiraProject[];
  customFields?: CustomField[];
  seed?: number;
  /** Issues to generate, or issues to create (model API input), when there is no persisted state. */
  tickets?: number | IssueInput[];
  rateLimit?: RateLimit;
  /** Requests the request journal keeps (default 50,000): the newest, trimmed in batches. */
  journalCapacity?: number;
  persistence?: { read(): Promise<JiraState | null>; write(s: JiraState): Promise<void> };
  /** What `/admin` requests must send as X-Admin-Token (default: a random one, read `adminToken`). */
  adminToken?: string;
}

export interface Jira extends FakeControls<JiraState> {
  readonly baseUrl: string;
  readonly cloudId: string;
  readonly email: string;
  readonly apiToken: string;
  readonly accountId: string;
  /** The `/admin` API's token (X-Admin-Token). */
  readonly adminToken: string;
  readonly handlers: RequestHandler[];
  app(): Express;
  issues: IssueModel;
  /** An OAuth authorization code for the API user, as the consent redirect would carry it. */
  authorize(): string;
}

function checkState(value: unknown): asserts value is JiraState {
  const s = value as JiraState;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.issues) || !Array.isArray(s.users))
    throw new HttpError(
      400,
      'jira',
      'jira: a state is { issues, comments, attachments, files, users, … } as /admin/snapshot returns it',
    );
}

export async function createJira(options: JiraOptions): Promise<Jira> {
  const { clock } = options;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const cloudId = options.cloudId ?? DEFAULT_CLOUD_ID;
  const email = options.email ?? DEFAULT_EMAIL;
  const apiToken = options.apiToken ?? DEFAULT_API_TOKEN;
  const timeZone = options.timeZone ?? 'UTC';
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  if (!isTimeZone(timeZone))
    throw new TypeError(`jira: failed to start: "${timeZone}" is not an IANA time zone`);
  const random = createSeededRandom(options.seed ?? 1);
  const randomHex = () => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');

  const box = createFakeState<JiraState>({
    empty: emptyState,
    check: checkState,
    persistence: options.persistence,
    clock,
    rateLimit: options.rateLimit ?? null,
    journalCapacity: options.journalCapacity,
  });
  const { journal, faults, rateLimiter } = box;
  const book = createIssueBook(box.get, clock, box.changed);
  const issues = createIssueModel(box.get, book, box.atomically, DEFAULT_ACCOUNT_ID, clock);
  const auth = createJiraAuth({
    users: () => box.get().users,
    oauth: () => options.oauth ?? null,
    pats: (): Record<string, string> => (options.pat ? { [options.pat]: DEFAULT_ACCOUNT_ID } : {}),
    clock,
    randomHex,
  });

  function seed(request: unknown): string[] {
    const r = request as Record<string, unknown>;
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      throw jiraError(400, 'jira: the seed body must be a JSON object such as { "n": 20, "seed": 42 }');
    const unknown = Object.keys(r).find((k) => !['tickets', 'n', 'seed'].includes(k));
    if (
      unknown ||
      (r.tickets !== undefined && !Array.isArray(r.tickets)) ||
      (r.n !== undefined && !Number.isInteger(r.n))
    )
      throw jiraError(
        400,
        `jira: failed to seed issues: ${unknown ? `unknown field "${unknown}"` : '"tickets" must be a list and "n" an integer'}. Example: { "n": 20 } or { "tickets": [{ "summary": "VPN down" }] }.`,
      );
    return box.atomically(() => {
      const faker = createSeededFaker((r.seed as number | undefined) ?? options.seed ?? 1);
      const s = box.get();
      if (s.users.length === 0) {
        s.users.push(
          {
            accountId: DEFAULT_ACCOUNT_ID,
            emailAddress: email,
            displayName: 'SOC Bot',
            timeZone,
            active: true,
            apiToken,
          },
          ...buildUsers(faker, 4, timeZone),
        );
        s.projects.push(...(options.projects ?? DEFAULT_PROJECTS));
        s.customFields.push(...(options.customFields ?? DEFAULT_CUSTOM_FIELDS));
      }
      const keys = ((r.tickets as IssueInput[] | undefined) ?? []).map((t) => issues.create(t).key);
      for (let i = 0; i < ((r.n as number | undefined) ?? 0); i++)
        keys.push(issues.create(buildIssue(faker, s.users)).key);
      return keys;
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
    // Jira V3's get_remote_data_command turns "Rate limit exceeded" into XSOAR's "API rate limit".
    rateLimited: (retryAfter) =>
      jiraError(429, 'Rate limit exceeded.', { 'Retry-After': String(retryAfter) }),
    errorBody,
  });

  const viewOf = (ctx: RouteContext, prefix: string, version: ApiVersion): View => {
    const user = box.get().users.find((u) => u.accountId === ctx.principal);
    return {
      api: `${ctx.origin}${prefix}/rest/api/${version}`,
      version,
      zone: user?.timeZone ?? timeZone,
      state: box.get(),
    };
  };

  let app: Express | undefined;
  const jira: Jira = {
    baseUrl,
    cloudId,
    email,
    apiToken,
    accountId: DEFAULT_ACCOUNT_ID,
    adminToken,
    handlers: [],
    app: () => (app ??= createExpressBridge(jira.handlers, { baseUrl })),
    issues,
    authorize: () => auth.authorize(DEFAULT_ACCOUNT_ID),
    ...box.controls,
  };
  for (const prefix of ['', `/ex/jira/${cloudId}`])
    for (const version of ['3', '2'] as ApiVersion[]) {
      const mount = {
        api: `${prefix}/rest/api/${version}`,
        view: (ctx: RouteContext) => viewOf(ctx, prefix, version),
      };
      jira.handlers.push(
        ...createSearchHandlers(kit, clock, mount),
        ...createIssueHandlers(kit, book, box.get, box.atomically, mount),
      );
    }
  const tokenEndpoint = async (request: Request) => {
    const answer = auth.token(new URLSearchParams(await request.text()));
    return HttpResponse.json(answer.body as never, { status: answer.status });
  };
  jira.handlers.push(
    kit.open('POST', '/oauth/token', ({ request }) => tokenEndpoint(request)),
    // Jira V3 posts to Atlassian's own auth server (JiraCloudClient.ATLASSIAN_AUTH_URL); in-process
    // (msw) that host is intercepted too. Over express only the fake's own /oauth/token is reachable.
    http.post(`${AUTH_SERVER}/oauth/token`, ({ request }) => tokenEndpoint(request)),
    ...createAdminHandlers(
      kit,
      () => jira,
      seed,
      readAdminJson,
      () => adminToken,
    ),
    kit.notFound(),
  );
  return jira;
}

const readAdminJson = (request: Request) =>
  readJsonBody(request, (reason) =>
    jiraError(400, `jira: failed to parse request body: ${reason}. Send a JSON object.`),
  );
