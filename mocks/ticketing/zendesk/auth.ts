/**
 * Zendesk's authentication as Zendesk v2 uses it: basic auth with `{email}/token:{api token}` (the
 * integration sends the credentials' identifier and password as they are, so the user writes
 * `admin@example.com/token` as the identifier), basic auth with the agent's password when the fake
 * is given one (Zendesk accounts can turn password access off, so it is off by default), and an
 * OAuth access token as `Authorization: Bearer <token>` (the integration sends that when the
 * identifier is empty). The principal is the user's id; a wrong credential is a 401 in Zendesk's
 * words and changes nothing.
 */
import { basicCredentials, bearerKey, sameSecret } from '../../shared/index.ts';
import { unauthorized } from './errors.ts';
import type { ZendeskState } from './model.ts';

export interface ZendeskCredentials {
  /** The agent the API is used as. */
  email: string;
  apiToken: string;
  /** Password access, off unless given. */
  password?: string;
  /** An OAuth access token accepted as Bearer, off unless given. */
  oauthToken?: string;
}

export function authenticate(request: Request, state: ZendeskState, credentials: ZendeskCredentials): string {
  const agent = Object.values(state.users).find(
    (u) => u.email.toLowerCase() === credentials.email.toLowerCase(),
  );
  if (!agent) throw unauthorized();
  const bearer = bearerKey(request);
  if (bearer !== undefined) {
    if (sameSecret(bearer, credentials.oauthToken)) return String(agent.id);
    throw unauthorized();
  }
  const given = basicCredentials(request);
  if (!given) throw unauthorized();
  const email = given.user.replace(/\/token$/, '');
  if (email.toLowerCase() !== agent.email.toLowerCase()) throw unauthorized();
  const ok = given.user.endsWith('/token')
    ? sameSecret(given.secret, credentials.apiToken)
    : sameSecret(given.secret, credentials.password);
  if (!ok) throw unauthorized();
  return String(agent.id);
}
