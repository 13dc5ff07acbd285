/**
 * Jira Cloud authentication as Jira V3 does it (JiraV3.py `JiraBaseClient.http_request`): basic auth
 * with a user's email and API token (`get_headers_with_basic_auth`), or a Bearer token — a personal
 * access token, or an OAuth 2.0 (3LO) access token from `POST /oauth/token` on the Atlassian auth
 * server (`JiraCloudClient.oauth2_retrieve_access_token`: form fields client_id, client_secret,
 * grant_type authorization_code + code + redirect_uri, or refresh_token; it reads access_token,
 * refresh_token, scope and expires_in). Tokens expire on the shared clock. Codes come from
 * `authorize()` — the consent screen the user would click through.
 */
import { basicCredentials, bearerToken, createAccessTokens, sameSecret } from '../../shared/index.ts';
import { jiraError } from './errors.ts';
import type { JiraUser } from './model.ts';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
}

export interface JiraAuth {
  /** The account id a request authenticates as; Jira's 401 otherwise. */
  authenticate(request: Request): string;
  /** An authorization code for a user, as the redirect to the callback URL carries it. */
  authorize(accountId: string): string;
  /** The token endpoint's answer to a form body. */
  token(form: URLSearchParams): { status: number; body: Record<string, unknown> };
}

const unauthenticated = () =>
  jiraError(401, 'You are not authenticated. Authentication required to perform this operation.');

export function createJiraAuth(options: {
  users: () => JiraUser[];
  oauth: () => OAuthApp | null;
  /** Personal access tokens → account id. */
  pats: () => Record<string, string>;
  clock: { now(): number };
  randomHex: () => string;
  /** Atlassian's access tokens live an hour. */
  tokenLifetimeMs?: number;
}): JiraAuth {
  const tokens = createAccessTokens({
    clock: options.clock,
    randomHex: options.randomHex,
    lifetimeMs: options.tokenLifetimeMs ?? 3_600_000,
  });
  const codes = new Map<string, string>();

  const issue = (user: string) => {
    const { accessToken, refreshToken, expiresIn } = tokens.issue(user);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        refresh_token: refreshToken,
        expires_in: expiresIn,
        scope: 'read:jira-work read:jira-user write:jira-work offline_access',
        token_type: 'Bearer',
      },
    };
  };
  const invalidGrant = (description: string) => ({
    status: 403,
    body: { error: 'invalid_grant', error_description: description },
  });

  return {
    authenticate(request) {
      const header = request.headers.get('authorization') ?? '';
      if (/^Basic\s/i.test(header)) {
        const given = basicCredentials(request);
        const user = given && options.users().find((u) => u.emailAddress === given.user);
        if (given && user?.active && sameSecret(given.secret, user.apiToken)) return user.accountId;
        throw unauthenticated();
      }
      const bearer = bearerToken(header);
      if (bearer) {
        // Own keys only: a token named `constructor` is no personal access token.
        const pats = options.pats();
        if (Object.hasOwn(pats, bearer)) return pats[bearer]!;
        const user = tokens.userOf(bearer);
        if (user !== undefined) return user;
      }
      throw unauthenticated();
    },
    authorize(accountId) {
      if (!options.users().some((u) => u.accountId === accountId))
        throw new TypeError(`jira: failed to authorize: no user with account id "${accountId}"`);
      const code = options.randomHex();
      codes.set(code, accountId);
      return code;
    },
    token(form) {
      const app = options.oauth();
      if (
        !app ||
        !sameSecret(form.get('client_id'), app.clientId) ||
        !sameSecret(form.get('client_secret'), app.clientSecret)
      )
        return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        const user = codes.get(form.get('code') ?? '');
        if (!user) return invalidGrant('Invalid authorization code');
        codes.delete(form.get('code') ?? '');
        return issue(user);
      }
      if (grant === 'refresh_token') {
        // Atlassian rotates refresh tokens: the old one stops working.
        const user = tokens.redeem(form.get('refresh_token') ?? '', true);
        return user ? issue(user) : invalidGrant('Unknown or invalid refresh token.');
      }
      return {
        status: 400,
        body: {
          error: 'unsupported_grant_type',
          error_description: `grant_type "${grant ?? ''}" is not supported`,
        },
      };
    },
  };
}
