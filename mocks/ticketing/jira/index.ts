/**
 * The Jira Cloud fake: the REST API v3 (and v2) subset Jira V3 uses on its fetch and mirroring
 * paths — JQL search (both paging styles), issues, comments (ADF), transitions, attachments,
 * fields, users — with basic auth (email + API token), Bearer (PAT, OAuth 2.0 tokens from
 * `POST /oauth/token`), 429s, faults and the shared admin API.
 *
 * - `createJira(options)` → `Jira`: `baseUrl`, `cloudId`, `email`, `apiToken`, `accountId`,
 *   `handlers` (msw), `app()` (express), `issues` (create / update / comment / transition / attach /
 *   remove / list / get / comments / attachments), `authorize()` (an OAuth code), and the shared
 *   controls (`faults`, `setRateLimit`, `journal()`, `snapshot()`, `restore()`, `reset()`, `flush()`).
 * - `parseJql` / `runJql` / `matchesJql` / `readDate`: JQL, pure.
 * - `toAdf` / `fromAdf` / `toRenderedHtml` / `adfProblem`: Atlassian Document Format, pure.
 * - `jiraKind`: the registry descriptor (scenario remotes `kind: jira`, `mirrorlab remote jira`).
 */
export {
  createJira,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_API_TOKEN,
  DEFAULT_BASE_URL,
  DEFAULT_CLOUD_ID,
  DEFAULT_EMAIL,
  type Jira,
  type JiraOptions,
} from './create-jira.ts';
export {
  parseJql,
  checkJqlValues,
  readDate,
  JqlError,
  type JqlQuery,
  type JqlIssue,
  type JqlNode,
} from './jql.ts';
export { runJql, matchesJql, type JqlContext } from './jql-eval.ts';
export { toAdf, fromAdf, toRenderedHtml, adfProblem, type AdfDoc, type AdfNode } from './adf.ts';
export { toJiraTime, zoneOffsetMinutes, fromZonedWallClock } from './zone-time.ts';
export type { IssueInput } from './issue-input.ts';
export type { IssueModel } from './issue-model.ts';
export type { JiraState, StoredIssue, StoredComment, StoredAttachment, StatusName } from './model.ts';
export type { OAuthApp } from './auth.ts';
export { jiraKind } from './kind.ts';
