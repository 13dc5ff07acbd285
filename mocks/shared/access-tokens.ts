/**
 * OAuth access and refresh tokens as the vendor fakes hand them out: random, bound to a user,
 * access tokens expiring on the fake's clock. Each vendor shapes its own token endpoint's answer
 * and error words; this holds only the bookkeeping they share.
 */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as `expires_in` carries it. */
  expiresIn: number;
}

export interface AccessTokens {
  issue(user: string): IssuedTokens;
  /** The user an unexpired access token belongs to. */
  userOf(accessToken: string): string | undefined;
  /** The user a refresh token belongs to; `rotate` retires it (Atlassian), else it stays valid. */
  redeem(refreshToken: string, rotate: boolean): string | undefined;
}

export function createAccessTokens(options: {
  clock: { now(): number };
  randomHex: () => string;
  lifetimeMs: number;
}): AccessTokens {
  const access = new Map<string, { user: string; expires: number }>();
  const refresh = new Map<string, string>();
  return {
    issue(user) {
      const accessToken = options.randomHex();
      const refreshToken = options.randomHex();
      access.set(accessToken, { user, expires: options.clock.now() + options.lifetimeMs });
      refresh.set(refreshToken, user);
      return { accessToken, refreshToken, expiresIn: Math.floor(options.lifetimeMs / 1000) };
    },
    userOf(accessToken) {
      const token = access.get(accessToken);
      return token && token.expires > options.clock.now() ? token.user : undefined;
    },
    redeem(refreshToken, rotate) {
      const user = refresh.get(refreshToken);
      if (user !== undefined && rotate) refresh.delete(refreshToken);
      return user;
    },
  };
}
