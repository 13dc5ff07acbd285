/**
 * ServiceNow authentication: basic auth with a user's name and password, or an OAuth access token
 * from `POST /oauth_token.do` (password and refresh_token grants, tokens expiring on the shared
 * clock). Failures answer in ServiceNow's own words.
 */
import {
  basicCredentials,
  bearerToken,
  createAccessTokens,
  HttpError,
  sameSecret,
} from '../../shared/index.ts';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface Authenticator {
  /** The user a request authenticates as; throws the platform's 401 otherwise. */
  authenticate(request: Request): string;
  /** The token endpoint's answer for a form body, or an error body with status. */
  token(form: URLSearchParams): { status: number; body: Record<string, unknown> };
}

const unauthenticated = () =>
  new HttpError(401, 'User Not Authenticated', 'Required to provide Auth information');

export function createAuthenticator(options: {
  users: () => Record<string, string>;
  oauth: () => OAuthClient | null;
  clock: { now(): number };
  randomHex: () => string;
  /** Access-token lifetime (ServiceNow's default is 30 minutes). */
  tokenLifetimeMs?: number;
}): Authenticator {
  const tokens = createAccessTokens({
    clock: options.clock,
    randomHex: options.randomHex,
    lifetimeMs: options.tokenLifetimeMs ?? 30 * 60_000,
  });

  function issue(user: string) {
    const { accessToken, refreshToken, expiresIn } = tokens.issue(user);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        refresh_token: refreshToken,
        scope: 'useraccount',
        token_type: 'Bearer',
        expires_in: expiresIn,
      },
    };
  }

  /** The user's password, own keys only (a user named `constructor` has none). */
  const passwordOf = (user: string): string | undefined => {
    const users = options.users();
    return Object.hasOwn(users, user) ? users[user] : undefined;
  };

  const denied = { status: 401, body: { error_description: 'access_denied', error: 'server_error' } };

  return {
    authenticate(request) {
      const header = request.headers.get('authorization') ?? '';
      if (/^Basic\s/i.test(header)) {
        const given = basicCredentials(request);
        if (given && sameSecret(given.secret, passwordOf(given.user))) return given.user;
        throw unauthenticated();
      }
      const bearer = bearerToken(header);
      const user = bearer === undefined ? undefined : tokens.userOf(bearer);
      if (user !== undefined) return user;
      throw unauthenticated();
    },
    token(form) {
      const client = options.oauth();
      if (
        !client ||
        !sameSecret(form.get('client_id'), client.clientId) ||
        !sameSecret(form.get('client_secret'), client.clientSecret)
      )
        return denied;
      const grant = form.get('grant_type');
      if (grant === 'password') {
        const user = form.get('username') ?? '';
        return sameSecret(form.get('password'), passwordOf(user)) ? issue(user) : denied;
      }
      if (grant === 'refresh_token') {
        const user = tokens.redeem(form.get('refresh_token') ?? '', false);
        return user ? issue(user) : denied;
      }
      return {
        status: 400,
        body: { error_description: `unsupported grant_type ${grant ?? ''}`, error: 'invalid_request' },
      };
    },
  };
}
