/**
 * Jira Cloud's descriptor (mocks/registry lists it). As a scenario / createHarness remote, issues
 * are addressed by key (SOC-1) or id; `close` is the transition to Done with `reason` as the
 * resolution, `reopen` the transition back to To Do; `comment` adds a comment as the API user (or
 * `author`, an account id). `items()` / `item()` / `comments()` give issues as a person reads them
 * (issue-record.ts: text for ADF, ISO times), which expectations match and the dashboard shows.
 * `remote: j` wires Jira V3's params: `server_url` (the gateway path the integration joins the
 * Cloud ID onto), `cloud_id` and `basic_credentials` (email + API token);
 * with `hosts: [api.atlassian.com, auth.atlassian.com]` the real gateway URL instead, its requests
 * redirected here by the Python runtime.
 */
import { z } from 'zod';
import {
  defineRemoteKind,
  listen,
  serveFakeRemote,
  standardActions,
  type StartRemote,
} from '../../shared/index.ts';
import { createJira, DEFAULT_API_TOKEN, DEFAULT_EMAIL, type JiraOptions } from './create-jira.ts';
import type { IssueInput } from './issue-input.ts';
import { toAttachmentRecord, toCommentRecord, toIssueRecord } from './issue-record.ts';
import { JIRA_TICKET_VIEW } from './ticket-view.ts';

const settings = z.strictObject({
  email: z.string().describe(`jira: the API user's email (default ${DEFAULT_EMAIL})`).optional(),
  apiToken: z.string().describe('jira: the API token (basic auth email:token)').optional(),
  clientId: z.string().describe('jira: OAuth 2.0 app client id (turns POST /oauth/token on)').optional(),
  clientSecret: z.string().describe('jira: OAuth 2.0 app client secret').optional(),
  timeZone: z.string().describe("jira: the API user's time zone (JQL dates are read in it)").optional(),
});
type Settings = z.infer<typeof settings>;

const id = z.union([z.string(), z.number()]);
const ATLASSIAN_API_HOST = 'api.atlassian.com';

const startJiraRemote: StartRemote<Settings> = async (name, settings, options) => {
  const jira = await createJira({
    clock: options.clock,
    ...(settings.email !== undefined ? { email: settings.email } : {}),
    ...(settings.apiToken !== undefined ? { apiToken: settings.apiToken } : {}),
    ...(settings.timeZone !== undefined ? { timeZone: settings.timeZone } : {}),
    ...(settings.clientId !== undefined
      ? { oauth: { clientId: settings.clientId, clientSecret: settings.clientSecret ?? '' } }
      : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tickets !== undefined
      ? {
          tickets:
            typeof settings.tickets === 'number' ? settings.tickets : (settings.tickets as IssueInput[]),
        }
      : {}),
    ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
  } as JiraOptions);
  const ref = (value: string | number | undefined) => String(value);
  return serveFakeRemote(jira, { name, kind: 'jira' }, options, {
    instanceParams: (url, w) => ({
      // urljoin("<url>/ex/jira/", cloud_id) → "<url>/ex/jira/<cloud_id>", where the fake serves the API.
      // With api.atlassian.com redirected here (the remote's `hosts`), the real gateway URL, which
      // Jira V3's test-module insists on when a Cloud ID is set.
      [w.urlParam ?? 'server_url']: settings.hosts?.includes(ATLASSIAN_API_HOST)
        ? `https://${ATLASSIAN_API_HOST}/ex/jira`
        : `${url}/ex/jira/`,
      cloud_id: jira.cloudId,
      [w.keyParam ?? 'basic_credentials']: { identifier: jira.email, password: jira.apiToken },
    }),
    act(action) {
      const issues = jira.issues;
      if (action.create !== undefined) issues.create(action.create as IssueInput);
      else if (action.update !== undefined)
        issues.update(ref(action.update), (action.fields ?? {}) as IssueInput);
      else if (action.comment !== undefined)
        issues.comment(ref(action.comment), action.body ?? '', action.author);
      else if (action.close !== undefined) issues.transition(ref(action.close), 'Done', action.reason);
      else if (action.reopen !== undefined) issues.transition(ref(action.reopen), 'To Do');
      else if (action.delete !== undefined) issues.remove(ref(action.delete));
      else if (action.attach !== undefined)
        issues.attach(ref(action.attach), {
          filename: action.name ?? 'file.txt',
          content: action.body ?? '',
        });
    },
    // Issues as a person reads them (issue-record.ts): what expectations and the dashboard see.
    items: () => jira.issues.list().map((i) => toIssueRecord(i, jira.issues.users())),
    item(key) {
      const issue = jira.issues.get(key);
      return issue && toIssueRecord(issue, jira.issues.users());
    },
    comments: (key) => jira.issues.comments(key).map((c) => toCommentRecord(c, jira.issues.users())),
    attachments: (key) => jira.issues.attachments(key).map(toAttachmentRecord),
  });
};

export const jiraKind = defineRemoteKind<Settings>({
  kind: 'jira',
  summary: 'the Jira Cloud REST API subset Jira V3 uses (JQL search, issues, ADF comments, transitions)',
  settings,
  actions: {
    ...standardActions('create', 'update', 'reopen', 'delete', 'attach'),
    comment: z.strictObject({
      comment: id,
      body: z.string(),
      author: z.string().describe("the author's account id (default: the API user)").optional(),
    }),
    close: z.strictObject({
      close: id,
      reason: z.string().describe('the resolution (default Done)').optional(),
    }),
  },
  start: startJiraRemote,
  dashboard: JIRA_TICKET_VIEW,
  view: {
    noun: 'issue',
    id: 'key',
    title: 'summary',
    status: 'status',
    updated: 'updated',
    description: 'description',
    closedStatuses: ['Done'],
    // No `author` here: the dashboard's author is a name, and a Jira comment's author an account id
    // (the `comment` action's `author`), so the dashboard's comments are the API user's.
    comment: { body: 'body', created: 'created' },
  },
  cli: {
    port: 4400,
    options: {
      email: {
        type: 'string',
        value: 'E',
        description: `jira: the API user's email (default ${DEFAULT_EMAIL})`,
      },
      'api-token': { type: 'string', value: 'T', description: 'jira: the API token' },
    },
    async start(ctx) {
      const option = (key: string) => ctx.values[key] as string | undefined;
      const jira = await createJira({
        clock: ctx.clock,
        seed: ctx.seed,
        tickets: ctx.tickets,
        persistence: ctx.persistence,
        ...(option('email') !== undefined ? { email: option('email') } : {}),
        ...(option('api-token') !== undefined ? { apiToken: option('api-token') } : {}),
      } as JiraOptions);
      const server = await listen(jira.app(), { host: ctx.host, port: ctx.port });
      const token =
        option('api-token') === undefined
          ? `${DEFAULT_API_TOKEN}   (default; set --api-token)`
          : '(as given with --api-token)';
      return {
        banner: [
          `jira listening on ${server.url}`,
          `  API:       ${server.url}/rest/api/3/search/jql   (basic auth ${jira.email} : API token)`,
          `  token:     ${token}`,
          `  cloud id:  ${jira.cloudId}   (Jira V3: server_url ${server.url}/ex/jira/)`,
          `  admin:     ${server.url}/admin    (X-Admin-Token: ${jira.adminToken})`,
          `  state:     ${ctx.file}   (${jira.issues.list().length} issues)`,
        ],
        async close() {
          await server.close();
          await jira.flush();
        },
      };
    },
  },
});
